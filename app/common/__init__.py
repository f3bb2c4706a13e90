"""Helpers every feature shares: errors, text, paths, logs, settings, storage, long-work
progress, ID numbers, name order, spreadsheet reading and the official-document builder."""
