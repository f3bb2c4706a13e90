"""Reading the office's spreadsheets: finding the table under its titles, merged cells, dates and numbers as clerks type them."""
