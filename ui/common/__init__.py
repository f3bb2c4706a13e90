"""Widgets and helpers every screen shares: error messages, long work, pages, confirmations."""
