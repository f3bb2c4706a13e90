"""协商成果: outcomes sent to the party committee and government, the leaders'
instructions (批示) on them, the departments' follow-up (落实情况), the
feedback to the members involved, and what they turned into (成果转化).

An outcome belongs to a plan year and usually to a topic and the meeting
that produced it. Saving moves its topic forward: sent → 成果已报送, fed
back → 已办结. Deleting anything leaves a tombstone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.common.storage import Database
from app.common.text import clean_text
from app.consultation.labels import OUTCOME_KIND_LABELS, OutcomeKind, TopicStatus
from app.consultation.meetings.meeting_rows import get_activity_row
from app.consultation.outcomes.instructions import FollowUpLine, InstructionLine
from app.consultation.rules import (
    advance_status,
    chinese_day,
    get_topic,
    length_problem,
    live_row,
    not_before_problem,
    past_problem,
)
from app.office.office import require_local_office
from app.office.scope import owner_uuids
from app.records.record_rules import live_members, refuse_problems, title_problem
from db.base import utc_now
from db.consultation_models import ConsultationOutcome
from db.models import Office
from db.record_models import ConsultationForm

MOST_CONVERSIONS = 9999

# What a meeting of each form usually reports in (seed 003, items 11-13).
KIND_OF_FORM = {
    ConsultationForm.PLENARY: OutcomeKind.PARTY_GROUP_REPORT,
    ConsultationForm.STANDING_SESSION: OutcomeKind.RECOMMENDATION,
    ConsultationForm.THEMATIC: OutcomeKind.PARTY_GROUP_REPORT,
    ConsultationForm.QUARTERLY: OutcomeKind.THEMATIC_REPORT,
    ConsultationForm.COUNTERPART: OutcomeKind.THEMATIC_REPORT,
    ConsultationForm.SECTOR: OutcomeKind.INFORMATION,
    ConsultationForm.PROPOSAL_HANDLING: OutcomeKind.PROPOSAL_DIGEST,
}


@dataclass(frozen=True)
class OutcomeForm:
    kind: OutcomeKind | None = None
    title: str = ""
    year: int | None = None  # the plan year; None: the topic's, else the meeting's
    topic_uuid: str | None = None
    meeting_uuid: str | None = None
    sent_to: str = ""  # 县委、县政府
    sent_on: date | None = None
    summary: str = ""
    member_uuids: tuple[str, ...] = ()  # the members who raised it: they get the feedback
    feedback_on: date | None = None  # 反馈委员
    feedback_note: str = ""
    proposals_made: int = 0  # 成果转化
    social_info_made: int = 0
    speeches_made: int = 0


@dataclass(frozen=True)
class OutcomeRow:
    uuid: str
    year: int
    kind: OutcomeKind
    title: str
    topic_title: str
    sent_to: str
    sent_on: date | None
    instructions: int
    follow_ups: int
    feedback_on: date | None
    owner_uuid: str = ""  # the office that keeps it (a county's is read-only at the city)
    office_name: str = ""  # its name, for the city's 单位 column

    @property
    def kind_label(self) -> str:
        return OUTCOME_KIND_LABELS[self.kind]

    @property
    def stage(self) -> str:
        """Where it stands: 未报送 / 已报送 / 已批示 / 已落实 / 已反馈."""
        if self.feedback_on is not None:
            return "已反馈"
        if self.follow_ups:
            return "已落实"
        if self.instructions:
            return "已批示"
        return "已报送" if self.sent_on is not None else "未报送"

    @property
    def is_open(self) -> bool:
        """Still owing something: not sent, or instructed with no follow-up or feedback."""
        return self.feedback_on is None and (self.sent_on is None or self.instructions > 0)


@dataclass(frozen=True)
class OutcomeDetail:
    uuid: str
    form: OutcomeForm
    row: OutcomeRow
    instructions: tuple[InstructionLine, ...]
    follow_ups: tuple[FollowUpLine, ...]
    meeting_title: str
    members: tuple[tuple[str, str], ...]  # (uuid, name)


# --- outcomes --------------------------------------------------------------------


def list_outcomes(
    database: Database, year: int | None = None, office_code: str | None = None
) -> list[OutcomeRow]:
    """Outcomes of a plan year (or all), newest sent first, unsent on top. `office_code`:
    None for this office's, a county's code or ALL_OFFICES (the city's 单位 filter)."""
    with database.read() as session:
        owners = owner_uuids(session, office_code)
        names = dict(
            session.execute(select(Office.uuid, Office.name).where(Office.uuid.in_(owners))).all()
        )
        query = select(ConsultationOutcome).where(
            ConsultationOutcome.owner_uuid.in_(owners),
            ConsultationOutcome.deleted_at.is_(None),
        )
        if year is not None:
            query = query.where(ConsultationOutcome.year == year)
        outcomes = session.scalars(
            query.options(
                selectinload(ConsultationOutcome.instructions),
                selectinload(ConsultationOutcome.follow_ups),
                selectinload(ConsultationOutcome.topic),
            )
        ).all()
        rows = [_row(o, names.get(o.owner_uuid, "")) for o in outcomes]
    return sorted(rows, key=lambda r: (r.sent_on is None, r.sent_on or date.min), reverse=True)


def get_outcome(database: Database, uuid: str) -> OutcomeDetail:
    with database.read() as session:
        outcome = _get(session, uuid)
        members = tuple((m.uuid, m.name) for m in outcome.members if m.deleted_at is None)
        meeting = (
            outcome.meeting if outcome.meeting and outcome.meeting.deleted_at is None else None
        )
        topic = outcome.topic if outcome.topic and outcome.topic.deleted_at is None else None
        return OutcomeDetail(
            uuid=outcome.uuid,
            form=OutcomeForm(
                kind=outcome.kind,
                title=outcome.title,
                year=outcome.year,
                topic_uuid=topic.uuid if topic else None,
                meeting_uuid=meeting.uuid if meeting else None,
                sent_to=outcome.sent_to,
                sent_on=outcome.sent_on,
                summary=outcome.summary,
                member_uuids=tuple(uuid for uuid, _ in members),
                feedback_on=outcome.feedback_on,
                feedback_note=outcome.feedback_note,
                proposals_made=outcome.proposals_made,
                social_info_made=outcome.social_info_made,
                speeches_made=outcome.speeches_made,
            ),
            row=_row(outcome),
            instructions=tuple(
                InstructionLine(i.uuid, i.leader, i.instructed_on, i.text)
                for i in outcome.instructions
                if i.deleted_at is None
            ),
            follow_ups=tuple(
                FollowUpLine(f.uuid, f.department, f.reported_on, f.text)
                for f in outcome.follow_ups
                if f.deleted_at is None
            ),
            meeting_title=meeting.title if meeting else "",
            members=members,
        )


def outcome_from_meeting(database: Database, meeting_uuid: str) -> OutcomeForm:
    """A new outcome's form filled in from a meeting: its topic, year, kind and the
    members who spoke there (not saved yet)."""
    with database.read() as session:
        activity = get_activity_row(session, meeting_uuid)
        topic = activity.topic if activity.topic and activity.topic.deleted_at is None else None
        speakers = tuple(
            dict.fromkeys(
                s.member.uuid
                for s in sorted(activity.speeches, key=lambda s: s.position)
                if s.deleted_at is None and s.member is not None and s.member.deleted_at is None
            )
        )
        kind = KIND_OF_FORM.get(activity.consultation_form) if activity.consultation_form else None
        subject = topic.title if topic else activity.title
        return OutcomeForm(
            kind=kind,
            title=f"关于{subject.removeprefix('关于')}的{OUTCOME_KIND_LABELS[kind]}"
            if kind
            else "",
            year=topic.plan.year if topic else activity.held_on.year,
            topic_uuid=topic.uuid if topic else None,
            meeting_uuid=activity.uuid,
            sent_to="县委、县政府",
            member_uuids=speakers,
        )


def outcome_problems(form: OutcomeForm) -> list[str]:
    problems = [
        None if form.kind is not None else "成果类型：请选择",
        title_problem(form.title, "成果名称"),
        length_problem(form.sent_to, "报送对象", 200),
        past_problem(form.sent_on, "报送日期"),
        past_problem(form.feedback_on, "反馈日期"),
        not_before_problem(form.feedback_on, form.sent_on, "反馈日期", "报送日期"),
    ]
    sent, year = form.sent_on, form.year
    if year is not None and sent is not None and not year <= sent.year <= year + 1:
        problems.append(
            f"报送日期：{chinese_day(sent)}不在{year}年或次年内（{year}年度的成果应在当年或次年报送）"
        )
    for label, count in (
        ("转化为提案", form.proposals_made),
        ("转化为社情民意", form.social_info_made),
        ("转化为大会发言", form.speeches_made),
    ):
        if not 0 <= count <= MOST_CONVERSIONS:
            problems.append(f"{label}：应为 0 到 {MOST_CONVERSIONS} 之间的数")
    return [p for p in problems if p]


def add_outcome(database: Database, form: OutcomeForm) -> str:
    form = _cleaned(form)
    with database.begin() as session:
        office = require_local_office(session)
        outcome = ConsultationOutcome(owner_uuid=office.uuid)
        _apply(session, outcome, form)
        session.add(outcome)
        session.flush()
        return outcome.uuid


def update_outcome(database: Database, uuid: str, form: OutcomeForm) -> None:
    form = _cleaned(form)
    with database.begin() as session:
        _apply(session, _get(session, uuid), form)


def delete_outcome(database: Database, uuid: str) -> None:
    with database.begin() as session:
        _get(session, uuid).deleted_at = utc_now()


def undelete_outcome(database: Database, uuid: str) -> None:
    with database.begin() as session:
        _any(session, ConsultationOutcome, uuid).deleted_at = None


def _cleaned(form: OutcomeForm) -> OutcomeForm:
    return replace(
        form,
        title=clean_text(form.title),
        sent_to=clean_text(form.sent_to),
        summary=form.summary.strip(),
        feedback_note=form.feedback_note.strip(),
        member_uuids=tuple(dict.fromkeys(form.member_uuids)),
    )


def _apply(session: Session, outcome: ConsultationOutcome, form: OutcomeForm) -> None:
    topic = get_topic(session, form.topic_uuid) if form.topic_uuid else None
    meeting = get_activity_row(session, form.meeting_uuid) if form.meeting_uuid else None
    year = form.year or (topic.plan.year if topic else None)
    year = year or (meeting.held_on.year if meeting else None)
    year = year or (form.sent_on.year if form.sent_on else date.today().year)
    form = replace(form, year=year)
    refuse_problems("协商成果", outcome_problems(form))
    members = live_members(session, form.member_uuids)
    assert form.kind is not None
    with session.no_autoflush:
        outcome.year = year
        outcome.kind = form.kind
        outcome.title = form.title
        outcome.topic = topic
        outcome.meeting = meeting
        outcome.sent_to = form.sent_to
        outcome.sent_on = form.sent_on
        outcome.summary = form.summary
        outcome.feedback_on = form.feedback_on
        outcome.feedback_note = form.feedback_note
        outcome.proposals_made = form.proposals_made
        outcome.social_info_made = form.social_info_made
        outcome.speeches_made = form.speeches_made
        outcome.members = [members[u] for u in form.member_uuids]
    if topic is not None and form.sent_on is not None:
        advance_status(topic, TopicStatus.OUTCOME_SENT)
    if topic is not None and form.feedback_on is not None:
        advance_status(topic, TopicStatus.CLOSED)


# --- helpers -----------------------------------------------------------------------


def _row(outcome: ConsultationOutcome, office_name: str = "") -> OutcomeRow:
    topic = outcome.topic if outcome.topic and outcome.topic.deleted_at is None else None
    return OutcomeRow(
        uuid=outcome.uuid,
        year=outcome.year,
        kind=outcome.kind,
        title=outcome.title,
        topic_title=topic.title if topic else "",
        sent_to=outcome.sent_to,
        sent_on=outcome.sent_on,
        instructions=sum(1 for i in outcome.instructions if i.deleted_at is None),
        follow_ups=sum(1 for f in outcome.follow_ups if f.deleted_at is None),
        feedback_on=outcome.feedback_on,
        owner_uuid=outcome.owner_uuid,
        office_name=office_name,
    )


def _get(session: Session, uuid: str) -> ConsultationOutcome:
    return live_row(session, ConsultationOutcome, uuid, "该协商成果")


def _any(session: Session, cls, uuid: str):  # type: ignore[no-untyped-def]
    return session.scalars(select(cls).where(cls.uuid == uuid)).one()
