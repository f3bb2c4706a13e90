"""`cppcc-desk backup`, `backups list --json` and `restore FILE`: the names and keys scripts use."""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety import sealed
from app.data_safety.usb_backup import back_up_to_folder
from app.office import dictionaries
from db.models import DictionaryKind
from tests.data_safety.backups.other_office import other_office_backup
from ui.entry import main

pytestmark = pytest.mark.usefixtures("clean_logging")


def run(
    capsys: pytest.CaptureFixture[str], location: DataLocation, *args: str
) -> tuple[int, str, str]:
    code = main(["--data-dir", str(location.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def units(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM dictionary_entry WHERE kind = 'handling_unit'")
        return sorted(r[0] for r in rows)


def add_unit(location: DataLocation, name: str) -> None:
    database = open_database(location)
    try:
        dictionaries.add_entry(database, DictionaryKind.HANDLING_UNIT, name)
    finally:
        database.close()


def test_backup_list_and_restore(
    capsys: pytest.CaptureFixture[str], location: DataLocation, office_file: Path
) -> None:
    code, out, err = run(capsys, location, "backup")
    assert code == 0, err
    backup = Path(out.strip())
    assert backup.parent == location.backup_dir and backup.is_file()

    broken = location.backup_dir / "手动备份-20200101-080000.sqlite3"
    broken.write_bytes(b"not a database")
    code, out, err = run(capsys, location, "backups", "list", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert [set(item) for item in listed] == [{"path", "time", "ok"}] * 2
    assert listed[0]["path"] == str(backup) and listed[0]["ok"] is True
    assert listed[1] == {"path": str(broken), "time": "2020-01-01T08:00:00", "ok": False}

    add_unit(location, "县水利局")
    code, out, err = run(capsys, location, "restore", str(backup))
    assert code == 0, err
    assert "县水利局" not in units(location.database)
    # Where the data from before is: its 恢复前备份 and the database file itself, not "damaged".
    [before] = location.backup_dir.glob("恢复前备份-*.sqlite3")
    [kept] = location.backup_dir.glob("恢复前原数据库-*.sqlite3.before-restore")
    assert out.splitlines() == [
        f"已用“{backup}”恢复数据库。",
        f"恢复前的数据已备份为“{before.name}”，需要时可用它恢复回去。",
        f"恢复前的数据库文件保存为“{kept.name}”。",
        f"它们都在备份文件夹中：{location.backup_dir}",
    ]
    assert "县水利局" in units(kept) and not list(location.backup_dir.glob("*damaged*"))

    code, out, err = run(capsys, location, "restore", str(broken))
    assert code == 1
    assert "不能用于恢复" in err


def test_restore_of_a_sealed_file_reads_the_password_from_stdin(
    capsys: pytest.CaptureFixture[str],
    location: DataLocation,
    office_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(sealed, "SCRYPT_N", 2**12)
    database = open_database(location)
    try:
        path = back_up_to_folder(database, tmp_path, "密码123456")
    finally:
        database.close()
    add_unit(location, "县水利局")
    code, _, err = run(capsys, location, "restore", str(path))
    assert code == 1 and "加密备份" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("错误密码\n"))
    code, _, err = run(capsys, location, "restore", str(path), "--password-stdin")
    assert code == 1 and "密码不正确" in err
    assert "县水利局" in units(location.database)
    monkeypatch.setattr("sys.stdin", io.StringIO("密码123456\n"))
    code, _, err = run(capsys, location, "restore", str(path), "--password-stdin")
    assert code == 0, err
    assert "县水利局" not in units(location.database)


@pytest.mark.parametrize("damage", ["garbage", "deleted"])
def test_restore_puts_back_a_damaged_or_deleted_database(
    capsys: pytest.CaptureFixture[str], location: DataLocation, office_file: Path, damage: str
) -> None:
    """The command that says "请用备份恢复" must itself be able to restore: at that point
    no account can sign in (they live in the damaged file), as at the GUI's start."""
    code, out, err = run(capsys, location, "backup")
    assert code == 0, err
    backup = Path(out.strip())
    if damage == "garbage":
        with office_file.open("r+b") as file:
            file.write(b"garbage!" * 64)
    else:
        office_file.unlink()
    code, out, err = run(capsys, location, "info")
    assert code == 1 and "备份" in err
    code, out, err = run(capsys, location, "restore", str(backup))
    assert code == 0, err
    assert "已用" in out
    kept = list(location.backup_dir.glob("已损坏-*.sqlite3.damaged"))
    assert len(kept) == (1 if damage == "garbage" else 0)
    if kept:  # a damaged file is still called so
        assert f"损坏的数据库文件保存为“{kept[0].name}”。" in out.splitlines()
    code, out, err = run(capsys, location, "check")
    assert code == 0, err


def test_a_damaged_database_names_the_backup_to_restore_and_still_lists_backups(
    capsys: pytest.CaptureFixture[str], location: DataLocation, office_file: Path
) -> None:
    """ "请用最近的备份恢复" left the clerk to find it: `backups list` itself refused
    (it opened the damaged database), and no message named a file or the command."""
    code, out, err = run(capsys, location, "backup")
    assert code == 0, err
    backup = Path(out.strip())
    (location.backup_dir / "手动备份-20991231-235959.sqlite3").write_bytes(b"not a database")
    with office_file.open("r+b") as file:
        file.write(b"garbage!" * 64)
    code, out, err = run(capsys, location, "info")
    assert code == 1 and "Traceback" not in err
    # The same folder as the failed command: without --data-dir it would go to the default.
    assert f'用它恢复：cppcc-desk --data-dir "{location.data_dir}" restore "{backup}"' in err
    code, out, err = run(capsys, location, "backups", "list")
    assert code == 0, err
    assert [line.split()[2] for line in out.splitlines()] == ["损坏", "完好"]
    code, out, err = run(capsys, location, "restore", str(backup))
    assert code == 0, err


def test_a_damaged_database_without_backups_says_to_keep_the_file(
    capsys: pytest.CaptureFixture[str], location: DataLocation, office_file: Path
) -> None:
    with office_file.open("r+b") as file:
        file.write(b"garbage!" * 64)
    code, _, err = run(capsys, location, "check")
    assert code == 1
    assert "没有可用的备份" in err and "不要删除" in err


def test_restore_of_another_offices_backup_needs_other_office(
    capsys: pytest.CaptureFixture[str], location: DataLocation, office_file: Path, tmp_path: Path
) -> None:
    theirs = other_office_backup(tmp_path)
    add_unit(location, "县水利局")
    code, _, err = run(capsys, location, "restore", str(theirs))
    assert code == 1 and "“河西县政协”（150521）的备份" in err and "--other-office" in err
    assert "县水利局" in units(location.database)
    code, _, err = run(capsys, location, "restore", str(theirs), "--other-office")
    assert code == 0, err
    assert units(location.database) == ["河西县水利局"]
