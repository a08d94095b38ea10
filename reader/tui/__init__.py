"""reader.tui package."""
