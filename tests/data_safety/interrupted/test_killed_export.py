"""`kill -9` while a file is being written: the temporary file it leaves beside the target
(`.~名单.1b9840d2.xlsx`, full ID numbers for the roster; not hidden on Windows) is removed by
the next write of that file once it is old enough to be nobody's work in progress."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from app.common.documents import STALE_TEMP_S
from tests.data_safety.conftest import BusyOffice

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

REPO = Path(__file__).resolve().parents[3]


def export_command(data: Path, target: Path) -> list[str]:
    command = [sys.executable, "-m", "ui.entry", "--data-dir", str(data), "members", "export"]
    return [*command, str(target)]


def temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".~*"))


def test_a_killed_export_leaves_no_temporary_file_for_long(
    busy_office: BusyOffice, tmp_path: Path
) -> None:
    location = busy_office.copy(busy_office.with_members, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "名单.xlsx"
    running = subprocess.Popen(
        export_command(location.data_dir, target),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not temps(out) and running.poll() is None:
        assert time.monotonic() < deadline
    os.kill(running.pid, signal.SIGKILL)
    running.wait()
    left = temps(out)
    assert len(left) == 1 and not target.exists(), "killed before the temporary file was renamed"
    young = out / ".~名单.0123abcd.xlsx"  # another copy's export still being written
    young.write_bytes(b"in progress")
    hour_ago = time.time() - STALE_TEMP_S - 60
    os.utime(left[0], (hour_ago, hour_ago))

    again = subprocess.run(
        export_command(location.data_dir, target), cwd=REPO, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert temps(out) == [young]
    book = openpyxl.load_workbook(target)
    assert book.worksheets[0].max_row > 300
