"""联系电话 as offices type them is kept; a mistyped one (a digit short, a word) is said
where it was typed or changed, without echoing the number, and a number stored before
the rule never stops saving the rest of the file."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from app.common.errors import KnownError
from app.members.full_numbers import reveal_numbers
from app.members.member_files import MemberForm, add_member, get_member, update_member
from app.members.member_form import phone_problem
from app.members.roster_import import plan_roster_import
from db.member_models import Member
from tests.xlsx_files import write_sheet


@pytest.mark.parametrize(
    "phone",
    [
        "13800138000",
        "138 0013 8000",
        "0475-8123456",
        "（0475）8123456",
        "0475-8123456转801",
        "8123456",
        "13800138000、0475-8123456",
        "+86 13800138000",
        "13800138000（办）",
    ],
)
def test_phones_as_offices_write_them(phone: str) -> None:
    assert phone_problem(phone) is None


@pytest.mark.parametrize(
    ("phone", "problem"),
    [
        ("138000044", "应为11位手机号码，这里是9位数字，请核对"),
        ("138001380001", "应为11位手机号码，这里是12位数字，请核对"),
        ("812345", "应为7至12位数字（座机含区号），这里是6位，请核对"),
        ("13800138000、047581234", None),
        ("不详", "“不详”不是电话号码（手机为11位数字，座机如 0475-8123456）"),
    ],
)
def test_mistyped_phones_are_named_without_the_number(phone: str, problem: str | None) -> None:
    assert phone_problem(phone) == problem
    if problem and any(c.isdigit() for c in phone):
        assert phone not in problem


def test_a_new_member_with_a_phone_a_digit_short_is_not_saved(office_db) -> None:
    with pytest.raises(KnownError, match="联系电话：联系电话应为11位手机号码"):
        add_member(office_db, MemberForm(name="张三", phone="1380013800"))
    assert office_db_members(office_db) == []


def test_a_phone_stored_earlier_never_stops_saving_the_rest(office_db) -> None:
    uuid = add_member(office_db, MemberForm(name="张三", phone="13800138000"))
    with office_db.begin() as session:  # as an earlier version or import stored it
        session.scalars(select(Member)).one().phone = "138001380"
    form = get_member(office_db, uuid).form  # the masked file, as the screen shows it
    update_member(office_db, uuid, replace(form, employer="县医院院长"))
    assert get_member(office_db, uuid).form.employer == "县医院院长"
    assert reveal_numbers(office_db, uuid).phone == "138001380"  # kept as it was
    with pytest.raises(KnownError, match="应为11位手机号码，这里是10位数字"):
        update_member(office_db, uuid, replace(form, phone="1380013800"))
    update_member(office_db, uuid, replace(form, phone="13800138001"))
    assert reveal_numbers(office_db, uuid).phone == "13800138001"


def test_the_roster_import_names_the_row_with_a_mistyped_phone(office_db, tmp_path) -> None:
    path = write_sheet(
        tmp_path / "名单.xlsx",
        [
            ["姓名", "联系电话"],
            ["张三", "13800138000"],
            ["李四", "138000044"],
            ["王五", "无"],  # no phone, as offices write it
            ["赵六", "办公室"],
        ],
    )
    plan = plan_roster_import(office_db, path)
    assert [(e.row, e.column, e.reason) for e in plan.errors] == [
        (3, "联系电话", "联系电话应为11位手机号码，这里是9位数字，请核对"),
        (5, "联系电话", "联系电话“办公室”不是电话号码（手机为11位数字，座机如 0475-8123456）"),
    ]
    assert "138000044" not in "".join(str(e) for e in plan.errors)


def office_db_members(database) -> list[str]:  # type: ignore[no-untyped-def]
    with database.read() as session:
        return list(session.scalars(select(Member.name)))
