"""Building .xlsx files for tests the way offices make them, and damaging them."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import openpyxl

from app.idcard import check_digit


def id_number(region: str = "150523", birth: date = date(1975, 3, 12), seq: str = "123") -> str:
    """A valid 18-digit ID number with its GB 11643 check digit."""
    first17 = f"{region}{birth:%Y%m%d}{seq}"
    return first17 + check_digit(first17)


def write_sheet(
    path: Path,
    rows: Sequence[Sequence[object]],
    merges: Sequence[str] = (),
    title: str = "委员名单",
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def rewrite_part(path: Path, part: str, change: Callable[[bytes], bytes | None]) -> Path:
    """Rewrite one zip member (None removes it); the rest is copied unchanged."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == part:
                changed = change(data)
                if changed is None:
                    continue
                data = changed
            target.writestr(info.filename, data)
    path.write_bytes(buffer.getvalue())
    return path


def set_dimension(path: Path, ref: str, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """Some programs write a wrong <dimension>; read-only openpyxl trusts it."""
    return rewrite_part(
        path,
        part,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml),
    )


BILLION_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)
