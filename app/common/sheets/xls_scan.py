"""Checking an old Excel (.xls) file before calamine reads it, and handing it over clean.

An .xls is a little file system (OLE2 compound file) holding a "Workbook" stream
of BIFF records. A crafted file can make calamine reserve room for 4 billion
rows (from a DIMENSIONS record, or from two cells far apart) and abort the whole
program, so:

1. olefile, a reader made for taking apart hostile Office files, finds the stream;
2. each sheet's records are walked here: the rectangle calamine would allocate,
   the number of cells, merged ranges and shared strings must stay in the limits;
   error cells (#N/A) are noted, since calamine reads them as empty, and so are
   the cells whose format (FORMAT and XF records) shows only year and month;
3. calamine then reads a compound file written here with nothing but that stream,
   so its own compound-file reader never sees the original's headers.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

import olefile
from openpyxl.utils import get_column_letter

from app.common.sheets.guards import (
    MAX_MERGES,
    MAX_SHEET_CELLS,
    MAX_STRINGS,
    MAX_STYLES,
    Damaged,
    Encrypted,
    SheetFacts,
    TooBig,
    Unsupported,
    check_area,
)
from app.common.sheets.month_formats import MonthCells, is_month_format

_XLS_ROWS, _XLS_COLUMNS = 65_536, 256  # BIFF8
_STREAMS = ("workbook", "book")  # BIFF8 (Excel 97-2003, WPS) and BIFF5 (Excel 5/95)
_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _SST = 0x0809, 0x000A, 0x002F, 0x0085, 0x00FC
_CODEPAGE, _STRING = 0x0042, 0x0207
_DIMENSIONS, _MERGECELLS, _MULRK, _BOOLERR, _FORMULA = 0x0200, 0x00E5, 0x00BD, 0x0205, 0x0006
# Records calamine turns into one cell at (row, column) = the first two 16-bit fields.
_ROW, _ROW_HIDDEN = 0x0208, 0x20  # ROW record; fDyZero in its option flags: hidden
_COLINFO = 0x007D  # first, last column, width, format, options (bit 0: hidden)
_FORMAT, _XF = 0x041E, 0x00E0  # a number format (id, code); a cell format (font, format id …)
_NUMBERS = frozenset([0x0203, 0x027E, 0x0006])  # NUMBER, RK, FORMULA: the XF at bytes 4-5
_CELLS = frozenset([0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006])
_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
    0x2B: "#GETTING_DATA",
}


@dataclass(frozen=True)
class XlsParts:
    stream: bytes  # the Workbook (or Book) stream
    facts: dict[str, SheetFacts]  # by sheet name
    clean: bytes  # a compound file with that stream only: what calamine reads


def read_xls(content: bytes) -> XlsParts:
    """Raises Damaged, Encrypted, Unsupported or TooBig."""
    stream_name, stream = _workbook_stream(content)
    facts = _walk(stream)
    return XlsParts(stream, facts, compound_file(stream_name, stream))


def _workbook_stream(content: bytes) -> tuple[str, bytes]:
    found: tuple[str, bytes] | None = None
    try:
        with olefile.OleFileIO(io.BytesIO(content)) as ole:
            names = {"/".join(entry).lower(): "/".join(entry) for entry in ole.listdir()}
            wanted = next((names[n] for n in _STREAMS if n in names), None)
            if wanted is not None:
                found = wanted, ole.openstream(wanted).read()
    except Exception as exc:  # olefile's ways of saying the container is broken
        raise Damaged(repr(exc)) from exc
    if "encryptedpackage" in names:
        raise Encrypted()  # an .xlsx protected with a password to open
    if found is not None:
        return found
    if "worddocument" in names:
        raise Unsupported("Word 文档")
    raise Damaged("no Workbook stream")


def _records(stream: bytes, at: int):
    """(type, data) from `at` on, as calamine splits them."""
    end = len(stream)
    while at + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, at)
        if at + 4 + length > end:
            raise Damaged("record past the end of the stream")
        yield kind, stream[at + 4 : at + 4 + length]
        at += 4 + length


def _walk(stream: bytes) -> dict[str, SheetFacts]:
    sheets: list[tuple[int, str]] = []
    biff8, codepage = True, 1252
    formats: dict[int, str] = {}
    cell_formats: list[int] = []  # the format id of each XF, in order
    for kind, data in _records(stream, 0):
        if kind == _FORMAT and len(data) >= 3:
            formats[struct.unpack_from("<H", data)[0]] = _format_code(data, biff8, codepage)
        elif kind == _XF and len(data) >= 4 and len(cell_formats) <= MAX_STYLES:
            cell_formats.append(struct.unpack_from("<H", data, 2)[0])
        if kind == _FILEPASS:
            raise Encrypted()
        if kind == _BOF and len(data) >= 2:
            biff8 = struct.unpack_from("<H", data)[0] == 0x0600
        elif kind == _CODEPAGE and len(data) >= 2:
            codepage = struct.unpack_from("<H", data)[0]
        elif kind == _BOUNDSHEET:
            if len(data) < 8:
                raise Damaged("short sheet record")
            name = _sheet_name(data, biff8, codepage).replace("\0", "")
            sheets.append((struct.unpack_from("<I", data)[0], name))
        elif kind == _SST and len(data) >= 8 and struct.unpack_from("<I", data, 4)[0] > MAX_STRINGS:
            raise TooBig("strings")
        elif kind == _EOF:
            break
    months = frozenset(
        index
        for index, number in enumerate(cell_formats)
        if is_month_format(number, formats.get(number))
    )
    if len(cell_formats) > MAX_STYLES:
        months = frozenset()  # more styles than any real file: dates read as before
    facts = {}
    for position, name in sheets:
        if position >= len(stream):
            raise Damaged("sheet past the end of the stream")
        facts[name] = _walk_sheet(stream, position, name, months)
    return facts


def _format_code(data: bytes, biff8: bool, codepage: int) -> str:
    """FORMAT's code: BIFF8 a 16-bit length, flags, Latin-1 or UTF-16; BIFF5 in the code page."""
    if not biff8:
        try:
            return data[3 : 3 + data[2]].decode(f"cp{codepage}", "replace")
        except LookupError:
            return data[3 : 3 + data[2]].decode("latin-1")
    if len(data) < 5:
        return ""
    length = struct.unpack_from("<H", data, 2)[0]
    if data[4] & 1:
        return data[5 : 5 + 2 * length].decode("utf-16-le", "replace")
    return data[5 : 5 + length].decode("latin-1")


def _sheet_name(data: bytes, biff8: bool, codepage: int) -> str:
    """BoundSheet's name: BIFF8 compressed (Latin-1) or UTF-16; BIFF5 in the code page."""
    length = data[6]
    if not biff8:
        try:
            return data[7 : 7 + length].decode(f"cp{codepage}", "replace")
        except LookupError:
            return data[7 : 7 + length].decode("latin-1")
    if data[7] & 1:
        return data[8 : 8 + 2 * length].decode("utf-16-le", "replace")
    return data[8 : 8 + length].decode("latin-1")


def _walk_sheet(stream: bytes, position: int, name: str, months: frozenset[int]) -> SheetFacts:
    facts = SheetFacts()
    month_cells = MonthCells(name)
    first, last = [1 << 32, 1 << 32], [-1, -1]
    cells = merges = depth = 0
    seen_bof = False
    for kind, data in _records(stream, position):
        if depth:  # an embedded chart: calamine skips it
            depth += {_BOF: 1, _EOF: -1}.get(kind, 0)
            continue
        if kind == _BOF:
            depth, seen_bof = (depth + 1 if seen_bof else depth), True
        elif kind == _EOF:
            break
        elif kind == _DIMENSIONS:
            _check_dimensions(data, name)
        elif kind == _MERGECELLS and len(data) >= 2:
            merges += struct.unpack_from("<H", data)[0]
            if merges > MAX_MERGES:
                raise TooBig("merges", name)
        elif kind in _CELLS or kind == _MULRK:
            row, column, last_column, count = _places(kind, data)
            cells += count
            first = [min(first[0], row), min(first[1], column)]
            last = [max(last[0], row), max(last[1], last_column)]
            _note_error(facts, kind, data)
            if months:
                _note_month(month_cells, kind, data, months)
        elif kind == _STRING:  # a formula's text result: one more cell, at the formula's place
            cells += 1
        elif kind == _ROW and len(data) >= 16 and data[12] & _ROW_HIDDEN:
            row = struct.unpack_from("<H", data)[0] + 1
            facts.hidden_rows.append((row, row))
        elif kind == _COLINFO and len(data) >= 10 and data[8] & 1:
            facts.hidden_columns.append(struct.unpack_from("<HH", data))
    if last[0] >= 0:
        check_area(name, (first[0], first[1]), (last[0], last[1]), cells)
    facts.month_cells = month_cells.result()
    return facts


def _note_month(found: MonthCells, kind: int, data: bytes, months: frozenset[int]) -> None:
    """A number (or a formula's) cell whose XF shows only year and month."""
    row, column = struct.unpack_from("<HH", data)
    if kind in _NUMBERS:
        if struct.unpack_from("<H", data, 4)[0] in months:
            found.add(row + 1, column)
    elif kind == _MULRK:
        for at in range(4, len(data) - 2, 6):  # (XF, RK) pairs, then the last column
            if struct.unpack_from("<H", data, at)[0] in months:
                found.add(row + 1, column + (at - 4) // 6)


def _places(kind: int, data: bytes) -> tuple[int, int, int, int]:
    """(row, first column, last column, cells) of one cell record."""
    if len(data) < 6:
        raise Damaged("short cell record")
    row, column = struct.unpack_from("<HH", data)
    if kind != _MULRK:
        return row, column, column, 1
    count = -(-(len(data) - 6) // 6)  # calamine: a cell per 6 bytes, from the first column
    return row, column, column + max(count - 1, 0), count


def _check_dimensions(data: bytes, name: str) -> None:
    """calamine reserves (rows x columns) cells as this record says, before any cell."""
    if len(data) == 14:
        first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", data)
    elif len(data) == 10:
        first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", data)
    else:
        raise Damaged("dimensions record")
    if first_column > 0xFF or last_column < first_column:
        first_column = 0
    if last_row >= 1 and last_column >= 1:  # calamine: end = last - 1, in 32 bits
        rows = (last_row - 1 - first_row + 1) % (1 << 32)
        columns = (last_column - 1 - first_column + 1) % (1 << 32)
        if rows * columns > MAX_SHEET_CELLS:
            # Excel writes the far corner of the cells it keeps, formatted blank ones too:
            # the clerk is told which cell, as for an .xlsx (a damaged record says none).
            real = last_row <= _XLS_ROWS and last_column <= _XLS_COLUMNS
            raise TooBig(
                "cells", name, f"{get_column_letter(last_column)}{last_row}" if real else ""
            )


def _note_error(facts: SheetFacts, kind: int, data: bytes) -> None:
    row, column = struct.unpack_from("<HH", data)
    if kind == _BOOLERR and len(data) >= 8 and data[7] == 1:
        facts.errors[(row + 1, column)] = _ERRORS.get(data[6], "#N/A")
    elif kind == _FORMULA and len(data) >= 14 and data[6] == 2 and data[12:14] == b"\xff\xff":
        facts.errors[(row + 1, column)] = _ERRORS.get(data[8], "#N/A")


# --- a compound file of our own ------------------------------------------------------------

_SECTOR = 4096  # version 4: one FAT sector maps 1024 sectors, 4 GB with the header's 109
_FREE, _END, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(name: str, stream: bytes) -> bytes:
    """The smallest compound file holding one stream (padded to the 4 KB mini-stream cutoff)."""
    data = stream + bytes(-len(stream) % _SECTOR or 0)
    data += bytes(max(0, _SECTOR - len(data)))
    stream_sectors = len(data) // _SECTOR
    # Then the directory, an empty sector for the root entry (calamine wants it to start
    # somewhere in version 4), and the FAT.
    fat_sectors = 1
    while (stream_sectors + 2 + fat_sectors) > fat_sectors * (_SECTOR // 4):
        fat_sectors += 1
    if fat_sectors > 109:
        raise TooBig("bytes")
    directory = stream_sectors
    fat = [*range(1, stream_sectors), _END, _END, _END] + [_FAT_SECTOR] * fat_sectors
    fat += [_FREE] * (fat_sectors * (_SECTOR // 4) - len(fat))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        bytes(16),
        0x003E,
        0x0004,
        0xFFFE,
        12,  # 4096-byte sectors
        6,  # 64-byte mini sectors
        bytes(6),
        1,  # directory sectors
        fat_sectors,
        directory,
        0,
        0x1000,  # mini stream cutoff
        _END,
        0,
        _END,
        0,
    )
    difat = [stream_sectors + 2 + i for i in range(fat_sectors)] + [_FREE] * (109 - fat_sectors)
    header += struct.pack("<109I", *difat)
    entries = _entry("Root Entry", 5, child=1, start=directory + 1, size=0) + _entry(
        name, 2, child=_NO_STREAM, start=0, size=max(len(stream), _SECTOR)
    )
    entries += bytes(_SECTOR - len(entries))
    return (
        header.ljust(_SECTOR, b"\0")
        + data
        + entries
        + bytes(_SECTOR)
        + struct.pack(f"<{len(fat)}I", *fat)
    )


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,  # black
        _NO_STREAM,
        _NO_STREAM,
        child,
        bytes(16),
        0,
        0,
        0,
        start,
        size,
    )
