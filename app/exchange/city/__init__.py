"""The city's combined view of its counties: figures, the Excel workbook, the demo."""
