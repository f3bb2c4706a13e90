"""`kill -9` during a restore (probe-crash 1): the restore stages the backup's checked copy as
`<db>.restoring` and renames it over the database last; a kill before that rename left the
copy (the whole office's personal data) beside the database until the next restore. Now
the next opening removes it, and a kill at any moment leaves the old database or the new
one, whole — never a mix, never half a kept copy under a final name."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.health import run_checks
from db.file_safety.backup import back_up_file
from tests.data_safety.conftest import BusyOffice
from tests.data_safety.interrupted.test_kill_drill import REPO, Launcher, content, copy

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")

KILLS = 16
KEPT_OLD = "恢复前原数据库-*.sqlite3.before-restore"


def staged(location: DataLocation) -> list[str]:
    return sorted(p.name for p in location.data_dir.glob("*.restoring*"))


def test_the_next_opening_removes_what_a_killed_restore_staged(
    office_file: Path, location: DataLocation, file_digest: Callable[[Path], str]
) -> None:
    copied = back_up_file(office_file, location.backup_dir, "手动备份")
    leftovers = [office_file.with_name(office_file.name + s) for s in (
        ".restoring", ".restoring.partial", ".restoring.partial-journal")]  # fmt: skip
    for leftover in leftovers:
        leftover.write_bytes(copied.read_bytes())
    before = file_digest(office_file)
    with other_window(location):  # it may be restoring right now: its copy is left alone
        open_database(location).close()
        assert staged(location) == sorted(p.name for p in leftovers)
    open_database(location).close()
    assert staged(location) == []
    assert file_digest(office_file) == before  # the database in place is the one kept


_HOLDER = """
import sys
from pathlib import Path
from app.common.folder_lock import hold_folder
lock = hold_folder(Path(sys.argv[1]), "窗口")
print("held", flush=True)
sys.stdin.read()
"""


@contextmanager
def other_window(location: DataLocation) -> Iterator[None]:
    """Another copy of the program holding the data folder, in a process of its own."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(location.data_dir)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    try:
        yield
    finally:
        holder.communicate("", timeout=30)


@pytest.fixture(scope="module")
def launcher() -> Iterator[Launcher]:
    launcher = Launcher()
    yield launcher
    launcher.close()


def before_restore_backup(location: DataLocation) -> bool:
    return any(location.backup_dir.glob("恢复前备份-*.sqlite3"))


def swapping(location: DataLocation) -> bool:
    """The backup's copy is being staged beside the database (or the old file kept)."""
    return bool(staged(location)) or any(location.backup_dir.glob("恢复前原数据库-*"))


def swapped(location: DataLocation) -> bool:
    """The old database is kept and the copy beside it renamed into its place."""
    return any(location.backup_dir.glob(KEPT_OLD)) and not staged(location)


def wait_for(condition: Callable[[], bool]) -> float:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, "the restore never got there"
        time.sleep(0.0005)
    return time.monotonic()


def test_kill_9_at_any_moment_of_a_restore_leaves_the_old_or_the_new_database(
    busy_office: BusyOffice, launcher: Launcher, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cppcc-desk restore` of the office's first backup (no members yet) over its data with
    300 members, killed at random moments from its 恢复前备份 on (the audit entry, the close,
    the swap, the entry in the restored database), every other kill around the swap itself."""
    backup = busy_office.empty / "cppcc-desk.sqlite3"
    command = ("restore", str(backup))
    location = copy(busy_office.with_members, tmp_path / "uninterrupted")
    before = content(location.database)
    pid = launcher.start(location, command)
    started = wait_for(lambda: before_restore_backup(location))
    assert launcher.wait(pid) == 0
    window_s = time.monotonic() - started
    after = content(location.database)
    assert after != before

    rng = random.Random(19)
    states: Counter[str] = Counter()
    staged_at_kill = 0
    for n in range(KILLS):
        location = copy(busy_office.with_members, tmp_path / f"kill{n}")
        pid = launcher.start(location, command)
        try:
            if n == KILLS - 1:  # once past the rename, whatever the machine's load
                wait_for(lambda loc=location: swapped(loc))
            elif n % 2:  # any moment from the 恢复前备份 on
                wait_for(lambda loc=location: before_restore_backup(loc))
                time.sleep(rng.uniform(0, window_s))
            else:  # around the swap: staging, keeping the old file, the rename
                wait_for(lambda loc=location: swapping(loc))
                time.sleep(rng.uniform(0, 0.01))
        finally:
            os.kill(pid, signal.SIGKILL)
            launcher.wait(pid)
        staged_at_kill += bool(staged(location))
        database = open_database(location)
        try:
            assert [r for r in run_checks(database) if not r.ok] == []
        finally:
            database.close()
        assert staged(location) == []
        found = content(location.database)
        assert found in (before, after), "the data is neither as before nor as after"
        states["before" if found == before else "after"] += 1
        for kept in location.backup_dir.glob(KEPT_OLD):  # under its final name only whole
            assert content(kept) == before
        assert not list(location.backup_dir.glob("*.damaged*"))  # it was sound
    line = (
        f"restore: {KILLS} kills over {window_s * 1000:.0f} ms; a staged copy left by"
        f" {staged_at_kill}; data as before {states['before']}, as after {states['after']}"
    )
    with capsys.disabled():
        sys.stdout.write(f"\n{line}\n")
    assert staged_at_kill >= 1 and states["before"] >= 1 and states["after"] >= 1, line
