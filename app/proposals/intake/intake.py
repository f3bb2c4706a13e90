"""Intake (提案登记): the form, adding and editing a proposal, and the choices the form offers.

A proposal is numbered on intake: the number typed, or the next free one of
its session's year. Signers are members picked from the roster; a name that is
no member (a former member, a party branch) is kept as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.operator import current_operator
from app.common.storage import Database
from app.common.text import clean_text, session_label, term_label
from app.members.member_order import order_in
from app.office.office import current_term, require_local_office
from app.proposals.intake.numbering import (
    find_session,
    format_number,
    next_serial,
    number_taken,
    serial_of,
    session_for_year,
    session_year,
)
from app.proposals.labels import COLLECTIVE_KINDS, Period, SubmitterKind
from app.proposals.settings import ProposalSettings, load_proposal_settings
from app.proposals.store import entry_by_name, get_proposal, record_step
from db.base import utc_now
from db.member_models import Member, Membership
from db.models import DictionaryEntry, DictionaryKind, PlenarySession, Term
from db.proposal_models import Proposal, ProposalLead, ProposalSigner

TITLE_MAX = 300
BODY_MAX = 50_000
NAME_MAX = 50


@dataclass(frozen=True)
class SignerInput:
    """A member (member_uuid) or a name kept as text (member_uuid None)."""

    name: str = ""
    member_uuid: str | None = None


@dataclass(frozen=True)
class ProposalForm:
    title: str = ""  # 案由
    body: str = ""  # 情况分析 + 具体建议
    submitter_kind: SubmitterKind = SubmitterKind.INDIVIDUAL
    submitter_name: str = ""  # the party, group, sector or committee (collective kinds)
    signers: tuple[SignerInput, ...] = ()  # first proposer first, then 联名人
    period: Period = Period.PLENARY
    session_uuid: str | None = None  # the plenary session; its term and year follow
    year: int | None = None  # when no session: the year (default: submitted_on's)
    number: str = ""  # "" → the next free number
    category: str = ""  # a 提案类别 name
    submitted_on: date | None = None
    lead_uuid: str | None = None  # the 提案线索 it answers
    not_public: bool = False
    note: str = ""


@dataclass(frozen=True)
class MemberChoice:
    uuid: str
    name: str
    sector: str


@dataclass(frozen=True)
class SessionChoice:
    uuid: str
    label: str  # 第十届第三次会议（2025年）
    year: int


@dataclass(frozen=True)
class IntakeChoices:
    members: tuple[MemberChoice, ...]  # the current term's members, by name
    categories: tuple[str, ...]
    sessions: tuple[SessionChoice, ...]  # newest first
    leads: tuple[tuple[str, str], ...] = field(default=())  # (uuid, title) of published leads


# An office just set up has nobody to pick: "请选择提案人" would send the clerk looking.
NO_MEMBERS = (
    "本届还没有委员名单，无法选择提案人：请先在“委员档案”中导入或添加委员，再登记提案。"
    "以党派团体、界别或专委会名义提出的，可改选提出方式后填写提案单位。"
)


def form_problems(form: ProposalForm, roster_empty: bool = False) -> list[str]:
    """Everything wrong with the form, in Chinese; empty when it can be saved.
    `roster_empty`: the current term has no members yet (see `checked_for`)."""
    problems = []
    title = clean_text(form.title)
    if not title:
        problems.append("请填写案由（提案标题）。")
    elif len(title) > TITLE_MAX:
        problems.append(f"案由过长（不超过{TITLE_MAX}字）。")
    if len(form.body) > BODY_MAX:
        problems.append(f"提案内容过长（不超过{BODY_MAX}字）。")
    names = [clean_text(s.name) for s in form.signers]
    if form.submitter_kind in COLLECTIVE_KINDS:
        if not clean_text(form.submitter_name):
            problems.append("请填写提出提案的党派团体、界别、委员小组或专委会的名称。")
    elif not form.signers:
        problems.append(NO_MEMBERS if roster_empty else "请选择提案人。")
    if form.submitter_kind is SubmitterKind.JOINT and len(form.signers) < 2:
        problems.append("联名提案须有第一提案人和至少一位联名人。")
    if form.submitter_kind is SubmitterKind.INDIVIDUAL and len(form.signers) > 1:
        problems.append("有联名人的提案，提出方式请选择“委员联名”。")
    if any(not n for n in names):
        problems.append("提案人姓名不能为空。")
    if any(len(n) > NAME_MAX for n in names):
        problems.append(f"提案人姓名过长（不超过{NAME_MAX}字）。")
    keys = [s.member_uuid or f"name:{n}" for s, n in zip(form.signers, names, strict=True)]
    if len(set(keys)) < len(keys):
        problems.append("同一人在提案人和联名人中出现了两次。")
    if form.submitted_on is not None and form.submitted_on > date.today():
        problems.append("提交日期晚于今天。")
    return problems


def intake_choices(database: Database) -> IntakeChoices:
    with database.read() as session:
        office = require_local_office(session)
        term = current_term(session, office)
        members: list[MemberChoice] = []
        if term is not None:
            rows = session.execute(
                select(Member.uuid, Member.name, DictionaryEntry.name, Membership.roster_number)
                .join(Membership, Membership.member_id == Member.id)
                .outerjoin(DictionaryEntry, DictionaryEntry.id == Member.sector_id)
                .where(
                    Membership.term_id == term.id,
                    Membership.deleted_at.is_(None),
                    Member.deleted_at.is_(None),
                )
                .order_by(Member.id)
            ).all()
            ordered = order_in(session).sorted(rows, lambda r: r[1], lambda r: r[3])
            members = [MemberChoice(u, n, s or "") for u, n, s, _number in ordered]
        categories = session.scalars(
            select(DictionaryEntry.name)
            .where(
                DictionaryEntry.owner_uuid == office.uuid,
                DictionaryEntry.kind == DictionaryKind.PROPOSAL_CATEGORY,
                DictionaryEntry.deleted_at.is_(None),
                DictionaryEntry.retired.is_(False),
            )
            .order_by(DictionaryEntry.sort_order, DictionaryEntry.id)
        ).all()
        sessions = session.scalars(
            select(PlenarySession)
            .join(Term, Term.id == PlenarySession.term_id)
            .where(
                Term.owner_uuid == office.uuid,
                Term.deleted_at.is_(None),  # a deleted term's sessions went with it
                PlenarySession.deleted_at.is_(None),
            )
            .order_by(Term.number.desc(), PlenarySession.number.desc())
        ).all()
        leads = session.execute(
            select(ProposalLead.uuid, ProposalLead.title)
            .where(
                ProposalLead.owner_uuid == office.uuid,
                ProposalLead.deleted_at.is_(None),
                ProposalLead.published.is_(True),
            )
            .order_by(ProposalLead.year.desc(), ProposalLead.id)
        ).all()
        return IntakeChoices(
            members=tuple(members),
            categories=tuple(categories),
            sessions=tuple(
                SessionChoice(
                    s.uuid,
                    f"{term_label(s.term.number)}{session_label(s.number)}（{session_year(s)}年）",
                    session_year(s),
                )
                for s in sessions
            ),
            leads=tuple((u, t) for u, t in leads),
        )


def add_proposal(database: Database, form: ProposalForm) -> str:
    """Register a proposal (待审查); returns its uuid. The number is checked to be free."""
    form = checked_for(database, form)
    settings = load_proposal_settings(database)
    operator = current_operator(database)
    with database.begin() as session:
        return add_in_session(session, form, settings, operator).uuid


def add_in_session(
    session: Session, form: ProposalForm, settings: ProposalSettings, operator: str, how: str = ""
) -> Proposal:
    """Add a checked form (see checked_form) inside a transaction; `how` ends the history line."""
    office = require_local_office(session)
    proposal = Proposal(owner_uuid=office.uuid, submitter_kind=form.submitter_kind, title="")
    _apply(session, proposal, form, settings)
    session.add(proposal)
    session.flush()
    record_step(
        session,
        proposal,
        "intake",
        f"登记提案，编号{proposal.number}{how}",
        operator,
        form.submitted_on,
    )
    return proposal


def update_proposal(database: Database, uuid: str, form: ProposalForm) -> None:
    form = checked_for(database, form)
    settings = load_proposal_settings(database)
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        before = proposal.number
        _apply(session, proposal, form, settings)
        text = "修改提案登记信息"
        if proposal.number != before:
            text += f"，编号由{before}改为{proposal.number}"
        record_step(session, proposal, "edit", text, operator)


def delete_proposal(database: Database, uuid: str) -> None:
    """A tombstone (undoable). A proposal others were merged into cannot go."""
    operator = current_operator(database)
    with database.begin() as session:
        proposal = get_proposal(session, uuid)
        merged = session.scalars(
            select(Proposal.number).where(
                Proposal.merged_into_id == proposal.id, Proposal.deleted_at.is_(None)
            )
        ).all()
        if merged:
            raise KnownError(
                f"提案{'、'.join(merged)}已并入本提案，不能删除。", "请先撤销并案后再删除。"
            )
        proposal.deleted_at = utc_now()
        record_step(session, proposal, "delete", "删除提案", operator)


def undelete_proposal(database: Database, uuid: str) -> None:
    operator = current_operator(database)
    with database.begin() as session:
        proposal = session.scalars(select(Proposal).where(Proposal.uuid == uuid)).one()
        if number_taken(session, proposal.owner_uuid, proposal.year, proposal.number, proposal.id):
            raise KnownError(
                f"编号{proposal.number}已被另一件提案使用，不能恢复。", "请先修改那件提案的编号。"
            )
        proposal.deleted_at = None
        record_step(session, proposal, "undelete", "恢复已删除的提案", operator)


# --- inside the session ------------------------------------------------------------


def checked_for(database: Database, form: ProposalForm) -> ProposalForm:
    """checked_form, saying so when a proposer is missing because there are no members."""
    needs_member = not form.signers and form.submitter_kind not in COLLECTIVE_KINDS
    return checked_form(form, roster_empty=needs_member and _no_members(database))


def _no_members(database: Database) -> bool:
    with database.read() as session:
        office = require_local_office(session)
        term = current_term(session, office)
        if term is None:
            return True
        return (
            session.scalar(
                select(Membership.id)
                .join(Member, Member.id == Membership.member_id)
                .where(
                    Membership.term_id == term.id,
                    Membership.deleted_at.is_(None),
                    Member.deleted_at.is_(None),
                )
                .limit(1)
            )
            is None
        )


def checked_form(form: ProposalForm, roster_empty: bool = False) -> ProposalForm:
    """The form cleaned, or a KnownError listing every problem."""
    problems = form_problems(form, roster_empty)
    if problems:
        raise KnownError("提案未保存：\n" + "\n".join(problems), "请修改后再保存。")
    return replace(
        form,
        title=clean_text(form.title),
        body=form.body.strip(),
        submitter_name=clean_text(form.submitter_name),
        number=clean_text(form.number),
        category=clean_text(form.category),
        note=form.note.strip(),
        signers=tuple(SignerInput(clean_text(s.name), s.member_uuid) for s in form.signers),
    )


def _apply(
    session: Session, proposal: Proposal, form: ProposalForm, settings: ProposalSettings
) -> None:
    office = require_local_office(session)
    plenary = find_session(session, form.session_uuid)
    year = _year(form, plenary)
    if plenary is None:
        plenary = session_for_year(session, office.uuid, year)
    number, serial = _number(session, office.uuid, proposal, form, settings, year, plenary)
    proposal.year = year
    proposal.number = number
    proposal.serial = serial
    proposal.session_id = plenary.id if plenary is not None else None
    proposal.term_id = plenary.term_id if plenary is not None else _term_id(session, office, year)
    proposal.period = form.period
    proposal.submitter_kind = form.submitter_kind
    proposal.submitter_name = form.submitter_name if form.submitter_kind in COLLECTIVE_KINDS else ""
    proposal.title = form.title
    proposal.body = form.body
    proposal.submitted_on = form.submitted_on
    proposal.not_public = form.not_public
    proposal.note = form.note
    _category(session, proposal, form.category)
    proposal.lead_id = _lead_id(session, form.lead_uuid)
    _signers(session, proposal, form.signers)


def _year(form: ProposalForm, plenary: PlenarySession | None) -> int:
    if plenary is not None:
        return session_year(plenary)
    if form.year is not None:
        return form.year
    return (form.submitted_on or date.today()).year


def _number(session, owner_uuid, proposal, form, settings, year, plenary) -> tuple[str, int | None]:
    if not form.number and proposal.id is not None and proposal.year == year:
        return proposal.number, proposal.serial  # editing keeps the number
    if not form.number:
        serial = next_serial(session, owner_uuid, year)
        return format_number(settings, serial, year, plenary), serial
    if number_taken(session, owner_uuid, year, form.number, proposal.id):
        offer = format_number(settings, next_serial(session, owner_uuid, year), year, plenary)
        raise KnownError(
            f"{year}年已有编号为“{form.number}”的提案。",
            f"提案号在同一次会议（年度）内不能重复。下一个可用的编号是“{offer}”。",
        )
    return form.number, serial_of(settings, form.number)


def _term_id(session: Session, office, year: int) -> int | None:
    term = session.scalars(
        select(Term)
        .where(
            Term.owner_uuid == office.uuid,
            Term.deleted_at.is_(None),
            Term.first_year <= year,
            Term.last_year >= year,
        )
        .order_by(Term.number.desc())
    ).first()
    return term.id if term is not None else None


def _category(session: Session, proposal: Proposal, name: str) -> None:
    if not name:
        proposal.category_id, proposal.category_text = None, ""
        return
    entry = entry_by_name(session, DictionaryKind.PROPOSAL_CATEGORY, name)
    if entry is None:
        raise KnownError(
            f"提案类别“{name}”不在基础名录中。", "请先在“基础名录 → 提案类别”中添加该类别。"
        )
    proposal.category_id, proposal.category_text = entry.id, ""


def _lead_id(session: Session, uuid: str | None) -> int | None:
    if not uuid:
        return None
    lead = session.scalars(select(ProposalLead).where(ProposalLead.uuid == uuid)).one_or_none()
    if lead is None or lead.deleted_at is not None:
        raise KnownError("所引用的提案线索不存在或已删除。", "请重新选择。")
    return lead.id


def _signers(session: Session, proposal: Proposal, signers: tuple[SignerInput, ...]) -> None:
    wanted = []
    for position, signer in enumerate(signers):
        member = None
        if signer.member_uuid:
            member = session.scalars(
                select(Member).where(Member.uuid == signer.member_uuid)
            ).one_or_none()
            if member is None or member.deleted_at is not None:
                raise KnownError(f"找不到委员“{signer.name}”，可能已被删除。", "请重新选择。")
        wanted.append((position, member, member.name if member is not None else signer.name))
    current = [(s.position, s.member_id, s.name) for s in proposal.signers]
    if current == [(p, m.id if m else None, n) for p, m, n in wanted]:
        return
    proposal.signers.clear()
    if proposal.id is not None:
        session.flush()  # the unique (proposal, position) pairs must be gone before new ones
    for position, member, name in wanted:
        proposal.signers.append(
            ProposalSigner(
                owner_uuid=proposal.owner_uuid, position=position, member=member, name=name
            )
        )
