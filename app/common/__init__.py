"""Helpers every feature shares.

Errors, text, paths, logs, settings, storage (opening the database), long-work
progress, ID numbers, name order (姓氏笔画/拼音), spreadsheet reading (sheets/)
and the official-document builder (documents/).
"""
