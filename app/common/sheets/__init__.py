"""Reading the office's spreadsheets.

Finding the table under its titles, merged cells, dates and numbers as clerks type them.
"""
