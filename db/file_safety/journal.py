"""Whose is the rollback journal beside the database: the leftover of a write cut off in
this very file, or one that stayed when the file was replaced?

SQLite plays any hot `-journal` into the file that has the database's name; it cannot
tell whose the journal is. When the database file was replaced while a crash's journal
stayed (an older backup copied over it by hand), the journal's pages, of the newer
state, are written into the older file: a mix of two states of the same database, which
quick_check may well pass. What a journal left by a write cut off in *this* file must
agree with, as SQLite writes it (pager.c):

- page 1 in the journal is the database's first page as the write found it, with the
  file change counter C; the write changes the counter to C + 1 and nothing else, so the
  database's own counter is C (page 1 not written yet) or C + 1;
- a journal without page 1: the write never touched page 1, so the header is as it was
  when the write began — its page count at most the journal's original size (more only
  with trailing pages past the header's count), and the file not shorter than that
  size (only a commit, after it has written page 1, truncates the file).

A file that breaks either rule is not the one the journal was written for.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from db.file_safety.files import file_stamps

_MAGIC = bytes.fromhex("d9d505f920a163d7")
_HEADER_FIELDS = 28  # magic, records, checksum nonce, original pages, sector size, page size
_NO_SYNC = 0xFFFFFFFF  # records count of a journal written without syncs: up to its end
_LOCK_BYTE_AT = 0x40000000  # the page holding it is never journaled (SQLite's PENDING_BYTE)


@dataclass(frozen=True)
class JournalStart:
    """What a journal says of the database as the cut-off write found it."""

    original_pages: int
    page_size: int
    first_page: bytes | None  # page 1 then, if the journal holds it and SQLite would play it


def journal_fits(database: Path, journal: Path) -> bool:
    """Whether `journal` can be the leftover of a write cut off in `database` as it is now.

    True too when SQLite would play nothing from it, and when either file changes while
    it is read (another program is writing: its journal is live, SQLite's to handle).
    """
    before = file_stamps([database, journal])
    try:
        with journal.open("rb") as file:
            start = read_journal_start(file)
        with database.open("rb") as file:
            header = file.read(100)
            size = os.fstat(file.fileno()).st_size
    except FileNotFoundError:
        return True  # the journal went: a live write ended
    if file_stamps([database, journal]) != before:
        return True
    if start is None or len(header) < 100:
        return True  # nothing would be played; a file this short is not a database at all
    return _agrees(start, header, size)


def _agrees(start: JournalStart, header: bytes, size: int) -> bool:
    counter = int.from_bytes(header[24:28], "big")
    if start.first_page is not None:
        was = int.from_bytes(start.first_page[24:28], "big")
        return counter in (was, (was + 1) & 0xFFFFFFFF)
    page_size = int.from_bytes(header[16:18], "big")
    if (65536 if page_size == 1 else page_size) != start.page_size:
        return False
    header_valid = header[24:28] == header[92:96]
    if header_valid and int.from_bytes(header[28:32], "big") > start.original_pages:
        return False
    return size // start.page_size >= start.original_pages


def read_journal_start(journal: BinaryIO) -> JournalStart | None:
    """The journal's first header and page 1 among the records SQLite would play back;
    None when it would play nothing (no valid header: an unsynced or zeroed journal).
    Read record by record: a big import's journal need not fit in memory."""
    first = _header(journal, 0)
    if first is None:
        return None
    _, _, original_pages, sector, page_size = first
    if not (_power_of_two(page_size, 512, 65536) and _power_of_two(sector, 32, 65536)):
        return None
    record = page_size + 8
    lock_page = _LOCK_BYTE_AT // page_size + 1
    end = journal.seek(0, os.SEEK_END)
    at = 0
    while (found := _header(journal, at)) is not None:
        count, nonce, *_ = found
        at += sector
        if count == _NO_SYNC:
            count = (end - at) // record
        journal.seek(at)
        for _ in range(count):
            data = journal.read(record)
            if len(data) < record:
                return JournalStart(original_pages, page_size, None)  # a short read ends it
            page = int.from_bytes(data[:4], "big")
            content = data[4 : 4 + page_size]
            if page in (0, lock_page) or _checksum(nonce, content) != data[-4:]:
                return JournalStart(original_pages, page_size, None)  # playback stops here
            if page == 1 and original_pages >= 1:
                return JournalStart(original_pages, page_size, content)
            at += record
        at = -(-at // sector) * sector  # the next header starts on a sector boundary
    return JournalStart(original_pages, page_size, None)


def _header(journal: BinaryIO, at: int) -> tuple[int, int, int, int, int] | None:
    """(records, checksum nonce, original pages, sector size, page size) of the header
    at `at`, if there is a valid one (only the first header's two sizes count)."""
    journal.seek(at)
    fields = journal.read(_HEADER_FIELDS)
    if len(fields) < _HEADER_FIELDS or not fields.startswith(_MAGIC):
        return None
    count, nonce, pages, sector, page_size = (
        int.from_bytes(fields[i : i + 4], "big") for i in range(8, 28, 4)
    )
    return count, nonce, pages, sector, page_size


def _checksum(nonce: int, content: bytes) -> bytes:
    """SQLite's journal record checksum: the nonce plus every 200th byte from the end."""
    total = nonce + sum(content[i] for i in range(len(content) - 200, 0, -200))
    return (total & 0xFFFFFFFF).to_bytes(4, "big")


def _power_of_two(value: int, low: int, high: int) -> bool:
    return low <= value <= high and value & (value - 1) == 0
