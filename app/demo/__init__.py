"""Demonstration data for a set-up office."""
