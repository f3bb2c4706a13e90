"""Every handling step records what happened, so none may be dated after today.

The screens cap their date boxes at today; the command line and scripts reach the same
services, so the services refuse it too, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from app.common.errors import KnownError
from app.proposals.handling.assignment import UnitChoice, assign_proposal, hand_back
from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import record_contact, record_reply
from app.proposals.handling.review import accept_proposal
from app.proposals.handling.supervision import add_supervision
from app.proposals.intake.intake import add_proposal
from app.proposals.labels import Satisfaction, UnitRole
from app.proposals.queries import get_proposal_detail
from tests.proposals.helpers import Office, accepted, assigned, form

UNIT = "县教育和体育局"


def _replied(office: Office) -> str:
    uuid = assigned(office)
    record_reply(office.database, uuid, office.units[UNIT], date(2025, 5, 6), "A")
    return uuid


# (step, proposal in the state the step needs, the step dated `day`)
Step = tuple[str, Callable[[Office], str], Callable[[Office, str, date], object]]
STEPS: list[Step] = [
    (
        "审查",
        lambda office: add_proposal(office.database, form(office)),
        lambda office, uuid, day: accept_proposal(office.database, uuid, day),
    ),
    (
        "交办",
        accepted,
        lambda office, uuid, day: assign_proposal(
            office.database, uuid, [UnitChoice(office.units[UNIT], UnitRole.LEAD)], day
        ),
    ),
    (
        "退回",
        lambda office: assigned(office, on=date.today()),  # within its days for handing back
        lambda office, uuid, day: hand_back(
            office.database, uuid, office.units[UNIT], day, "不属于本单位职责"
        ),
    ),
    (
        "沟通",
        assigned,
        lambda office, uuid, day: record_contact(
            office.database, uuid, office.units[UNIT], "电话", day
        ),
    ),
    (
        "答复",
        assigned,
        lambda office, uuid, day: record_reply(office.database, uuid, office.units[UNIT], day, "A"),
    ),
    (
        "评价",
        _replied,
        lambda office, uuid, day: rate_reply(
            office.database, uuid, office.units[UNIT], Satisfaction.SATISFIED, on_date=day
        ),
    ),
    (
        "督办",
        _replied,
        lambda office, uuid, day: add_supervision(office.database, uuid, day, "电话督办", "催办"),
    ),
]


@pytest.mark.parametrize(("what", "ready", "step"), STEPS, ids=[s[0] for s in STEPS])
def test_a_step_dated_tomorrow_is_refused_and_nothing_is_written(
    office: Office, what: str, ready: Callable[[Office], str], step: Callable[..., object]
) -> None:
    uuid = ready(office)
    before = get_proposal_detail(office.database, uuid)
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(KnownError, match=f"^{what}日期.*晚于今天。") as refused:
        step(office, uuid, tomorrow)
    assert "本次未作任何改动" in refused.value.todo
    assert get_proposal_detail(office.database, uuid) == before


@pytest.mark.parametrize(("what", "ready", "step"), STEPS, ids=[s[0] for s in STEPS])
def test_the_same_step_dated_today_is_taken(
    office: Office, what: str, ready: Callable[[Office], str], step: Callable[..., object]
) -> None:
    uuid = ready(office)
    before = len(get_proposal_detail(office.database, uuid).history)
    step(office, uuid, date.today())
    assert len(get_proposal_detail(office.database, uuid).history) > before, what
