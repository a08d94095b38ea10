"""reader.data package."""
