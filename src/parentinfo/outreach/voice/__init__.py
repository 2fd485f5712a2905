"""The spoken call: its script, voices and recordings."""
