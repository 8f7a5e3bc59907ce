"""Files: atomic saves, untrusted model files, the catalog of models, per-user folders, shipped resources."""
