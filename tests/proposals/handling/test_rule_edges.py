"""Edges of the handling rules that a mutation review found untested: inclusive settings
bounds, steps on the very day of the step before (reply today, assignment on the
acceptance day, hand-back on the assignment day), a deadline on the assignment day, and
when a unit counts as overdue or due soon."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.common.errors import KnownError
from app.proposals.handling.assignment import UnitChoice, assign_proposal, hand_back
from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import due_lists, record_reply
from app.proposals.handling.supervision import (
    add_supervision,
    close_ledger_item,
    supervision_ledger,
)
from app.proposals.labels import Satisfaction, UnitRole
from app.proposals.queries import get_proposal_detail
from app.proposals.settings import ProposalSettings, settings_problems
from tests.proposals.helpers import Office, accepted, assigned

ASSIGNED = date(2025, 3, 15)


@pytest.mark.parametrize(
    ("months", "longest", "fine"),
    [(3, 3, True), (6, 24, True), (24, 24, True), (3, 25, False), (4, 3, False), (0, 6, False)],
)
def test_deadline_months_may_equal_the_longest_and_reach_24(
    months: int, longest: int, fine: bool
) -> None:
    """Equal months: the office allows no extension at all."""
    problems = settings_problems(
        ProposalSettings(deadline_months=months, deadline_max_months=longest)
    )
    assert (problems == []) is fine, problems


@pytest.mark.parametrize(("days", "fine"), [(0, True), (90, True), (91, False)])
def test_due_soon_notice_runs_from_0_to_90_days(days: int, fine: bool) -> None:
    assert (settings_problems(ProposalSettings(due_soon_days=days)) == []) is fine


def test_a_reply_dated_today_is_taken(office: Office) -> None:
    uuid = assigned(office)
    record_reply(office.database, uuid, office.units["县教育和体育局"], date.today(), "A")
    (done,) = get_proposal_detail(office.database, uuid).assignments
    assert done.replied_on == date.today()


def test_a_replied_unit_is_neither_overdue_nor_due_soon(office: Office) -> None:
    uuid = assigned(office)  # due 2025-06-15
    record_reply(office.database, uuid, office.units["县教育和体育局"], date(2025, 5, 6), "A")
    for today in (date(2025, 6, 10), date(2025, 6, 20)):
        lists = due_lists(office.database, today)
        assert (lists.overdue, lists.due_soon) == ((), ())


def test_a_deadline_on_the_assignment_day_is_refused_the_next_day_is_taken(
    office: Office,
) -> None:
    db, unit = office.database, office.units["县财政局"]
    uuid = accepted(office)
    with pytest.raises(KnownError, match="不能早于或等于交办日期"):
        assign_proposal(db, uuid, [UnitChoice(unit, UnitRole.LEAD)], ASSIGNED, ASSIGNED)
    assert get_proposal_detail(db, uuid).assignments == ()
    assign_proposal(db, uuid, [UnitChoice(unit, UnitRole.LEAD)], ASSIGNED, date(2025, 3, 16))
    (made,) = get_proposal_detail(db, uuid).assignments
    assert made.deadline == date(2025, 3, 16)


def test_assignment_on_the_acceptance_day_is_taken(office: Office) -> None:
    db, unit = office.database, office.units["县财政局"]
    uuid = accepted(office)  # 立案 2025-03-10
    assign_proposal(db, uuid, [UnitChoice(unit, UnitRole.LEAD)], date(2025, 3, 10))
    (made,) = get_proposal_detail(db, uuid).assignments
    assert made.assigned_on == date(2025, 3, 10)


def test_a_hand_back_on_the_assignment_day_is_taken_the_day_before_is_not(
    office: Office,
) -> None:
    db, unit = office.database, office.units["县教育和体育局"]
    uuid = assigned(office)  # 2025-03-15
    with pytest.raises(KnownError, match="退回日期2025年3月14日早于交办日期2025年3月15日"):
        hand_back(db, uuid, unit, date(2025, 3, 14), "不属于本单位职能")
    hand_back(db, uuid, unit, ASSIGNED, "不属于本单位职能")
    (returned,) = get_proposal_detail(db, uuid).assignments
    assert returned.returned_on == ASSIGNED


def test_a_unit_is_overdue_from_the_day_after_its_deadline(office: Office) -> None:
    """What the proposal window marks 逾期: not on the deadline day itself."""
    uuid = assigned(office)  # due 2025-06-15
    (open_,) = get_proposal_detail(office.database, uuid).assignments
    assert open_.overdue_on(date(2025, 6, 15)) is False
    assert open_.overdue_on(date(2025, 6, 16)) is True


def test_a_supervision_visit_today_is_taken_tomorrow_is_not(office: Office) -> None:
    db = office.database
    uuid = assigned(office)
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(KnownError, match="晚于今天"):
        add_supervision(db, uuid, tomorrow, "实地督办", "到三所学校查看校舍")
    add_supervision(db, uuid, date.today(), "实地督办", "到三所学校查看校舍")
    (entry,) = get_proposal_detail(db, uuid).supervision
    assert entry.form == "实地督办"


def test_a_ledger_item_is_carried_over_from_the_next_year_on(office: Office) -> None:
    db = office.database
    uuid = assigned(office)  # a 2025 proposal
    record_reply(db, uuid, office.units["县教育和体育局"], date(2025, 5, 6), "B")
    (this_year,) = supervision_ledger(db, date(2025, 12, 31))
    (next_year,) = supervision_ledger(db, date(2026, 1, 1))
    assert (this_year.years_carried, next_year.years_carried) == (0, 1)


def test_basic_satisfaction_in_the_new_round_also_takes_the_item_off_the_ledger(
    office: Office,
) -> None:
    db, unit = office.database, office.units["县教育和体育局"]
    uuid = assigned(office)
    record_reply(db, uuid, unit, date(2025, 5, 6), "A")
    rate_reply(db, uuid, unit, Satisfaction.DISSATISFIED, "答非所问", date(2025, 5, 8))
    record_reply(db, uuid, unit, date(2025, 6, 30), "A")
    assert len(supervision_ledger(db)) == 1
    rate_reply(db, uuid, unit, Satisfaction.BASIC, on_date=date(2025, 7, 2))
    assert supervision_ledger(db) == []


def test_a_ledger_item_is_closed_on_or_after_its_reply_and_not_after_today(
    office: Office,
) -> None:
    """The window's date field stops at today, but nothing stopped a 销号 dated before
    the reply that put the item on the ledger."""
    db, unit = office.database, office.units["县教育和体育局"]
    uuid = assigned(office)
    record_reply(db, uuid, unit, date(2025, 5, 6), "B")
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(KnownError, match="销号日期2025年5月5日早于答复日期2025年5月6日"):
        close_ledger_item(db, uuid, unit, date(2025, 5, 5), "已解决")
    with pytest.raises(KnownError, match="晚于今天"):
        close_ledger_item(db, uuid, unit, tomorrow, "已解决")
    assert len(supervision_ledger(db)) == 1  # nothing changed
    close_ledger_item(db, uuid, unit, date(2025, 5, 6), "已解决")
    assert supervision_ledger(db) == []


def test_an_item_in_its_new_round_is_closed_from_that_round_on(office: Office) -> None:
    db, unit = office.database, office.units["县教育和体育局"]
    uuid = assigned(office)
    record_reply(db, uuid, unit, date(2025, 5, 6), "A")
    rate_reply(db, uuid, unit, Satisfaction.DISSATISFIED, "答非所问", date(2025, 5, 8))
    with pytest.raises(KnownError, match="早于本轮交办日期2025年5月8日"):
        close_ledger_item(db, uuid, unit, date(2025, 5, 7), "协商一致")
    close_ledger_item(db, uuid, unit, date(2025, 5, 8), "协商一致")
    assert supervision_ledger(db) == []
