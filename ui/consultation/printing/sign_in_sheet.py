"""签到表 drawn for the printer: title and date, then 序号 / 姓名 / 界别 / 签到 / 备注
with room to sign; the header row on every page, a row never split across pages.

Rows and column widths come from app.consultation.printouts.materials (the Word file
uses the same ones). A list with nobody on it yet still prints: it says so and
gives blank rows to sign by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from app.consultation.printouts.materials import NOBODY, SignInRow, SignInSheet
from ui.consultation.printing.canvas import (
    A4_PORTRAIT,
    CENTRE,
    FANG,
    HEI,
    LEFT,
    SONG,
    WRAP,
    Canvas,
    font,
)

PAGE = A4_PORTRAIT
TOP = 20.0
BOTTOM = PAGE.height - 20.0  # rows end above this; the page number sits below
HEADER_ROW = 10.0
BLANK_ROWS = 12  # as the Word sheet: an empty list still gives rows to sign
NAME_ONE_LINE_PT = 11.0  # below this a name reads better on two lines
PADDING = 1.5
GRID = "#000000"
HEADER_FILL = "#e6e6e6"

Item = TypeVar("Item")


def paginate(items: Sequence[Item], first: int, other: int) -> list[list[Item]]:
    """Items into pages of `first`, then `other` each; at least one (maybe empty) page."""
    first, other = max(first, 1), max(other, 1)
    pages = [list(items[:first])]
    rest = items[first:]
    while rest:
        pages.append(list(rest[:other]))
        rest = rest[other:]
    return pages


def draw_sign_in_sheet(canvas: Canvas, sheet: SignInSheet) -> int:
    """Draw the whole sheet; returns the number of pages."""
    width = sum(sheet.widths_mm)
    left = (PAGE.width - width) / 2
    rows: Sequence[SignInRow | None] = sheet.rows or [None] * BLANK_ROWS
    table_top = _heading(canvas, sheet, left, width, measure_only=True)
    first = int((BOTTOM - table_top - HEADER_ROW) // sheet.row_height_mm)
    other = int((BOTTOM - TOP - 8 - HEADER_ROW) // sheet.row_height_mm)
    pages = paginate(rows, first, other)
    for number, page_rows in enumerate(pages, start=1):
        if number > 1:
            canvas.next_page()
            _running_head(canvas, f"{sheet.title}（续）", left, width)
            y = TOP + 8
        else:
            y = _heading(canvas, sheet, left, width)
        y = _header_row(canvas, sheet, left, y)
        for row in page_rows:
            y = _row(canvas, sheet, left, y, row)
        footer = f"第 {number} 页，共 {len(pages)} 页"
        canvas.text((left, PAGE.height - 14, width, 6), footer, font(FANG, 9), CENTRE)
    return len(pages)


def _running_head(canvas: Canvas, text: str, left: float, width: float) -> None:
    """Title（续） on one line above a later page's table: smaller to fit, and a title
    still too long loses its middle (…), never its ends (签到表（续）)."""
    chosen = canvas.fitting(text, font(FANG, 10), width, smallest=8.0)
    cut = 0
    shown = text
    while canvas.text_width(shown, chosen) > width and cut < len(text) - 8:
        cut += 1
        keep = len(text) - cut
        shown = f"{text[: keep // 2]}…{text[len(text) - (keep - keep // 2) :]}"
    canvas.text((left, TOP, width, 6), shown, chosen, CENTRE)


def _heading(
    canvas: Canvas, sheet: SignInSheet, left: float, width: float, measure_only: bool = False
) -> float:
    """Title, date and place (and that nobody is listed yet); returns where the table starts."""
    y = TOP
    for text, chosen, gap in (
        (sheet.title, font(SONG, 18, bold=True), 3.0),
        (sheet.subtitle, font(FANG, 12), 2.0),
        (f"（{NOBODY}）" if not sheet.rows else "", font(FANG, 12), 2.0),
    ):
        if not text:
            continue
        height = canvas.text_height(text, chosen, width)
        if not measure_only:
            canvas.text((left, y, width, height), text, chosen, CENTRE | WRAP)
        y += height + gap
    return y + 3.0


def _header_row(canvas: Canvas, sheet: SignInSheet, left: float, y: float) -> float:
    canvas.fill((left, y, sum(sheet.widths_mm), HEADER_ROW), HEADER_FILL)
    x = left
    for column, width in zip(sheet.columns, sheet.widths_mm, strict=True):
        canvas.text((x, y, width, HEADER_ROW), column, font(HEI, 12), CENTRE)
        x += width
    _grid(canvas, sheet, left, y, HEADER_ROW, top_line=True)
    return y + HEADER_ROW


def _row(canvas: Canvas, sheet: SignInSheet, left: float, y: float, row: SignInRow | None) -> float:
    height = sheet.row_height_mm
    if row is not None:
        widths = sheet.widths_mm
        cells = (
            (str(row.number), font(SONG, 12), CENTRE),
            _name_cell(canvas, row.name, widths[1] - 2 * PADDING, height - 2),
            (row.affiliation, None, LEFT | WRAP),
            ("", None, CENTRE),  # 签到: left for the signature
            (row.note, font(SONG, 12), CENTRE),
        )
        x = left
        for (text, chosen, flags), width in zip(cells, widths, strict=True):
            inner = (x + PADDING, y, width - 2 * PADDING, height)
            if chosen is None and text:
                chosen = _wrapped_font(canvas, text, inner[2], height - 2)
            if chosen is not None:
                canvas.text(inner, text, chosen, flags)
            x += width
    _grid(canvas, sheet, left, y, height)
    return y + height


def _name_cell(
    canvas: Canvas, name: str, width: float, height: float
) -> tuple[str, QFont, Qt.AlignmentFlag | int]:
    """14 pt, smaller down to NAME_ONE_LINE_PT on one line; a longer name (a guest's, or
    阿布都热合曼·艾买提) takes two lines, broken after its ·, rather than shrinking to 7 pt."""
    one_line = canvas.fitting(name, font(SONG, 14), width, smallest=NAME_ONE_LINE_PT)
    if canvas.text_width(name, one_line) <= width:
        return name, one_line, CENTRE
    two_lines = name.replace("·", "·\n", 1) if "·" in name.strip("·") else name
    return two_lines, _wrapped_font(canvas, two_lines, width, height), CENTRE | WRAP


def _wrapped_font(canvas: Canvas, text: str, width: float, height: float) -> QFont:
    """界别 or a guest's unit: 12 pt, smaller until it fits the cell (two lines at most)."""
    chosen = font(SONG, 12)
    while canvas.text_height(text, chosen, width) > height and chosen.pointSizeF() > 7:
        chosen.setPointSizeF(chosen.pointSizeF() - 0.5)
    return chosen


def _grid(
    canvas: Canvas, sheet: SignInSheet, left: float, y: float, height: float, top_line=False
) -> None:
    right = left + sum(sheet.widths_mm)
    if top_line:
        canvas.line((left, y), (right, y), colour=GRID)
    canvas.line((left, y + height), (right, y + height), colour=GRID)
    x = left
    for width in (0.0, *sheet.widths_mm):
        x += width
        canvas.line((x, y), (x, y + height), colour=GRID)
