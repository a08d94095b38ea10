"""reader.document package."""
