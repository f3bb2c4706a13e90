"""退回调整 within the set working days of the assignment (5 by default, 0: no limit),
counted with China's holidays and 调休 whichever way the handling deadline is counted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.common.errors import KnownError
from app.proposals.handling.assignment import hand_back
from app.proposals.handling.workdays import hand_back_deadline
from app.proposals.queries import get_proposal_detail
from app.proposals.settings import (
    ProposalSettings,
    load_proposal_settings,
    save_proposal_settings,
    settings_problems,
)
from tests.proposals.helpers import Office, assigned

UNIT = "县教育和体育局"
# Friday before National Day 2025: Sunday 28 September is a 调休 working day, 1–8 October
# are off, Saturday 11 October is a 调休 working day again.
ASSIGNED_ON = date(2025, 9, 26)
LAST_DAY = date(2025, 10, 10)  # 28, 29, 30 September, 9 and 10 October


def test_the_last_day_is_counted_in_working_days_across_the_holiday() -> None:
    assert hand_back_deadline(ASSIGNED_ON, ProposalSettings()) == LAST_DAY
    assert hand_back_deadline(ASSIGNED_ON, ProposalSettings(hand_back_working_days=1)) == date(
        2025, 9, 28
    )
    assert hand_back_deadline(ASSIGNED_ON, ProposalSettings(hand_back_working_days=0)) is None


def test_a_hand_back_on_the_last_day_is_taken(office: Office) -> None:
    uuid = assigned(office, on=ASSIGNED_ON)
    hand_back(office.database, uuid, office.units[UNIT], LAST_DAY, "不属于本单位职能")
    (returned,) = get_proposal_detail(office.database, uuid).assignments
    assert returned.returned_on == LAST_DAY


def test_a_hand_back_on_the_next_working_day_is_refused_and_nothing_changes(
    office: Office,
) -> None:
    uuid = assigned(office, on=ASSIGNED_ON)
    history = get_proposal_detail(office.database, uuid).history
    late = date(2025, 10, 11)  # a Saturday, but a 调休 working day: the sixth
    with pytest.raises(KnownError) as refused:
        hand_back(office.database, uuid, office.units[UNIT], late, "不属于本单位职能")
    assert "交办后5个工作日内提出（截至2025年10月10日）" in refused.value.what
    assert "2025年10月11日已超过期限" in refused.value.what
    assert "提案设置" in refused.value.todo
    detail = get_proposal_detail(office.database, uuid)
    (open_,) = detail.assignments
    assert (open_.returned_on, open_.return_reason) == (None, "")
    assert detail.history == history


def test_days_off_after_the_last_working_day_still_count_as_in_time(office: Office) -> None:
    uuid = assigned(office, on=date(2025, 3, 14))  # a Friday; the fifth working day: 21 March
    hand_back(office.database, uuid, office.units[UNIT], date(2025, 3, 23), "不属于本单位职能")
    (returned,) = get_proposal_detail(office.database, uuid).assignments
    assert returned.returned_on == date(2025, 3, 23)  # the Sunday after


def test_the_office_sets_the_limit_or_turns_it_off(office: Office) -> None:
    db = office.database
    save_proposal_settings(db, ProposalSettings(hand_back_working_days=10))
    assert load_proposal_settings(db).hand_back_working_days == 10
    uuid = assigned(office, on=ASSIGNED_ON)
    with pytest.raises(KnownError, match="10个工作日内"):
        hand_back(db, uuid, office.units[UNIT], date(2025, 10, 17), "不属于本单位职能")
    hand_back(db, uuid, office.units[UNIT], date(2025, 10, 16), "不属于本单位职能")
    save_proposal_settings(db, ProposalSettings(hand_back_working_days=0))
    other = assigned(office, on=ASSIGNED_ON)
    hand_back(db, other, office.units[UNIT], date(2026, 9, 1), "机构改革后职能划转")
    (returned,) = get_proposal_detail(db, other).assignments
    assert returned.returned_on == date(2026, 9, 1)


@pytest.mark.parametrize(("days", "taken"), [(-1, False), (0, True), (60, True), (61, False)])
def test_the_limit_setting_is_bounded(days: int, taken: bool) -> None:
    problems = settings_problems(replace(ProposalSettings(), hand_back_working_days=days))
    assert (problems == []) is taken, problems
