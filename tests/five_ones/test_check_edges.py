"""Edges of the five-ones check that a mutation review found untested: the years offered,
seat dates an older version or another office's file may carry, and the notes' wording
on the first and last day of the year."""

from __future__ import annotations

from datetime import date

from app.common.storage import Database
from app.five_ones.check import Criterion, check_five_ones, five_ones_years
from db.member_models import MembershipStatus
from db.record_models import ActivityKind, WorkKind
from tests.five_ones.helpers import (
    PRESENT,
    ListedProposals,
    add_activity,
    add_member,
    add_social_info,
    add_term,
    add_work,
    counts,
)


def test_years_offered_stop_at_this_year_when_a_term_runs_on(office_db: Database) -> None:
    """A term reaching into coming years offers none of them: nothing is on record yet."""
    this_year = date.today().year
    add_term(office_db, 11, this_year, this_year + 4)
    years = five_ones_years(office_db)
    assert years[0] == this_year
    assert this_year + 1 not in years


def test_an_active_seat_with_a_leftover_leaving_date_is_judged_on_the_whole_year(
    office_db: Database,
) -> None:
    """The screens clear the date when a seat is set back to 在职; a file from an older
    version may still carry one. An active member is checked, over the whole year."""
    uuid = add_member(
        office_db, "冯一", status=MembershipStatus.ACTIVE, status_date=date(2024, 6, 30)
    )
    add_member(office_db, "陈二", status=MembershipStatus.ACTIVE, status_date=date(2025, 6, 30))
    add_social_info(office_db, date(2025, 12, 31), [uuid], "年底的信息")
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert [m.name for m in report.members] == ["冯一", "陈二"]
    assert [m.judged_to for m in report.members] == [date(2025, 12, 31)] * 2
    assert counts(report, "冯一")["social_info"] == (1, True)
    assert [m.notes for m in report.members] == ["", ""]


def test_a_seat_that_began_on_new_years_day_is_judged_on_the_whole_year(
    office_db: Database,
) -> None:
    add_member(office_db, "褚三", start=date(2025, 1, 1))
    add_member(office_db, "卫四", start=date(2025, 1, 2))
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    notes = {m.name: m.notes for m in report.members}
    assert notes == {"褚三": "2025年1月1日增补", "卫四": "2025年1月2日增补，自该日起考核"}


def test_a_seat_that_ended_on_new_years_eve_is_judged_to_that_day(office_db: Database) -> None:
    add_member(office_db, "蒋五", status=MembershipStatus.RESIGNED, status_date=date(2025, 12, 31))
    add_member(office_db, "沈六", status=MembershipStatus.RESIGNED, status_date=date(2026, 1, 1))
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    notes = {m.name: m.notes for m in report.members}
    assert notes == {"蒋五": "2025年12月31日辞去，考核至该日", "沈六": "2026年1月1日辞去"}
    assert {m.name: m.left_during_year for m in report.members} == {"蒋五": True, "沈六": False}


# --- records on the first and the last day ----------------------------------------------


def _all_but_the_proposal_met(office_db: Database, name: str) -> None:
    """Every record of `name` counted in 2025 (no proposal was entered) and none unrecorded."""
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert counts(report, name) == {
        "plenary": (1, True),
        "proposal": (0, False),
        "social_info": (1, True),
        "activity": (1, True),
        "speech_or_report": (1, True),
    }
    assert report.unrecorded == ()


def test_records_on_new_years_day_count(office_db: Database) -> None:
    """The year's first day, and the term's first day for the once-a-term duty."""
    uuid = add_member(office_db, "孔七")
    add_activity(office_db, ActivityKind.PLENARY, date(2025, 1, 1), {uuid: PRESENT}, "全会")
    add_activity(office_db, ActivityKind.TRAINING, date(2025, 1, 1), {uuid: PRESENT}, "培训")
    add_social_info(office_db, date(2025, 1, 1), [uuid], "元旦的信息")
    add_work(office_db, WorkKind.PLENARY_SPEECH, date(2021, 1, 1), [uuid], "届首日发言")
    _all_but_the_proposal_met(office_db, "孔七")


def test_records_on_new_years_eve_count(office_db: Database) -> None:
    uuid = add_member(office_db, "曹八")
    add_activity(office_db, ActivityKind.PLENARY, date(2025, 12, 31), {uuid: PRESENT}, "全会")
    add_activity(office_db, ActivityKind.RESEARCH, date(2025, 12, 31), {uuid: PRESENT}, "调研")
    add_social_info(office_db, date(2025, 12, 31), [uuid], "除夕的信息")
    add_work(office_db, WorkKind.RESEARCH_REPORT, date(2025, 12, 31), [uuid], "年末报告")
    _all_but_the_proposal_met(office_db, "曹八")


def test_a_plenary_on_the_years_edge_still_makes_it_not_applicable_to_later_seats(
    office_db: Database,
) -> None:
    """Held on 1 January 2025: a seat from 2 January had none to attend; held on
    31 December 2024: a seat that ended on the 30th had none either."""
    present = add_member(office_db, "严九")
    add_member(office_db, "华十", start=date(2025, 1, 2))
    left = add_member(
        office_db, "金一", status=MembershipStatus.RESIGNED, status_date=date(2024, 12, 30)
    )
    add_activity(office_db, ActivityKind.PLENARY, date(2025, 1, 1), {present: PRESENT})
    add_activity(office_db, ActivityKind.PLENARY, date(2024, 12, 31), {present: PRESENT})
    joined_late = check_five_ones(office_db, 2025, proposals=ListedProposals())
    plenary = {m.name: m.result(Criterion.PLENARY) for m in joined_late.members}
    assert plenary["华十"].applicable is False and plenary["华十"].met
    assert plenary["严九"].applicable is True and plenary["严九"].met
    left_early = check_five_ones(office_db, 2024, proposals=ListedProposals())
    plenary = {m.name: m.result(Criterion.PLENARY) for m in left_early.members}
    assert plenary["金一"].applicable is False and plenary["金一"].met
    assert left in {m.uuid for m in left_early.members}


def test_a_plenary_held_today_counts(office_db: Database) -> None:
    """A meeting is held by the end of its day: today's sign-in is attendance."""
    today = date.today()
    add_term(office_db, 99, today.year, today.year + 4)
    uuid = add_member(office_db, "魏二", term_number=99)
    add_activity(office_db, ActivityKind.PLENARY, today, {uuid: PRESENT})
    add_activity(office_db, ActivityKind.TRAINING, today, {uuid: PRESENT})
    report = check_five_ones(office_db, today.year, proposals=ListedProposals())
    assert counts(report, "魏二")["plenary"] == (1, True)
    assert counts(report, "魏二")["activity"] == (1, True)
    assert report.unrecorded == ()
