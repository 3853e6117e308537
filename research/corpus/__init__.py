"""Ingesters: each reads one real-world format into ``research.types.Document``."""
