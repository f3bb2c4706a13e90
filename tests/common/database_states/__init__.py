"""Putting a test database into a state: read-only for real, or write-locked by another program."""
