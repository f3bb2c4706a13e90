"""Finding 16: a big import keeps its write short, so a second window waits and succeeds;
and a second copy of the program is told who else uses the data, doing what."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import DatabaseLocked
from app.common.folder_lock import FolderLock, Holder, hold_folder
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.office import dictionaries
from app.office.office import record_counts
from db.models import DictionaryKind
from tests.data_safety.conftest import RECORD_ROWS, BusyOffice
from tests.data_safety.crashes import journal_of

REPO = Path(__file__).resolve().parents[2]


def start_command(location: DataLocation, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "ui.entry", "--data-dir", str(location.data_dir), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for(condition, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def test_a_second_window_waits_for_a_big_records_import_and_succeeds(
    busy_office: BusyOffice, tmp_path: Path
) -> None:
    location = busy_office.copy(busy_office.with_members, tmp_path)
    importing = start_command(location, "records", "import", str(busy_office.records))
    try:
        wait_for(lambda: journal_of(location.database).exists())  # it is writing now
        second = open_database(location)  # another window starts …
        try:
            dictionaries.add_entry(second, DictionaryKind.HANDLING_UNIT, "县水利局")  # … and saves
            units = dictionaries.list_entries(second, DictionaryKind.HANDLING_UNIT)
        finally:
            second.close()
    finally:
        _, err = importing.communicate(timeout=120)
    assert importing.returncode == 0, err.decode()
    assert [u.name for u in units] == ["县水利局"]
    database = open_database(location)
    try:
        assert record_counts(database)["attendance"] == RECORD_ROWS
    finally:
        database.close()


def test_a_busy_database_says_which_copy_holds_it_doing_what(location: DataLocation, office_file):
    lock = hold_folder(location.data_dir, "窗口")  # as another copy would hold it
    assert isinstance(lock, FolderLock)
    try:
        lock.announce("正在导入履职记录")
        with closing(sqlite3.connect(office_file, isolation_level=None)) as writer:
            writer.execute("BEGIN EXCLUSIVE")
            # This process holds the lock, so let the message look as a second copy sees it.
            lock_registry = sys.modules["app.common.folder_lock"]._held
            mine = lock_registry.pop(location.data_dir.resolve())
            try:
                with pytest.raises(DatabaseLocked) as caught:
                    open_database(location, busy_timeout_ms=100)
            finally:
                lock_registry[location.data_dir.resolve()] = mine
            writer.execute("ROLLBACK")
    finally:
        lock.release()
    assert "另一个窗口" in caught.value.what
    assert "正在导入履职记录" in caught.value.what


def test_the_folder_lock_is_released_when_its_holder_dies(location: DataLocation, office_file):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from app.common.folder_lock import "
         "hold_folder; hold_folder(Path(sys.argv[1]), '窗口'); print('held', flush=True); "
         "time.sleep(60)", str(location.data_dir)],
        cwd=REPO, stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        found = hold_folder(location.data_dir, "窗口")
        assert isinstance(found, Holder)
        assert found.pid == holder.pid and found.program == "窗口"
    finally:
        holder.kill()
        holder.communicate()
    again = hold_folder(location.data_dir, "窗口")  # no stale lock after a kill -9
    assert isinstance(again, FolderLock)
    again.release()
