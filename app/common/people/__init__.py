"""Helpers about people: citizen ID numbers (and masking personal numbers), the order of names."""
