"""Word lists the analysis reads, one entry or group a line.

Loaded by `reader.analysis.wordlists`, the one loader.
"""
