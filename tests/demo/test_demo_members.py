"""The demo's members and duty records (app/demo/demo_members.py, demo_records.py)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.demo.demo import load_demo
from app.members.labels import STANDING_ROLES, CppccRole
from app.members.member_files import form_choices, form_problems, get_member_in_full, list_members
from app.office.office import set_up_office
from app.records.labels import ActivityKind, AttendanceStatus, WorkKind
from app.records.member_records import member_records
from db.member_models import MembershipStatus
from db.record_models import Activity, MemberWork, SocialInfo
from tests.conftest import COUNTY_SETUP

LAST_YEAR, THIS_YEAR = date.today().year - 1, date.today().year
PARTY_OF_SECTOR = {
    "民革": "民革党员",
    "民盟": "民盟盟员",
    "民建": "民建会员",
    "民进": "民进会员",
    "农工党": "农工党党员",
    "致公党": "致公党党员",
    "九三学社": "九三学社社员",
    "无党派人士": "无党派人士",
    "中共": "中共党员",
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory):
    """One demo office shared by the read-only tests of this module."""
    root = tmp_path_factory.mktemp("demo")
    db = open_database(DataLocation(data_dir=root / "data", log_dir=root / "logs"))
    set_up_office(db, COUNTY_SETUP)
    load_demo(db)
    yield db
    db.close()


def test_about_two_hundred_members_of_the_current_term(demo_db: Database):
    rows = list_members(demo_db)
    assert 190 <= len(rows) <= 220
    roles = Counter(r.role for r in rows)
    assert roles[CppccRole.CHAIR] == 1
    assert roles[CppccRole.SECRETARY_GENERAL] == 1
    assert roles[CppccRole.VICE_CHAIR] == 4
    assert 25 <= sum(r.is_standing for r in rows) <= 45

    left = [r for r in rows if r.status is not MembershipStatus.ACTIVE]
    assert {r.status_label for r in left} == {"辞去", "调离"}
    assert len(left) == 3
    assert all(r.status_date is not None and r.status_date <= date.today() for r in left)
    joined = [r for r in rows if r.start_date is not None]
    assert len(joined) == 4  # 增补
    assert {r.start_date.year for r in joined} == {LAST_YEAR, THIS_YEAR}

    ethnic = Counter(r.ethnic_group for r in rows)
    assert ethnic["汉族"] / len(rows) > 0.7
    assert {"蒙古族", "回族", "满族"} <= set(ethnic)
    assert Counter(r.sex for r in rows)["女"] > 30
    names = Counter(r.name for r in rows)
    assert [n for n, count in names.items() if count > 1] != []  # namesakes, as in life
    assert all("*" in r.id_masked for r in rows)  # lists get masked numbers


def test_every_demo_member_passes_the_form_checks(demo_db: Database):
    choices = form_choices(demo_db)
    for row in list_members(demo_db):
        form = get_member_in_full(demo_db, row.uuid).form
        assert form_problems(form, choices) == [], form.name
        assert form.id_number[:6].startswith("1505")
        sex_digit = int(form.id_number[16])
        assert (sex_digit % 2 == 1) == (row.sex == "男"), form.name
        assert form.phone and form.employer and form.address
        if form.sector in PARTY_OF_SECTOR:
            assert form.party == PARTY_OF_SECTOR[form.sector], form.name
        if form.sector == "少数民族界":
            assert form.ethnic_group != "汉族"
        assert form.liaison_group.endswith("联络组")
    ids = [get_member_in_full(demo_db, r.uuid).form.id_number for r in list_members(demo_db)]
    assert len(set(ids)) == len(ids)


def _activities(database: Database) -> list[Activity]:
    with database.begin() as session:
        return list(
            session.scalars(
                select(Activity).options(selectinload(Activity.attendances)).order_by(Activity.id)
            )
        )


def test_a_plenary_a_year_with_most_members_present(demo_db: Database):
    plenaries = [a for a in _activities(demo_db) if a.kind is ActivityKind.PLENARY]
    # A plenary only where 届次与会议 registers one: the term 2021–2026 has its five
    # sessions in 2021–2025; 2026's plenary would be the next term's first.
    with_session = [y for y in (LAST_YEAR, THIS_YEAR) if y < COUNTY_SETUP.term_last_year]
    assert sorted(a.held_on.year for a in plenaries) == with_session
    for plenary in plenaries:
        statuses = Counter(a.status for a in plenary.attendances)
        total = sum(statuses.values())
        assert total > 180
        assert 0.84 <= statuses[AttendanceStatus.PRESENT] / total <= 0.95
        assert statuses[AttendanceStatus.LEAVE] >= 3
        assert 1 <= statuses[AttendanceStatus.ABSENT] <= statuses[AttendanceStatus.LEAVE]


def test_other_activities_and_who_is_on_their_lists(demo_db: Database):
    activities = _activities(demo_db)
    last_year = [a for a in activities if a.held_on.year == LAST_YEAR]
    assert 22 <= len(last_year) <= 30
    assert {a.kind for a in last_year} >= {
        ActivityKind.STANDING_MEETING,
        ActivityKind.CONSULTATION,
        ActivityKind.INSPECTION,
        ActivityKind.RESEARCH,
        ActivityKind.TRAINING,
        ActivityKind.MEMBER_ACTIVITY,
    }
    assert all(a.held_on <= date.today() for a in activities)
    rows = {r.uuid: r for r in list_members(demo_db)}
    with demo_db.begin() as session:
        for activity in session.scalars(select(Activity)):
            for line in activity.attendances:
                seat = rows[line.member.uuid]
                # Nobody is listed before joining (增补) or after leaving.
                assert seat.start_date is None or seat.start_date <= activity.held_on
                assert seat.status_date is None or activity.held_on < seat.status_date
                if activity.kind is ActivityKind.STANDING_MEETING:
                    assert seat.role in STANDING_ROLES


def test_social_info_items_a_year(demo_db: Database):
    with demo_db.begin() as session:
        items = session.scalars(
            select(SocialInfo).options(selectinload(SocialInfo.submitters))
        ).all()
        last_year = [i for i in items if i.submitted_on.year == LAST_YEAR]
        assert len(last_year) == 150
        assert 0.2 <= sum(i.adopted for i in last_year) / len(last_year) <= 0.4
        assert any(i.instructed for i in last_year)
        assert all(i.adopted for i in items if i.instructed)
        assert sum(len(i.submitters) > 1 for i in last_year) >= 15
        assert len({(i.title, i.submitted_on) for i in items}) == len(items)


def test_speeches_and_reports_in_the_current_term(demo_db: Database):
    with demo_db.begin() as session:
        works = session.scalars(select(MemberWork).options(selectinload(MemberWork.authors))).all()
        kinds = Counter(w.kind for w in works)
        assert 25 <= kinds[WorkKind.PLENARY_SPEECH] <= 35
        assert 15 <= kinds[WorkKind.RESEARCH_REPORT] <= 22
        assert all(w.submitted_on.year >= 2021 and w.submitted_on <= date.today() for w in works)
        assert all(w.authors for w in works)


def test_the_five_ones_see_a_real_mix(demo_db: Database):
    """Some members do all, some little: neither everyone nor no one meets a criterion."""
    with demo_db.begin() as session:
        submitted = {
            m.uuid
            for i in session.scalars(select(SocialInfo))
            if i.submitted_on.year == LAST_YEAR
            for m in i.submitters
        }
        active = {
            a.member.uuid
            for activity in session.scalars(select(Activity))
            if activity.held_on.year == LAST_YEAR and activity.kind is not ActivityKind.PLENARY
            for a in activity.attendances
            if a.status is AttendanceStatus.PRESENT
        }
    total = len(list_members(demo_db))
    assert 0.4 <= len(submitted) / total <= 0.9
    assert 0.7 <= len(active) / total <= 0.98


def test_a_demo_members_file_lists_records_newest_first(demo_db: Database):
    chair = next(r for r in list_members(demo_db) if r.role is CppccRole.CHAIR)
    items = member_records(demo_db, chair.uuid)
    assert any(i.kind_label == "全体会议" for i in items)
    assert [i.day for i in items] == sorted((i.day for i in items), reverse=True)


def test_the_demo_is_the_same_every_time(demo_db: Database, office_db: Database):
    load_demo(office_db)

    def fingerprint(database: Database) -> list[tuple[str, ...]]:
        members = [
            (r.name, r.birth_text, r.employer, r.id_masked, r.phone_masked)
            for r in list_members(database)
        ]
        records = [
            (a.title, str(a.held_on), str(len(a.attendances))) for a in _activities(database)
        ]
        return members + records

    assert fingerprint(office_db) == fingerprint(demo_db)
