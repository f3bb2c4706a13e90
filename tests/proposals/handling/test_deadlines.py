"""Deadlines in calendar months and in working days (China's holidays and 调休)."""

from __future__ import annotations

from datetime import date

import pytest

from app.common.errors import KnownError
from app.proposals.handling.assignment import UnitChoice, assign_proposal
from app.proposals.handling.handling import due_lists, extend_deadline
from app.proposals.handling.workdays import (
    KNOWN_UNTIL,
    WorkCalendar,
    add_months,
    calendar_gap,
    default_deadline,
    latest_deadline,
)
from app.proposals.labels import UnitRole
from app.proposals.queries import get_proposal_detail
from app.proposals.settings import ProposalSettings, save_proposal_settings
from tests.proposals.helpers import Office, accepted, assigned

WORKING = ProposalSettings(
    count_working_days=True, deadline_working_days=5, deadline_max_working_days=7
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 3, 15), 3, date(2025, 6, 15)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # leap year
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 10, 31), 1, date(2025, 11, 30)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
        (date(2025, 1, 30), 2, date(2025, 3, 30)),  # a 30th stays the 30th
        (date(2025, 1, 29), 1, date(2025, 2, 28)),
    ],
)
def test_calendar_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_default_and_longest_deadline_in_months() -> None:
    settings = ProposalSettings()
    assert default_deadline(date(2025, 3, 15), settings) == date(2025, 6, 15)
    assert latest_deadline(date(2025, 3, 15), settings) == date(2025, 9, 15)


def test_working_days_across_national_day_with_make_up_days() -> None:
    # 2025: 10月1日—8日 off; Sunday 28 September and Saturday 11 October are working days.
    calendar = WorkCalendar()
    friday = date(2025, 9, 26)
    assert calendar.is_workday(date(2025, 9, 28))  # 调休 Sunday
    assert not calendar.is_workday(date(2025, 10, 8))  # Wednesday, holiday
    assert calendar.is_workday(date(2025, 10, 11))  # 调休 Saturday
    assert calendar.add_workdays(friday, 1) == date(2025, 9, 28)
    assert calendar.add_workdays(friday, 3) == date(2025, 9, 30)
    assert calendar.add_workdays(friday, 4) == date(2025, 10, 9)
    assert calendar.add_workdays(friday, 6) == date(2025, 10, 11)
    assert calendar.add_workdays(friday, 7) == date(2025, 10, 13)
    assert calendar.workdays_after(friday, date(2025, 10, 13)) == 7


def test_working_days_across_spring_festival() -> None:
    # 2025: 1月28日—2月4日 off; Sunday 26 January and Saturday 8 February are working days.
    calendar = WorkCalendar()
    friday = date(2025, 1, 24)
    assert calendar.add_workdays(friday, 1) == date(2025, 1, 26)
    assert calendar.add_workdays(friday, 2) == date(2025, 1, 27)
    assert calendar.add_workdays(friday, 3) == date(2025, 2, 5)
    assert calendar.add_workdays(friday, 6) == date(2025, 2, 8)
    assert calendar.add_workdays(friday, 7) == date(2025, 2, 10)


def test_working_day_deadline_from_the_settings() -> None:
    assert default_deadline(date(2025, 9, 26), WORKING) == date(2025, 10, 10)
    assert latest_deadline(date(2025, 9, 26), WORKING) == date(2025, 10, 13)


def test_beyond_the_known_years_the_office_entered_days_count() -> None:
    year = KNOWN_UNTIL.year + 1
    monday = date(year, 1, 1)
    while monday.weekday() != 0:
        monday = monday.replace(day=monday.day + 1)
    friday = monday.replace(day=monday.day - 3) if monday.day > 3 else None
    plain = WorkCalendar()
    assert plain.is_workday(monday)
    entered = WorkCalendar(holidays=frozenset({monday}))
    assert not entered.is_workday(monday)
    saturday = monday.replace(day=monday.day + 5)
    assert not plain.is_workday(saturday)
    assert WorkCalendar(workdays=frozenset({saturday})).is_workday(saturday)
    assert friday is None or plain.add_workdays(friday, 1) == monday
    settings = ProposalSettings(count_working_days=True)
    assert str(year) in calendar_gap(settings, date(year, 6, 1))
    entered_settings = ProposalSettings(count_working_days=True, extra_holidays=(f"{year}-10-01",))
    assert calendar_gap(entered_settings, date(year, 6, 1)) == ""
    assert calendar_gap(ProposalSettings(), date(year, 6, 1)) == ""


def test_assignment_in_working_days(office: Office) -> None:
    db = office.database
    save_proposal_settings(db, WORKING)
    uuid = accepted(office)
    unit = office.units["县教育和体育局"]
    assign_proposal(db, uuid, [UnitChoice(unit, UnitRole.LEAD)], date(2025, 9, 26))
    (assignment,) = get_proposal_detail(db, uuid).assignments
    assert assignment.deadline == date(2025, 10, 10)
    with pytest.raises(KnownError, match="超过了最长办理期限2025年10月13日"):
        extend_deadline(db, uuid, unit, date(2025, 10, 14), "节后集中办理")
    extend_deadline(db, uuid, unit, date(2025, 10, 13), "节后集中办理")


def test_overdue_and_due_soon_boundaries(office: Office) -> None:
    db = office.database
    uuid = assigned(office)  # due 2025-06-15
    on_the_day = due_lists(db, date(2025, 6, 15))
    assert [i.days_left for i in on_the_day.due_soon] == [0]
    assert on_the_day.overdue == ()
    day_after = due_lists(db, date(2025, 6, 16))
    assert [(i.number, i.unit_name, i.days_left) for i in day_after.overdue] == [
        ("十届五次会议第0001号", "县教育和体育局", -1)
    ]
    assert due_lists(db, date(2025, 5, 31)).due_soon[0].days_left == 15  # 15 days: due soon
    assert due_lists(db, date(2025, 5, 30)).due_soon == ()  # 16 days: not yet
    unit = office.units["县教育和体育局"]
    extend_deadline(db, uuid, unit, date(2025, 8, 15), "需跨部门协调")
    assert due_lists(db, date(2025, 6, 16)).overdue == ()
