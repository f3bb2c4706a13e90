"""The database file deleted or moved while the program runs: told so, never made anew."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from app.common.errors import DatabaseGone
from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.office.office import office_info

# Only where an open file can be deleted or renamed (not on Windows).
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps open files")


def _write(database: Database) -> None:
    with database.begin() as session:
        session.execute(text("UPDATE office SET name = name || '（改）'"))


@pytest.mark.parametrize("how", ["deleted", "moved"])
def test_a_write_after_the_file_went_says_so_and_makes_no_new_file(
    office_db: Database, tmp_path: Path, how: str
) -> None:
    path = office_db.path
    office_info(office_db)  # the connection that had it open stays in the pool
    if how == "deleted":
        path.unlink()
    else:
        path.rename(tmp_path / "elsewhere.sqlite3")
    with pytest.raises(DatabaseGone) as raised:
        _write(office_db)
    assert "被删除、移走或替换" in raised.value.what and "没有保存" in raised.value.what
    assert str(path) in raised.value.what
    office_db.engine.dispose()  # the next connection is a new one
    with pytest.raises(DatabaseGone):
        office_info(office_db)
    assert not path.exists()  # not silently made anew, empty, under the old name


def test_a_new_database_is_still_made(location: DataLocation) -> None:
    database = open_database(location)
    try:
        assert location.database.stat().st_size > 0
    finally:
        database.close()


def test_another_file_put_in_its_place_is_named_not_a_program_error(
    office_db: Database, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE notes (text)")
    other.replace(office_db.path)
    office_db.engine.dispose()  # the next connection opens the file now under the name
    with pytest.raises(DatabaseGone):
        office_info(office_db)
    with pytest.raises(DatabaseGone):
        _write(office_db)
