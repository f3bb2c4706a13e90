"""Widgets and helpers every screen shares: error messages, the long-work helper, pages and confirmations."""
