"""Linking across reports: entity identity, stories, origins, timelines, contradictions."""
