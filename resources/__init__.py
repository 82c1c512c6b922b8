"""Bundled data files: frameworks, translations, sample catalogues."""
