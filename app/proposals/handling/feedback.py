"""Feedback (反馈): the proposer rates each unit's reply; 不满意 reopens handling.

Reopening (重新办理) keeps the rated round and starts a new round for the same
unit with a new deadline, counted from the rating date by default.
"""

from __future__ import annotations

from datetime import date

from app.common.errors import KnownError
from app.common.operator import current_operator
from app.common.storage import Database
from app.common.text import clean_text
from app.proposals.handling.workdays import default_deadline
from app.proposals.labels import SATISFACTION_LABELS, Satisfaction
from app.proposals.settings import load_proposal_settings
from app.proposals.store import (
    active_assignment,
    cn_day,
    get_proposal,
    not_after_today,
    record_step,
)
from db.proposal_models import UnitAssignment


def rate_reply(
    database: Database,
    proposal_uuid: str,
    unit_uuid: str,
    satisfaction: Satisfaction,
    comment: str = "",
    on_date: date | None = None,
    new_deadline: date | None = None,
) -> None:
    """满意 / 基本满意 / 不满意 with a comment; 不满意 starts 重新办理 (new_deadline or default)."""
    comment = clean_text(comment)
    day = on_date or date.today()
    settings = load_proposal_settings(database)
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, proposal_uuid)
        assignment = active_assignment(session, proposal, unit_uuid)
        if assignment.replied_on is None:
            raise KnownError(
                f"“{assignment.unit.name}”尚未答复，不能评价。",
                "请先登记该单位的答复。本次未作任何改动。",
            )
        not_after_today(day, "评价")
        if day < assignment.replied_on:
            raise KnownError(
                f"评价日期{cn_day(day)}早于答复日期{cn_day(assignment.replied_on)}。",
                "请核对日期。本次未作任何改动。",
            )
        if assignment.satisfaction is not None:
            raise KnownError(f"已评价过“{assignment.unit.name}”的答复。", "本次未作任何改动。")
        assignment.satisfaction = satisfaction
        assignment.satisfaction_comment = comment
        assignment.rated_on = day
        label = SATISFACTION_LABELS[satisfaction]
        text = f"提案人对{assignment.unit.name}的答复：{label}" + (
            f"（{comment}）" if comment else ""
        )
        record_step(session, proposal, "rate", text, operator, day)
        if satisfaction is not Satisfaction.DISSATISFIED:
            return
        due = new_deadline or default_deadline(day, settings)
        if due <= day:
            raise KnownError(
                f"重新办理的期限{cn_day(due)}不能早于或等于评价日期{cn_day(day)}。",
                "请核对日期。本次未作任何改动。",
            )
        assignment.reopened = True
        session.add(
            UnitAssignment(
                owner_uuid=proposal.owner_uuid,
                proposal=proposal,
                unit=assignment.unit,
                role=assignment.role,
                round=assignment.round + 1,
                assigned_on=day,
                deadline=due,
                contact_way="",
            )
        )
        record_step(
            session,
            proposal,
            "reopen",
            f"{assignment.unit.name}重新办理（第{assignment.round + 1}轮），期限{cn_day(due)}",
            operator,
            day,
        )
