"""A meeting's printed materials and the annual plan as Word files (one source for Qt too)."""
