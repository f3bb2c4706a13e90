"""A journal or WAL of *another* database beside ours (sqlite.org/howtocorrupt 2.4).

A clerk who copies a backup over the database by hand, or copies a data folder together
from two places, can leave the -journal (or a tool's -wal) of one file beside another.
SQLite cannot tell whose it is and plays it into whatever file has the name: the office's
2 MB database became the other file's few pages. A rollback journal that cannot be the
leftover of a write in our file as it is (db.file_safety.journal) is not played: our
database opens as it is, and the journal is kept in the backup folder
(test_stale_journal.py). A WAL carries no such mark: a copy is rolled forward first, and
nothing is played that does not give our own database back, sound; both files stay as they
were, and the start offers the newest good backup, keeping the database and the WAL.
"""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import DatabaseDamaged, JournalUnusable
from app.common.jobs import ProgressTracker
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.backups import back_up_now
from app.data_safety.restore import newest_good_backup, restore_damaged_at_start
from app.office.office import is_set_up
from db.file_safety import files
from tests.data_safety.crashes import crash_while_writing, journal_of, table_rows

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# Another program's database, written to by a process killed mid-transaction (rollback
# journal) or after a commit that was never checkpointed (WAL): what it leaves beside its file.
_KILLED_WRITER = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=1")
if sys.argv[2] == "wal":
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("INSERT INTO notes VALUES (randomblob(5000))")
else:
    conn.execute("BEGIN")
    conn.execute("UPDATE notes SET body = randomblob(5000)")
    conn.execute("INSERT INTO notes SELECT randomblob(5000) FROM notes")
os.kill(os.getpid(), signal.SIGKILL)
"""


def foreign_leftovers(folder: Path, mode: str) -> list[Path]:
    """The companion files a killed writer of another, smaller database left behind."""
    other = folder / "other.sqlite3"
    with closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("CREATE TABLE notes (body BLOB)")
        conn.executemany("INSERT INTO notes VALUES (randomblob(5000))", [()] * 8)
    done = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(other), mode], check=False)
    assert done.returncode == -signal.SIGKILL
    suffixes = ("-wal", "-shm") if mode == "wal" else ("-journal",)
    found = [other.with_name(other.name + s) for s in suffixes]
    assert all(f.exists() for f in found) and found[0].stat().st_size > 0
    return found


def put_beside(leftovers: list[Path], database: Path) -> list[Path]:
    placed = []
    for found in leftovers:
        target = database.with_name(database.name + found.name[len("other.sqlite3") :])
        shutil.copyfile(found, target)
        placed.append(target)
    return placed


def test_a_journal_of_another_database_is_set_aside_and_ours_opens(
    office_file: Path, location: DataLocation, tmp_path: Path, file_digest
) -> None:
    kept = table_rows(office_file)
    [placed] = put_beside(foreign_leftovers(tmp_path, "journal"), office_file)
    digest = file_digest(placed)
    database = open_database(location)
    try:
        assert is_set_up(database)
    finally:
        database.close()
    assert table_rows(office_file) == kept  # nothing played into it
    [aside] = location.backup_dir.glob("不匹配的日志-*.sqlite3-journal")
    assert file_digest(aside) == digest and not placed.exists()
    assert [aside.name in note for note in database.notes] == [True]
    assert not list(location.data_dir.glob("*.rollback-check*"))


def test_a_wal_of_another_database_is_not_played_into_ours(
    office_file: Path, location: DataLocation, tmp_path: Path, file_digest
) -> None:
    placed = put_beside(foreign_leftovers(tmp_path, "wal"), office_file)
    before = {p.name: file_digest(p) for p in (office_file, *placed)}
    with pytest.raises(JournalUnusable) as raised:
        open_database(location)
    assert isinstance(raised.value, DatabaseDamaged)  # so the start offers the backup
    assert placed[0].name in raised.value.what and "未作任何改动" in raised.value.what
    assert "备份" in raised.value.todo
    # Nothing was played, nothing removed, no trial copy left behind.
    assert {p.name: file_digest(p) for p in (office_file, *placed)} == before
    assert sorted(p.name for p in location.data_dir.iterdir() if p.is_file()) == sorted(before)
    with pytest.raises(JournalUnusable):  # and the next start says the same again
        open_database(location)
    assert file_digest(office_file) == before[office_file.name]


def test_the_restore_at_start_keeps_the_database_and_the_wal(
    office_file: Path, location: DataLocation, tmp_path: Path, file_digest
) -> None:
    database = open_database(location)
    try:
        back_up_now(database, ProgressTracker())
    finally:
        database.close()
    kept = table_rows(office_file)
    wal = put_beside(foreign_leftovers(tmp_path, "wal"), office_file)[0]
    digests = (file_digest(office_file), file_digest(wal))
    with pytest.raises(JournalUnusable):
        open_database(location)
    backup = newest_good_backup(location)
    assert backup is not None
    result = restore_damaged_at_start(location, backup.path)
    assert result.old_kept_as is not None
    moved = result.old_kept_as
    assert moved.name.endswith(".sqlite3.damaged")
    assert (file_digest(moved), file_digest(moved.with_name(moved.name + "-wal"))) == digests
    assert not wal.exists()
    restored = open_database(location)
    try:
        assert is_set_up(restored)
    finally:
        restored.close()
    assert table_rows(office_file).keys() == kept.keys()


def test_our_own_journal_is_still_rolled_back(office_file: Path, location: DataLocation) -> None:
    before = table_rows(office_file)
    crash_while_writing(office_file)
    open_database(location).close()
    assert not journal_of(office_file).exists()
    assert table_rows(office_file) == before
    assert not list(location.data_dir.glob("*.rollback-check*"))


def test_a_journal_that_goes_while_it_is_checked_was_a_live_write(tmp_path: Path) -> None:
    """Another window's write ended (its journal deleted) between seeing the journal and
    copying it: nothing was left by a crash, and the second window opens as usual (it said
    the data folder did not exist)."""
    path = tmp_path / "cppcc-desk.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    gone = Path(f"{path}-journal")  # listed, then deleted by the writer's commit
    assert files.copy_fits(path, [gone], 5.0, lambda _copy: False) is None
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no check copy left behind
