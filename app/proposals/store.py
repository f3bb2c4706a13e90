"""Shared steps of the proposal services inside one session: finding records,
refusing with a reason, and writing history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.office.dictionaries import load_lookup
from app.office.office import require_local_office
from db.base import utc_now
from db.models import DictionaryEntry, DictionaryKind
from db.proposal_models import Proposal, ProposalHistory, UnitAssignment


def get_proposal(session: Session, uuid: str) -> Proposal:
    proposal = session.scalars(select(Proposal).where(Proposal.uuid == uuid)).one_or_none()
    if proposal is None or proposal.deleted_at is not None:
        raise KnownError("找不到该提案，可能已被删除。", "请刷新列表后再试。")
    return proposal


def get_unit(session: Session, uuid: str) -> DictionaryEntry:
    unit = session.scalars(
        select(DictionaryEntry).where(
            DictionaryEntry.uuid == uuid, DictionaryEntry.kind == DictionaryKind.HANDLING_UNIT
        )
    ).one_or_none()
    if unit is None or unit.deleted_at is not None:
        raise KnownError("找不到该承办单位，可能已被删除。", "请在“基础名录 → 承办单位”中核对。")
    return unit


def entry_by_name(session: Session, kind: DictionaryKind, name: str) -> DictionaryEntry | None:
    """The entry by its name, or by an alias (经济类 for 经济, A类 for A) through the
    lists' one lookup (app.office.dictionaries)."""
    office = require_local_office(session)

    def named(text: str) -> DictionaryEntry | None:
        return session.scalars(
            select(DictionaryEntry).where(
                DictionaryEntry.owner_uuid == office.uuid,
                DictionaryEntry.kind == kind,
                DictionaryEntry.name == text,
                DictionaryEntry.deleted_at.is_(None),
            )
        ).one_or_none()

    found = named(name)
    if found is None and name:
        canonical = load_lookup(session).find(kind, name)
        found = named(canonical) if canonical else None
    return found


def active_assignment(session: Session, proposal: Proposal, unit_uuid: str) -> UnitAssignment:
    """The unit's current round on the proposal; refused with the reason when there is none."""
    if not live_assignments(proposal):
        raise KnownError(
            f"提案“{proposal.number}”尚未交办，不能登记办理情况。", "请先将提案交办给承办单位。"
        )
    unit = get_unit(session, unit_uuid)
    for assignment in live_assignments(proposal):
        if assignment.unit_id == unit.id and assignment.active:
            return assignment
    raise KnownError(
        f"提案“{proposal.number}”没有交给“{unit.name}”办理（或该单位已退回）。",
        "请核对承办单位。",
    )


def live_assignments(proposal: Proposal) -> list[UnitAssignment]:
    return [a for a in proposal.assignments if a.deleted_at is None]


def current_assignments(proposal: Proposal) -> list[UnitAssignment]:
    """The units handling the proposal now: not handed back, not superseded by a new round."""
    return [a for a in proposal.assignments if a.active]


def record_step(
    session: Session,
    proposal: Proposal,
    action: str,
    text: str,
    operator: str,
    on_date: date | None = None,
) -> None:
    """One line in the proposal's history (办理过程): what, when, by whom."""
    values = step_values(proposal.owner_uuid, proposal.id, action, text, operator, on_date)
    session.add(ProposalHistory(**values))


def step_values(
    owner_uuid: str,
    proposal_id: int,
    action: str,
    text: str,
    operator: str,
    on_date: date | None = None,
) -> dict[str, object]:
    """A history line's values: record_step's, and an import's that inserts thousands at once."""
    return {
        "owner_uuid": owner_uuid,
        "proposal_id": proposal_id,
        "recorded_at": utc_now(),
        "on_date": on_date,
        "action": action,
        "text": text,
        "operator": operator,
    }


def refuse(what: str, todo: str = "本次未作任何改动。") -> KnownError:
    return KnownError(what, todo)


def cn_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def not_after_today(day: date, what: str) -> None:
    """A step records what happened: its day cannot be later than today (the screens
    already limit their date boxes; the command line and imports come through here too)."""
    if day > date.today():
        raise KnownError(f"{what}日期{cn_day(day)}晚于今天。", "请核对日期。本次未作任何改动。")
