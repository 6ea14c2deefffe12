"""analyse layer (filled by later issues)."""
