"""Another program's SQLite file under the database's name (a file copied over it, a tool
that saved its own): the clerk was told to use `--data-dir`, which the window does not have,
and was not offered the backup. Now it is damage: the backup is offered and the file kept."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import DatabaseDamaged
from app.common.jobs import ProgressTracker
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.backups import back_up_now
from app.data_safety.restore import newest_good_backup, restore_damaged_at_start
from app.office.office import is_set_up


def test_another_programs_file_is_refused_and_the_backup_restores(
    office_file: Path, location: DataLocation, file_digest
) -> None:
    database = open_database(location)
    try:
        back_up_now(database, ProgressTracker())
    finally:
        database.close()
    office_file.unlink()
    with closing(sqlite3.connect(office_file)) as conn, conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    digest = file_digest(office_file)

    with pytest.raises(DatabaseDamaged) as raised:
        open_database(location)
    message = raised.value.message
    assert "不是政协履职工作台的数据库" in message and "备份" in message
    assert "--data-dir" not in message  # the window has no command-line options
    assert file_digest(office_file) == digest

    backup = newest_good_backup(location)
    assert backup is not None
    result = restore_damaged_at_start(location, backup.path)
    assert result.old_kept_as is not None
    assert file_digest(result.old_kept_as) == digest  # the other file is kept
    restored = open_database(location)
    try:
        assert is_set_up(restored)
    finally:
        restored.close()
