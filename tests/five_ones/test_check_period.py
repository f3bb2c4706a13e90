"""The five-ones check: who is checked, over which days of the year (joining, leaving,
withdrawn seats, other terms), and the boundary days themselves."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update

from app.common.storage import Database
from app.five_ones.check import Criterion, check_five_ones
from db.member_models import Member, Membership, MembershipStatus
from db.record_models import ActivityKind, WorkKind
from tests.five_ones.helpers import (
    PLENARY_DAY,
    PRESENT,
    ListedProposals,
    add_activity,
    add_member,
    add_social_info,
    add_term,
    add_work,
    counts,
)

# --- who is checked, and from when to when -------------------------------------------


def test_member_who_joined_mid_year_is_judged_from_the_joining_date(office_db: Database) -> None:
    uuid = add_member(office_db, "沈八", start=date(2025, 3, 1))
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {uuid: PRESENT})
    add_activity(office_db, ActivityKind.TRAINING, date(2025, 2, 28), {uuid: PRESENT})
    add_social_info(office_db, date(2025, 2, 1), [uuid], "增补前")
    add_social_info(office_db, date(2025, 3, 1), [uuid], "增补当天")
    add_work(office_db, WorkKind.RESEARCH_REPORT, date(2024, 6, 1), [uuid])
    proposals = ListedProposals().add(uuid, date(2025, 1, 9))
    report = check_five_ones(office_db, 2025, proposals=proposals)
    member = report.members[0]
    assert counts(report, "沈八") == {
        "plenary": (0, True),  # held before the seat began: not applicable
        "proposal": (0, False),
        "social_info": (1, True),
        "activity": (0, False),
        "speech_or_report": (0, False),
    }
    assert member.judged_from == date(2025, 3, 1)
    assert member.notes == "2025年3月1日增补，自该日起考核"
    social = member.result(Criterion.SOCIAL_INFO)
    assert [e.title for e in social.evidence] == ["增补当天"]
    assert [(e.title, e.detail) for e in social.not_counted] == [("增补前", "任职前，不计")]
    assert member.result(Criterion.PLENARY).not_counted[0].detail == "出席（任职前，不计）"


def test_member_who_joined_in_an_earlier_year_is_judged_on_the_whole_year(
    office_db: Database,
) -> None:
    uuid = add_member(office_db, "韩九", start=date(2023, 5, 1))
    add_work(office_db, WorkKind.PLENARY_SPEECH, date(2023, 4, 30), [uuid], "增补前发言")
    add_work(office_db, WorkKind.PLENARY_SPEECH, date(2023, 5, 1), [uuid], "增补后发言")
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {uuid: PRESENT})
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    member = report.members[0]
    assert member.judged_from == date(2025, 1, 1)
    assert member.notes == "2023年5月1日增补"
    assert counts(report, "韩九")["plenary"] == (1, True)
    works = member.result(Criterion.SPEECH_OR_REPORT)
    assert [e.title for e in works.evidence] == ["增补后发言"]
    assert [e.title for e in works.not_counted] == ["增补前发言"]


def test_member_who_joins_after_the_year_is_not_checked(office_db: Database) -> None:
    add_member(office_db, "杨一", start=date(2026, 1, 15))
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert report.members == () and report.summary.left_before_year == 0


@pytest.mark.parametrize(
    "status", [s for s in MembershipStatus if s is not MembershipStatus.ACTIVE]
)
def test_member_who_left_before_the_year_is_not_checked(
    office_db: Database, status: MembershipStatus
) -> None:
    add_member(office_db, "朱二", status=status, status_date=date(2024, 12, 31))
    add_member(office_db, "秦三")
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert [m.name for m in report.members] == ["秦三"]
    assert report.summary.checked == 1 and report.summary.left_before_year == 1
    # In 2024 the same member was still in office and is checked.
    assert "朱二" in [m.name for m in check_five_ones(office_db, 2024).members]


def test_member_who_left_during_the_year_is_judged_up_to_the_leaving_date(
    office_db: Database,
) -> None:
    uuid = add_member(
        office_db, "尤四", status=MembershipStatus.TRANSFERRED, status_date=date(2025, 6, 30)
    )
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {uuid: PRESENT})
    add_activity(office_db, ActivityKind.INSPECTION, date(2025, 6, 30), {uuid: PRESENT}, "当天")
    add_activity(office_db, ActivityKind.RESEARCH, date(2025, 7, 1), {uuid: PRESENT}, "离任后")
    add_social_info(office_db, date(2025, 9, 1), [uuid])
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    member = report.members[0]
    assert member.judged_to == date(2025, 6, 30)
    assert member.notes == "2025年6月30日调离，考核至该日"
    assert counts(report, "尤四")["plenary"] == (1, True)
    activity = member.result(Criterion.ACTIVITY)
    assert [e.title for e in activity.evidence] == ["当天"]
    assert [e.detail for e in activity.not_counted] == ["出席（离任后，不计）"]
    assert counts(report, "尤四")["social_info"] == (0, False)


def test_member_who_left_after_the_year_is_judged_on_the_whole_year(office_db: Database) -> None:
    uuid = add_member(
        office_db, "许五", status=MembershipStatus.RESIGNED, status_date=date(2026, 2, 1)
    )
    add_social_info(office_db, date(2025, 12, 31), [uuid])
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert report.members[0].judged_to == date(2025, 12, 31)
    assert report.members[0].notes == "2026年2月1日辞去"
    assert counts(report, "许五")["social_info"] == (1, True)


def test_members_of_another_term_are_not_checked(office_db: Database) -> None:
    add_term(office_db, 9, 2016, 2020)
    add_member(office_db, "何六", term_number=9)
    add_member(office_db, "吕七")
    assert [m.name for m in check_five_ones(office_db, 2025).members] == ["吕七"]
    assert [m.name for m in check_five_ones(office_db, 2019).members] == ["何六"]


# --- boundary days, withdrawn seats, meetings not yet held -----------------------------


def test_a_seat_that_starts_on_the_last_day_of_the_year_is_checked_on_that_day(
    office_db: Database,
) -> None:
    add_member(office_db, "柏一", start=date(2025, 12, 31))
    member = check_five_ones(office_db, 2025, proposals=ListedProposals()).members[0]
    assert (member.judged_from, member.judged_to) == (date(2025, 12, 31), date(2025, 12, 31))


def test_a_seat_that_ends_on_the_first_day_of_the_year_is_checked_up_to_that_day(
    office_db: Database,
) -> None:
    add_member(office_db, "水二", status=MembershipStatus.RESIGNED, status_date=date(2025, 1, 1))
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    member = report.members[0]
    assert (member.judged_from, member.judged_to) == (date(2025, 1, 1), date(2025, 1, 1))
    assert member.left_during_year and report.summary.left_before_year == 0


def test_only_a_leaving_within_the_year_is_a_leaving_during_the_year(office_db: Database) -> None:
    add_member(office_db, "窦三", status=MembershipStatus.RESIGNED, status_date=date(2026, 2, 1))
    add_member(office_db, "章四", status=MembershipStatus.RESIGNED, status_date=date(2025, 6, 1))
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    leaving = {m.name: m.left_during_year for m in report.members}
    assert leaving == {"窦三": False, "章四": True}


def test_a_withdrawn_seat_is_not_checked(office_db: Database) -> None:
    add_member(office_db, "云五")
    add_member(office_db, "苏六")
    with office_db.begin() as session:
        session.execute(
            update(Membership)
            .where(
                Membership.member_id
                == select(Member.id).where(Member.name == "云五").scalar_subquery()
            )
            .values(deleted_at=datetime(2025, 2, 1, tzinfo=UTC))
        )
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert [m.name for m in report.members] == ["苏六"]


def test_records_outside_the_year_or_the_term_are_not_even_listed(office_db: Database) -> None:
    """Only records of the judged days are explained; next year's or the last term's are
    not the member's shortfall and would read as 离任后 / 任职前 wrongly."""
    add_term(office_db, 9, 2016, 2020)
    uuid = add_member(office_db, "潘七")
    add_social_info(office_db, date(2026, 1, 2), [uuid], "明年的信息")
    add_work(office_db, WorkKind.PLENARY_SPEECH, date(2020, 1, 12), [uuid], "上届发言")
    member = check_five_ones(office_db, 2025, proposals=ListedProposals()).members[0]
    assert member.result(Criterion.SOCIAL_INFO).not_counted == ()
    assert member.result(Criterion.SPEECH_OR_REPORT).not_counted == ()


def test_a_meeting_on_record_but_not_yet_held_does_not_count(office_db: Database) -> None:
    """Its notice and sign-in sheet are printed ahead: the list is who is expected."""
    next_year = date.today().year + 1
    add_term(office_db, 99, next_year, next_year + 4)
    uuid = add_member(office_db, "葛八", term_number=99)
    add_activity(office_db, ActivityKind.PLENARY, date(next_year, 1, 10), {uuid: PRESENT})
    report = check_five_ones(office_db, next_year, proposals=ListedProposals())
    assert counts(report, "葛八")["plenary"] == (0, False)
    assert report.unrecorded == (Criterion.PLENARY,)
