"""Handling (办理): contact before the reply (办前沟通), the reply with its result class
and document, deadline extensions, and the overdue and due-soon lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.common.errors import KnownError
from app.common.operator import current_operator
from app.common.storage import Database
from app.common.text import clean_text
from app.proposals.attachments import add_attachment_row, store_file
from app.proposals.handling.workdays import latest_deadline
from app.proposals.labels import ROLE_LABELS, AttachmentPurpose, UnitRole
from app.proposals.queries import in_handling, load_proposals
from app.proposals.settings import load_proposal_settings
from app.proposals.store import (
    active_assignment,
    cn_day,
    entry_by_name,
    get_proposal,
    not_after_today,
    record_step,
)
from app.proposals.views import proposer_text
from db.models import DictionaryKind


@dataclass(frozen=True)
class DueItem:
    """One unit's unreplied part in a proposal, with its deadline."""

    proposal_uuid: str
    number: str
    year: int
    title: str
    proposer: str
    unit_uuid: str
    unit_name: str
    role: UnitRole
    assigned_on: date
    due: date
    days_left: int  # negative: overdue by that many days
    is_key: bool

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class DueLists:
    today: date
    overdue: tuple[DueItem, ...]  # most overdue first
    due_soon: tuple[DueItem, ...]  # soonest first


def record_contact(
    database: Database, proposal_uuid: str, unit_uuid: str, way: str, on_date: date
) -> None:
    """办前沟通: how and when the unit spoke with the proposer before replying."""
    way = clean_text(way)
    if not way:
        raise KnownError("请填写沟通方式（当面、电话、座谈……）。", "本次未作任何改动。")
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, proposal_uuid)
        assignment = active_assignment(session, proposal, unit_uuid)
        not_after_today(on_date, "沟通")
        if on_date < assignment.assigned_on:
            raise KnownError(
                f"沟通日期{cn_day(on_date)}早于交办日期{cn_day(assignment.assigned_on)}。",
                "请核对日期。本次未作任何改动。",
            )
        assignment.contact_way = way[:50]
        assignment.contacted_on = on_date
        record_step(
            session,
            proposal,
            "contact",
            f"{assignment.unit.name}办前沟通（{way}）",
            operator,
            on_date,
        )


def record_reply(
    database: Database,
    proposal_uuid: str,
    unit_uuid: str,
    replied_on: date,
    result_class: str,
    document: Path | None = None,
) -> None:
    """答复: the reply date, the result class (A/B/C …) and the reply document (copied in)."""
    stored = store_file(database, document) if document is not None else None
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, proposal_uuid)
        assignment = active_assignment(session, proposal, unit_uuid)
        if replied_on < assignment.assigned_on:
            raise KnownError(
                f"答复日期{cn_day(replied_on)}早于交办日期{cn_day(assignment.assigned_on)}。",
                "请核对日期。本次未作任何改动。",
            )
        not_after_today(replied_on, "答复")
        if assignment.satisfaction is not None:
            raise KnownError(
                f"提案人已对“{assignment.unit.name}”的答复作出评价，不能再修改答复。",
                "本次未作任何改动。",
            )
        result = entry_by_name(session, DictionaryKind.RESULT_CLASS, clean_text(result_class))
        if result is None:
            raise KnownError(
                f"办理结果类别“{result_class}”不在基础名录中。",
                "请选择 A、B、C 等已有类别（见“基础名录 → 办理结果类别”）。",
            )
        assignment.replied_on = replied_on
        assignment.result_class = result
        if stored is not None and document is not None:
            sha256, size = stored
            attachment = add_attachment_row(
                session, proposal, AttachmentPurpose.REPLY, sha256, Path(document).name, size
            )
            assignment.reply_attachment = attachment
        late = replied_on > assignment.due
        text = f"{assignment.unit.name}答复，办理结果{result.name}类" + (
            f"（{result.description}）" if result.description else ""
        )
        record_step(
            session, proposal, "reply", text + ("，超期答复" if late else ""), operator, replied_on
        )


def extend_deadline(
    database: Database, proposal_uuid: str, unit_uuid: str, new_deadline: date, reason: str
) -> None:
    """延期: with a reason, at most to the longest deadline of the settings (6 months)."""
    reason = clean_text(reason)
    if not reason:
        raise KnownError("延期须说明理由。", "本次未作任何改动。")
    settings = load_proposal_settings(database)
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, proposal_uuid)
        assignment = active_assignment(session, proposal, unit_uuid)
        if assignment.replied_on is not None:
            raise KnownError(f"“{assignment.unit.name}”已经答复，无需延期。", "本次未作任何改动。")
        if new_deadline <= assignment.due:
            raise KnownError(
                f"延期后的期限{cn_day(new_deadline)}应晚于原期限{cn_day(assignment.due)}。",
                "请核对日期。本次未作任何改动。",
            )
        latest = latest_deadline(assignment.assigned_on, settings)
        if new_deadline > latest:
            raise KnownError(
                f"延期后的期限{cn_day(new_deadline)}超过了最长办理期限{cn_day(latest)}"
                f"（自交办之日{cn_day(assignment.assigned_on)}起算）。",
                "请缩短延期，或在提案设置中调整最长办理期限。",
            )
        assignment.extended_to = new_deadline
        assignment.extension_reason = reason
        record_step(
            session,
            proposal,
            "extend",
            f"{assignment.unit.name}办理期限延至{cn_day(new_deadline)}：{reason}",
            operator,
        )


def due_lists(database: Database, today: date | None = None) -> DueLists:
    """Overdue (past the deadline, no reply) and due soon (within the settings' days)."""
    today = today or date.today()
    soon_days = load_proposal_settings(database).due_soon_days
    overdue, soon = [], []
    with database.read() as session:
        for proposal in load_proposals(session, having=[in_handling()]):
            for assignment in proposal.assignments:
                if not assignment.active or assignment.replied_on is not None:
                    continue
                left = (assignment.due - today).days
                item = DueItem(
                    proposal_uuid=proposal.uuid,
                    number=proposal.number,
                    year=proposal.year,
                    title=proposal.title,
                    proposer=proposer_text(proposal),
                    unit_uuid=assignment.unit.uuid,
                    unit_name=assignment.unit.name,
                    role=assignment.role,
                    assigned_on=assignment.assigned_on,
                    due=assignment.due,
                    days_left=left,
                    is_key=proposal.is_key,
                )
                if left < 0:
                    overdue.append(item)
                elif left <= soon_days:
                    soon.append(item)
    overdue.sort(key=lambda i: (i.days_left, i.number))
    soon.sort(key=lambda i: (i.days_left, i.number))
    return DueLists(today, tuple(overdue), tuple(soon))
