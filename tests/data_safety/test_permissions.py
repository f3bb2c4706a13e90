"""Finding 9: the database, its journal, backups and logs are readable by their owner only."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from app.common.jobs import ProgressTracker
from app.common.logs import setup_logging
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.backups import back_up_now
from app.data_safety.restore import restore_backup
from tests.data_safety.crashes import journal_of

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="owner-only modes are POSIX permissions"),
    pytest.mark.usefixtures("clean_logging"),
]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The usual 022: without care, new files would be readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_installation_is_private(tmp_path: Path) -> None:
    location = DataLocation(tmp_path / "cppcc-desk", tmp_path / "cppcc-desk-logs")
    log_file = setup_logging(location.log_dir)
    database = open_database(location)
    try:
        backup = back_up_now(database, ProgressTracker()).path
        with closing(sqlite3.connect(location.database, isolation_level=None)) as writer:
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("UPDATE alembic_version SET version_num = version_num")
            writer.execute("PRAGMA cache_spill=1")
            journal = journal_of(location.database)
            assert journal.exists()
            assert mode(journal) == 0o600
            writer.execute("ROLLBACK")
    finally:
        database.close()
    assert mode(location.data_dir) == 0o700
    assert mode(location.database) == 0o600
    assert mode(location.backup_dir) == 0o700
    assert mode(backup) == 0o600
    assert mode(location.log_dir) == 0o700
    assert mode(log_file) == 0o600


def test_an_existing_database_is_made_private_when_opened(
    location: DataLocation, office_file: Path
) -> None:
    office_file.chmod(0o644)  # as an older version left it
    open_database(location).close()
    assert mode(office_file) == 0o600


def test_a_restored_database_and_the_damaged_copy_are_private(location, office_db) -> None:
    backup = back_up_now(office_db, ProgressTracker()).path
    office_db.close()
    backup.chmod(0o644)
    location.database.chmod(0o644)
    result = restore_backup(location, backup)
    assert mode(location.database) == 0o600
    assert result.old_kept_as is not None
    assert mode(result.old_kept_as) == 0o600
