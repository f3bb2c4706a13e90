"""Damage quick_check cannot see (finding 4): found by the full check, and then nothing
more is written over it until a good backup is restored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.common.errors import DatabaseDamaged, KnownError
from app.common.jobs import ProgressTracker
from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.data_safety import health
from app.data_safety.backups import back_up_now
from app.data_safety.restore import newest_good_backup, restore_backup
from app.members.member_files import MemberForm, add_member
from app.office import dictionaries
from app.office.office import record_counts
from app.records.records_import import import_records
from db.models import DictionaryKind
from tests.data_safety.damage import damage_behind_an_index
from tests.records.test_records_import import members as members
from tests.records.test_records_import import messy_file


@pytest.fixture
def damaged_db(office_db: Database) -> Database:
    """An open database whose file then got damage that passes quick_check."""
    damage_behind_an_index(office_db.path)
    return office_db


def test_the_damage_passes_quick_check_but_not_check(damaged_db: Database) -> None:
    damaged_db.close()
    reopened = open_database(damaged_db.location)  # quick_check at start cannot see it
    try:
        integrity = health.run_checks(reopened)[0]
        assert not integrity.ok
        assert "损坏" in integrity.detail and "备份" in integrity.detail
        assert "index" not in integrity.detail  # SQLite's words go to the log, not the clerk
    finally:
        reopened.close()


def test_once_check_found_damage_nothing_more_is_written(
    damaged_db: Database, file_digest: Callable[[Path], str]
) -> None:
    assert not health.run_checks(damaged_db)[0].ok
    digest = file_digest(damaged_db.path)
    with pytest.raises(DatabaseDamaged) as caught:
        dictionaries.add_entry(damaged_db, DictionaryKind.HANDLING_UNIT, "县水利局")
    assert "停止保存" in caught.value.what
    with pytest.raises(DatabaseDamaged):
        add_member(damaged_db, MemberForm(name="张建国"))
    assert file_digest(damaged_db.path) == digest
    assert dictionaries.list_entries(damaged_db, DictionaryKind.SECTOR)  # reading still works


@pytest.mark.usefixtures("members")
def test_an_import_checks_first_and_writes_nothing(
    damaged_db: Database, tmp_path: Path, file_digest: Callable[[Path], str]
) -> None:
    path = messy_file(tmp_path / "履职.xlsx")
    digest = file_digest(damaged_db.path)
    with pytest.raises(DatabaseDamaged):
        import_records(damaged_db, path)
    assert file_digest(damaged_db.path) == digest
    assert not list(damaged_db.location.backup_dir.glob("*.sqlite3"))  # no damaged "backup"


def test_a_manual_backup_of_damaged_data_is_refused(damaged_db: Database) -> None:
    with pytest.raises(DatabaseDamaged):
        back_up_now(damaged_db, ProgressTracker())
    assert not list(damaged_db.location.backup_dir.glob("*.sqlite3"))
    with pytest.raises(KnownError, match="停止保存"):
        dictionaries.add_entry(damaged_db, DictionaryKind.HANDLING_UNIT, "县水利局")


def test_the_next_start_offers_the_newest_good_backup(
    office_db: Database, location: DataLocation
) -> None:
    good = back_up_now(office_db, ProgressTracker()).path
    damage_behind_an_index(office_db.path)
    assert office_db.check_integrity() is not None  # e.g. the GUI's check after start
    office_db.close()
    with pytest.raises(DatabaseDamaged):
        open_database(location)
    backup = newest_good_backup(location)
    assert backup is not None and backup.path == good
    restore_backup(location, backup.path)
    database = open_database(location)
    try:
        assert database.check_integrity() is None
        dictionaries.add_entry(database, DictionaryKind.HANDLING_UNIT, "县水利局")
    finally:
        database.close()


def test_a_repaired_database_opens_again(office_db: Database, location: DataLocation) -> None:
    """The note of damage is re-checked, not trusted forever: a technician's REINDEX counts."""
    damage_behind_an_index(office_db.path)
    assert office_db.check_integrity() is not None
    office_db.close()
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(location.database)) as conn:
        conn.execute("REINDEX")
    database = open_database(location)
    try:
        assert record_counts(database)["dictionary_entry"] > 0
        assert not location.damage_note.exists()
    finally:
        database.close()
