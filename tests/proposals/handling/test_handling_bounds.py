"""The boundary days of handling: contact and reply on the assignment day, a reply on the
deadline is on time, no reply from the future, no extension after a reply, and a unit that
handed the proposal back is no longer on the overdue list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.common.errors import KnownError
from app.proposals.handling.assignment import hand_back
from app.proposals.handling.handling import (
    due_lists,
    extend_deadline,
    record_contact,
    record_reply,
)
from app.proposals.queries import get_proposal_detail
from tests.proposals.helpers import Office, assigned

UNIT = "县教育和体育局"
ASSIGNED_ON, DUE = date(2025, 3, 15), date(2025, 6, 15)  # assigned()'s day and deadline


def test_contact_and_reply_on_the_assignment_day_are_taken(office: Office) -> None:
    uuid = assigned(office)
    unit = office.units[UNIT]
    record_contact(office.database, uuid, unit, "电话", ASSIGNED_ON)
    record_reply(office.database, uuid, unit, ASSIGNED_ON, "A")
    (done,) = get_proposal_detail(office.database, uuid).assignments
    assert (done.contacted_on, done.replied_on) == (ASSIGNED_ON, ASSIGNED_ON)


def test_a_reply_dated_after_today_is_refused_and_nothing_changes(office: Office) -> None:
    uuid = assigned(office)
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(KnownError, match="晚于今天"):
        record_reply(office.database, uuid, office.units[UNIT], tomorrow, "A")
    (open_,) = get_proposal_detail(office.database, uuid).assignments
    assert open_.replied_on is None


@pytest.mark.parametrize(("replied_on", "late"), [(DUE, False), (DUE + timedelta(days=1), True)])
def test_a_reply_on_the_deadline_is_on_time_a_day_later_is_late(
    office: Office, replied_on: date, late: bool
) -> None:
    uuid = assigned(office)
    record_reply(office.database, uuid, office.units[UNIT], replied_on, "B")
    last = get_proposal_detail(office.database, uuid).history[-1].text
    assert last.endswith("超期答复") is late, last


def test_no_extension_after_the_reply(office: Office) -> None:
    uuid = assigned(office)
    unit = office.units[UNIT]
    record_reply(office.database, uuid, unit, date(2025, 5, 6), "A")
    with pytest.raises(KnownError, match="已经答复，无需延期"):
        extend_deadline(office.database, uuid, unit, date(2025, 8, 1), "资金未落实")
    (done,) = get_proposal_detail(office.database, uuid).assignments
    assert (done.due, done.extension_reason) == (DUE, "")


def test_a_unit_that_handed_the_proposal_back_is_not_overdue(office: Office) -> None:
    uuid = assigned(office)
    hand_back(office.database, uuid, office.units[UNIT], date(2025, 3, 18), "不属于本单位职能")
    later = due_lists(office.database, DUE + timedelta(days=30))
    assert later.overdue == () and later.due_soon == ()
