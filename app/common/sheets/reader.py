"""Reading the office's own spreadsheets as they are: title rows, merged cells, notes.

Generic: the caller gives a table of header names (HeaderSpec); the reader
finds the header row on each sheet, maps the columns and returns the data rows
with the row number Excel shows and cleaned values. Every failure of the file
itself (app.common.sheets.workbook: missing, damaged, unsafe, too big, a password,
not a spreadsheet, no sheets; here: no header row, formulas saved without their
results) becomes one KnownError in Chinese; row-level problems are the caller's
RowErrors. Hidden sheets are read only when the caller asks; otherwise those with
a table are named in SheetData.hidden_tables so the clerk can be told; hidden rows and
columns the import reads are named too (sheet_data).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.sheets import messages
from app.common.sheets.row_kinds import row_kind
from app.common.sheets.sheet_data import HeaderMiss, HiddenTable, SheetData, sheet_list
from app.common.sheets.values import (
    AmbiguousDate,
    CellValue,
    DateProblem,
    cell_text,
    clean_cell,
    parse_date,
)
from app.common.sheets.workbook import SheetCells, open_workbook

__all__ = [
    "AmbiguousDate",
    "CellValue",
    "DataRow",
    "DateProblem",
    "HeaderMiss",
    "HeaderSpec",
    "HiddenTable",
    "RowError",
    "SheetColumn",
    "SheetData",
    "SheetTable",
    "cell_text",
    "clean_cell",
    "header_key",
    "parse_date",
    "read_rows",
]

HEADER_SCAN_ROWS = 30  # the header row must be among the first (non-blank) rows of a sheet
_NUMBERING = {"序号", "顺序号", "编号", "排序"}  # a column of row numbers holds nothing to import
_HEADER_NOISE = re.compile(r"\s+|[*＊]|[（(][^）)]*[）)]")


@dataclass(frozen=True)
class HeaderSpec:
    """One field and the header names offices give it; the first is written by exports."""

    field: str
    aliases: tuple[str, ...]
    required: bool = False
    # Several matching columns (工作单位 + 职务) are joined with this; None: one column only.
    join: str | None = None

    @property
    def label(self) -> str:
        return self.aliases[0]


@dataclass(frozen=True)
class RowError:
    """One rejected cell or row, as the clerk finds it in Excel."""

    sheet: str
    row: int
    column: str  # the header as written in the file; "" for the whole row
    reason: str
    letter: str = ""  # F

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”第{self.row}行"
        if self.column:
            where += f"“{self.column}”列" + (f"（{self.letter}列）" if self.letter else "")
        return f"{where}：{self.reason}"


@dataclass(frozen=True)
class SheetColumn:
    field: str
    index: int  # 0-based
    header: str  # as written in the file
    join: str | None = None

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


@dataclass(frozen=True)
class SheetTable:
    """Where the table sits on one sheet."""

    sheet: str
    header_row: int  # the last header row, as Excel numbers it
    columns: tuple[SheetColumn, ...]
    required: frozenset[str] = frozenset()
    # (header, letter) of the header row's other columns: named to the clerk, never read.
    unread: tuple[tuple[str, str], ...] = ()

    def columns_of(self, field: str) -> tuple[SheetColumn, ...]:
        return tuple(c for c in self.columns if c.field == field)

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(c.field for c in self.columns)


@dataclass(frozen=True)
class DataRow:
    table: SheetTable
    number: int  # the row number Excel shows
    values: dict[str, CellValue]  # field -> cleaned value; None when empty
    # field -> the row above whose value a vertically merged cell repeats here
    merged_from: dict[str, int] = field(default_factory=dict)

    def get(self, field: str) -> CellValue:
        return self.values.get(field)

    def error(self, field: str | None, reason: str) -> RowError:
        columns = self.table.columns_of(field) if field else ()
        if not columns:
            return RowError(self.table.sheet, self.number, "", reason)
        first = columns[0]
        header = "、".join(c.header for c in columns)
        return RowError(self.table.sheet, self.number, header, reason, first.letter)


# --- reading -----------------------------------------------------------------


def read_rows(
    path: Path,
    specs: Sequence[HeaderSpec],
    progress: Progress | None = None,
    include_hidden_sheets: bool = False,
) -> SheetData:
    """Every data row of every sheet that has a recognisable header row.

    Hidden sheets are read too, but their rows are only returned with
    include_hidden_sheets. Raises KnownError for a file that cannot be read or
    has no such sheet.
    """
    path = Path(path)
    tables: list[SheetTable] = []
    rows: list[DataRow] = []
    skipped: list[str] = []
    hidden: list[HiddenTable] = []
    misses: list[HeaderMiss] = []
    unseen: list[tuple[str, tuple[int, ...]]] = []
    unseen_columns: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    blank = True  # every sheet without a single filled cell
    done = 0
    best_miss: tuple[int, str, int, list[str]] | None = None
    with open_workbook(path) as book:
        for info in book.sheets:
            cells = book.read(info)
            found = _read_sheet(cells, specs, progress, done)
            done += found.scanned
            blank = blank and found.table is None and found.scanned == 0
            if found.table is None:
                skipped.append(info.title)
                if found.missing and (best_miss is None or found.score > best_miss[0]):
                    best_miss = (found.score, info.title, found.header_row, found.missing)
                if found.missing and not info.hidden:
                    misses.append(HeaderMiss(info.title, found.header_row, tuple(found.missing)))
                continue
            if info.hidden:
                hidden.append(HiddenTable(info.title, len(found.rows), include_hidden_sheets))
                if not include_hidden_sheets:
                    continue
            _refuse_unresolved(path, cells, found)
            tables.append(found.table)
            rows.extend(found.rows)
            hidden_rows = _hidden_data_rows(cells, found.rows)
            if hidden_rows:
                unseen.append((info.title, hidden_rows))
            if found.hidden_filled:
                unseen_columns.append((info.title, found.hidden_filled))
    data = SheetData(
        tuple(tables),
        tuple(rows),
        tuple(skipped),
        tuple(hidden),
        tuple(misses),
        tuple(unseen),
        tuple(unseen_columns),
    )
    if not tables and hidden:
        raise messages.only_hidden(path, sheet_list(hidden))
    if blank:
        raise messages.blank(path)
    if not tables:
        names = [s.label for s in specs[:6]]
        raise messages.no_header(path, names, HEADER_SCAN_ROWS, best_miss)
    return data


@dataclass
class _SheetResult:
    table: SheetTable | None
    rows: list[DataRow]
    scanned: int
    score: int = 0
    header_row: int = 0
    missing: list[str] | None = None
    hidden_filled: tuple[tuple[str, str], ...] = ()  # (header, letter): hidden, data read


def _read_sheet(
    cells: SheetCells, specs: Sequence[HeaderSpec], progress: Progress | None, done: int
) -> _SheetResult:
    merged: dict[int, dict[int, int]] = {}  # row -> column -> the merge's top row
    raw = _filled_rows(cells.rows, cells.merges, merged)
    head: list[tuple[int, tuple]] = []
    for item in raw:
        head.append(item)
        if len(head) >= HEADER_SCAN_ROWS:
            break
    found = _find_header(cells.title, head, specs)
    if isinstance(found, _Miss):
        return _SheetResult(None, [], len(head), found.score, found.row, found.missing)
    table, first_data = found
    result = _SheetResult(table, [], len(head))
    hidden = _hidden_columns(table, cells.hidden_columns)
    filled: set[SheetColumn] = set()
    in_notes = False
    total = done + cells.height
    for count, (number, values) in enumerate(_chain(head, raw), start=1):
        result.scanned = number
        if progress is not None and count % 200 == 0:
            progress.report(done + number, max(total, done + number), f"正在读取第 {number} 行…")
        if number < first_data:
            continue
        kind = row_kind(table, values, in_notes)
        in_notes = in_notes or kind == "note"
        if kind == "data":
            result.rows.append(
                DataRow(table, number, _field_values(table, values), _merged(table, merged, number))
            )
            filled.update(c for c in hidden if _filled(values, c.index))
    result.hidden_filled = tuple((c.header, c.letter) for c in table.columns if c in filled)
    return result


def _filled(values: tuple, index: int) -> bool:
    return index < len(values) and values[index] is not None


def _hidden_columns(table: SheetTable, spans: list[tuple[int, int]]) -> list[SheetColumn]:
    """The table's columns that Excel hides (by hand, or narrowed to nothing)."""
    return [c for c in table.columns if any(first <= c.index <= last for first, last in spans)]


def _chain(head, rest):
    yield from head
    yield from rest


def _merged(table: SheetTable, merged: dict[int, dict[int, int]], number: int) -> dict[str, int]:
    tops = merged.pop(number, None)
    if not tops:
        return {}
    return {c.field: tops[c.index] for c in table.columns if c.index in tops}


def _filled_rows(
    source, merges: list[tuple[int, int, int]], merged: dict[int, dict[int, int]]
) -> Iterator[tuple]:
    """(row number, cleaned values); vertically merged cells repeat their top value below.

    Streams: only the merges reaching the current row are held (one per column), so a
    merge down the whole sheet costs nothing until a row under it comes.
    """
    pending = sorted(merges)  # (top, column, bottom)
    waiting = 0
    anchors: dict[int, tuple[CellValue, int, int]] = {}  # column -> (value, bottom, top)
    for number, values in source:
        cells = [clean_cell(v) for v in values]
        while waiting < len(pending) and pending[waiting][0] <= number:
            top, column, bottom = pending[waiting]
            waiting += 1
            if top == number:  # a merge whose top row is blank never starts
                anchors[column] = (cells[column] if column < len(cells) else None, bottom, top)
        if anchors:
            _fill(number, cells, anchors, merged)
        yield number, tuple(cells)


def _fill(
    number: int,
    cells: list[CellValue],
    anchors: dict[int, tuple[CellValue, int, int]],
    merged: dict[int, dict[int, int]],
) -> None:
    for column, (value, bottom, top) in list(anchors.items()):
        if bottom < number:
            del anchors[column]
            continue
        if column >= len(cells):
            cells.extend([None] * (column + 1 - len(cells)))
        if cells[column] is None and value is not None:
            cells[column] = value
            merged.setdefault(number, {})[column] = top


def _hidden_data_rows(cells: SheetCells, rows: list[DataRow]) -> tuple[int, ...]:
    if not cells.hidden_rows or not rows:
        return ()
    numbers = {row.number for row in rows}
    low, high = min(numbers), max(numbers)
    hidden: set[int] = set()
    for first, last in cells.hidden_rows:  # a range may run to the sheet's end (.ods)
        hidden.update(range(max(first, low), min(last, high) + 1))
    return tuple(sorted(numbers & hidden))


def _refuse_unresolved(path: Path, cells: SheetCells, found: _SheetResult) -> None:
    """Formulas saved without a result read as empty, and cells showing an error (#N/A)
    read as their error: never import either as what the cell holds."""
    if (not cells.unresolved and not cells.errors) or found.table is None:
        return
    columns = {c.index for c in found.table.columns}
    numbers = {row.number for row in found.rows}
    bad = sorted((r, c) for r, c in cells.unresolved if c in columns and r in numbers)
    if bad:
        names = [f"{get_column_letter(c + 1)}{r}" for r, c in bad[:5]]
        raise messages.unresolved_formulas(path, cells.title, names, len(bad))
    shown = sorted((r, c) for r, c in cells.errors if c in columns and r in numbers)
    if shown:
        names = [f"{get_column_letter(c + 1)}{r}（{cells.errors[r, c]}）" for r, c in shown[:5]]
        raise messages.error_cells(path, cells.title, names, len(shown))


# --- the header row ----------------------------------------------------------


@dataclass(frozen=True)
class _Miss:
    score: int
    row: int
    missing: list[str] | None  # required headers absent from the best row


def header_key(text: CellValue) -> str:
    """姓  名 / 姓名* / 身份证号码（18位） / 出生\\n年月 all compare equal to their alias."""
    if not isinstance(text, str):
        return ""
    return _HEADER_NOISE.sub("", text)


def _alias_table(specs: Sequence[HeaderSpec]) -> dict[str, HeaderSpec]:
    return {header_key(alias): spec for spec in specs for alias in spec.aliases}


def _matches(values: tuple, aliases: dict[str, HeaderSpec]) -> dict[int, HeaderSpec]:
    return {i: aliases[k] for i, v in enumerate(values) if (k := header_key(v)) in aliases}


def _find_header(sheet: str, head: list[tuple[int, tuple]], specs: Sequence[HeaderSpec]):
    aliases = _alias_table(specs)
    scores = [len({s.field for s in _matches(values, aliases).values()}) for _, values in head]
    best_score = max(scores, default=0)
    if best_score < min(2, len(specs)):
        return _Miss(best_score, 0, None)
    best = scores.index(best_score)
    number, values = head[best]
    headers = {i: (spec, str(values[i])) for i, spec in _matches(values, aliases).items()}
    last = number
    # A second header row below (手机 | 座机 under a merged 联系方式) adds its columns.
    if best + 1 < len(head):
        below_number, below = head[best + 1]
        extra = _matches(below, aliases)
        required = [i for i, (spec, _) in headers.items() if spec.required]
        if extra and all(i >= len(below) or below[i] is None for i in required):
            for i, spec in extra.items():
                headers.setdefault(i, (spec, str(below[i])))
            last = below_number
    found = {spec for spec, _ in headers.values()}
    missing = [s.label for s in specs if s.required and s not in found]
    if missing:
        return _Miss(best_score, number, missing)
    _refuse_repeated_fields(sheet, number, headers)
    columns = tuple(
        SheetColumn(spec.field, i, text, spec.join) for i, (spec, text) in sorted(headers.items())
    )
    required_fields = frozenset(s.field for s in specs if s.required)
    unread = tuple(
        (header_key(v), get_column_letter(i + 1))
        for i, v in enumerate(values)
        if i not in headers and header_key(v) and header_key(v) not in _NUMBERING
    )
    return SheetTable(sheet, last, columns, required_fields, unread), last + 1


def _refuse_repeated_fields(sheet: str, number: int, headers: dict) -> None:
    seen: dict[str, tuple[int, str]] = {}
    for i, (spec, text) in sorted(headers.items()):
        if spec.field in seen and spec.join is None:
            first, first_text = seen[spec.field]
            raise KnownError(
                f"工作表“{sheet}”的表头（第{number}行）中，{get_column_letter(first + 1)}列"
                f"“{first_text}”和{get_column_letter(i + 1)}列“{text}”是同一项内容。",
                "请删除或改名其中一列后再导入。",
            )
        seen.setdefault(spec.field, (i, text))


# --- data rows -----------------------------------------------------------------


def _field_values(table: SheetTable, values: tuple) -> dict[str, CellValue]:
    out: dict[str, CellValue] = {}
    for column in table.columns:
        value = values[column.index] if column.index < len(values) else None
        if column.field not in out or out[column.field] is None:
            out[column.field] = value
        elif value is not None:  # a joined field (工作单位 + 职务)
            out[column.field] = (column.join or "").join(
                (cell_text(out[column.field]), cell_text(value))
            )
    return out
