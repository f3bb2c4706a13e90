"""Meetings and activities (会议活动) with everything said and decided there.

A meeting is the duty-record activity of app.records (one model: the
five-ones check reads its attendance), extended with time, venue, chair,
consultation form, agenda, invited guests, minutes (纪要) and consensus
points, and a link to the plan topic it consulted on. Speeches are in
app.consultation.meetings.speeches.

Unlike a plain duty record, a meeting may be dated ahead: its notice,
agenda and sign-in sheet are printed before it is held. Members on its list
then stand as expected to attend (出席) until the clerk marks who was on
leave or absent (attendance), by hand or from the filled sign-in sheet
(sign_in).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text
from app.consultation.labels import ConsultationForm, TopicStatus
from app.consultation.meetings.meeting_forms import (
    KIND_OF_FORM,
    MEETING_NAMES,
    AgendaItem,
    Attendee,
    Guest,
    MeetingDetail,
    MeetingForm,
    SpeechLine,
    cleaned_form,
    meeting_problems,
)
from app.consultation.meetings.meeting_rows import (
    attendees,
    by_position,
    get_activity_row,
    live_guests,
    set_list,
    speech_lines,
)
from app.consultation.rules import advance_status, get_topic
from app.members.member_order import order_in
from app.office.office import require_local_office
from app.records.activities import (
    ActivityRow,
    delete_activity,
    find_activity,
    list_activities,
    undelete_activity,
)
from app.records.labels import ACTIVITY_KIND_LABELS, ActivityKind, AttendanceStatus
from app.records.record_rules import refuse_problems
from db.base import utc_now
from db.record_models import Activity, MeetingAgendaItem, MeetingGuest

# The forms and details live in meeting_forms; screens import them from here too.
__all__ = [
    "ActivityKind",
    "ActivityRow",
    "AgendaItem",
    "Attendee",
    "Guest",
    "MeetingDetail",
    "MeetingForm",
    "SpeechLine",
    "add_meeting",
    "delete_meeting",
    "find_meeting_uuid",
    "get_meeting",
    "list_meetings",
    "meeting_from_topic",
    "meeting_problems",
    "undelete_meeting",
    "update_meeting",
]


# --- reading ---------------------------------------------------------------------


def list_meetings(
    database: Database,
    year: int | None = None,
    kind: ActivityKind | None = None,
    office_code: str | None = None,
) -> list[ActivityRow]:
    """Every meeting and activity, newest first, with its attendance counts
    (`office_code`: a county's at the city, None for this office's)."""
    return list_activities(database, year, kind, office_code)


def get_meeting(database: Database, uuid: str) -> MeetingDetail:
    with database.read() as session:
        activity = get_activity_row(session, uuid)
        topic = activity.topic if activity.topic and activity.topic.deleted_at is None else None
        return MeetingDetail(
            uuid=activity.uuid,
            form=_form(activity),
            attendees=tuple(attendees(session, activity)),
            speeches=tuple(speech_lines(session, activity)),
            topic_title=topic.title if topic else "",
            topic_year=topic.plan.year if topic else None,
            order_note=order_in(session).note,
        )


def find_meeting_uuid(database: Database, text: str) -> str:
    """The meeting a typed id names: its UUID, or the UUID's first 8 or more characters."""
    text = text.strip().lower()
    if len(text) < 8:
        raise KnownError(f"“{text}”不是会议编号。", "请使用 meetings list 列出的 id。")
    with database.read() as session:
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
    with database.read() as session:
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


def add_meeting(
    database: Database, form: MeetingForm, attendance: Mapping[str, AttendanceStatus] | None = None
) -> str:
    """Save a new meeting (and its list of members: UUID → status); returns its UUID."""
    form = cleaned_form(form)
    with database.begin() as session:
        office = require_local_office(session)
        activity = Activity(owner_uuid=office.uuid, note="")
        _apply(session, activity, form, None)
        session.add(activity)
        if attendance:
            set_list(session, activity, attendance, keep_others=False)
        session.flush()
        return activity.uuid


def update_meeting(
    database: Database,
    uuid: str,
    form: MeetingForm,
    attendance: Mapping[str, AttendanceStatus] | None = None,
) -> None:
    """Change the meeting's details; with `attendance`, its list of members is replaced in
    the same transaction (the editor saves both or neither), else it stays as it is."""
    form = cleaned_form(form)
    with database.begin() as session:
        activity = get_activity_row(session, uuid)
        _apply(session, activity, form, activity.id)
        if attendance is not None:
            set_list(session, activity, attendance, keep_others=False)


def delete_meeting(database: Database, uuid: str) -> None:
    """Leaves a tombstone (the duty record goes with it); undelete_meeting brings it back."""
    delete_activity(database, uuid)


def undelete_meeting(database: Database, uuid: str) -> None:
    undelete_activity(database, uuid)


def _apply(session: Session, activity: Activity, form: MeetingForm, own_id: int | None) -> None:
    topic = get_topic(session, form.topic_uuid) if form.topic_uuid else None
    refuse_problems("会议", meeting_problems(form, topic.plan.year if topic else None))
    assert form.kind is not None and form.held_on is not None
    same = find_activity(session, activity.owner_uuid, form.kind, form.title, form.held_on)
    if same is not None and same.id != own_id:
        raise KnownError(
            f"{day_text(form.held_on)} 已有一次{ACTIVITY_KIND_LABELS[form.kind]}“{form.title}”"
            "（可能是导入履职登记表时建立的）。",
            "如是同一次会议：请关闭本窗口，在“协商 → 会议活动”（或“履职记录 → 会议活动”）中"
            "双击打开那一次，补上议程、列席人员，并在“协商议题”中选择议题后保存。"
            "如不是同一次，请改用其他名称。",
        )
    if own_id is not None:
        # Load the link as it is: a link table's row set over an unloaded one is
        # inserted a second time (UNIQUE topic_meeting.activity_id) instead of kept.
        _ = activity.topic
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
    live = sorted((r for r in activity.agenda_items if r.deleted_at is None), key=by_position)
    for position, item in enumerate(items, start=1):
        row = live[position - 1] if position <= len(live) else None
        if row is None:
            row = MeetingAgendaItem(owner_uuid=activity.owner_uuid)
            activity.agenda_items.append(row)
        row.position, row.content, row.presenter = position, item.content, item.presenter
    for row in live[len(items) :]:
        row.deleted_at = utc_now()


def _replace_guests(activity: Activity, guests: Sequence[Guest]) -> None:
    live = sorted((r for r in activity.guests if r.deleted_at is None), key=by_position)
    for position, guest in enumerate(guests, start=1):
        row = live[position - 1] if position <= len(live) else None
        if row is None:
            row = MeetingGuest(owner_uuid=activity.owner_uuid)
            activity.guests.append(row)
        row.position, row.kind = position, guest.kind
        row.name, row.unit_title = guest.name, guest.unit_title
    for row in live[len(guests) :]:
        row.deleted_at = utc_now()


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
            for r in sorted(activity.agenda_items, key=by_position)
            if r.deleted_at is None
        ),
        guests=tuple(live_guests(activity)),
        minutes=activity.minutes,
        consensus=tuple(line for line in activity.consensus.splitlines() if line.strip()),
        note=activity.note,
    )
