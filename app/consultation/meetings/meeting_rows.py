"""Session-level helpers the meeting services share (meetings, attendance, speeches,
sign_in, outcomes): loading a meeting, its live list, guests and speeches."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.common.errors import KnownError
from app.consultation.attachments import attachment_counts
from app.consultation.meetings.checklist import Seat, describe, term_of_year
from app.consultation.meetings.meeting_forms import Attendee, Guest, SpeechLine
from app.members.labels import CppccRole
from app.office.office import require_local_office
from app.records.activities import set_attendance as put_on_list  # one member, in a session
from app.records.labels import AttendanceStatus
from app.records.record_rules import live_members
from db.member_models import Membership
from db.record_models import Activity, Attendance, MeetingAgendaItem, MeetingGuest, MeetingSpeech


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
    rows = sorted((s for s in activity.speeches if s.deleted_at is None), key=by_position)
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


def set_list(
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


def by_position(row: MeetingAgendaItem | MeetingGuest | MeetingSpeech) -> int:
    return row.position
