"""Screens for office set-up: the first-run wizard, dictionaries, terms and sessions."""
