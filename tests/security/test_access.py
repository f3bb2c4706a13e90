"""Roles at the services: a reader's writes are refused whatever service makes them;
full numbers only on request, for roles that may, each time audited."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.common.access import require
from app.common.errors import KnownError
from app.common.operator import Permission
from app.common.storage import Database
from app.members.full_numbers import reveal_numbers
from app.members.member_files import MemberForm, add_member, get_member, update_member
from app.members.roster_export import export_roster
from app.office import dictionaries
from db.models import DictionaryKind

from .helpers import ADMIN, READER, STAFF, audit_lines, staff_office

ID = "150523198003150014"
PHONE = "13900139000"


@pytest.fixture
def staffed(office_db: Database):
    staffed = staff_office(office_db)
    uuid = add_member(office_db, MemberForm(name="张伟", id_number=ID, phone=PHONE))
    return staffed, uuid


def test_a_reader_can_look_but_not_write(staffed) -> None:
    staffed, uuid = staffed
    db = staffed.database
    staffed.as_user(READER)
    file = get_member(db, uuid)
    assert file.form.name == "张伟"
    with pytest.raises(KnownError, match="无权修改数据"):
        update_member(db, uuid, replace(file.form, employer="县物流协会"))
    with pytest.raises(KnownError, match="无权修改数据"):
        dictionaries.add_entry(db, DictionaryKind.SECTOR, "新界别")
    assert get_member(db, uuid).form.employer == ""
    denied = [line for line in audit_lines(db) if line[1] == "denied"]
    assert [(d[0], d[2], d[3]) for d in denied] == [(READER, "修改数据", "denied")] * 2


def test_staff_write_daily_work(staffed) -> None:
    staffed, uuid = staffed
    db = staffed.database
    staffed.as_user(STAFF)
    update_member(db, uuid, replace(get_member(db, uuid).form, employer="县物流协会"))
    assert get_member(db, uuid).form.employer == "县物流协会"


def test_the_member_file_comes_masked_and_a_saved_mask_keeps_the_number(staffed) -> None:
    staffed, uuid = staffed
    db = staffed.database
    form = get_member(db, uuid).form
    assert (form.id_number, form.phone) == ("**************0014", "139****9000")
    update_member(db, uuid, replace(form, employer="县物流协会"))
    assert reveal_numbers(db, uuid).id_number == ID
    assert reveal_numbers(db, uuid).phone == PHONE


def test_full_numbers_are_shown_to_staff_on_request_and_audited(staffed) -> None:
    staffed, uuid = staffed
    db = staffed.database
    staffed.as_user(STAFF)
    numbers = reveal_numbers(db, uuid)
    assert (numbers.id_number, numbers.phone) == (ID, PHONE)
    assert audit_lines(db)[-1] == (
        STAFF,
        "show_full_number",
        "委员 张伟",
        "ok",
        "显示完整身份证号码、联系电话",
    )


def test_a_reader_is_refused_the_full_numbers(staffed) -> None:
    staffed, uuid = staffed
    db = staffed.database
    staffed.as_user(READER)
    with pytest.raises(KnownError, match="无权查看完整"):
        reveal_numbers(db, uuid)
    assert audit_lines(db)[-1][:4] == (READER, "denied", "委员 张伟", "denied")


def test_the_roster_with_full_numbers_is_for_administrators(staffed, tmp_path: Path) -> None:
    staffed, _uuid = staffed
    db = staffed.database
    staffed.as_user(STAFF)
    with pytest.raises(KnownError, match="无权导出含完整身份证号码的名册"):
        export_roster(db, tmp_path / "名册.xlsx")
    assert not (tmp_path / "名册.xlsx").exists()
    staffed.as_user(ADMIN)
    export_roster(db, tmp_path / "名册.xlsx")
    assert audit_lines(db)[-1][:3] == (ADMIN, "export", str(tmp_path / "名册.xlsx"))


@pytest.mark.parametrize("name", [STAFF, READER])
def test_restore_needs_an_administrator(staffed, name: str) -> None:
    """The permission the restore (data safety, phase 2) will require."""
    staffed, _uuid = staffed
    staffed.as_user(name)
    with pytest.raises(KnownError, match="无权恢复备份"):
        require(staffed.database, Permission.RESTORE, "恢复 手动备份.sqlite3")
    staffed.as_user(ADMIN)
    assert require(staffed.database, Permission.RESTORE).name == ADMIN
