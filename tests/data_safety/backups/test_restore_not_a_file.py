"""Restoring from something that is no file on a disk — a folder, a pipe, a device — says
what it is and what to pick instead, reads nothing from it, and changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.common.errors import KnownError
from app.common.paths import DataLocation
from app.common.storage import Database
from app.data_safety.planned_restore import restore_from_file
from tests.data_safety.backups.test_cli_backups import run, units
from tests.security.helpers import ADMIN, staff_office

pytestmark = pytest.mark.usefixtures("clean_logging")

FOLDER = "是文件夹，不是备份文件。"
NOT_PLAIN = "不是保存在磁盘上的普通文件（可能是设备或管道），不能用于恢复。"


def not_a_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"备份-{kind}.sqlite3"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)  # reading it would wait for a writer that never comes
    else:
        path.symlink_to("/dev/zero")  # reads without end
    return path


def folder_state(location: DataLocation) -> tuple[list[str], list[str]]:
    files = sorted(p.name for p in location.data_dir.rglob("*") if p.is_file())
    return files, units(location.database)


@pytest.mark.parametrize(
    ("kind", "said"),
    [("folder", FOLDER), ("pipe", NOT_PLAIN), ("device", NOT_PLAIN)],
    ids=["folder", "pipe", "device"],
)
def test_restore_names_a_folder_pipe_or_device(
    tmp_path: Path, office_db: Database, kind: str, said: str
) -> None:
    staff_office(office_db).as_user(ADMIN)
    source = not_a_file(tmp_path, kind)
    before = folder_state(office_db.location)
    with pytest.raises(KnownError) as raised:
        restore_from_file(office_db, source)
    assert raised.value.what == f"“{source}”{said}"
    assert raised.value.todo.endswith("当前数据没有任何改动。")
    assert "备份文件（.sqlite3 或 .cppccbak" in raised.value.todo
    assert folder_state(office_db.location) == before  # no 恢复前备份, nothing replaced


def test_a_missing_file_is_still_called_missing(tmp_path: Path, office_db: Database) -> None:
    staff_office(office_db).as_user(ADMIN)
    with pytest.raises(KnownError, match="找不到文件"):
        restore_from_file(office_db, tmp_path / "没有这个.sqlite3")


@pytest.mark.parametrize("damaged", [False, True])
def test_the_restore_command_says_the_same(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    location: DataLocation,
    office_file: Path,
    damaged: bool,
) -> None:
    """Both ways of `cppcc-desk restore`: as usual, and with the database damaged."""
    if damaged:
        with office_file.open("r+b") as file:
            file.write(b"garbage!" * 64)
    before = office_file.read_bytes() if damaged else units(office_file)
    pipe = not_a_file(tmp_path, "pipe")
    code, _out, err = run(capsys, location, "restore", str(pipe))
    assert code != 0
    assert NOT_PLAIN in err and "找不到" not in err
    assert (office_file.read_bytes() if damaged else units(office_file)) == before
    kept = [*location.backup_dir.glob("恢复前*"), *location.backup_dir.glob("*.damaged")]
    assert kept == []  # no 恢复前备份 made, nothing replaced
