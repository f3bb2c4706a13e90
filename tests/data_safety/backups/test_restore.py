"""Corruption drill: a damaged database is replaced by the newest good backup."""

from __future__ import annotations

import errno
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import DatabaseDamaged, KnownError
from app.common.jobs import ProgressTracker
from app.common.storage import open_database
from app.data_safety.backups import back_up_now
from app.data_safety.restore import newest_good_backup, restore_backup
from app.office.office import office_info
from db.file_safety.backup import integrity_problem
from tests.conftest import COUNTY_SETUP
from tests.data_safety.crashes import crash_while_writing, journal_of, table_rows


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

    assert result.old_kept_as is not None and result.old_kept_as.exists()
    assert result.old_kept_as.read_bytes().startswith(b"this is not sqlite")
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


def test_restoring_moves_the_journal_with_the_damaged_file(location, office_db):
    """Finding 2: a journal left beside the database must never be replayed into the backup."""
    backup = back_up_now(office_db, ProgressTracker()).path
    office_db.close()
    before_crash = table_rows(location.database)
    crash_while_writing(location.database)

    result = restore_backup(location, backup)

    assert not journal_of(location.database).exists()
    assert integrity_problem(location.database) is None
    assert table_rows(location.database) == table_rows(backup)
    # The damaged file kept its journal, so it still opens as it was before the crash.
    moved = result.old_kept_as
    assert moved is not None and journal_of(moved).exists()
    assert table_rows(moved) == before_crash
    assert integrity_problem(moved) is None
    database = open_database(location)
    try:
        assert office_info(database).name == COUNTY_SETUP.name
    finally:
        database.close()


def test_a_failed_restore_leaves_the_database_in_place(location, office_db, monkeypatch):
    """Finding 2: at no moment is there no database (else the next start is a new install)."""
    backup = back_up_now(office_db, ProgressTracker()).path
    office_db.close()
    _damage(location.database)
    damaged = location.database.read_bytes()
    real_replace = Path.replace

    def replace_fails_onto_the_database(self, target):
        if Path(target) == location.database:
            raise OSError(errno.EIO, "simulated I/O error", str(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace_fails_onto_the_database)
    with pytest.raises(KnownError):
        restore_backup(location, backup)
    monkeypatch.undo()
    assert location.database.read_bytes() == damaged
    assert not list(location.data_dir.glob("*.restoring*"))
