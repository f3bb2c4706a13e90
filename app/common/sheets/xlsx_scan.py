"""Checking the worksheets of an .xlsx before calamine reads them, and what it cannot tell.

calamine places each cell by its reference and allocates the rectangle from the
first to the last: one cell at XFD1048576 costs 550 GB. Every part with sheet
data is checked here, by bytes where that is certain and cheap, else by a full
(defused) expat pass that places cells exactly as calamine does:

- quick: every cell tag is written `<c r="…"` (as Excel, WPS, LibreOffice and
  openpyxl write them), no prefixed cells, and no reference past FZ9999 (or past
  AN99999): then the rectangle is within MAX_SHEET_CELLS. About 15 ms for a
  5,000-row roster.
- exact: anything else (other writers, wide or very long sheets): the expat pass,
  about 120 ms for the same roster.

Both also find formula cells saved without their result (calamine reads them as
empty) and error cells such as #N/A (calamine reads them as empty too), and, when
xl/styles.xml has formats that show only year and month, the cells that use them
(month_formats).
"""

from __future__ import annotations

import posixpath
import re

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from app.common.sheets.guards import (
    MAX_COLUMN,
    MAX_MERGES,
    MAX_PART_TAGS,
    MAX_ROW,
    MAX_SHEET_CELLS,
    Damaged,
    SheetFacts,
    TooBig,
    Unsafe,
    check_area,
    expat_parser,
    parse_xml,
)
from app.common.sheets.month_formats import MonthCells, month_styles
from app.common.sheets.zip_parts import ZipParts

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

# Quick check: any r="…" (in any element, quoted either way) past the two rectangles that
# fit the limit, FZ9999 and AN99999. calamine reads attributes leniently (the last of two
# r wins, no space needed between attributes), so every r= counts, not just the first.
_PAST_FZ9999 = re.compile(
    rb"""r\s*=\s*["'](?:[A-Za-z]{3,}[0-9]|[G-Zg-z][A-Za-z][0-9]|[A-Za-z]{1,2}[0-9]{5})"""
)
_PAST_AN99999 = re.compile(
    rb"""r\s*=\s*["'](?:[A-Za-z]{3,}[0-9]|[B-Zb-z][A-Za-z][0-9]|[Aa][O-Zo-z][0-9]|"""
    rb"""[A-Za-z]{1,2}[0-9]{6})"""
)
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_FORMULA = re.compile(rb"<f[\s/>]")
_TYPE = re.compile(rb'\st="([^"]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")


def scan_xlsx(parts: ZipParts) -> dict[str, SheetFacts]:
    """Facts by sheet name; raises Damaged, Unsafe or TooBig."""
    titles = {part.lower(): title for title, part in _sheet_parts(parts)}
    months = _month_styles(parts)
    by_part: dict[str, SheetFacts] = {}
    for name in parts.names:
        if not name.endswith((".xml", ".rels")):
            continue
        xml = parts.read(name)
        if b"sheetData" in xml:  # whatever calamine may take for a worksheet
            by_part[name.lower()] = scan_sheet(xml, titles.get(name.lower(), name), months)
        elif xml.count(b"<") > MAX_PART_TAGS:
            raise TooBig("tags")
    return {title: by_part.get(part, SheetFacts()) for part, title in titles.items()}


def _month_styles(parts: ZipParts) -> frozenset[int]:
    """Where calamine reads the styles: xl/styles.xml, if it is there and not too big."""
    name = parts.find("xl/styles.xml")
    if name is None:
        return frozenset()
    xml = parts.read(name)
    if xml.count(b"<") > MAX_PART_TAGS:
        raise TooBig("tags")
    return month_styles(xml)


def scan_sheet(xml: bytes, name: str = "", months: frozenset[int] = frozenset()) -> SheetFacts:
    if xml.count(b"mergeCell") > MAX_MERGES:
        raise TooBig("merges", name)
    data = xml[xml.find(b"sheetData") : xml.rfind(b"sheetData")]
    if _quick(data):
        facts = _formulas_and_errors(data)
        if months and b's="' in data:
            facts.month_cells = _month_cells(data, name, months)
    else:
        facts = _exact(xml, name, b"<f" in data or b't="e"' in data, months)
    if b"hidden" in data:
        facts.hidden_rows = _hidden_rows(data)
    start = xml.find(b"sheetData")
    if b"hidden" in xml[:start]:
        facts.hidden_columns = _hidden_columns(xml[:start])
    return facts


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb"""\br\s*=\s*["']([0-9]{1,7})["']""")
_HIDDEN = re.compile(rb"""\bhidden\s*=\s*["'](?:1|true)["']""")


def _hidden_rows(data: bytes) -> list[tuple[int, int]]:
    """Rows hidden by hand or by a filter (<row r="12" hidden="1">), as Excel numbers them."""
    hidden = []
    number = 0
    for match in _ROW_TAG.finditer(data):
        attrs = match.group(1)
        given = _ROW_NUMBER.search(attrs)
        number = int(given.group(1)) if given else number + 1
        if _HIDDEN.search(attrs):
            hidden.append((number, number))
    return hidden


_COL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?col\b([^>]*)>")
_COL_SPAN = re.compile(rb"""\b(min|max)\s*=\s*["']([0-9]{1,5})["']""")


def _hidden_columns(head: bytes) -> list[tuple[int, int]]:
    """Columns hidden by hand (<col min="6" max="7" hidden="1"/>, before sheetData), from 0."""
    hidden = []
    for match in _COL_TAG.finditer(head):
        attrs = match.group(1)
        span = dict(_COL_SPAN.findall(attrs))
        if _HIDDEN.search(attrs) and b"min" in span:
            first = int(span[b"min"])
            hidden.append((first - 1, int(span.get(b"max", first)) - 1))
    return hidden


# --- the quick check ------------------------------------------------------------------------


def _quick(data: bytes) -> bool:
    """True when the bytes alone prove the rectangle small; False: do the exact pass.

    `data` runs from the first to the last mention of sheetData: all calamine reads.
    """
    if _PREFIXED_CELL.search(data):
        return False
    # Every cell tag is `<c r="`: no cell is placed after its neighbour, all by reference.
    cells = data.count(b'<c r="')
    if data.count(b"<c") != cells or cells > MAX_SHEET_CELLS:
        return False
    return not _PAST_FZ9999.search(data) or not _PAST_AN99999.search(data)


def _formulas_and_errors(xml: bytes) -> SheetFacts:
    """Formula cells without a stored result, and error cells, when every cell has `<c r="`."""
    facts = SheetFacts()
    if b"<f" in xml:
        for match in _FORMULA.finditer(xml):
            cell = _cell_around(xml, match.start())
            if cell is not None:
                ref, kind, value = cell
                if value is None and kind != b"str":
                    facts.unresolved.append(ref)
    if b't="e"' in xml:
        for match in re.finditer(rb't="e"', xml):
            cell = _cell_around(xml, match.start())
            if cell is not None and cell[1] == b"e" and cell[2]:
                facts.errors[cell[0]] = cell[2].decode("utf-8", "replace")
    return facts


# A cell tag and its s, attribute by attribute (possessive: a cell without it fails at once).
_STYLED_CELL = (
    rb'<c r="([A-Za-z]{1,3})([0-9]{1,7})"'
    rb"""(?:\s+(?!s\s*=)[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*+"""
    rb"""\s+s\s*=\s*["'](STYLES)["']"""
)


def _month_cells(data: bytes, name: str, months: frozenset[int]) -> dict[int, frozenset[int]]:
    """Cells whose s is a month-only style, when every cell has `<c r="`.

    About 20 ms for 10,000 such cells among 90,000 (bench_roster_import's roster).
    """
    if len(months) <= 50:  # the usual few: the regex itself skips every other cell
        styles = b"|".join(str(m).encode() for m in sorted(months))
    else:
        styles = rb"[0-9]{1,6}"
    found = MonthCells(name)
    columns: dict[bytes, int] = {}
    for letters, digits, style in re.findall(_STYLED_CELL.replace(b"STYLES", styles), data):
        column = columns.get(letters)
        if column is None:
            column = columns[letters] = _column(letters.decode("ascii"))
        row = int(digits)
        if 1 <= row <= MAX_ROW and int(style) in months:
            found.add(row, column)
    return found.result()


def _cell_around(xml: bytes, at: int) -> tuple[tuple[int, int], bytes, bytes | None] | None:
    """(position, t attribute, value or None when empty) of the cell element around `at`."""
    start = xml.rfind(b'<c r="', 0, at)
    if start < 0:
        return None
    head_end = xml.find(b">", start)
    end = xml.find(b"</c>", start)
    if head_end < 0 or end < at or xml[head_end - 1 : head_end] == b"/":
        return None
    head = xml[start:head_end]
    ref = head[6 : head.index(b'"', 6)].decode("ascii", "replace")
    position = _position(ref)
    if position is None:
        return None
    kind = _TYPE.search(head)
    value = _VALUE.search(xml, head_end, end)
    return position, kind.group(1) if kind else b"n", (value.group(1) or None) if value else None


def _position(ref: str) -> tuple[int, int] | None:
    """B3 -> (3, 1): the row as Excel numbers it, the column from 0."""
    match = _REFERENCE.fullmatch(ref)
    if match is None:
        return None
    return int(match.group(2)), _column(match.group(1))


def _column(letters: str) -> int:
    """AB -> 27: the column from 0."""
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    return column - 1


# --- the exact pass ---------------------------------------------------------------------------


class _Placer:
    """Places cells as calamine does: by r, else after the previous cell (or row)."""

    def __init__(self, name: str, months: frozenset[int] = frozenset()) -> None:
        self.name = name
        self.months = months
        self.month_cells = MonthCells(name)
        self.row = self.column = 0  # 0-based, as calamine counts
        self.top, self.left, self.bottom, self.right = MAX_ROW, MAX_COLUMN, -1, -1
        self.cells = 0
        self.facts = SheetFacts()
        self._cell: tuple[int, int] | None = None
        self._placed = False
        self._kind = "n"
        self._formula = self._in_value = False
        self._value: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "c" or tag[-2:] == ":c":
            self._start_cell(attrs)
        elif self._cell is not None:
            if not self._placed:
                self._place(*self._cell)
            self._formula = self._formula or tag == "f" or tag[-2:] == ":f"
            self._in_value = tag == "v" or tag[-2:] == ":v"
        elif (tag == "row" or tag[-4:] == ":row") and "r" in attrs:
            self.row = _reference(attrs["r"], column=False)[0]

    def _start_cell(self, attrs: dict[str, str]) -> None:
        row = self.row
        ref = attrs.get("r")
        if ref is not None:
            row, self.column = _reference(ref, column=True)
        column = self.column
        self._cell = (row, column)
        self._placed = False
        self.cells += 1
        if self.cells > MAX_SHEET_CELLS:
            raise TooBig("cells", self.name)
        self._kind = attrs.get("t", "n")
        self._formula = self._in_value = False
        if self.months and _style(attrs.get("s")) in self.months:
            self.month_cells.add(row + 1, column)
        self._value = []

    def _place(self, row: int, column: int) -> None:
        """Widen the used rectangle to a cell that holds something (<v>, <is> or <f>).

        calamine keeps no cell without one, so a cell that only has a format (a border
        drawn down to row 1048576) takes no room: such a sheet is read, not refused."""
        self._placed = True
        if row < self.top:
            self.top = row
        if row > self.bottom:
            self.bottom = row
        if column < self.left:
            self.left = column
        if column > self.right:
            self.right = column

    def end(self, tag: str) -> None:
        if tag == "c" or tag[-2:] == ":c":
            if self._cell is not None:
                self._note(self._cell)
            self._cell = None
            self.column += 1
        elif tag == "row" or tag[-4:] == ":row":
            self.row += 1
            self.column = 0
        else:
            self._in_value = False

    def _note(self, cell: tuple[int, int]) -> None:
        if not self._formula and self._kind != "e":
            return
        value = "".join(self._value)
        if self._formula and not value and self._kind != "str":
            self.facts.unresolved.append((cell[0] + 1, cell[1]))
        elif self._kind == "e" and value:
            self.facts.errors[(cell[0] + 1, cell[1])] = value

    def text(self, data: str) -> None:
        if self._in_value:
            self._value.append(data)


def _style(text: str | None) -> int | None:
    """The cell's s as calamine would take it; None when absent or no small number."""
    if text is None or not (0 < len(text) <= 6 and text.isascii() and text.isdigit()):
        return None
    return int(text)


_COLUMNS: dict[str, int] = {}


def _reference(ref: str, column: bool) -> tuple[int, int]:
    """calamine's reading of r: letters (any case), then digits; 0-based."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not digits or (column and not letters) or not (letters.isalpha() or not letters):
        raise Damaged(f"bad cell reference {ref!r}")
    index = _COLUMNS.get(letters)
    if index is None:
        index = 0
        for letter in letters.upper():
            if not "A" <= letter <= "Z":
                raise Damaged(f"bad cell reference {ref!r}")
            index = index * 26 + ord(letter) - 64
        index -= 1
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = index
    row = int(digits)
    if not 1 <= row <= MAX_ROW or index > MAX_COLUMN:
        raise Damaged(f"bad cell reference {ref!r}")
    return row - 1, max(index, 0)


def _exact(xml: bytes, name: str, with_values: bool, months: frozenset[int]) -> SheetFacts:
    """Every element through expat; the values too only if there are formulas or errors."""
    placer = _Placer(name, months)
    parser = expat_parser(placer.start, placer.end, placer.text if with_values else None)
    parse_xml(parser, xml)
    if placer.bottom >= 0:
        check_area(name, (placer.top, placer.left), (placer.bottom, placer.right))
    placer.facts.month_cells = placer.month_cells.result()
    return placer.facts


# --- which part is which sheet ------------------------------------------------------------


def _sheet_parts(parts: ZipParts) -> list[tuple[str, str]]:
    """(sheet title, part path) from the workbook and its relationships; [] if unclear."""
    try:
        main = _main_part(parts)
        relations = _relations(parts, main)
        workbook = _tree(parts, main)
    except (KeyError, ParseError, DefusedXmlException, TypeError):
        return []
    found = []
    for sheet in workbook.iterfind(f"{_MAIN}sheets/{_MAIN}sheet"):
        target = relations.get(sheet.get(f"{{{_REL}}}id", ""))
        if target is not None:
            found.append((sheet.get("name", ""), target))
    return found


def _tree(parts: ZipParts, part: str):
    name = parts.find(part)
    if name is None:
        raise KeyError(part)
    try:
        return fromstring(parts.read(name), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise Unsafe(part) from exc


def workbook_part(parts: ZipParts) -> str | None:
    """The workbook's main part as the package names it, if it is there."""
    try:
        return parts.find(_main_part(parts))
    except (ParseError, DefusedXmlException, TypeError):
        return None


def _main_part(parts: ZipParts) -> str:
    try:
        root = _relations(parts, "")
    except KeyError:
        return "xl/workbook.xml"
    return root.get("officeDocument", "xl/workbook.xml")


def _relations(parts: ZipParts, part: str) -> dict[str, str]:
    """Id (and, for the package, type) -> part path, from the part's .rels file."""
    folder, name = posixpath.split(part)
    root = _tree(parts, posixpath.join(folder, "_rels", name + ".rels"))
    found = {}
    for rel in root.iter(_PACKAGE_REL):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        path = posixpath.normpath(path)
        found[rel.get("Id", "")] = path
        found.setdefault(rel.get("Type", "").rpartition("/")[2], path)
    return found
