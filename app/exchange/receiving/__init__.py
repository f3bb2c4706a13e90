"""Importing a file: read and check it, plan (the dry run), apply, check, write a receipt."""
