"""Feedback and review on their boundary days: a rating on the reply day, one rating per
round, a 重新办理 deadline after the rating day; 立案 on the submission day."""

from __future__ import annotations

from datetime import date

import pytest

from app.common.errors import KnownError
from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import record_reply
from app.proposals.handling.review import accept_proposal
from app.proposals.intake.intake import add_proposal
from app.proposals.labels import Satisfaction
from app.proposals.queries import get_proposal_detail
from tests.proposals.helpers import Office, assigned, form

UNIT = "县教育和体育局"
REPLIED_ON = date(2025, 5, 6)


def _replied(office: Office) -> str:
    uuid = assigned(office)
    record_reply(office.database, uuid, office.units[UNIT], REPLIED_ON, "B")
    return uuid


def test_a_rating_on_the_reply_day_is_taken(office: Office) -> None:
    uuid = _replied(office)
    rate_reply(
        office.database, uuid, office.units[UNIT], Satisfaction.SATISFIED, on_date=REPLIED_ON
    )
    (rated,) = get_proposal_detail(office.database, uuid).assignments
    assert rated.satisfaction_label == "满意"


def test_a_reply_is_rated_once(office: Office) -> None:
    uuid = _replied(office)
    unit = office.units[UNIT]
    rate_reply(office.database, uuid, unit, Satisfaction.BASIC, on_date=REPLIED_ON)
    with pytest.raises(KnownError, match="已评价过“县教育和体育局”的答复"):
        rate_reply(office.database, uuid, unit, Satisfaction.DISSATISFIED, on_date=REPLIED_ON)
    (rated,) = get_proposal_detail(office.database, uuid).assignments
    assert (rated.satisfaction_label, rated.reopened) == ("基本满意", False)


def test_a_re_handling_deadline_on_the_rating_day_is_refused(office: Office) -> None:
    uuid = _replied(office)
    day = date(2025, 5, 10)
    with pytest.raises(KnownError, match="不能早于或等于评价日期"):
        rate_reply(
            office.database, uuid, office.units[UNIT], Satisfaction.DISSATISFIED, "没有实质措施",
            on_date=day, new_deadline=day,
        )  # fmt: skip
    (same,) = get_proposal_detail(office.database, uuid).assignments
    assert (same.satisfaction_label, same.reopened) == ("", False)


def test_acceptance_on_the_submission_day_is_taken(office: Office) -> None:
    uuid = add_proposal(office.database, form(office, submitted_on=date(2025, 2, 25)))
    accept_proposal(office.database, uuid, date(2025, 2, 25))
    assert get_proposal_detail(office.database, uuid).reviewed_on == date(2025, 2, 25)
