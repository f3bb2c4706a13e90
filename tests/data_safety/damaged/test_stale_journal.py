"""A journal of this very database that no longer fits the file beside it (probe-crash 3).

After a crash, a clerk copied an older backup over the database by hand; the crash's
journal, of the newer state, stayed. SQLite played it into the backup: pages of one state
written into another, a mix that quick_check passed. Opening now sees that the journal
cannot have been left by a write in the file as it is (db.file_safety.journal), plays
nothing, keeps the journal in the backup folder under a name that says what it is, and
tells the clerk; the data is exactly the copied backup's.
"""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import JournalUnusable
from app.common.paths import DataLocation
from app.common.storage import open_database
from db.file_safety.journal import journal_fits, read_journal_start
from tests.data_safety.crashes import copy_older_backup_over_a_crash, journal_of, table_rows
from ui.entry import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

SET_ASIDE = "不匹配的日志-*.sqlite3-journal"


def test_a_journal_that_outlived_a_copied_backup_is_set_aside_not_played(
    office_file: Path, location: DataLocation, file_digest: Callable[[Path], str]
) -> None:
    backup = copy_older_backup_over_a_crash(location)
    journal = journal_of(office_file)
    assert not journal_fits(office_file, journal)
    journal_digest = file_digest(journal)
    database = open_database(location)
    database.close()
    assert table_rows(office_file) == table_rows(backup)  # the backup's data, nothing mixed in
    assert not journal.exists()
    [kept] = location.backup_dir.glob(SET_ASIDE)
    assert file_digest(kept) == journal_digest  # kept as it was, for the support person
    [note] = database.notes
    assert f"与它不匹配的日志文件“{journal.name}”" in note
    assert f"保存为“{kept.name}”" in note and "没有使用它" in note
    again = open_database(location)  # told once: the next start is an ordinary one
    again.close()
    assert again.notes == []


def test_the_command_line_says_so_too(
    capsys: pytest.CaptureFixture[str], location: DataLocation, office_file: Path
) -> None:
    copy_older_backup_over_a_crash(location)
    assert main(["--data-dir", str(location.data_dir), "check"]) == 0
    out, err = capsys.readouterr()
    assert "检查通过" in out
    what, meaning = err.splitlines()
    assert what.startswith("注意：数据库文件旁有一个与它不匹配的日志文件")
    assert meaning.startswith("数据库按现在的文件打开")


def test_a_journal_that_does_not_fit_a_damaged_file_is_left_with_it(
    office_file: Path, location: DataLocation, file_digest: Callable[[Path], str]
) -> None:
    """Not played, and not set aside either: the file as it is is not sound, so the start
    offers the newest good backup, and that restore keeps the file and the journal."""
    copy_older_backup_over_a_crash(location)
    journal = journal_of(office_file)
    with office_file.open("r+b") as file:  # the schema's page, overwritten
        file.seek(100)
        file.write(b"\xff" * 200)
    before = (file_digest(office_file), file_digest(journal))
    with pytest.raises(JournalUnusable):
        open_database(location)
    assert (file_digest(office_file), file_digest(journal)) == before
    assert not list(location.backup_dir.glob(SET_ASIDE))


# --- the rules (db.file_safety.journal), on journals real killed writers left ----------

_KILLED = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=2")
conn.execute("BEGIN")
conn.execute("UPDATE t SET x = upper(x)")  # in place: no page allocated, page 1 untouched
os.kill(os.getpid(), signal.SIGKILL)
"""


def killed_in_place(path: Path, rows: int) -> Path:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.executemany("INSERT INTO t VALUES (?)", [("a" * 100,)] * rows)
    done = subprocess.run([sys.executable, "-c", _KILLED, str(path)], check=False)
    assert done.returncode == -signal.SIGKILL
    return journal_of(path)


def test_a_journal_without_page_1_fits_its_file_and_not_a_shorter_one(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    journal = killed_in_place(path, 2000)
    start = read_journal_start(io.BytesIO(journal.read_bytes()))
    assert start is not None and start.first_page is None and start.original_pages > 10
    assert journal_fits(path, journal)
    shorter = tmp_path / "b.sqlite3"
    killed_in_place(shorter, 500)
    os.replace(shorter, path)  # an older, smaller copy in its place
    assert not journal_fits(path, journal)


def test_a_journal_sqlite_would_not_play_fits_anything(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    journal = killed_in_place(path, 500)
    with journal.open("r+b") as file:  # zeroed, as SQLite's PERSIST mode leaves it
        file.write(bytes(28))
    assert read_journal_start(io.BytesIO(journal.read_bytes())) is None
    assert journal_fits(path, journal)
    journal.unlink()  # gone while checked: a live write ended
    assert journal_fits(path, journal)
