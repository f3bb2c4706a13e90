"""Real crashes for tests: a process killed in the middle of writing the database."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.office import dictionaries
from db.file_safety.backup import back_up_file
from db.models import DictionaryKind

# Changes every member and list entry with a tiny page cache, so SQLite writes
# changed pages into the database file before the commit, then dies by SIGKILL:
# exactly what a power cut during a save leaves behind.
_WRITER = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=5")
conn.execute("BEGIN")
for table in ("dictionary_entry", "member"):
    conn.execute(f"UPDATE {table} SET name = name || '（未保存）'")
os.kill(os.getpid(), signal.SIGKILL)
"""


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def crash_while_writing(path: Path) -> None:
    """Leave `path` with a hot rollback journal, as a killed writer does."""
    done = subprocess.run([sys.executable, "-c", _WRITER, str(path)], check=False)
    assert done.returncode == -signal.SIGKILL
    journal = journal_of(path)
    assert journal.stat().st_size > 0, "the writer died before it wrote anything"


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read with a connection that may roll back a journal."""
    with closing(sqlite3.connect(path)) as conn:
        conn.text_factory = bytes
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {
            t.decode(): conn.execute(f'SELECT * FROM "{t.decode()}" ORDER BY rowid').fetchall()
            for t in tables
        }


def copy_older_backup_over_a_crash(location: DataLocation) -> Path:
    """What a clerk may do by hand after a crash: copy an older backup over the database,
    while the crash's journal (of the newer state) stays beside it. Returns the backup."""
    backup = back_up_file(location.database, location.backup_dir, "手动备份")
    database = open_database(location)
    try:  # work after the backup, so that the journal's pages are of a newer state
        dictionaries.add_entry(database, DictionaryKind.HANDLING_UNIT, "县水利局")
    finally:
        database.close()
    crash_while_writing(location.database)
    shutil.copyfile(backup, location.database)
    return backup
