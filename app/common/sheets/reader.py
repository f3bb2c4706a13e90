"""Reading the office's own .xlsx files as they are: title rows, merged cells, notes.

Generic: the caller gives a table of header names (HeaderSpec); the reader
finds the header row on each sheet, maps the columns and returns the data rows
with the row number Excel shows and cleaned values. Every failure of the file
itself (app.common.sheets.xlsx_file: not a zip, truncated, garbage or unsafe XML, no sheets;
here: no header row) becomes one KnownError in Chinese; row-level problems are
the caller's RowErrors. Cells are read by app.common.sheets.xlsx_cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter

from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.sheets.values import (
    AmbiguousDate,
    CellValue,
    DateProblem,
    cell_text,
    clean_cell,
    parse_date,
)
from app.common.sheets.xlsx_cells import XlsxBook
from app.common.sheets.xlsx_file import open_xlsx

__all__ = [
    "AmbiguousDate",
    "CellValue",
    "DataRow",
    "DateProblem",
    "HeaderSpec",
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

HEADER_SCAN_ROWS = 30  # the header row must be among the first rows of a sheet
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
# Rows under (or in) a table that are not data: 注：以姓氏笔画为序。制表人：… 一、中共界别
_NOTE = re.compile(
    r"^(?:(?:注|说明|备注|附注|填表说明)\s*\d*\s*[：:]|(?:制表|填表|填报|审核|合计|总计|共计)"
    r"|[*※]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')
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

    def get(self, field: str) -> CellValue:
        return self.values.get(field)

    def error(self, field: str | None, reason: str) -> RowError:
        columns = self.table.columns_of(field) if field else ()
        if not columns:
            return RowError(self.table.sheet, self.number, "", reason)
        first = columns[0]
        header = "、".join(c.header for c in columns)
        return RowError(self.table.sheet, self.number, header, reason, first.letter)


@dataclass(frozen=True)
class SheetData:
    tables: tuple[SheetTable, ...]
    rows: tuple[DataRow, ...]
    skipped_sheets: tuple[str, ...]  # sheets without a recognisable header row


# --- reading -----------------------------------------------------------------


def read_rows(
    path: Path, specs: Sequence[HeaderSpec], progress: Progress | None = None
) -> SheetData:
    """Every data row of every sheet that has a recognisable header row.

    Raises KnownError for a file that cannot be read or has no such sheet.
    """
    path = Path(path)
    with open_xlsx(path) as book:
        sheets = [(sheet, book.sheet_xml(sheet)) for sheet in book.sheets]
        return _read_sheets(path, book, sheets, specs, progress)


def _read_sheets(path: Path, book: XlsxBook, sheets, specs, progress) -> SheetData:
    tables: list[SheetTable] = []
    rows: list[DataRow] = []
    skipped: list[str] = []
    total = sum(_row_count_hint(xml) for _, xml in sheets)
    done = 0
    best_miss: tuple[int, str, int, list[str]] | None = None
    for sheet, xml in sheets:
        rows_in_sheet = book.rows(xml)
        found = _read_sheet(
            sheet.title, rows_in_sheet, _merged_ranges(xml), specs, progress, done, total
        )
        done += found.scanned
        if found.table is None:
            skipped.append(sheet.title)
            if found.missing and (best_miss is None or found.score > best_miss[0]):
                best_miss = (found.score, sheet.title, found.header_row, found.missing)
            continue
        tables.append(found.table)
        rows.extend(found.rows)
    if not tables:
        raise _no_header(path, specs, best_miss)
    return SheetData(tuple(tables), tuple(rows), tuple(skipped))


def _row_count_hint(xml: bytes) -> int:
    """For the progress bar only: <dimension> may be missing or wrong."""
    match = _DIMENSION.search(xml, 0, 4096)
    return int(match.group(1) or 1) if match else 0


@dataclass
class _SheetResult:
    table: SheetTable | None
    rows: list[DataRow]
    scanned: int
    score: int = 0
    header_row: int = 0
    missing: list[str] | None = None


def _read_sheet(title, source, merges, specs, progress, done, total) -> _SheetResult:
    raw = _filled_rows(source, merges)
    head: list[tuple[int, tuple]] = []
    for item in raw:
        head.append(item)
        if len(head) >= HEADER_SCAN_ROWS:
            break
    found = _find_header(title, head, specs)
    if isinstance(found, _Miss):
        return _SheetResult(None, [], len(head), found.score, found.row, found.missing)
    table, first_data = found
    result = _SheetResult(table, [], len(head))
    in_notes = False
    for count, (number, values) in enumerate(_chain(head, raw), start=1):
        result.scanned = number
        if progress is not None and count % 200 == 0:
            progress.report(done + number, max(total, done + number), f"正在读取第 {number} 行…")
        if number < first_data:
            continue
        kind = _row_kind(table, values, in_notes)
        in_notes = in_notes or kind == "note"
        if kind == "data":
            result.rows.append(DataRow(table, number, _field_values(table, values)))
    return result


def _chain(head, rest):
    yield from head
    yield from rest


def _filled_rows(source, merges: dict[int, list[tuple[int, int, int]]]) -> Iterator[tuple]:
    """(row number, cleaned values); vertically merged cells repeat their top value below."""
    anchors: dict[int, CellValue] = {}  # column -> value of a merge that started above
    for number, values in source:
        cells = [clean_cell(v) for v in values]
        for column, first, last in merges.get(number, ()):
            if number == first:
                anchors[column] = cells[column] if column < len(cells) else None
            else:
                cells.extend([None] * (column + 1 - len(cells)))
                if cells[column] is None:
                    cells[column] = anchors.get(column)
            if number == last:
                anchors.pop(column, None)
        yield number, tuple(cells)


def _merged_ranges(xml: bytes) -> dict[int, list[tuple[int, int, int]]]:
    """Rows covered by vertical merges: row -> [(anchor column, first row, last row)].

    <mergeCells> comes after the cells; a byte search finds it without a second parse.
    """
    by_row: dict[int, list[tuple[int, int, int]]] = {}
    for first_col, first_row, _last_col, last_row in _MERGE.findall(xml):
        top, bottom = int(first_row), int(last_row)
        if bottom <= top:
            continue
        column = column_index_from_string(first_col.decode()) - 1
        for number in range(top, bottom + 1):
            by_row.setdefault(number, []).append((column, top, bottom))
    return by_row


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
    return SheetTable(sheet, last, columns, required_fields), last + 1


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


def _row_kind(table: SheetTable, values: tuple, in_notes: bool) -> str:
    """data, blank, note (footnotes, signatures, section headings) or header (repeated).

    Runs once per row of big files: list.count and plain loops, no generators.
    """
    width = len(values)
    mapped = [values[c.index] for c in table.columns if c.index < width]
    if mapped.count(None) == len(mapped):
        return "blank"
    filled = width - values.count(None)
    first = next(v for v in values if v is not None)
    required = [
        values[c.index] for c in table.columns if c.field in table.required and c.index < width
    ]
    required_empty = required.count(None) == len(required)
    if isinstance(first, str) and _NOTE.match(first) and (filled == 1 or required_empty):
        return "note"
    if in_notes and filled == 1:
        return "note"  # the second line of a footnote
    if any(
        values[c.index] == c.header
        for c in table.columns
        if c.field in table.required and c.index < width
    ):
        headers = sum(1 for c in table.columns if c.index < width and values[c.index] == c.header)
        if headers >= 2:
            return "header"  # repeated on every printed page
    return "data"


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


# --- messages ---------------------------------------------------------------------


def _no_header(path: Path, specs: Sequence[HeaderSpec], miss) -> KnownError:
    if miss is not None:
        _score, sheet, row, missing = miss
        return KnownError(
            f"工作表“{sheet}”的表头（第{row}行）中没有“{'”“'.join(missing)}”列。",
            "请在表头中加上该列（列名可参照空白模板）后再导入。本次未作任何改动。",
        )
    names = "、".join(s.label for s in specs[:6])
    return KnownError(
        f"在“{path.name}”各工作表的前{HEADER_SCAN_ROWS}行中没有找到表头行（应有 {names} 等列名）。",
        "请确认选择的是正确的文件，并且表头使用常见的列名；可在程序中保存空白模板参照填写。"
        "本次未作任何改动。",
    )
