"""An administrator restores a backup file; a staff user, a damaged or a foreign file: refused."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from app.common.access import PermissionRefused
from app.common.errors import KnownError
from app.common.storage import Database, open_database
from app.data_safety import backups
from app.data_safety.data_folder import list_backups
from app.data_safety.planned_restore import OtherOfficeBackup, restore_from_file
from app.office import dictionaries
from db.models import DictionaryKind
from tests.data_safety.backups.other_office import other_office_backup
from tests.security.helpers import ADMIN, STAFF, audit_lines, staff_office


def units(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM dictionary_entry WHERE kind = 'handling_unit'")
        return sorted(r[0] for r in rows)


def test_an_administrator_restores_a_backup(office_db: Database) -> None:
    staffed = staff_office(office_db)
    staffed.as_user(ADMIN)
    backup = backups.make_backup(office_db, backups.MANUAL)
    dictionaries.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县水利局")
    result = restore_from_file(office_db, backup)
    location = office_db.location
    assert "县水利局" not in units(location.database)
    kept = result.old_kept_as
    assert kept is not None and kept.parent == location.backup_dir
    assert "县水利局" in units(kept)  # the old data is kept
    before_restore = [p for p in location.backup_dir.iterdir() if p.name.startswith("恢复前备份")]
    assert before_restore == [result.backup_before] and "县水利局" in units(before_restore[0])
    restored = open_database(location)
    try:  # the restore is in the trail of the database kept from now on
        assert audit_lines(restored)[-1][:4] == (ADMIN, "restore", str(backup), "ok")
    finally:
        restored.close()


def test_a_sound_database_replaced_on_request_is_not_called_damaged(office_db: Database) -> None:
    """It was kept as `恢复前原数据库-….sqlite3.damaged`: the clerk and the support person
    took it for a damaged file. Its name says what it is; the messages say where it is."""
    staff_office(office_db).as_user(ADMIN)
    backup = backups.make_backup(office_db, backups.MANUAL)
    result = restore_from_file(office_db, backup)
    kept, before = result.old_kept_as, result.backup_before
    assert kept is not None and before is not None
    assert re.fullmatch(r"恢复前原数据库-\d{8}-\d{6}\.sqlite3\.before-restore", kept.name)
    assert [p.name for p in office_db.location.backup_dir.glob("*damaged*")] == []
    listed = [b.path for b in list_backups(office_db.location.backup_dir)]
    assert before in listed and kept not in listed  # the raw copy is never listed nor thinned
    assert result.where_kept() == [
        f"恢复前的数据已备份为“{before.name}”，需要时可用它恢复回去。",
        f"恢复前的数据库文件保存为“{kept.name}”。",
        f"它们都在备份文件夹中：{office_db.location.backup_dir}",
    ]


def test_a_staff_user_cannot_restore(
    office_db: Database, file_digest: Callable[[Path], str]
) -> None:
    staffed = staff_office(office_db)
    backup = backups.make_backup(office_db, backups.MANUAL)
    staffed.as_user(STAFF)
    listing = sorted(p.name for p in office_db.location.backup_dir.iterdir())
    with pytest.raises(PermissionRefused, match="无权恢复备份"):
        restore_from_file(office_db, backup)
    assert sorted(p.name for p in office_db.location.backup_dir.iterdir()) == listing
    assert audit_lines(office_db)[-1][:4] == (STAFF, "denied", str(backup), "denied")


def test_a_damaged_backup_is_refused(office_db: Database, tmp_path: Path) -> None:
    backup = backups.make_backup(office_db, backups.MANUAL)
    damaged = tmp_path / "坏的备份.sqlite3"
    data = bytearray(backup.read_bytes())
    page = 4096
    data[page * 2 : page * 3] = b"\xff" * page  # a whole page of noise
    damaged.write_bytes(bytes(data))
    before = units(office_db.path)
    with pytest.raises(KnownError, match="已损坏或不是数据库文件") as caught:
        restore_from_file(office_db, damaged)
    assert units(office_db.path) == before
    assert audit_lines(office_db)[-1][1:] == ("restore", str(damaged), "failed", caught.value.what)
    assert not [p for p in office_db.location.backup_dir.iterdir() if "恢复前" in p.name]


@pytest.mark.parametrize("kind", ["foreign", "empty", "newer", "text"])
def test_a_file_of_another_program_is_refused(
    office_db: Database, tmp_path: Path, kind: str
) -> None:
    other = tmp_path / f"{kind}.sqlite3"
    if kind == "text":
        other.write_text("这不是数据库", encoding="utf-8")
    else:
        with closing(sqlite3.connect(other)) as conn:
            if kind == "foreign":
                conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
            if kind == "newer":
                shutil.copyfile(office_db.path, other)
        if kind == "newer":
            with closing(sqlite3.connect(other)) as conn:
                conn.execute("UPDATE alembic_version SET version_num = '9999'")
                conn.commit()
    expected = {"newer": "更新版本", "text": "已损坏或不是数据库"}.get(kind, "不是本程序的数据库")
    with pytest.raises(KnownError, match=expected):
        restore_from_file(office_db, other)
    assert audit_lines(office_db)[-1][3] == "failed"


def test_another_offices_backup_is_refused_unless_confirmed(
    office_db: Database, tmp_path: Path
) -> None:
    """Restoring a neighbouring county's backup would put its data in place of ours."""
    staff_office(office_db).as_user(ADMIN)
    theirs = other_office_backup(tmp_path)
    before = units(office_db.path)
    with pytest.raises(OtherOfficeBackup) as caught:
        restore_from_file(office_db, theirs)
    assert "“河西县政协”（150521）的备份" in caught.value.what
    assert "示范县政协，150523" in caught.value.what and "--other-office" in caught.value.todo
    assert units(office_db.path) == before  # nothing changed, no 恢复前备份 made
    assert not list(office_db.location.backup_dir.glob("恢复前*"))
    assert audit_lines(office_db)[-1][1:4] == ("restore", str(theirs), "failed")

    restore_from_file(office_db, theirs, other_office=True)  # the clerk confirmed
    assert units(office_db.location.database) == ["河西县水利局"]


def test_our_own_office_set_up_anew_restores_without_a_question(
    office_db: Database, tmp_path: Path
) -> None:
    """A new computer set up with the same office (a new uuid, the same code) takes the
    old computer's backup as its own."""
    staff_office(office_db).as_user(ADMIN)
    ours = other_office_backup(tmp_path, code="150523")
    restore_from_file(office_db, ours)
    assert units(office_db.location.database) == ["河西县水利局"]
