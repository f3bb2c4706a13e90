"""Assignment (交办): one lead unit (主办) with assisting units (协办), or several
joint (会办) or split (分办) units; a unit handing a proposal back (退回调整).

The default deadline follows the settings (app.proposals.handling.workdays). A unit
handed back keeps its row with the date and reason; the office then assigns
another unit, and the set of current units must still make sense.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.common.errors import KnownError
from app.common.operator import current_operator
from app.common.storage import Database
from app.common.text import clean_text
from app.office.office import require_local_office
from app.proposals.handling.workdays import (
    default_deadline,
    hand_back_deadline,
    hand_back_in_time,
    latest_deadline,
)
from app.proposals.labels import ROLE_LABELS, STATE_LABELS, ProposalState, UnitRole
from app.proposals.settings import ProposalSettings, load_proposal_settings
from app.proposals.store import (
    active_assignment,
    cn_day,
    current_assignments,
    get_proposal,
    get_unit,
    live_assignments,
    not_after_today,
    record_step,
)
from db.base import utc_now
from db.models import DictionaryEntry, DictionaryKind
from db.proposal_models import UnitAssignment


@dataclass(frozen=True)
class UnitChoice:
    unit_uuid: str
    role: UnitRole


@dataclass(frozen=True)
class HandlingUnit:
    uuid: str
    name: str
    functions: str  # 职能


def handling_units(database: Database) -> list[HandlingUnit]:
    """The 承办单位 list (not retired), in the office's order."""
    with database.read() as session:
        office = require_local_office(session)
        entries = session.scalars(
            select(DictionaryEntry)
            .where(
                DictionaryEntry.owner_uuid == office.uuid,
                DictionaryEntry.kind == DictionaryKind.HANDLING_UNIT,
                DictionaryEntry.deleted_at.is_(None),
                DictionaryEntry.retired.is_(False),
            )
            .order_by(DictionaryEntry.sort_order, DictionaryEntry.id)
        )
        return [HandlingUnit(e.uuid, e.name, e.description) for e in entries]


def proposed_deadline(database: Database, assigned_on: date) -> date:
    """The deadline the form offers for an assignment date."""
    return default_deadline(assigned_on, load_proposal_settings(database))


def assign_proposal(
    database: Database,
    uuid: str,
    units: Sequence[UnitChoice],
    assigned_on: date,
    deadline: date | None = None,
) -> None:
    """交办 to the units; deadline None: the default from the settings."""
    settings = load_proposal_settings(database)
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        if proposal.state is not ProposalState.ACCEPTED:
            raise KnownError(
                f"提案{proposal.number}{STATE_LABELS[proposal.state]}，只有已立案的提案才能交办。",
                "请先审查立案。本次未作任何改动。",
            )
        if not units:
            raise KnownError("请至少选择一个承办单位。", "本次未作任何改动。")
        not_after_today(assigned_on, "交办")
        if proposal.reviewed_on is not None and assigned_on < proposal.reviewed_on:
            raise KnownError(
                f"交办日期{cn_day(assigned_on)}早于立案日期{cn_day(proposal.reviewed_on)}。",
                "请核对日期。本次未作任何改动。",
            )
        due = _deadline(assigned_on, deadline, settings)
        existing = current_assignments(proposal)
        chosen = [(get_unit(session, u.unit_uuid), u.role) for u in units]
        _check_roles(existing, chosen)
        for unit, role in chosen:
            session.add(
                UnitAssignment(
                    owner_uuid=proposal.owner_uuid,
                    proposal=proposal,
                    unit=unit,
                    role=role,
                    round=1,
                    assigned_on=assigned_on,
                    deadline=due,
                )
            )
        names = "、".join(f"{unit.name}（{ROLE_LABELS[role]}）" for unit, role in chosen)
        record_step(
            session,
            proposal,
            "assign",
            f"交办：{names}；办理期限{cn_day(due)}",
            operator,
            assigned_on,
        )


def hand_back(database: Database, uuid: str, unit_uuid: str, on_date: date, reason: str) -> None:
    """退回调整: the unit asks to be relieved; recorded with its date and reason."""
    reason = clean_text(reason)
    if not reason:
        raise KnownError("请填写退回理由。", "本次未作任何改动。")
    settings = load_proposal_settings(database)
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        assignment = active_assignment(session, proposal, unit_uuid)
        if assignment.replied_on is not None:
            raise KnownError(
                f"“{assignment.unit.name}”已经答复，不能再退回。", "本次未作任何改动。"
            )
        not_after_today(on_date, "退回")
        if on_date < assignment.assigned_on:
            raise KnownError(
                f"退回日期{cn_day(on_date)}早于交办日期{cn_day(assignment.assigned_on)}。",
                "请核对日期。本次未作任何改动。",
            )
        _check_hand_back_time(assignment, on_date, settings)
        assignment.returned_on = on_date
        assignment.return_reason = reason
        record_step(
            session,
            proposal,
            "hand_back",
            f"{assignment.unit.name}申请退回调整：{reason}",
            operator,
            on_date,
        )


def cancel_assignment(database: Database, uuid: str) -> None:
    """Undo a mistaken assignment while no unit has replied (the rows become tombstones)."""
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        live = live_assignments(proposal)
        if not live:
            raise KnownError(f"提案{proposal.number}尚未交办。", "无需撤销。")
        if any(a.replied_on is not None for a in live):
            raise KnownError(
                f"提案{proposal.number}已有单位答复，不能撤销交办。", "本次未作任何改动。"
            )
        for assignment in live:
            assignment.deleted_at = utc_now()
        record_step(session, proposal, "cancel_assignment", "撤销交办", operator)


# --- rules ----------------------------------------------------------------------------


def _deadline(assigned_on: date, deadline: date | None, settings: ProposalSettings) -> date:
    if deadline is None:
        return default_deadline(assigned_on, settings)
    if deadline <= assigned_on:
        raise KnownError(
            f"办理期限{cn_day(deadline)}不能早于或等于交办日期{cn_day(assigned_on)}。",
            "请核对日期。本次未作任何改动。",
        )
    latest = latest_deadline(assigned_on, settings)
    if deadline > latest:
        raise KnownError(
            f"办理期限{cn_day(deadline)}超过了最长期限{cn_day(latest)}。",
            "请缩短期限，或在提案设置中调整最长办理期限。",
        )
    return deadline


def _check_hand_back_time(
    assignment: UnitAssignment, on_date: date, settings: ProposalSettings
) -> None:
    if hand_back_in_time(assignment.assigned_on, on_date, settings):
        return
    last = hand_back_deadline(assignment.assigned_on, settings)
    assert last is not None
    raise KnownError(
        f"“{assignment.unit.name}”于{cn_day(assignment.assigned_on)}交办，退回调整应在交办后"
        f"{settings.hand_back_working_days}个工作日内提出（截至{cn_day(last)}），"
        f"{cn_day(on_date)}已超过期限。",
        "请核对退回日期。如经同意仍须退回，可在“系统设置 → 提案设置”中调整退回调整期限。"
        "本次未作任何改动。",
    )


def _check_roles(
    existing: list[UnitAssignment], chosen: list[tuple[DictionaryEntry, UnitRole]]
) -> None:
    units = [a.unit.name for a in existing] + [unit.name for unit, _ in chosen]
    twice = [name for name, n in Counter(units).items() if n > 1]
    if twice:
        raise KnownError(f"“{'、'.join(twice)}”已在承办单位中。", "同一单位只能交办一次。")
    roles = Counter([a.role for a in existing] + [role for _, role in chosen])
    if roles[UnitRole.LEAD] > 1:
        raise KnownError("主办单位只能有一个。", "其他单位请设为协办。")
    if roles[UnitRole.ASSIST] and not roles[UnitRole.LEAD]:
        raise KnownError("有协办单位时必须有一个主办单位。", "请指定主办单位。")
    kinds = {role for role in roles if role is not UnitRole.ASSIST}
    if len(kinds) > 1:
        raise KnownError(
            "主办、会办、分办不能混用。",
            "请选择一种方式：一个主办单位（可加协办），或几个会办单位，或几个分办单位。",
        )
    for role in (UnitRole.JOINT, UnitRole.SPLIT):
        if roles[role] == 1 and sum(roles.values()) == 1:
            raise KnownError(
                f"{ROLE_LABELS[role]}须有两个或以上单位。", "只有一个单位时请设为主办。"
            )
