"""The register of temporary files being written (app.common.unfinished_files): a write
killed half-way leaves a temp file beside its target — the roster's with full ID numbers —
and the next start removes it, not an hour later; only temp files the register lists,
named as ours, are ever removed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from app.common import unfinished_files
from app.common.documents import write_atomically
from app.common.paths import DataLocation
from app.common.storage import Database
from app.common.unfinished_files import REGISTER_FOLDER, clear_leftovers
from tests.data_safety.conftest import BusyOffice

REPO = Path(__file__).resolve().parents[3]


def command(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "ui.entry", "--data-dir", str(data), *args]


def temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".~*"))


def entries(data_dir: Path) -> list[str]:
    """What the register lists: each entry's text."""
    register = data_dir / REGISTER_FOLDER
    if not register.is_dir():
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(register.iterdir())]


def list_by_hand(data_dir: Path, named: Path) -> None:
    """An entry as a writer that died left it."""
    register = data_dir / REGISTER_FOLDER
    register.mkdir(exist_ok=True)
    (register / f"{os.urandom(16).hex()}.txt").write_text(f"{named}\n", encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_export_is_removed_at_the_next_start(
    busy_office: BusyOffice, tmp_path: Path
) -> None:
    location = busy_office.copy(busy_office.with_members, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "名单.xlsx"
    running = subprocess.Popen(
        command(location.data_dir, "members", "export", str(target)),
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
    assert entries(location.data_dir) == [f"{left[0]}\n"]
    unlisted = out / ".~名单.0123abcd.xlsx"  # another program's export, still being written
    unlisted.write_bytes(b"in progress")
    mine = out / "我的表格.xlsx"
    mine.write_bytes(b"the clerk's own file")
    list_by_hand(location.data_dir, mine)  # a register entry naming anything else

    started = subprocess.run(
        command(location.data_dir, "info"), cwd=REPO, capture_output=True, text=True
    )
    assert started.returncode == 0, started.stderr
    assert temps(out) == [unlisted]
    assert mine.read_bytes() == b"the clerk's own file"
    assert entries(location.data_dir) == []

    again = subprocess.run(
        command(location.data_dir, "members", "export", str(target)),
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    assert openpyxl.load_workbook(target).worksheets[0].max_row > 300
    assert entries(location.data_dir) == []


def test_a_finished_write_leaves_no_entry(office_db: Database, tmp_path: Path) -> None:
    data_dir = office_db.location.data_dir
    target = tmp_path / "通知.txt"
    seen: list[list[str]] = []

    def write(temp: Path) -> None:
        seen.append(entries(data_dir))
        temp.write_text("内容", encoding="utf-8")

    write_atomically(target, write)
    assert len(seen[0]) == 1 and seen[0][0].startswith(str(tmp_path / ".~通知."))
    assert target.read_text(encoding="utf-8") == "内容"
    assert entries(data_dir) == []
    assert temps(tmp_path) == []


def test_a_write_at_work_is_left_alone(office_db: Database, tmp_path: Path) -> None:
    """Another window starting, or exporting, while this one writes: its temp stays."""
    target = tmp_path / "名单.xlsx"
    found: list[list[Path]] = []

    def write(temp: Path) -> None:
        temp.write_bytes(b"half")
        assert clear_leftovers() == []
        found.append(temps(tmp_path))
        temp.write_bytes(b"whole")

    write_atomically(target, write)
    assert len(found[0]) == 1
    assert target.read_bytes() == b"whole"


def test_the_next_export_removes_a_leftover_too(office_db: Database, tmp_path: Path) -> None:
    """A command killed while this window runs: its temp goes with this window's next export."""
    leftover = tmp_path / ".~名单.1b9840d2.xlsx"
    leftover.write_bytes(b"110101199003071234")
    list_by_hand(office_db.location.data_dir, leftover)
    write_atomically(tmp_path / "其他.txt", lambda temp: temp.write_text("x", encoding="utf-8"))
    assert not leftover.exists()
    assert entries(office_db.location.data_dir) == []


def test_only_listed_temporary_files_of_ours_are_removed(
    location: DataLocation, tmp_path: Path
) -> None:
    folder = tmp_path / "导出"
    folder.mkdir()
    location.data_dir.mkdir(parents=True)
    kept = {
        folder / "名单.xlsx": b"a finished export",
        folder / ".~名单.xlsx": b"not our name pattern",
        folder / ".~名单.0123ABCD.xlsx": b"not our name pattern",
    }
    for path, content in kept.items():
        path.write_bytes(content)
        list_by_hand(location.data_dir, path)
    (folder / ".~目录.0123abcd.xlsx").mkdir()  # a folder, not a file
    list_by_hand(location.data_dir, folder / ".~目录.0123abcd.xlsx")
    list_by_hand(location.data_dir, Path(".~相对.0123abcd.xlsx"))  # not a full path
    gone = folder / ".~名单.0123abcd.xlsx"
    gone.write_bytes(b"half")
    list_by_hand(location.data_dir, gone)

    assert unfinished_files.use_register(location.data_dir) == [gone]
    assert all(path.read_bytes() == content for path, content in kept.items())
    assert (folder / ".~目录.0123abcd.xlsx").is_dir()
    assert entries(location.data_dir) == []


def test_a_temp_on_a_drive_not_there_now_stays_listed(location: DataLocation) -> None:
    """A USB stick pulled out since: the entry waits for the stick to come back."""
    location.data_dir.mkdir(parents=True)
    absent = Path("/nonexistent-usb-stick/.~名单.0123abcd.xlsx").absolute()
    list_by_hand(location.data_dir, absent)
    assert unfinished_files.use_register(location.data_dir) == []
    assert entries(location.data_dir) == [f"{absent}\n"]


def test_an_entry_its_writer_died_making_goes_once_old(location: DataLocation) -> None:
    """Killed between making the entry and writing the path in it: no temp was made yet.
    Young, it may be one being made this moment, and stays."""
    register = location.data_dir / REGISTER_FOLDER
    register.mkdir(parents=True)
    young, old = register / "a.txt", register / "b.txt"
    young.write_bytes(b"")
    old.write_text("/tmp/.~名单.0123", encoding="utf-8")  # cut off mid-path
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    assert unfinished_files.use_register(location.data_dir) == []
    assert sorted(p.name for p in register.iterdir()) == ["a.txt"]
