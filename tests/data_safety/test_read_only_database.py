"""A database file that cannot be written (copied from a CD, set 只读, no write permission):
said plainly at the start — which file, that it is read-only, what to do — and nothing
changed; commands that only read still work."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from app.common.errors import DatabaseReadOnly
from app.common.paths import DataLocation
from app.common.storage import open_database
from tests.command_line import run
from tests.common.database_states.read_only import (
    read_only_file,
    read_only_folder,
    root_obeys_permissions,
)

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX permissions"),
    pytest.mark.usefixtures("clean_logging"),
]


def says_read_only(message: str, path: Path) -> bool:
    return all(part in message for part in (f"“{path}”", "只读", "属性", "写入权限"))


@pytest.mark.parametrize("command", [["demo"], ["members", "export", "名单.xlsx"]])
def test_a_command_that_writes_says_the_file_is_read_only(
    capsys: pytest.CaptureFixture[str],
    location: DataLocation,
    office_file: Path,
    file_digest: Callable[[Path], str],
    tmp_path: Path,
    command: list[str],
) -> None:
    if command[-1].endswith(".xlsx"):
        command = [*command[:-1], str(tmp_path / command[-1])]
    before = file_digest(office_file)
    with read_only_file(office_file):
        code, out, err = run(capsys, location.data_dir, *command)
    assert code == 1
    assert out == ""
    assert err.startswith("错误：数据库文件")
    assert says_read_only(err, office_file), err
    assert "磁盘" not in err and "Traceback" not in err
    assert "数据库未作任何改动" in err
    assert file_digest(office_file) == before
    assert not (tmp_path / "名单.xlsx").exists()


@pytest.mark.parametrize("command", [["info"], ["check"], ["backups", "list"], ["backup"]])
def test_what_only_reads_still_works_and_says_read_only(
    capsys: pytest.CaptureFixture[str],
    location: DataLocation,
    office_file: Path,
    file_digest: Callable[[Path], str],
    command: list[str],
) -> None:
    before = file_digest(office_file)
    with read_only_file(office_file):
        code, out, err = run(capsys, location.data_dir, *command)
    assert code == 0, err
    assert err.startswith(f"注意：数据库文件“{office_file}”是只读的")
    assert "属性" in err
    assert file_digest(office_file) == before
    if command == ["info"]:
        assert "示范县政协" in out
    if command == ["check"]:
        assert "检查通过" in out


def test_the_start_refuses_it_before_changing_anything(
    location: DataLocation,
    office_file: Path,
    file_digest: Callable[[Path], str],
    folder_listing: Callable[[Path], list[str]],
) -> None:
    before, listing = file_digest(office_file), folder_listing(location.data_dir)
    with read_only_file(office_file), pytest.raises(DatabaseReadOnly) as caught:
        open_database(location)
    assert says_read_only(caught.value.message, office_file)
    assert file_digest(office_file) == before
    assert folder_listing(location.data_dir) == listing


def test_a_file_its_owner_made_read_only_stays_read_only(
    location: DataLocation, office_file: Path
) -> None:
    """Making the file private took write permission back in passing (0444 → 0600)."""
    office_file.chmod(0o444)
    with root_obeys_permissions():
        with pytest.raises(DatabaseReadOnly):
            open_database(location)
        assert stat.S_IMODE(office_file.stat().st_mode) == 0o444
        database = open_database(location, read_only_ok=True)
        database.close()
    assert stat.S_IMODE(office_file.stat().st_mode) == 0o400  # private, still read-only


def test_a_data_folder_without_write_permission(
    location: DataLocation, office_file: Path, file_digest: Callable[[Path], str]
) -> None:
    before = file_digest(office_file)
    with read_only_folder(location.data_dir), pytest.raises(DatabaseReadOnly) as caught:
        open_database(location)
    message = caught.value.message
    assert f"数据文件夹“{location.data_dir}”" in message
    assert "只读" in message and "属性" in message and "写入权限" in message
    assert file_digest(office_file) == before


def test_a_file_made_read_only_while_the_program_runs(
    location: DataLocation, office_file: Path, file_digest: Callable[[Path], str]
) -> None:
    database = open_database(location)
    try:
        database.engine.dispose()  # the next save opens a new connection, as pooling does
        before = file_digest(office_file)
        with (
            read_only_file(office_file),
            pytest.raises(DatabaseReadOnly) as caught,
            database.begin() as session,
        ):
            session.execute(text("UPDATE office SET name = '改过的名称'"))
        assert says_read_only(caught.value.message, office_file)
        assert "本次操作没有保存" in caught.value.message
        assert file_digest(office_file) == before
    finally:
        database.close()
