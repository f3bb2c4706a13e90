"""Cell values of an .xlsx workbook, read fast and safely.

openpyxl's read-only reader builds an element per XML node in Python; for a
5,000-row roster that was most of the import's time. This reads the same
values — shared and inline strings, numbers, booleans, error codes, dates by
cell style (including the Chinese built-in formats such as yyyy年m月, which
openpyxl does not know) — with expat callbacks and nothing else. Expat gets
defusedxml's guards: any DTD or entity declaration is refused. The small parts
(workbook, relationships, styles) are read with defusedxml itself.
tests/common/test_xlsx_cells.py compares the values with openpyxl's.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import Element
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MAIN = "{" + _NS + "}"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_WORKSHEET, _SHARED_STRINGS, _STYLES, _OFFICE_DOCUMENT = (
    f"{_REL}/{kind}" for kind in ("worksheet", "sharedStrings", "styles", "officeDocument")
)
# Built-in number formats that show dates: the standard ones and those of Chinese Excel/WPS.
_DATE_FORMAT_IDS = frozenset([*range(14, 18), 22, *range(27, 32), 36, *range(50, 59)])
# expat names elements "namespace localname"
_ROW, _CELL, _VALUE, _TEXT, _PHONETIC, _ITEM = (
    f"{_NS} {name}" for name in ("row", "c", "v", "t", "rPh", "si")
)
_CHUNK = 1 << 20
MAX_COLUMN = 16383  # XFD, Excel's last column (0-based)


class UnsafeXml(ValueError):
    """A part of the workbook declares a DTD or entities: a real spreadsheet never does."""


class DamagedXlsx(Exception):
    """The zip or its XML cannot be read: truncated, garbled, or not a workbook."""


# What zipfile, zlib, the XML parsers and value conversions raise on damaged input.
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    IndexError,
    EOFError,
    SyntaxError,  # xml.etree.ElementTree.ParseError
    expat.ExpatError,
    NotImplementedError,  # an unsupported compression method
    RuntimeError,
    OverflowError,
    TypeError,
)


@contextmanager
def _reading() -> Iterator[None]:
    try:
        yield
    except UnsafeXml:
        raise
    except _DAMAGED as exc:
        raise DamagedXlsx(repr(exc)) from exc


@dataclass(frozen=True)
class SheetPart:
    title: str
    path: str  # inside the zip


class XlsxBook:
    """The sheets of one workbook and the tables their cells refer to."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        with _reading():
            self._read_workbook()

    def _read_workbook(self) -> None:
        main = self._main_part()
        relations = self._relations(main)
        workbook = self._tree(main)
        properties = workbook.find(MAIN + "workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self.sheets = [
            SheetPart(sheet.get("name", ""), relations[rid][1])
            for sheet in workbook.iterfind(f"{MAIN}sheets/{MAIN}sheet")
            if (rid := sheet.get(f"{{{_REL}}}id")) in relations and relations[rid][0] == _WORKSHEET
        ]
        parts = {kind: path for kind, path in relations.values()}
        self._strings = self._shared_strings(parts.get(_SHARED_STRINGS))
        self._dates = self._date_styles(parts.get(_STYLES))

    def sheet_xml(self, sheet: SheetPart) -> bytes:
        with _reading():
            return self._archive.read(sheet.path)

    def rows(self, xml: bytes) -> Iterator[tuple[int, list[Any]]]:
        """(row number as Excel shows it, values by column from A); empty rows left out."""
        reader = _SheetReader(self._strings, self._dates, self.epoch)
        parser = _parser(reader.start, reader.end, reader.text)
        for start in range(0, len(xml) + 1, _CHUNK):
            with _reading():  # around the parser only: errors of the caller stay theirs
                parser.Parse(xml[start : start + _CHUNK], start + _CHUNK > len(xml))
            yield from reader.take()

    # --- the parts -------------------------------------------------------------------

    def _tree(self, part: str) -> Element:
        try:
            return fromstring(self._archive.read(part), forbid_dtd=True)
        except DefusedXmlException as exc:
            raise UnsafeXml() from exc

    def _main_part(self) -> str:
        try:
            relations = self._relations("")
        except KeyError:
            return "xl/workbook.xml"
        return next((p for k, p in relations.values() if k == _OFFICE_DOCUMENT), "xl/workbook.xml")

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Id -> (type, part path) from the part's .rels file."""
        folder, name = posixpath.split(part)
        root = self._tree(posixpath.join(folder, "_rels", name + ".rels"))
        found = {}
        for rel in root.iter(_PACKAGE_REL):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(path))
        return found

    def _shared_strings(self, part: str | None) -> list[str]:
        if part is None:
            return []
        reader = _StringReader()
        _parser(reader.start, reader.end, reader.text).Parse(self._archive.read(part), True)
        return reader.strings

    def _date_styles(self, part: str | None) -> frozenset[int]:
        if part is None:
            return frozenset()
        styles = self._tree(part)
        custom = {
            int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "")
            for fmt in styles.iterfind(f"{MAIN}numFmts/{MAIN}numFmt")
        }
        dates = set()
        for index, xf in enumerate(styles.iterfind(f"{MAIN}cellXfs/{MAIN}xf")):
            fmt = int(xf.get("numFmtId", "0"))
            if (fmt in custom and is_date_format(custom[fmt])) or (
                fmt not in custom and fmt in _DATE_FORMAT_IDS
            ):
                dates.add(index)
        return frozenset(dates)


def _refuse(*_: object) -> None:
    raise UnsafeXml()


def _parser(start, end, text) -> expat.XMLParserType:
    """Expat with defusedxml's guards: no DTD, no entity declarations, nothing external."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    return parser


class _StringReader:
    """<si> items: the text of their runs, without phonetic guides (<rPh>)."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._parts: list[str] = []
        self._in_text = False
        self._in_phonetic = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == _TEXT:
            self._in_text = not self._in_phonetic
        elif name == _PHONETIC:
            self._in_phonetic = True
        elif name == _ITEM:
            self._parts = []

    def end(self, name: str) -> None:
        if name == _TEXT:
            self._in_text = False
        elif name == _PHONETIC:
            self._in_phonetic = False
        elif name == _ITEM:
            self.strings.append("".join(self._parts))

    def text(self, data: str) -> None:
        if self._in_text:
            self._parts.append(data)


class _SheetReader:
    """Turns the callbacks of one worksheet into rows of values."""

    def __init__(self, strings: list[str], dates: frozenset[int], epoch: datetime) -> None:
        self._strings, self._dates, self._epoch = strings, dates, epoch
        self._done: list[tuple[int, list[Any]]] = []
        self._row: list[Any] = []
        self._number = 0
        self._cell: tuple[str | None, str, str | None] = (None, "n", None)
        self._parts: list[str] = []
        self._collect = False
        self._in_phonetic = False

    def take(self) -> list[tuple[int, list[Any]]]:
        done, self._done = self._done, []
        return done

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == _CELL:
            self._cell = (attrs.get("r"), attrs.get("t", "n"), attrs.get("s"))
            self._parts = []
        elif name == _VALUE or (name == _TEXT and not self._in_phonetic):
            self._collect = True
        elif name == _ROW:
            self._number = int(attrs.get("r") or self._number + 1)
            self._row = []
        elif name == _PHONETIC:
            self._in_phonetic = True

    def end(self, name: str) -> None:
        if name == _CELL:
            self._end_cell()
        elif name in (_VALUE, _TEXT):
            self._collect = False
        elif name == _ROW:
            if self._row:
                self._done.append((self._number, self._row))
        elif name == _PHONETIC:
            self._in_phonetic = False

    def text(self, data: str) -> None:
        if self._collect:
            self._parts.append(data)

    def _end_cell(self) -> None:
        ref, kind, style = self._cell
        if not self._parts and kind != "inlineStr":
            return
        raw = "".join(self._parts)
        value = self._value(kind, style, raw)
        row = self._row
        column = _column_index(ref) if ref else len(row)
        if column >= len(row):
            row.extend([None] * (column + 1 - len(row)))
        row[column] = value

    def _value(self, kind: str, style: str | None, raw: str) -> Any:
        if kind == "s":
            return self._strings[int(raw)]
        if kind in ("inlineStr", "str", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            return datetime.fromisoformat(raw.replace("Z", "+00:00")).replace(tzinfo=None)
        number = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
        if style is not None and int(style) in self._dates:
            return from_excel(number, self._epoch)
        return number


_COLUMNS: dict[str, int] = {}


def _column_index(ref: str) -> int:
    """B3 -> 1 (0-based); a column past XFD is a damaged (or crafted) file."""
    letters = ref.rstrip("0123456789")
    index = _COLUMNS.get(letters)
    if index is None:
        if not 1 <= len(letters) <= 3 or not letters.isupper() or not letters.isascii():
            raise ValueError(f"bad cell reference {ref!r}")
        index = 0
        for letter in letters:
            index = index * 26 + ord(letter) - 64
        index -= 1
        if index > MAX_COLUMN:
            raise ValueError(f"bad cell reference {ref!r}")
        _COLUMNS[letters] = index
    return index
