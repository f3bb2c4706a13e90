"""Office spreadsheets as they really come: built with openpyxl for the import tests.

A title merged over the table, a note line, the header on row 3, blank rows and
columns after the data; other sheets beside the table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from tests.xlsx_files import rewrite_part, write_sheet


def office_book(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    title: str = "示范县政协",
    sheet: str = "Sheet1",
    others: dict[str, Sequence[Sequence[object]]] | None = None,
) -> Path:
    """Title merged across the table (row 1), a note (row 2), the header on row 3, the
    rows, then two blank rows; `others` are more sheets, each with its rows as given."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = sheet
    first.append([title])
    first.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    first.append(["填报单位：县政协办公室", *([None] * (len(header) - 2)), "2025年12月"])
    first.append(list(header))
    for row in rows:
        first.append(list(row))
    first.append([None] * (len(header) + 3))
    first.cell(first.max_row + 2, len(header) + 3).value = "  "  # a blank cell far right
    for name, lines in (others or {}).items():
        other = book.create_sheet(name)
        for line in lines:
            other.append(list(line))
    book.save(path)
    return path


def blank_book(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.create_sheet("Sheet2")
    book.save(path)
    return path


def with_error_cell(path: Path, rows: list[list[object]], cell: str, error: str) -> Path:
    """The rows on one sheet, `cell` a VLOOKUP that found nothing, as Excel saves it."""
    write_sheet(path, rows)
    return rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rf'<c r="{cell}" t="inlineStr"><is><t>[^<]*</t></is></c>'.encode(),
            f'<c r="{cell}" t="e"><f>VLOOKUP(A2,X:Y,2,0)</f><v>{error}</v></c>'.encode(),
            xml,
        ),
    )
