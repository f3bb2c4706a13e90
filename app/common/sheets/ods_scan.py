"""Checking the tables of an .ods before calamine reads them, and what it does not report.

An .ods row or cell can say "repeated 1,048,576 times"; calamine copies every
repeat of a cell that has a value. One expat pass over content.xml (defused)
counts what calamine would build, repeat by repeat, and refuses a table past
MAX_SHEET_CELLS. On the way it collects what calamine does not report for .ods:
cells merged down several rows, formulas saved without a result, error cells, and
the cells whose date style shows only year and month (month_formats; the styles of
styles.xml first, then content.xml's own, which come before its tables).
.ods files are rare in offices; this pass is not tuned for speed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from app.common.sheets.guards import (
    MAX_MERGES,
    MAX_SHEET_CELLS,
    Damaged,
    SheetFacts,
    SheetFileProblem,
    TooBig,
    check_area,
    expat_parser,
    parse_xml,
)
from app.common.sheets.month_formats import MonthCells, OdsStyles
from app.common.sheets.zip_parts import ZipParts

log = logging.getLogger(__name__)

_TABLE, _ROW, _COLUMN = "table:table", "table:table-row", "table:table-column"
_HIDDEN = ("collapse", "collapsed", "filter")
_CELLS = ("table:table-cell", "table:covered-table-cell")
_VALUE_ATTRIBUTES = (
    "office:value",
    "office:string-value",
    "office:date-value",
    "office:time-value",
    "office:boolean-value",
    "office:value-type",
    "table:formula",
)


@dataclass
class _Table:
    name: str
    facts: SheetFacts = field(default_factory=SheetFacts)
    row: int = 0  # rows so far, repeats counted (the next row is row + 1 as Excel numbers)
    columns: int = 0  # columns declared so far (table:table-column), repeats counted
    pushed: int = 0  # cells calamine keeps while reading, before copying repeated rows
    first_row: int = 0  # rows with values: the first and last, and everything in between
    last_row: int = 0
    first_column: int = 1 << 30
    last_column: int = -1
    month_columns: list[tuple[int, int]] = field(default_factory=list)  # (first, end) by default
    month_cells: MonthCells = field(default_factory=MonthCells)


@dataclass
class _Cell:
    column: int
    repeats: int
    filled: bool
    formula_without_value: bool
    error: bool
    month: bool = False  # its style shows a date with only year and month
    text: list[str] = field(default_factory=list)


class _Counter:
    def __init__(self, styles: OdsStyles) -> None:
        self.styles = styles
        self._months: frozenset[str] | None = None  # known once the first table starts
        self._row_style: str | None = None
        self.tables: dict[str, SheetFacts] = {}
        self._table: _Table | None = None
        self._depth = 0  # tables inside tables are read as part of the outer one
        self._row_repeats = 0
        self._row_filled: tuple[int, int] | None = None
        self._column = 0
        self._cell: _Cell | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == _TABLE:
            self._depth += 1
            if self._depth == 1:
                name = attrs.get("table:name", "")
                self._table = _Table(name, month_cells=MonthCells(name))
                if self._months is None:
                    self._months = self.styles.month_styles()
        elif self._table is None:
            self.styles.start(tag, attrs)
            return
        elif tag == _ROW:
            self._row_repeats = _count(attrs.get("table:number-rows-repeated"))
            self._row_style = attrs.get("table:default-cell-style-name")
            self._row_filled = None
            self._column = 0
            if attrs.get("table:visibility") in _HIDDEN:
                table = self._table
                table.facts.hidden_rows.append((table.row + 1, table.row + self._row_repeats))
        elif tag == _COLUMN and self._depth == 1:
            table, repeats = self._table, _count(attrs.get("table:number-columns-repeated"))
            if attrs.get("table:visibility") in _HIDDEN:
                table.facts.hidden_columns.append((table.columns, table.columns + repeats - 1))
            if attrs.get("table:default-cell-style-name") in (self._months or ()):
                table.month_columns.append((table.columns, table.columns + repeats))
            table.columns += repeats
        elif tag in _CELLS:
            self._start_cell(self._table, attrs)
        elif self._cell is not None:
            self._cell.filled = True  # text:p and the like: calamine reads it as a value

    def _start_cell(self, table: _Table, attrs: dict[str, str]) -> None:
        repeats = _count(attrs.get("table:number-columns-repeated"))
        cell = self._cell = _Cell(
            column=self._column,
            repeats=repeats,
            filled=any(name in attrs for name in _VALUE_ATTRIBUTES),
            formula_without_value="table:formula" in attrs and "office:value-type" not in attrs,
            error=attrs.get("calcext:value-type") == "error",
            month=self._month_style(table, attrs.get("table:style-name")),
        )
        spanned = _count(attrs.get("table:number-rows-spanned"))
        if spanned > 1 and self._row_repeats == 1:
            for offset in range(min(repeats, MAX_MERGES)):
                table.facts.merges.append(
                    (table.row + 1, cell.column + offset, table.row + spanned)
                )
            if len(table.facts.merges) > MAX_MERGES:
                raise TooBig("merges", table.name)

    def _month_style(self, table: _Table, style: str | None) -> bool:
        """The cell's own style, else its row's, else its column's: a month-only date?"""
        if not self._months:
            return False
        style = style or self._row_style
        if style is not None:
            return style in self._months
        return any(first <= self._column < end for first, end in table.month_columns)

    def end(self, tag: str) -> None:
        table = self._table
        if tag == _TABLE:
            self._depth -= 1
            if self._depth == 0 and table is not None:
                self._finish(table)
                self._table = None
        elif table is None:
            self.styles.end(tag)
        elif tag in _CELLS and self._cell is not None:
            self._end_cell(table, self._cell)
        elif tag == _ROW:
            self._end_row(table)

    def _end_cell(self, table: _Table, cell: _Cell) -> None:
        self._cell = None
        self._column += cell.repeats
        if not cell.filled:
            return
        first = self._row_filled[0] if self._row_filled else cell.column
        self._row_filled = (first, cell.column + cell.repeats)
        row = table.row + 1
        if cell.formula_without_value:
            table.facts.unresolved.append((row, cell.column))
        if cell.error and cell.text:
            table.facts.errors[(row, cell.column)] = "".join(cell.text)
        if cell.month:
            table.month_cells.add(row, cell.column, self._row_repeats, cell.repeats)

    def _end_row(self, table: _Table) -> None:
        """calamine keeps each row up to its last value once, then copies it per repeat."""
        if self._row_filled is not None:
            first, end = self._row_filled
            if table.last_row == 0:
                table.first_row = table.row + 1
            table.last_row = table.row + self._row_repeats
            table.first_column = min(table.first_column, first)
            table.last_column = max(table.last_column, end - 1)
            table.pushed += end
            if table.pushed > MAX_SHEET_CELLS:
                raise TooBig("cells", table.name)
        table.row += self._row_repeats

    def _finish(self, table: _Table) -> None:
        if table.last_row:
            check_area(
                table.name,
                (table.first_row, table.first_column),
                (table.last_row, table.last_column),
                table.pushed,
            )
        table.facts.month_cells = table.month_cells.result()
        self.tables[table.name] = table.facts

    def text(self, data: str) -> None:
        if self._cell is not None and self._cell.error:
            self._cell.text.append(data)


def _count(value: str | None) -> int:
    if value is None:
        return 1
    try:
        count = int(value)
    except ValueError:
        raise Damaged(f"repeat count {value!r}") from None
    if count < 1:
        raise Damaged(f"repeat count {value!r}")
    return count


def scan_ods(parts: ZipParts) -> dict[str, SheetFacts]:
    """Facts by table name; raises Damaged, Unsafe or TooBig."""
    name = parts.find("content.xml")
    if name is None:
        raise Damaged("no content.xml")
    counter = _Counter(_named_styles(parts))
    parse_xml(expat_parser(counter.start, counter.end, counter.text), parts.read(name))
    return counter.tables


def _named_styles(parts: ZipParts) -> OdsStyles:
    """styles.xml's data and cell styles; a damaged or missing one: none."""
    styles = OdsStyles()
    name = parts.find("styles.xml")
    if name is not None:
        try:
            parse_xml(expat_parser(styles.start, styles.end), parts.read(name))
        except SheetFileProblem as exc:
            log.warning("styles.xml not read (%s): month-formatted dates read as dates", exc)
            return OdsStyles()
    return styles
