"""`kill -9` while an encrypted backup is being restored: the decrypted copy of the database
(`backups/.恢复-<time>.tmp`) stayed for ever; the next opening of the database (or the next
restore) now clears it, as it clears the staged attachment files, and the data is as before
the killed restore. While another copy of the program holds the folder, it may be restoring
right now: its files are left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.usb_backup import back_up_to_folder
from tests.data_safety.backups.conftest import PASSWORD
from tests.data_safety.interrupted.test_kill_drill import content
from tests.data_safety.interrupted.test_killed_restore import other_window

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

REPO = Path(__file__).resolve().parents[3]


def restore(location: DataLocation, sealed_file: Path) -> list[str]:
    entry = [sys.executable, "-m", "ui.entry", "--data-dir", str(location.data_dir)]
    return [*entry, "restore", "--password-stdin", str(sealed_file)]


def leftovers(location: DataLocation) -> list[str]:
    return sorted(str(p.relative_to(location.data_dir)) for p in location.data_dir.rglob(".恢复*"))


def test_a_killed_restore_leaves_no_decrypted_copy_after_the_next_opening(
    office_file: Path, location: DataLocation, tmp_path: Path
) -> None:
    database = open_database(location)
    try:
        sealed_file = back_up_to_folder(database, tmp_path, PASSWORD)
    finally:
        database.close()
    before = content(office_file)
    running = subprocess.Popen(
        restore(location, sealed_file),
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert running.stdin is not None
    running.stdin.write(f"{PASSWORD}\n".encode())
    running.stdin.close()
    deadline = time.monotonic() + 60
    while not list(location.backup_dir.glob(".恢复-*.tmp")) and running.poll() is None:
        assert time.monotonic() < deadline
    os.kill(running.pid, signal.SIGKILL)
    running.wait()
    assert any(name.startswith("backups/.恢复-") for name in leftovers(location))
    assert content(office_file) == before
    found = leftovers(location)
    with other_window(location):
        open_database(location).close()
        assert leftovers(location) == found
    open_database(location).close()
    assert leftovers(location) == []
    assert content(office_file) == before

    typed = f"{PASSWORD}\n"
    again = subprocess.run(
        restore(location, sealed_file), cwd=REPO, input=typed, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert leftovers(location) == []
