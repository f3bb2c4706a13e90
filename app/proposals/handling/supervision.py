"""Supervision (督办): a supervising leader for key proposals, supervision records,
and the ledger (督办台账) of unresolved items carried from year to year until closed.

An item is one unit's handling of one proposal (its latest round). It is on
the ledger while its result is class B (正在解决或列入计划: a commitment not yet
kept), or while the proposer was dissatisfied and the new round has not been
rated satisfied; its `reason` says which, with the date or the comment —
"问题不解决，督办不停止" — until the office closes it (销号) with a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, or_, select

from app.common.errors import KnownError
from app.common.operator import current_operator
from app.common.storage import Database
from app.common.text import clean_text
from app.proposals.labels import SATISFACTION_LABELS, STATE_LABELS, ProposalState, Satisfaction
from app.proposals.queries import load_proposals
from app.proposals.store import cn_day, get_proposal, get_unit, not_after_today, record_step
from app.proposals.views import proposer_text
from db.base import utc_now
from db.models import DictionaryEntry, DictionaryKind
from db.proposal_models import Proposal, SupervisionRecord, UnitAssignment

PENDING_CLASS = "B"  # 正在解决或列入计划


@dataclass(frozen=True)
class LedgerItem:
    proposal_uuid: str
    number: str
    year: int
    title: str
    proposer: str
    unit_uuid: str
    unit_name: str
    round: int
    reason: str  # why it is on the ledger
    result_class: str
    replied_on: date | None
    satisfaction: str
    supervisor: str
    last_supervised: date | None
    closed_on: date | None
    closing_note: str
    years_carried: int  # 0 in its own year; 1 once carried into the next …


def set_supervisor(database: Database, uuid: str, leader: str) -> None:
    """督办领导 (领衔督办 / 领办) of a key proposal; "" removes it."""
    leader = clean_text(leader)
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        if leader and not proposal.is_key:
            raise KnownError(
                f"提案{proposal.number}不是重点提案，不设督办领导。", "请先列为重点提案。"
            )
        proposal.supervisor = leader[:100]
        text = f"确定督办领导：{leader}" if leader else "取消督办领导"
        record_step(session, proposal, "supervisor", text, operator)


def add_supervision(
    database: Database, uuid: str, on_date: date, form: str, content: str, leader: str = ""
) -> str:
    """A supervision record (date, form, content) on an accepted proposal; its uuid."""
    form, content, leader = clean_text(form), content.strip(), clean_text(leader)
    if not form:
        raise KnownError(
            "请填写督办形式（实地督办、座谈协商、面对面办理……）。", "本次未作任何改动。"
        )
    if not content:  # a record of a visit that says nothing of it is no record
        raise KnownError(
            "请填写督办情况（参加人员、听取汇报、提出的要求……）。", "本次未作任何改动。"
        )
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        if proposal.state is not ProposalState.ACCEPTED:
            raise KnownError(
                f"提案{proposal.number}{STATE_LABELS[proposal.state]}，只有已立案的提案才能督办。",
                "本次未作任何改动。",
            )
        not_after_today(on_date, "督办")
        record = SupervisionRecord(
            owner_uuid=proposal.owner_uuid,
            proposal_id=proposal.id,
            on_date=on_date,
            form=form[:50],
            content=content,
            leader=leader or proposal.supervisor,
        )
        session.add(record)
        session.flush()
        record_step(session, proposal, "supervise", f"督办（{form}）", operator, on_date)
        return record.uuid


def delete_supervision(database: Database, record_uuid: str) -> None:
    operator = current_operator(database)
    with database.begin() as session:
        record = session.scalars(
            select(SupervisionRecord).where(SupervisionRecord.uuid == record_uuid)
        ).one_or_none()
        if record is None or record.deleted_at is not None:
            raise KnownError("找不到该督办记录。", "请刷新后再试。")
        record.deleted_at = utc_now()
        proposal = session.get(Proposal, record.proposal_id)
        assert proposal is not None
        record_step(
            session, proposal, "supervise_delete", f"删除督办记录（{record.form}）", operator
        )


def supervision_ledger(
    database: Database, today: date | None = None, include_closed: bool = False
) -> list[LedgerItem]:
    """Unresolved items of every year, oldest first."""
    today = today or date.today()
    items = []
    with database.read() as session:
        last_visits = dict(
            session.execute(
                select(SupervisionRecord.proposal_id, SupervisionRecord.on_date)
                .where(SupervisionRecord.deleted_at.is_(None))
                .order_by(SupervisionRecord.on_date)
            ).all()
        )
        for proposal in load_proposals(session, having=_may_be_unresolved(include_closed)):
            for chain in _chains(proposal).values():
                latest = chain[-1]
                reason = _unresolved(chain)
                if not reason or (latest.ledger_closed_on is not None and not include_closed):
                    continue
                items.append(_item(proposal, latest, reason, last_visits, today))
    return sorted(items, key=lambda i: (i.year, i.number, i.unit_name))


def close_ledger_item(
    database: Database, proposal_uuid: str, unit_uuid: str, on_date: date, note: str
) -> None:
    """销号: the item leaves the ledger, with the date and what settled it."""
    note = clean_text(note)
    if not note:
        raise KnownError("请写明销号理由（例如问题已解决的情况）。", "本次未作任何改动。")
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, proposal_uuid)
        unit = get_unit(session, unit_uuid)
        chain = _chains(proposal).get(unit.id)
        if not chain or not _unresolved(chain):
            raise KnownError(
                f"提案{proposal.number}（{unit.name}）不在督办台账上。", "本次未作任何改动。"
            )
        latest = chain[-1]
        if latest.ledger_closed_on is not None:
            raise KnownError("该事项已经销号。", "本次未作任何改动。")
        _check_close_day(latest, on_date)
        latest.ledger_closed_on = on_date
        latest.ledger_note = note
        record_step(
            session,
            proposal,
            "ledger_close",
            f"督办台账销号（{unit.name}）：{note}",
            operator,
            on_date,
        )


def _check_close_day(latest: UnitAssignment, on_date: date) -> None:
    """An item is closed after what put it on the ledger (the latest reply, or the new
    round's start while it is being handled again), and not after today."""
    not_after_today(on_date, "销号")
    since, what = (
        (latest.replied_on, "答复")
        if latest.replied_on is not None
        else (latest.assigned_on, "本轮交办")
    )
    if on_date < since:
        raise KnownError(
            f"销号日期{cn_day(on_date)}早于{what}日期{cn_day(since)}。",
            "请核对日期。本次未作任何改动。",
        )


def _chains(proposal: Proposal) -> dict[int, list[UnitAssignment]]:
    """Each unit's rounds on the proposal, oldest first (handed-back units left out)."""
    chains: dict[int, list[UnitAssignment]] = {}
    for assignment in sorted(proposal.assignments, key=lambda a: (a.round, a.id)):
        if assignment.deleted_at is None and assignment.returned_on is None:
            chains.setdefault(assignment.unit_id, []).append(assignment)
    return chains


def _may_be_unresolved(include_closed: bool) -> list[ColumnElement[bool]]:
    """What a proposal on the ledger has (see _chains and _unresolved): a live round of
    class B or rated dissatisfied and, unless closed items are wanted, a live round not
    closed. Ten years' proposals are then not all read to find the few."""
    live = and_(UnitAssignment.deleted_at.is_(None), UnitAssignment.returned_on.is_(None))
    pending = select(DictionaryEntry.id).where(
        DictionaryEntry.kind == DictionaryKind.RESULT_CLASS,
        DictionaryEntry.name.startswith(PENDING_CLASS),
    )
    conditions = [
        and_(
            live,
            or_(
                UnitAssignment.result_class_id.in_(pending),
                UnitAssignment.satisfaction == Satisfaction.DISSATISFIED,
            ),
        )
    ]
    if not include_closed:
        conditions.append(and_(live, UnitAssignment.ledger_closed_on.is_(None)))
    return conditions


def _unresolved(chain: list[UnitAssignment]) -> str:
    """Why the item is on the ledger, in words the 结果 and 评价 columns do not already
    give (the commitment and when it was made, the dissatisfaction and where the new
    round stands); "" when it is resolved."""
    latest = chain[-1]
    dissatisfied = [a for a in chain if a.satisfaction is Satisfaction.DISSATISFIED]
    if latest.result_class is not None and latest.result_class.name.startswith(PENDING_CLASS):
        day = latest.replied_on
        when = f"（{day.year}.{day.month}.{day.day}答复）" if day is not None else ""
        return f"重办后仍未落实{when}" if dissatisfied else f"承诺事项未落实{when}"
    if not dissatisfied or latest.satisfaction in (Satisfaction.SATISFIED, Satisfaction.BASIC):
        return ""
    comment = dissatisfied[-1].satisfaction_comment
    said = f"提案人不满意（{comment}）" if comment else "提案人不满意"
    if latest.replied_on is None:
        return f"{said}，第{latest.round}次办理中"
    return f"{said}，第{latest.round}次答复待评价"


def _item(proposal, latest, reason, last_visits, today) -> LedgerItem:
    return LedgerItem(
        proposal_uuid=proposal.uuid,
        number=proposal.number,
        year=proposal.year,
        title=proposal.title,
        proposer=proposer_text(proposal),
        unit_uuid=latest.unit.uuid,
        unit_name=latest.unit.name,
        round=latest.round,
        reason=reason,
        result_class=latest.result_class.name if latest.result_class is not None else "",
        replied_on=latest.replied_on,
        satisfaction=SATISFACTION_LABELS[latest.satisfaction] if latest.satisfaction else "",
        supervisor=proposal.supervisor,
        last_supervised=last_visits.get(proposal.id),
        closed_on=latest.ledger_closed_on,
        closing_note=latest.ledger_note,
        years_carried=max(0, today.year - proposal.year),
    )
