"""Getting proposals in: the intake form, numbering, Word files, earlier years, leads."""
