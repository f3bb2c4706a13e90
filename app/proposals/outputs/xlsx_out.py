"""Plain tables written to .xlsx for publication and statistics: text stays text.

Every string is written as a text cell (never a formula, whatever it starts
with); whole numbers (counts, years) are numbers. A title row and an
information row above the header; printed landscape, fitted to the width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.common.documents import write_atomically

FONT = "宋体"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="E9ECF1")
WRAP = Alignment(vertical="center", wrap_text=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)

Cell = str | int | float | None


@dataclass(frozen=True)
class SheetTable:
    name: str  # the worksheet's name (≤ 31 characters)
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]
    info: str = ""


def write_tables(path: Path, tables: Sequence[SheetTable], creator: str = "") -> Path:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for table in tables:
        _sheet(book.create_sheet(table.name[:31]), table)
    book.properties.creator = creator
    if tables:
        book.properties.title = tables[0].title
    return write_atomically(Path(path), book.save)


def put(sheet: Worksheet, row: int, column: int, value: Cell):
    """A cell whose text is text: "=1+1" or "+86…" is never read as a formula."""
    cell = sheet.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        cell.number_format = "@"
    return cell


def _sheet(sheet: Worksheet, table: SheetTable) -> None:
    width = len(table.headers)
    last = get_column_letter(width)
    sheet.merge_cells(f"A1:{last}1")
    title = put(sheet, 1, 1, table.title)
    title.font = Font(name=FONT, size=16, bold=True)
    title.alignment = CENTRE
    sheet.row_dimensions[1].height = 30
    header_row = 2
    if table.info:
        sheet.merge_cells(f"A2:{last}2")
        put(sheet, 2, 1, table.info).font = Font(name=FONT, size=10)
        header_row = 3
    for column, header in enumerate(table.headers, start=1):
        cell = put(sheet, header_row, column, header)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill, cell.border, cell.alignment = HEADER_FILL, BORDER, CENTRE
    for r, values in enumerate(table.rows, start=header_row + 1):
        for column, value in enumerate(values, start=1):
            cell = put(sheet, r, column, value)
            cell.font = Font(name=FONT, size=11)
            cell.border = BORDER
            cell.alignment = CENTRE if not isinstance(value, str) or len(value) < 6 else WRAP
    for column, w in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = w
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
