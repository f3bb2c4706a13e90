"""Opening an office's spreadsheet (.xlsx, .xls or .ods) safely, with one message per failure.

The cells are read by python-calamine (Rust; one reader for all three formats),
after the checks of zip_parts/xlsx_scan, ods_scan or xls_scan: calamine trusts
the file, and a crafted one can make it abort the whole program (see guards).

Decision, with numbers: bench/bench_roster_import.py's 5,000-row roster (.xlsx,
2.8 MB of sheet XML), CPU ms, best of 7, on a busy shared machine:

    openpyxl read-only pass                 1068
    the hand-written expat reader            289   (xlsx_cells.py, deleted)
    calamine alone                            73
    + zip check and stored copy               12
    + quick sheet scan                        29   (the exact scan, when needed: 213)
    read_rows, whole: old reader / calamine  341 / 190;  the same roster as .xls: 213

and the whole import against the openpyxl pass (`.venv/bin/python bench/bench_roster_import.py
--runs 7`): 1.15 wall / 1.10 CPU before, 0.93 / 0.90 after; as .xls 1.04.

So calamine with its checks reads the roster in about 115 ms against 289, and reads
.xls and .ods as well: one reader, the old one deleted. It gives the values the date
rules need: dates as dates (also Chinese Excel's built-in yyyy年m月 and yyyy年m月d日
formats, ids 31 and 57; a cell whose format shows only year and month is then read as
the text 2023年5月, as typed — see month_formats), merged ranges of .xlsx and .xls
(ods_scan finds those of .ods), hidden and very hidden sheets. Where it falls short
the checks make up for it:
error cells (#N/A) and formulas saved without a result read as empty, so the scans
note them; all numbers are doubles, so an 18-digit number is never an ID (roster_rows).
Shared strings and styles must be at their usual paths (xl/sharedStrings.xml,
xl/styles.xml), as every known writer puts them.
"""

from __future__ import annotations

import io
import logging
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import python_calamine

from app.common.errors import KnownError, translate_os_error
from app.common.sheets import messages
from app.common.sheets.guards import (
    MAX_FILE_BYTES,
    Damaged,
    SheetFacts,
    SheetFileProblem,
    Unsupported,
)
from app.common.sheets.month_formats import month_text
from app.common.sheets.ods_scan import scan_ods
from app.common.sheets.xls_scan import read_xls
from app.common.sheets.xlsx_scan import scan_xlsx, workbook_part
from app.common.sheets.zip_parts import read_zip

log = logging.getLogger(__name__)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .et, and .xlsx with a password
_ZIP_MAGIC = b"PK\x03\x04"
_ACCESS_DENIED = 5  # Windows' ERROR_ACCESS_DENIED (32 and 33: the file is in use)


@dataclass(frozen=True)
class SheetInfo:
    index: int
    title: str
    hidden: bool  # hidden or "very hidden" (only a macro can show it)


@dataclass
class SheetCells:
    """One sheet as the reader needs it: rows by Excel's numbers, merges, unreadable cells."""

    title: str
    height: int  # rows, for the progress bar
    width: int
    rows: Iterator[tuple[int, list[Any]]]  # (row number, values from column A); no blank rows
    merges: list[tuple[int, int, int]] = field(default_factory=list)  # (top, column, bottom)
    unresolved: list[tuple[int, int]] = field(default_factory=list)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # cells showing #N/A …
    hidden_rows: list[tuple[int, int]] = field(default_factory=list)  # (first, last)
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)  # (first, last), from 0


class Workbook:
    def __init__(self, path: Path, book: Any, facts: dict[str, SheetFacts], ods: bool) -> None:
        self._path, self._book, self._facts, self._ods = path, book, facts, ods
        self.sheets = tuple(
            SheetInfo(i, meta.name, meta.visible != python_calamine.SheetVisibleEnum.Visible)
            for i, meta in enumerate(book.sheets_metadata)
            if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
        )

    def read(self, info: SheetInfo) -> SheetCells:
        facts = self._facts.get(info.title, SheetFacts())
        with _calamine(self._path):
            sheet = self._book.get_sheet_by_index(info.index)
            merged = [] if self._ods else (sheet.merged_cell_ranges or [])
        end = sheet.end or (-1, -1)
        merges = facts.merges if self._ods else _vertical(merged)
        return SheetCells(
            title=info.title,
            height=end[0] + 1,
            width=end[1] + 1,
            rows=self._rows(sheet, _by_row(facts.errors), facts.month_cells),
            merges=[m for m in merges if m[0] <= end[0] + 1 and m[1] <= end[1]],
            unresolved=facts.unresolved,
            errors=facts.errors,
            hidden_rows=facts.hidden_rows,
            hidden_columns=facts.hidden_columns,
        )

    def _rows(
        self,
        sheet: Any,
        errors: dict[int, list[tuple[int, str]]],
        months: dict[int, frozenset[int]],
    ) -> Iterator[tuple[int, list]]:
        start = sheet.start
        if start is None:
            return
        pad = [None] * start[1]
        with _calamine(self._path):
            for number, values in enumerate(sheet.iter_rows(), start=1):
                if number in months:
                    values = _as_months(values, months[number], len(pad))
                if number in errors:
                    yield number, _with_errors(pad + values, errors[number])
                elif values.count("") != len(values):
                    yield number, pad + values if pad else values


def _as_months(values: list, columns: frozenset[int], offset: int) -> list:
    """Dates in month-only formatted cells as the text the clerk typed (2023年5月)."""
    values = list(values)
    for column in columns:
        at = column - offset
        if 0 <= at < len(values) and isinstance(values[at], date):  # datetime is a date
            values[at] = month_text(values[at])
    return values


def _vertical(merged: list) -> list[tuple[int, int, int]]:
    """calamine's ((top, left), (bottom, right)), 0-based, as (top, column, bottom) from 1."""
    return [(top + 1, left, bottom + 1) for (top, left), (bottom, _right) in merged if bottom > top]


def _by_row(errors: dict[tuple[int, int], str]) -> dict[int, list[tuple[int, str]]]:
    found: dict[int, list[tuple[int, str]]] = {}
    for (row, column), text in errors.items():
        found.setdefault(row, []).append((column, text))
    return found


def _with_errors(row: list, errors: list[tuple[int, str]]) -> list:
    """Error cells show their error (#N/A), as in Excel; calamine reads them as empty."""
    for column, text in errors:
        if column >= len(row):
            row = row + [None] * (column + 1 - len(row))
        row[column] = text
    return row


@contextmanager
def open_workbook(path: Path) -> Iterator[Workbook]:
    """The workbook, read from memory: nothing stays open on a USB stick."""
    content = _file_bytes(path)
    try:
        yield _open(path, content)
    except SheetFileProblem as problem:
        log.warning("cannot read %s: %r", path.name, problem)
        raise messages.for_problem(path, problem) from problem


def _open(path: Path, content: bytes) -> Workbook:
    if content.startswith(_OLE_MAGIC):
        xls = read_xls(content)
        facts, ods, data = xls.facts, False, xls.clean
    elif content.startswith(_ZIP_MAGIC):
        parts = read_zip(content)
        if parts.find("xl/workbook.bin") is not None and parts.find("xl/workbook.xml") is None:
            raise Unsupported("Excel 二进制工作簿（.xlsb）")
        other = _other_zip_kind(parts.names)
        if other is not None:
            raise Unsupported(other)
        facts = scan_xlsx(parts)  # checks every part with sheet data, whatever the format
        ods = parts.find("content.xml") is not None and workbook_part(parts) is None
        if parts.find("content.xml") is not None:
            ods_facts = scan_ods(parts)
            facts = ods_facts if ods else facts
        elif workbook_part(parts) is None:
            raise Damaged("no workbook part")
        data = parts.stored
    else:
        raise messages.not_a_spreadsheet(path, content)
    with _calamine(path):
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    workbook = Workbook(path, book, facts, ods)
    if not workbook.sheets:
        raise KnownError(f"“{path.name}”中没有工作表。", "请在 Excel 或 WPS 中打开核对后再试。")
    return workbook


def _other_zip_kind(names: tuple[str, ...]) -> str | None:
    """What a zip that holds no spreadsheet is, when offices send it: a Word document,
    slides, or a compressed folder (the table inside it, maybe)."""
    folders = {name.lower().split("/")[0] for name in names}
    if "xl" in folders or "content.xml" in folders:
        return None
    if "word" in folders:
        return "Word 文档"
    if "ppt" in folders:
        return "PowerPoint 演示文稿"
    if "[content_types].xml" not in folders and "mimetype" not in folders:
        return "压缩包（.zip）"
    return None


@contextmanager
def _calamine(path: Path) -> Iterator[None]:
    """calamine's errors, and its panics (a BaseException), as a damaged file."""
    try:
        yield
    except python_calamine.PasswordError as exc:
        raise messages.encrypted(path) from exc
    except python_calamine.CalamineError as exc:
        log.warning("calamine cannot read %s: %s", path.name, exc)
        raise messages.damaged(path) from exc
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise
        log.warning("calamine failed on %s: %s", path.name, exc)
        raise messages.damaged(path) from exc


def _file_bytes(path: Path) -> bytes:
    try:
        facts = path.stat()
        if not stat.S_ISREG(facts.st_mode) and not stat.S_ISDIR(facts.st_mode):
            # A pipe blocks open() forever; a device (/dev/zero) reads without end.
            raise messages.not_a_file(path)
        if facts.st_size > MAX_FILE_BYTES:
            raise messages.too_big(path)
        with path.open("rb") as file:
            content = file.read(facts.st_size + 1)  # one read of the size stat() gave
            if len(content) > facts.st_size:  # it grew since: read on, to the limit
                content += file.read(MAX_FILE_BYTES + 1 - len(content))
        if len(content) > MAX_FILE_BYTES:
            raise messages.too_big(path)
    except FileNotFoundError as exc:
        raise KnownError(f"找不到文件“{path}”。", "请检查文件名和所在的文件夹。") from exc
    except PermissionError as exc:
        if getattr(exc, "winerror", None) not in (None, _ACCESS_DENIED):
            raise translate_os_error(exc, path) from exc  # in use by another program
        raise messages.not_readable(path) from exc  # translate_os_error would say 写入
    except OSError as exc:
        raise translate_os_error(exc, path) from exc
    if not content:
        raise KnownError(f"“{path.name}”是空文件。", f"请选择填好的表格文件（{messages.KINDS}）。")
    return content
