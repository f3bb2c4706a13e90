"""Corruption drill: a damaged database is replaced by the newest good backup."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from app.common.errors import DatabaseDamaged
from app.common.jobs import ProgressTracker
from app.common.storage import open_database
from app.data_safety.backups import back_up_now
from app.data_safety.restore import newest_good_backup, restore_backup
from app.office.office import office_info
from tests.conftest import COUNTY_SETUP


def _damage(path) -> None:
    with path.open("r+b") as f:
        f.seek(0)
        f.write(b"this is not sqlite" * 10)


def test_restores_the_newest_good_backup_and_keeps_the_damaged_file(location, office_db):
    back_up_now(office_db, ProgressTracker())
    office_db.close()
    _damage(location.database)
    with pytest.raises(DatabaseDamaged):
        open_database(location)

    backup = newest_good_backup(location)
    assert backup is not None
    result = restore_backup(location, backup.path)

    assert result.damaged_moved_to is not None and result.damaged_moved_to.exists()
    assert result.damaged_moved_to.read_bytes().startswith(b"this is not sqlite")
    database = open_database(location)
    try:
        assert office_info(database).name == COUNTY_SETUP.name
    finally:
        database.close()
    assert not list(location.data_dir.glob("*.restoring"))


def test_a_damaged_backup_is_never_offered(location, office_db):
    back_up_now(office_db, ProgressTracker())
    office_db.close()
    (only,) = list(location.backup_dir.glob("*.sqlite3"))
    with closing(sqlite3.connect(only)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    assert pages > 2
    _damage(only)
    assert newest_good_backup(location) is None
