"""Translations that know which revision of their original they follow (record.py), and what
has changed in the original since (stale.py)."""
