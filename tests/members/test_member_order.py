"""app.members.member_order: the one chosen order, read by every service that lists members."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from app.common.jobs import ProgressTracker
from app.common.people.name_order import NameOrder
from app.common.settings import load_settings, save_settings
from app.consultation.meetings import meetings
from app.consultation.printouts.materials import meeting_materials
from app.five_ones.check import check_five_ones
from app.members.labels import CppccRole
from app.members.member_files import MemberForm, add_member, list_members
from app.members.member_order import (
    MemberOrder,
    chosen_order,
    member_order,
    set_member_order,
)
from app.members.roster_import import apply_roster_import, plan_roster_import
from app.proposals.intake.intake import intake_choices
from app.records.activities import ActivityForm, add_activity
from app.records.labels import ActivityKind, AttendanceStatus
from db.models import AppSetting
from tests.xlsx_files import write_sheet

ROSTER = ["赵小军", "王建国", "李秀英", "陈志强", "刘芳"]
STROKE = ["王建国", "刘芳", "李秀英", "陈志强", "赵小军"]
PINYIN = ["陈志强", "李秀英", "刘芳", "王建国", "赵小军"]


@pytest.fixture
def office(office_db, tmp_path):
    rows = [["序号", "姓名", "性别"]] + [[i, n, "男"] for i, n in enumerate(ROSTER, start=1)]
    plan = plan_roster_import(office_db, write_sheet(tmp_path / "名单.xlsx", rows))
    apply_roster_import(office_db, plan, ProgressTracker())
    return office_db


def test_the_default_and_a_damaged_setting_give_stroke_order(office_db):
    assert chosen_order(office_db) is NameOrder.STROKE
    with office_db.begin() as session:
        session.merge(AppSetting(key="name_order", value_json='"alphabetical"'))
    assert chosen_order(office_db) is NameOrder.STROKE
    assert member_order(office_db).note == "以姓氏笔画为序"


def test_the_setting_is_saved_with_the_others(office_db):
    settings = load_settings(office_db)
    save_settings(office_db, settings.__class__(**{**settings.__dict__, "backups_kept": 5}))
    set_member_order(office_db, NameOrder.ROSTER)
    assert (load_settings(office_db).backups_kept, chosen_order(office_db)) == (5, NameOrder.ROSTER)


@pytest.mark.parametrize(
    ("order", "expected"),
    [(NameOrder.STROKE, STROKE), (NameOrder.PINYIN, PINYIN), (NameOrder.ROSTER, ROSTER)],
)
def test_every_service_lists_members_in_the_chosen_order(office, order, expected):
    set_member_order(office, order)
    assert [r.name for r in list_members(office)] == expected
    assert [m.name for m in check_five_ones(office, 2025).members] == expected
    assert [m.name for m in intake_choices(office).members] == expected


def test_members_without_a_number_come_last_in_roster_order(office):
    add_member(office, MemberForm(name="丁一"))  # typed in by hand: no 序号
    set_member_order(office, NameOrder.ROSTER)
    assert [r.name for r in list_members(office)] == [*ROSTER, "丁一"]


def test_printed_lists_put_leaders_first_then_the_chosen_order(office):
    chair = add_member(office, MemberForm(name="龙主席", role=CppccRole.CHAIR))
    everyone = {r.uuid: AttendanceStatus.PRESENT for r in list_members(office)}
    form = ActivityForm(
        ActivityKind.CONSULTATION, "协商座谈会", date(2025, 6, 1), attendance=everyone
    )
    uuid = add_activity(office, form)
    set_member_order(office, NameOrder.PINYIN)
    detail = meetings.get_meeting(office, uuid)
    assert [a.name for a in detail.attendees] == ["龙主席", *PINYIN]
    assert detail.order_note == "以姓名拼音为序"
    assert _members_group(office, uuid).full_heading == "政协委员（5人，以姓名拼音为序）"
    set_member_order(office, NameOrder.ROSTER)
    group = _members_group(office, uuid)
    assert [e.name for e in group.entries] == ROSTER
    assert group.full_heading == "政协委员（5人）"
    assert chair


def _members_group(database, uuid):
    groups = meeting_materials(database, uuid).attendee_list.groups
    return next(g for g in groups if g.heading == "政协委员")


def test_sorting_helpers():
    order = MemberOrder(NameOrder.ROSTER)
    people = [("乙", None), ("甲", 2), ("丙", 1)]
    assert order.sorted(people, lambda p: p[0], lambda p: p[1]) == [
        ("丙", 1),
        ("甲", 2),
        ("乙", None),
    ]
    assert MemberOrder().sorted(["张伟", "王芳"], lambda n: n) == ["王芳", "张伟"]


def test_a_stored_number_is_what_roster_order_reads(office):
    from db.member_models import Membership

    with office.begin() as session:
        session.execute(update(Membership).values(roster_number=None))
    set_member_order(office, NameOrder.ROSTER)
    assert [r.name for r in list_members(office)] == STROKE  # no numbers: stroke order
