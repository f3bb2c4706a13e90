"""What the proposal services hand back: plain frozen dataclasses, built inside the session."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from app.common.text import session_label, term_label
from app.proposals.labels import (
    ATTACHMENT_LABELS,
    COLLECTIVE_KINDS,
    CONVERSION_LABELS,
    PERIOD_LABELS,
    REJECTION_LABELS,
    ROLE_LABELS,
    SATISFACTION_LABELS,
    STATE_LABELS,
    SUBMITTER_LABELS,
    AttachmentPurpose,
    ConversionKind,
    Period,
    ProposalState,
    RejectionGround,
    Satisfaction,
    SubmitterKind,
    UnitRole,
)
from db.proposal_models import (
    Proposal,
    ProposalAttachment,
    ProposalHistory,
    SupervisionRecord,
    UnitAssignment,
)


@dataclass(frozen=True)
class Signer:
    name: str
    member_uuid: str | None  # None: a name kept as text (not a member)


@dataclass(frozen=True)
class AssignmentView:
    uuid: str
    unit_uuid: str
    unit_name: str
    role: UnitRole
    round: int  # 1; 2 after 不满意 reopened handling
    assigned_on: date
    deadline: date
    extended_to: date | None
    extension_reason: str
    returned_on: date | None  # 退回调整
    return_reason: str
    contact_way: str  # 办前沟通
    contacted_on: date | None
    replied_on: date | None
    reply_attachment_uuid: str | None
    result_class: str  # A / B / C ("" before the reply)
    result_label: str  # 已解决或采纳 …
    satisfaction: Satisfaction | None
    satisfaction_comment: str
    rated_on: date | None
    reopened: bool
    ledger_closed_on: date | None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def due(self) -> date:
        return self.extended_to or self.deadline

    @property
    def active(self) -> bool:
        return self.returned_on is None and not self.reopened

    @property
    def satisfaction_label(self) -> str:
        return SATISFACTION_LABELS[self.satisfaction] if self.satisfaction else ""

    @property
    def status_label(self) -> str:
        if self.returned_on is not None:
            return "已退回"
        if self.reopened:
            return "已重新办理"
        if self.satisfaction is not None:
            return f"已反馈（{self.satisfaction_label}）"
        if self.replied_on is not None:
            return "已答复"
        return "办理中"

    def overdue_on(self, today: date) -> bool:
        return self.active and self.replied_on is None and today > self.due


@dataclass(frozen=True)
class ProposalRow:
    """One line of a proposal list."""

    uuid: str
    number: str
    year: int
    title: str
    proposer: str  # the first proposer, or the party/sector/committee
    co_signers: tuple[str, ...]
    submitter_kind: SubmitterKind
    category: str
    submitted_on: date | None
    state: ProposalState
    stage: str  # 待审查 / 待交办 / 办理中 / 已答复 / 已办结 / 不予立案 …
    units: tuple[str, ...]  # current units, 主办 first: "县教育和体育局（主办）"
    result: str  # result classes of the replies (A、B), or the imported result
    is_key: bool
    not_public: bool
    imported: bool
    owner_uuid: str = ""  # the office that owns it (the city lists counties' too)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def submitter_label(self) -> str:
        return SUBMITTER_LABELS[self.submitter_kind]

    @property
    def signers_text(self) -> str:
        return "、".join((self.proposer, *self.co_signers))


@dataclass(frozen=True)
class HistoryEntry:
    recorded_at: datetime
    on_date: date | None
    action: str
    text: str
    operator: str


@dataclass(frozen=True)
class SupervisionEntry:
    uuid: str
    on_date: date
    form: str
    content: str
    leader: str


@dataclass(frozen=True)
class AttachmentView:
    uuid: str
    purpose: AttachmentPurpose
    original_name: str
    sha256: str
    size: int

    @property
    def purpose_label(self) -> str:
        return ATTACHMENT_LABELS[self.purpose]


@dataclass(frozen=True)
class ProposalDetail:
    row: ProposalRow
    body: str
    period: Period
    term_text: str  # 第十届
    session_text: str  # 第三次会议
    session_uuid: str | None
    signers: tuple[Signer, ...]
    submitter_name: str
    category_text: str
    reviewed_on: date | None
    rejection_ground: RejectionGround | None
    rejection_text: str
    passed_to: str
    merged_into: str  # the number of the main proposal
    merged_into_uuid: str | None
    merged_here: tuple[str, ...]  # numbers of proposals merged into this one
    converted_kind: ConversionKind | None
    lead_uuid: str | None
    lead_title: str
    supervisor: str
    imported_units: str
    imported_result: str
    note: str
    assignments: tuple[AssignmentView, ...]  # every round, handed-back ones included
    history: tuple[HistoryEntry, ...]
    supervision: tuple[SupervisionEntry, ...]
    attachments: tuple[AttachmentView, ...]

    @property
    def period_label(self) -> str:
        return PERIOD_LABELS[self.period]

    @property
    def rejection_label(self) -> str:
        if self.rejection_ground is None:
            return ""
        if self.rejection_ground is RejectionGround.OTHER:
            return self.rejection_text
        return REJECTION_LABELS[self.rejection_ground]

    @property
    def conversion_label(self) -> str:
        return CONVERSION_LABELS[self.converted_kind] if self.converted_kind else ""

    @property
    def current_assignments(self) -> tuple[AssignmentView, ...]:
        return tuple(a for a in self.assignments if a.active)


# --- builders (inside a session) ---------------------------------------------------


def proposer_text(proposal: Proposal) -> str:
    if proposal.submitter_kind in COLLECTIVE_KINDS and proposal.submitter_name:
        return proposal.submitter_name
    if proposal.signers:
        return proposal.signers[0].name
    return proposal.submitter_name


def assignment_view(assignment: UnitAssignment) -> AssignmentView:
    result = assignment.result_class
    reply = assignment.reply_attachment
    return AssignmentView(
        uuid=assignment.uuid,
        unit_uuid=assignment.unit.uuid,
        unit_name=assignment.unit.name,
        role=assignment.role,
        round=assignment.round,
        assigned_on=assignment.assigned_on,
        deadline=assignment.deadline,
        extended_to=assignment.extended_to,
        extension_reason=assignment.extension_reason,
        returned_on=assignment.returned_on,
        return_reason=assignment.return_reason,
        contact_way=assignment.contact_way,
        contacted_on=assignment.contacted_on,
        replied_on=assignment.replied_on,
        reply_attachment_uuid=reply.uuid if reply is not None else None,
        result_class=result.name if result is not None else "",
        result_label=result.description if result is not None else "",
        satisfaction=assignment.satisfaction,
        satisfaction_comment=assignment.satisfaction_comment,
        rated_on=assignment.rated_on,
        reopened=assignment.reopened,
        ledger_closed_on=assignment.ledger_closed_on,
    )


_UNIT_SEPARATORS = re.compile(r"[、，,;；/\s]+")
_ROLE_ORDER = {UnitRole.LEAD: 0, UnitRole.JOINT: 1, UnitRole.SPLIT: 1, UnitRole.ASSIST: 2}


def current_units(proposal: Proposal) -> list[UnitAssignment]:
    current = [a for a in proposal.assignments if a.active]
    return sorted(current, key=lambda a: (_ROLE_ORDER[a.role], a.id))


def stage_text(proposal: Proposal) -> str:
    state = proposal.state
    if state is ProposalState.MERGED and proposal.merged_into is not None:
        return f"并入{proposal.merged_into.number}"
    if state is ProposalState.CONVERTED and proposal.converted_kind is not None:
        return CONVERSION_LABELS[proposal.converted_kind]
    if state is not ProposalState.ACCEPTED:
        return STATE_LABELS[state]
    current = current_units(proposal)
    if not current:
        return "已办结" if proposal.imported else "待交办"
    if any(a.replied_on is None for a in current):
        return "办理中"
    if any(a.satisfaction is None for a in current):
        return "已答复"
    return "已办结"


def result_text(proposal: Proposal) -> str:
    classes = [a.result_class.name for a in current_units(proposal) if a.result_class is not None]
    if classes:
        return "、".join(dict.fromkeys(classes))
    return proposal.imported_result


def proposal_row(proposal: Proposal) -> ProposalRow:
    category = proposal.category.name if proposal.category is not None else proposal.category_text
    collective = proposal.submitter_kind in COLLECTIVE_KINDS and proposal.submitter_name
    names = [s.name for s in proposal.signers]
    units = tuple(f"{a.unit.name}（{ROLE_LABELS[a.role]}）" for a in current_units(proposal))
    if not units and proposal.imported_units:
        units = tuple(u for u in _UNIT_SEPARATORS.split(proposal.imported_units) if u)
    return ProposalRow(
        uuid=proposal.uuid,
        number=proposal.number,
        year=proposal.year,
        title=proposal.title,
        proposer=proposer_text(proposal),
        co_signers=tuple(names if collective else names[1:]),
        submitter_kind=proposal.submitter_kind,
        category=category,
        submitted_on=proposal.submitted_on,
        state=proposal.state,
        stage=stage_text(proposal),
        units=units,
        result=result_text(proposal),
        is_key=proposal.is_key,
        not_public=proposal.not_public,
        imported=proposal.imported,
        owner_uuid=proposal.owner_uuid,
    )


def proposal_detail(
    proposal: Proposal,
    history: list[ProposalHistory],
    supervision: list[SupervisionRecord],
    attachments: list[ProposalAttachment],
    merged_here: list[str],
) -> ProposalDetail:
    session_row = proposal.session
    lead = proposal.lead
    return ProposalDetail(
        row=proposal_row(proposal),
        body=proposal.body,
        period=proposal.period,
        term_text=term_label(proposal.term.number) if proposal.term is not None else "",
        session_text=session_label(session_row.number) if session_row is not None else "",
        session_uuid=session_row.uuid if session_row is not None else None,
        signers=tuple(
            Signer(s.name, s.member.uuid if s.member is not None else None)
            for s in proposal.signers
        ),
        submitter_name=proposal.submitter_name,
        category_text=proposal.category_text,
        reviewed_on=proposal.reviewed_on,
        rejection_ground=proposal.rejection_ground,
        rejection_text=proposal.rejection_text,
        passed_to=proposal.passed_to,
        merged_into=proposal.merged_into.number if proposal.merged_into is not None else "",
        merged_into_uuid=proposal.merged_into.uuid if proposal.merged_into is not None else None,
        merged_here=tuple(merged_here),
        converted_kind=proposal.converted_kind,
        lead_uuid=lead.uuid if lead is not None else None,
        lead_title=lead.title if lead is not None else "",
        supervisor=proposal.supervisor,
        imported_units=proposal.imported_units,
        imported_result=proposal.imported_result,
        note=proposal.note,
        assignments=tuple(assignment_view(a) for a in proposal.assignments if a.deleted_at is None),
        history=tuple(
            HistoryEntry(h.recorded_at, h.on_date, h.action, h.text, h.operator) for h in history
        ),
        supervision=tuple(
            SupervisionEntry(s.uuid, s.on_date, s.form, s.content, s.leader) for s in supervision
        ),
        attachments=tuple(
            AttachmentView(a.uuid, a.purpose, a.original_name, a.sha256, a.size)
            for a in attachments
        ),
    )
