"""Damage the kind SQLite's quick_check cannot see: a table row no longer matching its index."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

TABLE_LEAF = 0x0D  # b-tree page type of a table's leaf page


def damage_behind_an_index(path: Path) -> None:
    """Change one character of a dictionary entry's UUID in its table row only.

    The page stays well formed, so quick_check passes; the unique index on
    uuid still holds the old value, so integrity_check reports the row missing
    from the index — what one flipped bit on a disk does.
    """
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        uuid = conn.execute("SELECT uuid FROM dictionary_entry ORDER BY id LIMIT 1").fetchone()[0]
    data = bytearray(path.read_bytes())
    needle = uuid.encode()
    start = 0
    while (found := data.find(needle, start)) >= 0:
        page_start = found - found % page_size
        header = page_start + (100 if page_start == 0 else 0)
        if data[header] == TABLE_LEAF:
            data[found] = ord("0") if data[found] != ord("0") else ord("1")
            path.write_bytes(bytes(data))
            return
        start = found + 1
    raise AssertionError("the UUID was not found in a table page")
