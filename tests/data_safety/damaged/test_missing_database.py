"""A database file that vanished (deleted, moved, quarantined) is not a new installation.

Its backups, or the journal a crash left beside it, say that data was there: the
program must not make a new empty database under its name (the setup wizard would
follow, and SQLite would play the old journal into the new file), and a restore keeps
the orphan journal instead of deleting it.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import DatabaseMissing
from app.common.jobs import ProgressTracker
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.backups import back_up_now
from app.data_safety.restore import newest_good_backup, restore_damaged_at_start
from app.office.office import is_set_up
from tests.data_safety.crashes import crash_while_writing, journal_of


@pytest.fixture
def set_up(office_file: Path, location: DataLocation) -> DataLocation:
    """A data folder whose county database is set up and closed."""
    return location


@pytest.fixture
def backed_up(set_up: DataLocation) -> DataLocation:
    database = open_database(set_up)
    try:
        back_up_now(database, ProgressTracker())
    finally:
        database.close()
    return set_up


def test_a_deleted_database_with_backups_is_not_made_anew(backed_up, file_digest):
    backups = {p.name: file_digest(p) for p in backed_up.backup_dir.iterdir()}
    backed_up.database.unlink()
    with pytest.raises(DatabaseMissing) as raised:
        open_database(backed_up)
    assert "找不到数据库文件" in raised.value.what and "备份" in raised.value.todo
    assert not backed_up.database.exists()
    assert {p.name: file_digest(p) for p in backed_up.backup_dir.iterdir()} == backups


def test_a_deleted_database_whose_journal_remains_is_not_made_anew(set_up, file_digest):
    location = set_up
    assert not location.backup_dir.exists() or not any(location.backup_dir.iterdir())
    crash_while_writing(location.database)
    journal = journal_of(location.database)
    before = file_digest(journal)
    location.database.unlink()
    with pytest.raises(DatabaseMissing) as raised:
        open_database(location)
    assert "journal" in raised.value.what
    assert not location.database.exists()  # no new file for the old journal to be played into
    assert file_digest(journal) == before


def test_restoring_a_deleted_database_keeps_its_orphan_journal(backed_up, file_digest):
    crash_while_writing(backed_up.database)
    journal = journal_of(backed_up.database)
    before = file_digest(journal)
    backed_up.database.unlink()
    backup = newest_good_backup(backed_up)
    assert backup is not None
    result = restore_damaged_at_start(backed_up, backup.path)
    assert result.old_kept_as is not None
    [kept] = backed_up.backup_dir.glob("已损坏-*-journal")
    assert file_digest(kept) == before
    assert not journal.exists()
    with closing(sqlite3.connect(backed_up.database)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    restored = open_database(backed_up)
    try:
        assert is_set_up(restored)
    finally:
        restored.close()


def test_a_new_data_folder_is_still_a_new_installation(location):
    database = open_database(location)
    try:
        assert not is_set_up(database)
    finally:
        database.close()
