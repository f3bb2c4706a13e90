"""Screens that bring proposals in: the intake form, Word files, earlier years, leads."""
