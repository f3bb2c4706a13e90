"""What a spreadsheet may cost to read, and the ways a file can fail before any row is read.

calamine (the reader, see app.common.sheets.workbook) is fast but trusts the file:
two cells far apart make it allocate the whole rectangle between them (A1 and
XFD1048576: 550 GB, and the process aborts), and a crafted .xls header does the
same. So every file passes the checks of zip_parts, xlsx_scan, ods_scan or
xls_scan first, and they refuse what would exceed these limits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat

from openpyxl.utils import get_column_letter

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024  # counted while inflating, not as the zip declares
# The rectangle calamine allocates for one sheet (32 bytes a cell): 4M cells are 128 MB,
# e.g. 100,000 rows of 40 columns; cell elements and records are counted against it too.
MAX_SHEET_CELLS = 4_000_000
MAX_MERGES = 50_000  # merged ranges in one sheet
MAX_PART_TAGS = 2_000_000  # XML tags in a part other than a worksheet (shared strings, styles)
MAX_STRINGS = 2_000_000  # the shared-string table of an .xls
MAX_STYLES = 100_000  # cell formats (xf) read for month-only dates; Excel allows 64,000
MAX_MONTH_CELLS = 250_000  # month-formatted cells noted per sheet; past it, read as dates
MAX_COLUMN = 16_383  # XFD, 0-based
MAX_ROW = 1_048_576


class SheetFileProblem(Exception):
    """The file cannot be read as it is; the reader turns each kind into a Chinese message."""


class Damaged(SheetFileProblem):
    """Truncated, garbled, or not the kind of file it claims to be."""


class Unsafe(SheetFileProblem):
    """XML with entity declarations: a real spreadsheet never has them (XML bombs do)."""


class TooBig(SheetFileProblem):
    """More than the limits above: a table too large, or a file made to exhaust memory."""

    def __init__(self, what: str, sheet: str = "", corner: str = "") -> None:
        super().__init__(what, sheet)
        # The far end of a too-large rectangle (XFD1048576): often a cell that only has a
        # format, so the clerk sees nothing there unless told where to look.
        self.what, self.sheet, self.corner = what, sheet, corner


class Encrypted(SheetFileProblem):
    """Protected with a password to open."""


class Unsupported(SheetFileProblem):
    """A format the program does not read; kind is its Chinese name."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass
class SheetFacts:
    """What the checks learned about one sheet that calamine does not say.

    Rows are numbered as Excel shows them; columns from 0.
    """

    # (first row, column, last row) of ranges merged down several rows; only for formats
    # whose merges calamine does not report (.ods).
    merges: list[tuple[int, int, int]] = field(default_factory=list)
    # Formula cells saved without their result (written by a program, never opened).
    unresolved: list[tuple[int, int]] = field(default_factory=list)
    # Cells showing an error (#N/A): calamine reads them as empty.
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    # (first, last) rows hidden in Excel, by hand or by a filter: calamine reads them all.
    hidden_rows: list[tuple[int, int]] = field(default_factory=list)
    # (first, last) columns hidden in Excel, from 0: calamine reads them all.
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)
    # row -> columns of the cells whose format shows only year and month (2023年5月):
    # read as that text, not as the 1st of the month (see month_formats).
    month_cells: dict[int, frozenset[int]] = field(default_factory=dict)


def check_area(sheet: str, first: tuple[int, int], last: tuple[int, int], cells: int = 0) -> None:
    """Refuse a sheet whose used rectangle, or count of cells, is past the limit."""
    rows = max(0, last[0] - first[0] + 1)
    columns = max(0, last[1] - first[1] + 1)
    if rows * columns > MAX_SHEET_CELLS:
        raise TooBig("cells", sheet, f"{get_column_letter(last[1] + 1)}{last[0] + 1}")
    if cells > MAX_SHEET_CELLS:
        raise TooBig("cells", sheet)


def _refuse(*_: object) -> None:
    raise Unsafe("DTD or entity declaration")


def expat_parser(start, end=None, text=None) -> expat.XMLParserType:
    """Expat with defusedxml's guards: no DTD, no entity declarations, nothing external."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    return parser


def parse_xml(parser: expat.XMLParserType, xml: bytes) -> None:
    """Feed a whole part; malformed XML is a damaged file."""
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise Damaged(repr(exc)) from exc
