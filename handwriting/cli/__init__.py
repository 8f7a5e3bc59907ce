"""The command line: `handwriting train|evaluate|predict|gui|paths|personal ...`."""
