"""Meetings and activities (会议活动) with everything said and decided there.

A meeting is the duty-record activity of app.records (one model: the
five-ones check reads its attendance), extended with time, venue, chair,
consultation form, agenda, invited guests, minutes (纪要) and consensus
points, and a link to the plan topic it consulted on. Speeches are in
app.consultation.speeches.

Unlike a plain duty record, a meeting may be dated ahead: its notice,
agenda and sign-in sheet are printed before it is held. Members on its list
then stand as expected to attend (出席) until the clerk marks who was on
leave or absent, by hand or from the filled sign-in sheet (sign_in).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_text
from app.consultation.attachments import attachment_counts
from app.consultation.checklist import Seat, describe, term_of_year
from app.consultation.labels import (
    FORM_LABELS,
    GUEST_KIND_LABELS,
    ConsultationForm,
    GuestKind,
    TopicStatus,
)
from app.consultation.rules import advance_status, get_topic, in_year_problem, length_problem
from app.members.labels import CppccRole
from app.office.office import require_local_office
from app.records.activities import (
    ActivityRow,
    delete_activity,
    find_activity,
    list_activities,
    undelete_activity,
)
from app.records.activities import (
    set_attendance as put_on_list,  # one member, in a session
)
from app.records.labels import (
    ACTIVITY_KIND_LABELS,
    ATTENDANCE_LABELS,
    ActivityKind,
    AttendanceStatus,
)
from app.records.record_rules import EARLIEST_DAY, live_members, refuse_problems, title_problem
from db.base import utc_now
from db.member_models import Membership
from db.record_models import (
    Activity,
    Attendance,
    MeetingAgendaItem,
    MeetingGuest,
    MeetingSpeech,
)

PRESENT = AttendanceStatus.PRESENT
# A number typed before a consensus point (一是 / 1. / （一）): the printouts number them.
_POINT_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是[，,：:]?|[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)"
)

# What a meeting on a topic is called after the topic: 农村人居环境整治专题协商会.
MEETING_NAMES = {
    ConsultationForm.PLENARY: "全体会议协商",
    ConsultationForm.STANDING_SESSION: "专题议政性常委会会议",
    ConsultationForm.THEMATIC: "专题协商会",
    ConsultationForm.QUARTERLY: "季度协商座谈会",
    ConsultationForm.COUNTERPART: "对口协商会",
    ConsultationForm.SECTOR: "界别协商会",
    ConsultationForm.PROPOSAL_HANDLING: "提案办理协商会",
    ConsultationForm.OTHER: "协商会",
}
# The meeting kind a consultation form is held as.
KIND_OF_FORM = {
    ConsultationForm.PLENARY: ActivityKind.PLENARY,
    ConsultationForm.STANDING_SESSION: ActivityKind.STANDING_MEETING,
}

__all__ = [
    "ActivityRow",
    "AgendaItem",
    "Attendee",
    "Guest",
    "MeetingDetail",
    "MeetingForm",
    "add_attendees",
    "add_meeting",
    "delete_meeting",
    "find_meeting_uuid",
    "get_meeting",
    "list_meetings",
    "mark_attendance",
    "meeting_from_topic",
    "meeting_problems",
    "remove_attendees",
    "set_attendance",
    "undelete_meeting",
    "update_meeting",
]


@dataclass(frozen=True)
class AgendaItem:
    content: str
    presenter: str = ""  # 汇报人 / 发言人


@dataclass(frozen=True)
class Guest:
    """An invited leader, department or expert: not a member, no attendance status."""

    name: str
    unit_title: str = ""  # 单位及职务: 县委副书记 / 县发展和改革局局长
    kind: GuestKind = GuestKind.LEADER

    @property
    def kind_label(self) -> str:
        return GUEST_KIND_LABELS[self.kind]


@dataclass(frozen=True)
class MeetingForm:
    """What the meeting dialog edits (attendance is set apart: set_attendance & co.)."""

    kind: ActivityKind | None = None
    title: str = ""
    held_on: date | None = None
    time_text: str = ""  # 上午9:00
    venue: str = ""
    chair: str = ""  # 主持人
    consultation_form: ConsultationForm | None = None
    topic_uuid: str | None = None  # the plan topic it consulted on
    agenda: tuple[AgendaItem, ...] = ()
    guests: tuple[Guest, ...] = ()
    minutes: str = ""  # 纪要 body, paragraphs separated by line breaks
    consensus: tuple[str, ...] = ()  # 共识, one point each
    note: str = ""


@dataclass(frozen=True)
class Attendee:
    member_uuid: str
    name: str
    sector: str
    role_label: str  # 主席 / 常委 / 委员; "" without a seat that year
    is_standing: bool
    status: AttendanceStatus

    @property
    def status_label(self) -> str:
        return ATTENDANCE_LABELS[self.status]


@dataclass(frozen=True)
class SpeechLine:
    uuid: str
    speaker: str
    member_uuid: str | None
    title: str
    text: str
    attachments: int


@dataclass(frozen=True)
class MeetingDetail:
    uuid: str
    form: MeetingForm
    attendees: tuple[Attendee, ...]  # official order: CPPCC leaders, then by name
    speeches: tuple[SpeechLine, ...] = field(default_factory=tuple)
    topic_title: str = ""
    topic_year: int | None = None

    @property
    def kind_label(self) -> str:
        assert self.form.kind is not None
        return ACTIVITY_KIND_LABELS[self.form.kind]

    @property
    def form_label(self) -> str:
        form = self.form.consultation_form
        return FORM_LABELS[form] if form is not None else ""

    @property
    def is_upcoming(self) -> bool:
        return self.form.held_on is not None and self.form.held_on > date.today()

    def count(self, status: AttendanceStatus) -> int:
        return sum(1 for a in self.attendees if a.status is status)


# --- reading ---------------------------------------------------------------------


def list_meetings(
    database: Database, year: int | None = None, kind: ActivityKind | None = None
) -> list[ActivityRow]:
    """Every meeting and activity, newest first, with its attendance counts."""
    return list_activities(database, year, kind)


def get_meeting(database: Database, uuid: str) -> MeetingDetail:
    with database.begin() as session:
        activity = get_activity_row(session, uuid)
        topic = activity.topic if activity.topic and activity.topic.deleted_at is None else None
        return MeetingDetail(
            uuid=activity.uuid,
            form=_form(activity),
            attendees=tuple(attendees(session, activity)),
            speeches=tuple(speech_lines(session, activity)),
            topic_title=topic.title if topic else "",
            topic_year=topic.plan.year if topic else None,
        )


def find_meeting_uuid(database: Database, text: str) -> str:
    """The meeting a typed id names: its UUID, or the UUID's first 8 or more characters."""
    text = text.strip().lower()
    if len(text) < 8:
        raise KnownError(f"“{text}”不是会议编号。", "请使用 meetings list 列出的 id。")
    with database.begin() as session:
        office = require_local_office(session)
        found = session.scalars(
            select(Activity.uuid).where(
                Activity.owner_uuid == office.uuid,
                Activity.deleted_at.is_(None),
                Activity.uuid.startswith(text, autoescape=True),
            )
        ).all()
    if len(found) != 1:
        raise KnownError(
            f"没有编号为“{text}”的会议。" if not found else f"编号“{text}”对应多个会议。",
            "请使用 meetings list 列出的完整 id。",
        )
    return found[0]


def meeting_from_topic(database: Database, topic_uuid: str) -> MeetingForm:
    """A new meeting's form filled in from a plan topic (not saved yet)."""
    with database.begin() as session:
        topic = get_topic(session, topic_uuid)
        form = topic.form
        name = (topic.form_other if form is ConsultationForm.OTHER else "") or MEETING_NAMES[form]
        return MeetingForm(
            kind=KIND_OF_FORM.get(form, ActivityKind.CONSULTATION),
            title=f"{topic.title.removeprefix('关于')}{name}",
            consultation_form=form,
            topic_uuid=topic.uuid,
            chair=topic.leader,
        )


# --- saving ----------------------------------------------------------------------


def meeting_problems(form: MeetingForm, plan_year: int | None = None) -> list[str]:
    """What stops the (cleaned) form from being saved; `plan_year` of its topic, if any."""
    problems = [
        None if form.kind is not None else "会议类别：请选择（全体会议、常委会会议、协商会……）",
        title_problem(form.title, "会议名称"),
        length_problem(form.time_text, "时间", 50),
        length_problem(form.venue, "地点", 200),
        length_problem(form.chair, "主持人"),
    ]
    if form.held_on is None:
        problems.append("日期：请填写")
    elif form.held_on < EARLIEST_DAY or form.held_on.year > date.today().year + 1:
        problems.append(f"日期：{form.held_on:%Y-%m-%d} 不合理")
    elif plan_year is not None:
        problems.append(in_year_problem(form.held_on, plan_year, "日期"))
    for number, item in enumerate(form.agenda, start=1):
        problems.append(None if item.content else f"议程第{number}项：内容不能为空")
        problems.append(length_problem(item.content, f"议程第{number}项", 300))
        problems.append(length_problem(item.presenter, f"议程第{number}项汇报人"))
    for number, guest in enumerate(form.guests, start=1):
        problems.append(None if guest.name else f"列席人员第{number}位：姓名或单位不能为空")
        problems.append(length_problem(guest.name, f"列席人员第{number}位"))
        problems.append(length_problem(guest.unit_title, f"列席人员第{number}位的单位职务", 200))
    return [p for p in problems if p]


def add_meeting(
    database: Database, form: MeetingForm, attendance: Mapping[str, AttendanceStatus] | None = None
) -> str:
    """Save a new meeting (and its list of members: UUID → status); returns its UUID."""
    form = _cleaned(form)
    with database.begin() as session:
        office = require_local_office(session)
        activity = Activity(owner_uuid=office.uuid, note="")
        _apply(session, activity, form, None)
        session.add(activity)
        if attendance:
            _set_list(session, activity, attendance, keep_others=False)
        session.flush()
        return activity.uuid


def update_meeting(database: Database, uuid: str, form: MeetingForm) -> None:
    """Change the meeting's details; its list of members stays as it is."""
    form = _cleaned(form)
    with database.begin() as session:
        activity = get_activity_row(session, uuid)
        _apply(session, activity, form, activity.id)


def set_attendance(
    database: Database, uuid: str, attendance: Mapping[str, AttendanceStatus]
) -> None:
    """Replace the meeting's list: members not in `attendance` are taken off."""
    with database.begin() as session:
        _set_list(session, get_activity_row(session, uuid), attendance, keep_others=False)


def add_attendees(
    database: Database, uuid: str, member_uuids: Iterable[str], status: AttendanceStatus = PRESENT
) -> int:
    """Put members (ticked on the checklist) on the list; those already on it keep their
    status. Returns how many were added."""
    with database.begin() as session:
        activity = get_activity_row(session, uuid)
        on_list = {a.member.uuid for a in live_attendance(activity)}
        new = {u: status for u in member_uuids if u not in on_list}
        _set_list(session, activity, new, keep_others=True)
        return len(new)


def mark_attendance(
    database: Database, uuid: str, member_uuids: Iterable[str], status: AttendanceStatus
) -> None:
    """Give several members on the list one status (出席 / 请假 / 缺席)."""
    with database.begin() as session:
        _set_list(
            session, get_activity_row(session, uuid), dict.fromkeys(member_uuids, status), True
        )


def remove_attendees(database: Database, uuid: str, member_uuids: Iterable[str]) -> None:
    with database.begin() as session:
        activity = get_activity_row(session, uuid)
        gone = set(member_uuids)
        for row in live_attendance(activity):
            if row.member.uuid in gone:
                put_on_list(activity, row.member, None)


def delete_meeting(database: Database, uuid: str) -> None:
    """Leaves a tombstone (the duty record goes with it); undelete_meeting brings it back."""
    delete_activity(database, uuid)


def undelete_meeting(database: Database, uuid: str) -> None:
    undelete_activity(database, uuid)


# --- shared with speeches, sign_in and materials ----------------------------------


def get_activity_row(session: Session, uuid: str) -> Activity:
    activity = session.scalars(
        select(Activity)
        .where(Activity.uuid == uuid, Activity.deleted_at.is_(None))
        .options(
            selectinload(Activity.attendances).selectinload(Attendance.member),
            selectinload(Activity.agenda_items),
            selectinload(Activity.guests),
        )
    ).one_or_none()
    if activity is None:
        raise KnownError("该会议已不存在（可能已被删除）。", "请刷新列表后再试。")
    return activity


def live_attendance(activity: Activity) -> list[Attendance]:
    return [a for a in activity.attendances if a.deleted_at is None and a.member.deleted_at is None]


def attendees(session: Session, activity: Activity) -> list[Attendee]:
    """The members on the list, with their seat on the meeting's day, in official order."""
    rows = live_attendance(activity)
    status = {a.member.id: a.status for a in rows}
    seats = describe(session, [a.member for a in rows], _roles(session, activity))
    ids = {a.member.uuid: a.member.id for a in rows}
    return [_attendee(seat, status[ids[seat.uuid]]) for seat in seats]


def speech_lines(session: Session, activity: Activity) -> list[SpeechLine]:
    rows = sorted((s for s in activity.speeches if s.deleted_at is None), key=_position)
    counts = attachment_counts(session, [s.uuid for s in rows])
    return [
        SpeechLine(
            uuid=s.uuid,
            speaker=s.speaker,
            member_uuid=s.member.uuid if s.member is not None else None,
            title=s.title,
            text=s.text,
            attachments=counts.get(s.uuid, 0),
        )
        for s in rows
    ]


def live_guests(activity: Activity) -> list[Guest]:
    return [
        Guest(g.name, g.unit_title, g.kind)
        for g in sorted(activity.guests, key=lambda g: g.position)
        if g.deleted_at is None
    ]


def _attendee(seat: Seat, status: AttendanceStatus) -> Attendee:
    return Attendee(seat.uuid, seat.name, seat.sector, seat.role_label, seat.is_standing, status)


def _roles(session: Session, activity: Activity) -> dict[int, CppccRole]:
    office = require_local_office(session)
    term = term_of_year(session, office, activity.held_on.year)
    if term is None:
        return {}
    rows = session.execute(
        select(Membership.member_id, Membership.role).where(
            Membership.term_id == term.id, Membership.deleted_at.is_(None)
        )
    )
    return {member_id: role for member_id, role in rows}


def _set_list(
    session: Session,
    activity: Activity,
    attendance: Mapping[str, AttendanceStatus],
    keep_others: bool,
) -> None:
    members = live_members(session, attendance)
    with session.no_autoflush:  # one flush, so one revision step per save
        if not keep_others:
            for row in live_attendance(activity):
                if row.member.uuid not in attendance:
                    put_on_list(activity, row.member, None)
        for member_uuid, status in attendance.items():
            put_on_list(activity, members[member_uuid], status)


def _cleaned(form: MeetingForm) -> MeetingForm:
    def clean_all(texts: Sequence[str]) -> tuple[str, ...]:
        return tuple(t for t in (clean_text(t) for t in texts) if t)

    return replace(
        form,
        title=clean_text(form.title),
        time_text=clean_text(form.time_text),
        venue=clean_text(form.venue),
        chair=clean_text(form.chair),
        agenda=tuple(
            AgendaItem(clean_text(a.content), clean_text(a.presenter))
            for a in form.agenda
            if clean_text(a.content) or clean_text(a.presenter)
        ),
        guests=tuple(
            Guest(clean_text(g.name), clean_text(g.unit_title), g.kind)
            for g in form.guests
            if clean_text(g.name) or clean_text(g.unit_title)
        ),
        minutes=form.minutes.strip(),
        consensus=clean_all(
            _POINT_NUMBER.sub("", line) for point in form.consensus for line in point.splitlines()
        ),
        note=form.note.strip(),
    )


def _apply(session: Session, activity: Activity, form: MeetingForm, own_id: int | None) -> None:
    topic = get_topic(session, form.topic_uuid) if form.topic_uuid else None
    refuse_problems("会议", meeting_problems(form, topic.plan.year if topic else None))
    assert form.kind is not None and form.held_on is not None
    same = find_activity(session, activity.owner_uuid, form.kind, form.title, form.held_on)
    if same is not None and same.id != own_id:
        raise KnownError(
            f"{form.held_on:%Y年%m月%d日}已有一次{ACTIVITY_KIND_LABELS[form.kind]}“{form.title}”。",
            "如是同一次会议，请直接修改它；否则请改用其他名称。",
        )
    with session.no_autoflush:
        activity.kind = form.kind
        activity.title = form.title
        activity.held_on = form.held_on
        activity.time_text = form.time_text
        activity.venue = form.venue
        activity.chair = form.chair
        activity.consultation_form = form.consultation_form
        activity.minutes = form.minutes
        activity.consensus = "\n".join(form.consensus)
        activity.note = form.note
        activity.topic = topic
        _replace_agenda(activity, form.agenda)
        _replace_guests(activity, form.guests)
    if topic is not None and form.held_on <= date.today():
        advance_status(topic, TopicStatus.HELD)


def _replace_agenda(activity: Activity, items: Sequence[AgendaItem]) -> None:
    live = sorted((r for r in activity.agenda_items if r.deleted_at is None), key=_position)
    for position, item in enumerate(items, start=1):
        row = live[position - 1] if position <= len(live) else None
        if row is None:
            row = MeetingAgendaItem(owner_uuid=activity.owner_uuid)
            activity.agenda_items.append(row)
        row.position, row.content, row.presenter = position, item.content, item.presenter
    for row in live[len(items) :]:
        row.deleted_at = utc_now()


def _replace_guests(activity: Activity, guests: Sequence[Guest]) -> None:
    live = sorted((r for r in activity.guests if r.deleted_at is None), key=_position)
    for position, guest in enumerate(guests, start=1):
        row = live[position - 1] if position <= len(live) else None
        if row is None:
            row = MeetingGuest(owner_uuid=activity.owner_uuid)
            activity.guests.append(row)
        row.position, row.kind = position, guest.kind
        row.name, row.unit_title = guest.name, guest.unit_title
    for row in live[len(guests) :]:
        row.deleted_at = utc_now()


def _position(row: MeetingAgendaItem | MeetingGuest | MeetingSpeech) -> int:
    return row.position


def _form(activity: Activity) -> MeetingForm:
    topic = activity.topic if activity.topic and activity.topic.deleted_at is None else None
    return MeetingForm(
        kind=activity.kind,
        title=activity.title,
        held_on=activity.held_on,
        time_text=activity.time_text,
        venue=activity.venue,
        chair=activity.chair,
        consultation_form=activity.consultation_form,
        topic_uuid=topic.uuid if topic else None,
        agenda=tuple(
            AgendaItem(r.content, r.presenter)
            for r in sorted(activity.agenda_items, key=_position)
            if r.deleted_at is None
        ),
        guests=tuple(live_guests(activity)),
        minutes=activity.minutes,
        consensus=tuple(line for line in activity.consensus.splitlines() if line.strip()),
        note=activity.note,
    )
