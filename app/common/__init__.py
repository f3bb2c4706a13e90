"""Helpers every feature shares.

Errors, text, paths, logs, settings, storage (opening the database), long-work
progress, ID numbers, spreadsheet reading (sheets/) and the official-document
builder (documents/).
"""
