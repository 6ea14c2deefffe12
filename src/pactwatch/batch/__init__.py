"""batch layer (filled by later issues)."""
