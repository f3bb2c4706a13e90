"""The kill drill (issue 8): `kill -9` a real `cppcc-desk members import` and `records import`
at random moments while the journal exists, twenty times each. After every kill the
program opens the database, `check` passes, and the data is exactly as before the
import or exactly as after it (TRUST 11).

Every third kill waits for the commit itself — SQLite writing pages into the database
file with the journal still there — which is what leaves a hot journal behind.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.health import run_checks
from db.file_safety.journal import journal_fits
from tests.data_safety.conftest import BusyOffice
from tests.data_safety.crashes import journal_of

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")

REPO = Path(__file__).resolve().parents[3]
KILLS = 20
VOLATILE = {"uuid", "created_at", "updated_at"}  # differ between two runs of one import
# The audit trail records the import (and the backup before it) in transactions of its own,
# around the import's one transaction: it is the log of the attempt, not the imported data.
LOGS = {"audit_entry"}

Content = dict[str, list[tuple[object, ...]]]


def content(path: Path) -> Content:
    """Every row of every table, without what differs between two runs of one import."""
    with closing(sqlite3.connect(path)) as conn:
        conn.text_factory = bytes
        tables = [r[0].decode() for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]  # fmt: skip
        found = {}
        for table in tables:
            if table in LOGS:
                continue
            columns = [r[1].decode() for r in conn.execute(f'PRAGMA table_info("{table}")')]
            kept = [f'"{c}"' for c in columns if c not in VOLATILE]
            rows = conn.execute(f'SELECT {", ".join(kept)} FROM "{table}" ORDER BY rowid')
            found[table] = rows.fetchall()
    return found


@dataclass(frozen=True)
class Drill:
    template: Path
    command: tuple[str, ...]
    before: Content
    after: Content
    window_s: float  # how long the journal existed in an uninterrupted run


@dataclass(frozen=True)
class Kill:
    delay_s: float
    journal_at_kill: bool
    journal_left: bool  # non-empty: SQLite must roll it back at the next open
    state: str  # "before" or "after"


# One process imports the program once, then forks a fresh `cppcc-desk` run per kill:
# each run is a real process executing the entry point (ui.entry.main), killed with a
# real SIGKILL, without paying Python's start-up (a second of CPU) forty times over.
# It opens no database itself, so a forked child starts as a new process would.
_LAUNCHER = """
import json, os, sys
import ui.entry
for line in sys.stdin:
    verb, rest = line.split(" ", 1)
    if verb == "run":
        pid = os.fork()
        if pid == 0:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os._exit(ui.entry.main(json.loads(rest)))
        reply = pid
    else:
        status = os.waitpid(int(rest), 0)[1]
        reply = os.waitstatus_to_exitcode(status)
    sys.stdout.write(f"{reply}\\n")
    sys.stdout.flush()
"""


class Launcher:
    """Runs `cppcc-desk …` in forked processes; thread-safe."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._lock = threading.Lock()

    def _ask(self, line: str) -> int:
        assert self._process.stdin is not None and self._process.stdout is not None
        with self._lock:
            self._process.stdin.write(line + "\n")
            self._process.stdin.flush()
            return int(self._process.stdout.readline())

    def start(self, location: DataLocation, command: tuple[str, ...]) -> int:
        return self._ask("run " + json.dumps(["--data-dir", str(location.data_dir), *command]))

    def wait(self, pid: int) -> int:
        return self._ask(f"wait {pid}")

    def close(self) -> None:
        self._process.communicate(timeout=30)


@pytest.fixture(scope="module")
def launcher() -> Iterator[Launcher]:
    launcher = Launcher()
    yield launcher
    launcher.close()


def copy(template: Path, to: Path) -> DataLocation:
    shutil.copytree(template, to / "data")
    return DataLocation(to / "data", to / "data" / "logs")


def wait_for_journal(journal: Path) -> float:
    """Poll until the journal appears; the time it appeared (monotonic)."""
    deadline = time.monotonic() + 60
    while not journal.exists():
        assert time.monotonic() < deadline, "the import never wrote"
        time.sleep(0.0005)
    return time.monotonic()


def finished_backups(location: DataLocation) -> set[str]:
    folder = location.backup_dir
    return {p.name for p in folder.glob("*.sqlite3")} if folder.exists() else set()


def wait_for_backup(location: DataLocation, known: set[str]) -> float:
    """Poll until the import's own backup is complete (a new final name): its writes come
    after it. Waiting for the first journal instead would time the backup's audit entry."""
    deadline = time.monotonic() + 60
    while not finished_backups(location) - known:
        assert time.monotonic() < deadline, "the import made no backup"
        time.sleep(0.0005)
    return time.monotonic()


def prepare(launcher: Launcher, template: Path, command: tuple[str, ...], tmp: Path) -> Drill:
    """Run the import once to the end: the state after it, and how long it writes after
    its backup is complete (the window the kills are spread over)."""
    location = copy(template, tmp / "uninterrupted")
    before = content(location.database)
    known = finished_backups(location)
    pid = launcher.start(location, command)
    backed_up = wait_for_backup(location, known)
    assert launcher.wait(pid) == 0
    window = time.monotonic() - backed_up
    after = content(location.database)
    assert after != before
    return Drill(template, command, before, after, window)


def kill_once(
    launcher: Launcher, drill: Drill, tmp: Path, rng: random.Random, at_commit: bool
) -> Kill:
    location = copy(drill.template, tmp)
    journal = journal_of(location.database)
    known = finished_backups(location)
    pid = launcher.start(location, drill.command)
    try:
        appeared = wait_for_backup(location, known)
        if at_commit:
            wait_for_journal(journal)  # the database file starts to change: SQLite is committing
            before = location.database.stat()
            while journal.exists():
                now = location.database.stat()
                if (now.st_size, now.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
                    break
        else:
            time.sleep(rng.uniform(0, drill.window_s))
        journal_at_kill = journal.exists()
        delay = time.monotonic() - appeared
    finally:
        os.kill(pid, signal.SIGKILL)
        launcher.wait(pid)
    left = journal.exists() and journal.stat().st_size > 0
    # A crash's own journal is never taken for one that outlived a replaced file.
    assert not left or journal_fits(location.database, journal)
    database = open_database(location)  # the program opens it …
    try:
        failed = [r for r in run_checks(database) if not r.ok]  # … `check` passes …
    finally:
        database.close()
    assert failed == [], failed
    found = content(location.database)  # … and the data is exactly before or after
    assert found in (drill.before, drill.after), "the data is neither as before nor as after"
    return Kill(delay, journal_at_kill, left, "before" if found == drill.before else "after")


def run_drill(launcher: Launcher, drill: Drill, tmp: Path, seed: int) -> list[Kill]:
    rng = random.Random(seed)
    plans = [(tmp / f"kill{n}", random.Random(rng.random()), n % 3 == 2) for n in range(KILLS)]
    with ThreadPoolExecutor(max_workers=2) as pool:  # CI has two cores
        return list(pool.map(lambda plan: kill_once(launcher, drill, *plan), plans))


def summary(name: str, drill: Drill, kills: list[Kill]) -> str:
    states = Counter(k.state for k in kills)
    return (
        f"{name}: {len(kills)} kills;"
        f" journal there at the kill {sum(k.journal_at_kill for k in kills)},"
        f" journal left behind {sum(k.journal_left for k in kills)};"
        f" data as before {states['before']}, as after {states['after']};"
        f" writing after the backup {drill.window_s * 1000:.0f} ms,"
        f" kills {min(k.delay_s for k in kills) * 1000:.0f}"
        f"–{max(k.delay_s for k in kills) * 1000:.0f} ms after the backup was complete"
    )


@pytest.mark.parametrize("which", ["roster", "records"])
def test_kill_9_during_an_import_leaves_the_data_before_or_after(
    busy_office: BusyOffice,
    launcher: Launcher,
    tmp_path: Path,
    which: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if which == "roster":
        template, command = busy_office.empty, ("members", "import", str(busy_office.roster))
    else:
        template = busy_office.with_members
        command = ("records", "import", str(busy_office.few_records))
    started = time.monotonic()
    drill = prepare(launcher, template, command, tmp_path)
    kills = run_drill(launcher, drill, tmp_path, seed=8 if which == "roster" else 16)
    line = summary(which, drill, kills) + f"; {time.monotonic() - started:.1f} s"
    with capsys.disabled():
        sys.stdout.write(f"\n{line}\n")
    assert len(kills) == KILLS
    # Timed from the import's own backup, not the first journal (the backup's audit entry):
    # most kills land while the import's journal is there.
    assert sum(k.journal_at_kill for k in kills) >= KILLS // 4, line


def test_kill_9_during_a_backup_leaves_the_database_as_it_was(
    busy_office: BusyOffice, launcher: Launcher, tmp_path: Path
) -> None:
    """`cppcc-desk backup` killed while its `.partial` copy is being written or checked:
    the database is exactly as before (its bytes), integrity_check passes, and every
    backup under a final name is complete and sound."""
    template = busy_office.with_members
    before = content(template / "cppcc-desk.sqlite3")
    rng = random.Random(13)
    partial_seen = 0
    for n in range(8):
        location = copy(template, tmp_path / f"kill{n}")
        digest = location.database.read_bytes()
        pid = launcher.start(location, ("backup",))
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if any(location.backup_dir.glob("*.partial")):
                    partial_seen += 1
                    time.sleep(rng.uniform(0, 0.02))
                    break
                time.sleep(0.0005)
        finally:
            os.kill(pid, signal.SIGKILL)
            launcher.wait(pid)
        assert location.database.read_bytes() == digest  # not one byte changed
        database = open_database(location)
        try:
            assert [r for r in run_checks(database) if not r.ok] == []
        finally:
            database.close()
        assert content(location.database) == before
        for finished in location.backup_dir.glob("*.sqlite3"):
            assert content(finished) == before  # complete, never half a copy
    assert partial_seen >= 4
