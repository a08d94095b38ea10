"""Word lists the analysis reads, one entry or group a line; loaded by `reader.analysis.wordlists`."""
