"""Screens of review, assignment, handling and supervision; the overdue list and ledger."""
