"""The zip inside an .xlsx or .ods, inflated under limits and handed on as a fresh copy.

Every entry is inflated as a bounded stream (64 KB at a time), counting the bytes
that really come out, and stops at MAX_UNCOMPRESSED_BYTES: a small zip that
declares 5,000 bytes and inflates to 2 GB costs at most one chunk more than the
limit. The parts are written, uncompressed, into a new zip, and that copy is
what calamine reads: it sees exactly the bytes checked here, whatever the
original's headers claim. Refused on the way: more than MAX_ZIP_ENTRIES entries,
the same name twice (which copy would be read?), entity declarations in any
part, and XML in an encoding the byte scans cannot follow.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from app.common.sheets.guards import (
    MAX_UNCOMPRESSED_BYTES,
    MAX_ZIP_ENTRIES,
    Damaged,
    TooBig,
    Unsafe,
)

_CHUNK = 64 * 1024
_ENTITY = b"<!ENTITY"
# The scans of xlsx_scan and ods_scan read bytes: XML must be UTF-8 (or another encoding
# that keeps ASCII as it is, like GBK). Excel, WPS and LibreOffice always write UTF-8.
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_ASCII_ENCODINGS = {b"utf-8", b"utf8", b"gbk", b"gb2312", b"gb18030", b"us-ascii", b"ascii"}
# What zipfile and zlib raise on a damaged archive.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    ValueError,
    RuntimeError,  # an encrypted entry
    NotImplementedError,  # an unknown compression method
    OSError,
    KeyError,
    struct.error,
)


@dataclass(frozen=True)
class ZipParts:
    """The checked parts, in a stored (uncompressed) zip of our own."""

    names: tuple[str, ...]
    stored: bytes

    def read(self, name: str) -> bytes:
        with zipfile.ZipFile(io.BytesIO(self.stored)) as archive:
            return archive.read(name)

    def has(self, name: str) -> bool:
        return name in self.names

    def find(self, name: str) -> str | None:
        """The entry of that name regardless of case (as calamine looks parts up)."""
        wanted = name.lower()
        return next((n for n in self.names if n.lower() == wanted), None)


def read_zip(content: bytes) -> ZipParts:
    """Raises Damaged, Unsafe or TooBig."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = [e for e in archive.infolist() if not e.is_dir()]
        _check_entries(entries)
        return _copy(content, entries)
    except _ZIP_ERRORS as exc:
        raise Damaged(repr(exc)) from exc


def _check_entries(entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ZIP_ENTRIES:
        raise TooBig("entries")
    seen: set[str] = set()
    for entry in entries:
        key = entry.filename.lower()
        if key in seen:
            raise Damaged(f"entry {entry.filename!r} twice")
        seen.add(key)


def _copy(content: bytes, entries: list[zipfile.ZipInfo]) -> ZipParts:
    buffer = io.BytesIO()
    total = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for entry in entries:
            with target.open(zipfile.ZipInfo(entry.filename), "w") as out:
                tail = b""
                for chunk in _inflate(content, entry):
                    total += len(chunk)
                    if total > MAX_UNCOMPRESSED_BYTES:
                        raise TooBig("bytes")
                    if not tail and entry.filename.endswith((".xml", ".rels")):
                        _check_encoding(chunk)
                    if _ENTITY in tail + chunk[: len(_ENTITY)] or _ENTITY in chunk:
                        raise Unsafe(entry.filename)
                    tail = chunk[-len(_ENTITY) :] or b" "
                    out.write(chunk)
    return ZipParts(tuple(e.filename for e in entries), buffer.getvalue())


def _inflate(content: bytes, entry: zipfile.ZipInfo) -> Iterator[bytes]:
    """The entry's real bytes in chunks, inflated here rather than by zipfile: zipfile
    stops at the declared size and never sees that more would come."""
    if entry.flag_bits & 1:
        raise Damaged("encrypted entry")
    at = entry.header_offset
    if content[at : at + 4] != b"PK\x03\x04":
        raise Damaged("no local header")
    name_length, extra_length = struct.unpack_from("<HH", content, at + 26)
    start = at + 30 + name_length + extra_length
    raw = memoryview(content)[start : start + entry.compress_size]
    if len(raw) != entry.compress_size:
        raise Damaged("entry past the end of the file")
    if entry.compress_type == zipfile.ZIP_STORED:
        chunks: Iterator[bytes] = (bytes(raw[i : i + _CHUNK]) for i in range(0, len(raw), _CHUNK))
    elif entry.compress_type == zipfile.ZIP_DEFLATED:
        chunks = _deflated(raw)
    else:
        raise Damaged(f"compression method {entry.compress_type}")
    size = crc = 0
    for chunk in chunks:
        size += len(chunk)
        if size > entry.file_size:
            raise Damaged(f"{entry.filename!r} inflates past its declared size")
        crc = zlib.crc32(chunk, crc)
        yield chunk
    if size != entry.file_size or crc != entry.CRC:
        raise Damaged(f"{entry.filename!r}: size or CRC differs from the declared")


def _deflated(raw: memoryview) -> Iterator[bytes]:
    """Inflate at most _CHUNK bytes at a time, however well the data compresses."""
    inflater = zlib.decompressobj(-15)
    for start in range(0, len(raw), _CHUNK):
        pending = bytes(raw[start : start + _CHUNK])
        while pending and not inflater.eof:
            yield inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    if not inflater.eof:
        chunk = inflater.flush()
        if chunk:
            yield chunk
        if not inflater.eof:
            raise Damaged("deflate stream cut short")


def _check_encoding(head: bytes) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00", b"<\x00")):
        raise Damaged("XML in UTF-16 or UTF-32")
    declared = _DECLARED_ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower() not in _ASCII_ENCODINGS:
        raise Damaged(f"XML in {declared.group(1)!r}")
