"""One flipped byte in the database's header: damage, said as such, with the backup offered.

Two header bytes SQLite does not call damage: the write version (byte 18) above 2 makes it
open the file read-only without a word — `check` passed and every save then failed with
"the file is read-only, ask for permissions", which no clerk can fix; and the schema format
(bytes 44-47) gives "unsupported file format" (code 1), which read as an unknown error
instead of damage, so the start did not offer the newest backup.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import DatabaseDamaged, translate_sqlite_error
from app.common.paths import DataLocation
from app.common.storage import open_database


def flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("at", [18, 19, 44, 47])
def test_a_flipped_header_byte_is_damage_and_changes_nothing(
    office_file: Path, location: DataLocation, file_digest, at: int
) -> None:
    flip(office_file, at)
    before = file_digest(office_file)
    with pytest.raises(DatabaseDamaged) as raised:
        open_database(location)
    assert "损坏" in raised.value.what and "备份" in raised.value.todo
    assert file_digest(office_file) == before


def test_unsupported_file_format_is_damage(office_file: Path) -> None:
    flip(office_file, 47)
    with pytest.raises(sqlite3.DatabaseError) as raised, closing(sqlite3.connect(office_file)) as c:
        c.execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert "unsupported file format" in str(raised.value)
    assert isinstance(translate_sqlite_error(raised.value), DatabaseDamaged)


def test_a_sound_header_still_opens(office_file: Path, location: DataLocation) -> None:
    open_database(location).close()
