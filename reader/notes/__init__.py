"""reader.notes package."""
