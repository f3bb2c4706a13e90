"""Excel workbooks the program writes: text stays text, and every sheet prints well.

Every cell goes through `write_cell`. openpyxl turns any string starting with "="
into a formula; a member named =HYPERLINK(...) must stay a name, so text is
written as a string cell (data_type "s"). A text Excel would read as a formula
once a clerk edits the cell (= + - @) also gets Excel's quote prefix. Characters
XML cannot hold are dropped, so one bad value already stored never stops an output.

openpyxl cannot measure text, so `fit_row_heights` estimates how many lines a
wrapped cell takes from its text and its column width (rows stay one line high
otherwise and the text overlaps the rows below).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.common.documents import write_atomically
from app.common.text import printable

TEXT_FORMAT = "@"  # Excel's text format: typed numbers stay text (no 1.50523E+17)
DATE_FORMAT = "yyyy-mm-dd"
FORMULA_STARTS = ("=", "+", "-", "@")
THIN_GREY = Side(style="thin", color="808080")
GRID = Border(left=THIN_GREY, right=THIN_GREY, top=THIN_GREY, bottom=THIN_GREY)
DEFAULT_COLUMN_WIDTH = 8.43  # Excel's, in widths of "0"


def write_cell(
    sheet: Worksheet, row: int, column: int, value: object, number_format: str | None = None
) -> Cell:
    """Put one value in a cell, safely.

    str: a text cell, never a formula; bool: 是/否; int, float, Decimal: a number;
    date, datetime: a date (yyyy-mm-dd unless `number_format` says otherwise);
    None: empty. Anything else is written as its text.
    """
    cell = sheet.cell(row, column)
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, bool):
        _text(cell, "是" if value else "否")
    elif isinstance(value, int | float | Decimal):
        cell.value = value
    elif isinstance(value, datetime | date | time):
        cell.value = value
        cell.number_format = number_format or DATE_FORMAT
        return cell
    else:
        _text(cell, printable(value))
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _text(cell: Cell, text: str) -> None:
    cell.value = text
    cell.data_type = "s"  # set after the value: openpyxl guesses "f" for "=…"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # stays text when the clerk edits it in Excel


def write_row(sheet: Worksheet, row: int, values: Iterable[object], first_column: int = 1) -> None:
    for column, value in enumerate(values, start=first_column):
        write_cell(sheet, row, column, value)


def draw_grid(sheet: Worksheet, rows: range, columns: range, border: Border = GRID) -> None:
    """Gridlines as borders: Excel and WPS print no gridlines by default."""
    for row in rows:
        for column in columns:
            sheet.cell(row, column).border = border


def set_column_widths(sheet: Worksheet, widths: Sequence[float], first_column: int = 1) -> None:
    for column, width in enumerate(widths, start=first_column):
        sheet.column_dimensions[get_column_letter(column)].width = width


def set_up_printing(
    sheet: Worksheet,
    title_rows: tuple[int, int] | None = None,
    landscape: bool = True,
    header: str = "",
    margins_inch: tuple[float, float] = (0.4, 0.6),
) -> None:
    """A4, fitted to the page width (as many pages down as needed), centred, the
    `title_rows` (first, last) repeated on every page, 第 1 页，共 N 页 in the footer."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows is not None:
        sheet.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    sheet.print_options.horizontalCentered = True
    sides, ends = margins_inch
    sheet.page_margins.left = sheet.page_margins.right = sides
    sheet.page_margins.top = sheet.page_margins.bottom = ends
    # The running header and the page numbers in the margins, clear of the table.
    sheet.page_margins.header = sheet.page_margins.footer = min(0.3, ends / 2)
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    if header:
        sheet.oddHeader.right.text = printable(header).replace("&", "&&")


# --- row heights -------------------------------------------------------------------


def text_lines(text: str, width: float, font_size: float = 11) -> int:
    """How many lines `text` takes when wrapped in a column `width` wide (Excel units).

    A Chinese character of 11 pt is about two units wide, a Latin one about one;
    0.8 units go to the cell's padding. An estimate, erring towards more lines.
    """
    if not text:
        return 1
    scale = font_size / 11
    usable = max(width - 0.8, 1.0)
    lines = 0
    for paragraph in str(text).split("\n"):
        units = sum((1.1 if ord(c) < 0x2000 else 2.05) * scale for c in paragraph)
        lines += max(1, math.ceil(units / usable))
    return lines


def line_height(font_size: float) -> float:
    """Points per line of text of this size, as Excel and WPS lay wrapped text out."""
    return font_size * 1.4


def fit_row_heights(
    sheet: Worksheet, rows: Iterable[int], padding: float = 4.0, min_height: float = 0.0
) -> None:
    """Set each row as high as its tallest wrapped cell needs (merged cells across
    columns of one row count with the merged width); never lower than `min_height`."""
    widths = _merged_widths(sheet)
    for row in rows:
        needed = 0.0
        for cell in sheet[row]:
            if cell.value is None or isinstance(cell.value, int | float | date):
                continue
            width = widths.get((row, cell.column), _column_width(sheet, cell.column))
            size = float(cell.font.sz or 11) if cell.font is not None else 11.0
            wraps = cell.alignment is not None and bool(cell.alignment.wrap_text)
            lines = text_lines(str(cell.value), width, size) if wraps else 1
            needed = max(needed, lines * line_height(size) + padding)
        if needed:
            sheet.row_dimensions[row].height = round(max(needed, min_height), 1)


def _column_width(sheet: Worksheet, column: int) -> float:
    width = sheet.column_dimensions[get_column_letter(column)].width
    return float(width) if width else DEFAULT_COLUMN_WIDTH


def _merged_widths(sheet: Worksheet) -> dict[tuple[int, int], float]:
    """The width of each merged range that lies in one row, by its top-left cell."""
    widths = {}
    for merged in sheet.merged_cells.ranges:
        if merged.min_row != merged.max_row:
            continue
        columns = range(merged.min_col, merged.max_col + 1)
        widths[(merged.min_row, merged.min_col)] = sum(_column_width(sheet, c) for c in columns)
    return widths


# --- saving --------------------------------------------------------------------------


def save_workbook(book: Workbook, path: Path, title: str = "", creator: str = "") -> Path:
    """Write the workbook in one go (a temporary file renamed into place)."""
    if title:
        book.properties.title = printable(title)
    if creator:
        book.properties.creator = printable(creator)
    return write_atomically(Path(path), book.save)


def write_table(
    path: Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]
) -> Path:
    """A list as the clerk sees it on screen: a title row, the headers, the lines;
    ruled, with widths from the content, printing A4 landscape with the header repeated."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "列表"
    write_cell(sheet, 1, 1, title)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    write_row(sheet, 2, headers)
    for offset, line in enumerate(rows):
        write_row(sheet, 3 + offset, line)
    last_row = 2 + len(rows)
    columns = range(1, len(headers) + 1)
    draw_grid(sheet, range(2, last_row + 1), columns)
    widths = [
        min(60.0, max(text_width(str(v or "")) for v in [h, *(r[i] for r in rows if i < len(r))]))
        for i, h in enumerate(headers)
    ]
    set_column_widths(sheet, widths)
    # A text wider than its column (capped at 60) wraps: printed, it was cut off.
    wrapped = set()
    for cells in sheet.iter_rows(min_row=2, max_row=last_row, max_col=len(headers)):
        for cell in cells:
            if text_width(str(cell.value or "")) > widths[cell.column - 1]:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                wrapped.add(cell.row)
    fit_row_heights(sheet, sorted(wrapped))
    sheet.freeze_panes = "A3"  # the header stays in view
    set_up_printing(sheet, title_rows=(2, 2), landscape=True, header=title)
    return save_workbook(book, path, title=title)


def text_width(text: str) -> float:
    """Excel column width a one-line text needs: Chinese characters take two "0"s."""
    return sum(2.0 if ord(char) > 0x2E7F else 1.1 for char in text) + 2
