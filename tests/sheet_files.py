"""Building .xls and .ods files for tests, and hostile files of every format.

.xls files are written with xlwt (a real BIFF8 writer, test-only); the .ods
writer here writes what LibreOffice writes, in miniature. tests/common/data holds
the messy roster as LibreOffice itself exported it (see its README).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import xlwt

from app.common.sheets.xls_scan import compound_file
from tests.xlsx_files import messy_rows, rewrite_part

DATA = Path(__file__).parent / "common" / "data"
LIBREOFFICE_ROSTER = {suffix: DATA / f"委员名单-libreoffice{suffix}" for suffix in (".xls", ".ods")}


# --- .xls ---------------------------------------------------------------------------------


def write_xls(
    path: Path,
    rows: Sequence[Sequence[object]],
    merges: Sequence[tuple[int, int, int, int]] = (),  # (first row, last row, first col, last col)
    title: str = "委员名单",
    hidden: dict[str, Sequence[Sequence[object]]] | None = None,
) -> Path:
    """A workbook as Excel 97-2003 saves it; dates get a date format, as Excel gives them."""
    book = xlwt.Workbook(encoding="utf-8")
    _xls_sheet(book.add_sheet(title), rows, merges)
    for name, hidden_rows in (hidden or {}).items():
        sheet = book.add_sheet(name)
        _xls_sheet(sheet, hidden_rows, ())
        sheet.visibility = 1
    book.save(str(path))
    return path


_XLS_DATE = xlwt.easyxf(num_format_str="yyyy-mm-dd")


def _xls_sheet(sheet, rows, merges) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date | datetime):
                sheet.write(r, c, value, _XLS_DATE)
            elif value is not None:
                sheet.write(r, c, value)
    for first_row, last_row, first_col, last_col in merges:
        sheet.merge(first_row, last_row, first_col, last_col)


def xlsx_as_xls(source: Path, path: Path) -> Path:
    """The first sheet of an .xlsx (values and merged ranges) saved again by xlwt."""
    import openpyxl

    sheet = openpyxl.load_workbook(source).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    merges = [
        (r.min_row - 1, r.max_row - 1, r.min_col - 1, r.max_col - 1)
        for r in sheet.merged_cells.ranges
    ]
    return write_xls(path, rows, merges=merges, title=sheet.title)


def messy_roster_xls(path: Path) -> Path:
    """The messy roster of tests.xlsx_files, saved as Excel 97-2003 by xlwt."""
    merges = [(0, 0, 0, 13), (1, 1, 0, 13), (6, 7, 6, 6), (9, 9, 0, 13)]  # A1:N1 … G7:G8
    return write_xls(path, messy_rows(), merges=merges)


def workbook_stream(path: Path) -> bytes:
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        return ole.openstream("Workbook").read()


def with_stream(path: Path, stream: bytes) -> Path:
    """Replace an .xls's Workbook stream (rewriting the compound file around it)."""
    path.write_bytes(compound_file("Workbook", stream))
    return path


def biff_record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


# --- .ods ---------------------------------------------------------------------------------

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'office:version="1.3"'
)


def write_ods(
    path: Path,
    tables: dict[str, Sequence[Sequence[object]]],
    spans: dict[tuple[int, int], int] | None = None,  # (row, col) from 0 of the first table
    hidden: Sequence[str] = (),
    raw_rows: str = "",  # extra rows, as XML, after the first table's rows
) -> Path:
    body = []
    for index, (name, rows) in enumerate(tables.items()):
        style = "ta2" if name in hidden else "ta1"
        body.append(f'<table:table table:name={quoteattr(name)} table:style-name="{style}">')
        for r, row in enumerate(rows):
            body.append("<table:table-row>")
            for c, value in enumerate(row):
                span = (spans or {}).get((r, c)) if index == 0 else None
                covered = index == 0 and _covered(spans or {}, r, c)
                body.append(_ods_cell(value, span, covered))
            body.append("</table:table-row>")
        if index == 0:
            body.append(raw_rows)
        body.append("</table:table>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        "<office:automatic-styles>"
        '<style:style style:name="ta1" style:family="table">'
        '<style:table-properties table:display="true"/></style:style>'
        '<style:style style:name="ta2" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
        "</office:automatic-styles><office:body><office:spreadsheet>"
        + "".join(body)
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def _covered(spans: dict[tuple[int, int], int], row: int, col: int) -> bool:
    return any(c == col and r < row < r + n for (r, c), n in spans.items())


def _ods_cell(value: object, span: int | None, covered: bool) -> str:
    tag = "table:covered-table-cell" if covered else "table:table-cell"
    extra = f' table:number-rows-spanned="{span}"' if span else ""
    if value is None:
        return f"<{tag}{extra}/>"
    if isinstance(value, bool):
        kind = f'office:value-type="boolean" office:boolean-value="{str(value).lower()}"'
    elif isinstance(value, int | float):
        kind = f'office:value-type="float" office:value="{value!r}"'
    elif isinstance(value, date | datetime):
        kind = f'office:value-type="date" office:date-value="{value.isoformat()}"'
    else:
        kind = 'office:value-type="string"'
    return f"<{tag}{extra} {kind}><text:p>{escape(str(value))}</text:p></{tag}>"


# --- hostile files ------------------------------------------------------------------------------


def far_apart_cells(path: Path) -> Path:
    """Two cells, A1 and XFD1048576: 5 KB that made calamine ask for 550 GB."""
    return rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>',
        ),
    )


def whole_height_merges(path: Path, count: int = 100) -> Path:
    """count columns each merged from row 1 to row 1,048,576 (issue 8, finding 11)."""
    refs = [f"{_letters(c)}1:{_letters(c)}1048576" for c in range(3, 3 + count)]
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    return rewrite_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</worksheet>",
            f'<mergeCells count="{count}">{cells}</mergeCells></worksheet>'.encode(),
        ),
    )


def _letters(index: int) -> str:
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


def lying_zip(path: Path, declared: int = 5000, inflated: int = 2 << 30) -> Path:
    """A workbook whose sheet part is its XML followed by spaces, `inflated` bytes in all,
    but declares `declared` bytes, with the CRC of those (issue 8, finding 12)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    head, block = parts[sheet][:-12], 1 << 24  # without </worksheet>
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    chunk = compressor.compress(b" " * block) + compressor.flush(zlib.Z_FULL_FLUSH)
    bomb += chunk * (inflated // block) + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32((head + b" " * max(0, declared - len(head)))[:declared])
    entries = [(n, zlib.compress(d)[2:-4], len(d), zlib.crc32(d)) for n, d in parts.items()]
    entries = [(n, bomb, declared, crc) if n == sheet else e for e in entries for n in [e[0]]]
    path.write_bytes(raw_zip(entries))
    return path


def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A deflated zip from (name, raw deflate data, declared size, CRC) — sizes as given."""
    out, directory = io.BytesIO(), []
    for name, data, size, crc in entries:
        encoded = name.encode()
        offset = out.tell()
        head = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0
        )
        out.write(head + encoded + data)
        directory.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    central = b"".join(directory)
    out.write(central)
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0
        )
    )
    return out.getvalue()


def duplicated_entry(path: Path, part: str, other: bytes) -> Path:
    """The same part twice; zipfile would silently read the last copy."""
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    entries = [(n, zlib.compress(d)[2:-4], len(d), zlib.crc32(d)) for n, d in parts]
    entries.append((part, zlib.compress(other)[2:-4], len(other), zlib.crc32(other)))
    path.write_bytes(raw_zip(entries))
    return path
