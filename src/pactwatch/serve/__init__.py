"""serve layer (filled by later issues)."""
