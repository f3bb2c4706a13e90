"""Reading the office's spreadsheets (.xlsx, .xls, .ods).

Finding the table under its titles, merged cells, dates and numbers as clerks type
them. Start at reader.read_rows.
"""

# For the file dialogs of every import: the formats the reader opens.
SPREADSHEET_FILTER = "表格文件 (*.xlsx *.xls *.ods);;所有文件 (*)"
