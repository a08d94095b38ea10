"""reader.analysis package."""
