"""Duty records (履职记录): meetings and activities with their attendance lists,
and each member's records year by year.

社情民意信息, plenary speeches and reports live in app.records.record_items;
both share the checks and look-ups below. Deleting leaves a tombstone and can
be undone; attendance rows taken off a list are tombstoned too, so that the
change can travel to the city office.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session, selectinload

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_line, clean_multiline, day_text
from app.members.member_order import member_sorter
from app.office.office import chosen_office, require_local_office
from app.records.labels import (
    ACTIVITY_KIND_LABELS,
    ATTENDANCE_LABELS,
    ActivityKind,
    AttendanceStatus,
)
from app.records.record_rules import (
    day_problem,
    live_members,
    note_problem,
    refuse_problems,
    title_problem,
    year_range,
)
from db.base import utc_now
from db.member_models import Member
from db.record_models import (
    Activity,
    Attendance,
    MemberWork,
    SocialInfo,
)


@dataclass(frozen=True)
class ActivityForm:
    """What the activity dialog edits; attendance maps member UUID to status.

    Members not in `attendance` are not on the list (e.g. a 常委会会议 lists
    only standing members).
    """

    kind: ActivityKind = ActivityKind.MEMBER_ACTIVITY
    title: str = ""
    held_on: date | None = None
    note: str = ""
    attendance: dict[str, AttendanceStatus] = field(default_factory=dict)


@dataclass(frozen=True)
class ActivityRow:
    uuid: str
    kind: ActivityKind
    title: str
    held_on: date
    present: int
    leave: int
    absent: int

    @property
    def kind_label(self) -> str:
        return ACTIVITY_KIND_LABELS[self.kind]


@dataclass(frozen=True)
class AttendanceLine:
    member_uuid: str
    name: str
    status: AttendanceStatus

    @property
    def status_label(self) -> str:
        return ATTENDANCE_LABELS[self.status]


@dataclass(frozen=True)
class ActivityDetail:
    uuid: str
    form: ActivityForm
    attendance: tuple[AttendanceLine, ...]  # by name


def record_years(database: Database) -> list[int]:
    """Years that hold any duty record, and this year; newest first."""
    with database.read() as session:
        years = {date.today().year}
        for column, deleted in (
            (Activity.held_on, Activity.deleted_at),
            (SocialInfo.submitted_on, SocialInfo.deleted_at),
            (MemberWork.submitted_on, MemberWork.deleted_at),
        ):
            years.update(
                int(y)
                for y in session.scalars(
                    select(extract("year", column)).where(deleted.is_(None)).distinct()
                )
            )
    return sorted(years, reverse=True)


# --- activities ----------------------------------------------------------------


def activity_problems(form: ActivityForm) -> list[str]:
    """What stops the (cleaned) form from being saved, in Chinese."""
    problems = (title_problem(form.title), day_problem(form.held_on), note_problem(form.note))
    return [p for p in problems if p]


def list_activities(
    database: Database,
    year: int | None = None,
    kind: ActivityKind | None = None,
    office_code: str | None = None,
) -> list[ActivityRow]:
    """Activities newest first, with how many attended, were on leave, were absent.
    `office_code`: at the city, a county's (read-only copies)."""
    with database.read() as session:
        office = chosen_office(session, office_code)
        query = select(Activity).where(
            Activity.owner_uuid == office.uuid, Activity.deleted_at.is_(None)
        )
        if year is not None:
            first, last = year_range(year)
            query = query.where(Activity.held_on.between(first, last))
        if kind is not None:
            query = query.where(Activity.kind == kind)
        activities = session.scalars(
            query.order_by(Activity.held_on.desc(), Activity.id.desc())
        ).all()
        counts = _attendance_counts(session, [a.id for a in activities])
        return [
            ActivityRow(
                uuid=a.uuid,
                kind=a.kind,
                title=a.title,
                held_on=a.held_on,
                present=counts.get((a.id, AttendanceStatus.PRESENT), 0),
                leave=counts.get((a.id, AttendanceStatus.LEAVE), 0),
                absent=counts.get((a.id, AttendanceStatus.ABSENT), 0),
            )
            for a in activities
        ]


def get_activity(database: Database, uuid: str) -> ActivityDetail:
    with database.read() as session:
        activity = _get_activity(session, uuid)
        live = {a.member.id: a for a in _live_attendance(activity)}
        members = member_sorter(session)(a.member for a in live.values())
        lines = [AttendanceLine(m.uuid, m.name, live[m.id].status) for m in members]
        return ActivityDetail(
            uuid=activity.uuid,
            form=ActivityForm(
                kind=activity.kind,
                title=activity.title,
                held_on=activity.held_on,
                note=activity.note,
                attendance={line.member_uuid: line.status for line in lines},
            ),
            attendance=tuple(lines),
        )


def add_activity(database: Database, form: ActivityForm) -> str:
    form = _checked_activity(form)
    with database.begin() as session:
        office = require_local_office(session)
        _refuse_same_activity(session, office.uuid, form, None)
        activity = Activity(owner_uuid=office.uuid)
        _apply_activity(session, activity, form)
        session.add(activity)
        session.flush()
        return activity.uuid


def update_activity(database: Database, uuid: str, form: ActivityForm) -> None:
    form = _checked_activity(form)
    with database.begin() as session:
        activity = _get_activity(session, uuid)
        _refuse_same_activity(session, activity.owner_uuid, form, activity.id)
        _apply_activity(session, activity, form)


def delete_activity(database: Database, uuid: str) -> None:
    """Leaves a tombstone; undelete_activity brings it back with its attendance."""
    with database.begin() as session:
        _get_activity(session, uuid).deleted_at = utc_now()


def undelete_activity(database: Database, uuid: str) -> None:
    with database.begin() as session:
        activity = session.scalars(select(Activity).where(Activity.uuid == uuid)).one()
        form = ActivityForm(kind=activity.kind, title=activity.title, held_on=activity.held_on)
        _refuse_same_activity(session, activity.owner_uuid, form, activity.id)
        activity.deleted_at = None


def find_activity(
    session: Session, owner_uuid: str, kind: ActivityKind, title: str, held_on: date
) -> Activity | None:
    """The live activity of this kind, title and date: the import merges into it."""
    return session.scalars(
        select(Activity).where(
            Activity.owner_uuid == owner_uuid,
            Activity.kind == kind,
            Activity.title == title,
            Activity.held_on == held_on,
            Activity.deleted_at.is_(None),
        )
    ).first()


def set_attendance(
    activity: Activity,
    member: Member,
    status: AttendanceStatus | None,
    rows: dict[int, Attendance] | None = None,
) -> bool:
    """Put a member on the list with a status (None: take off); True if it changed.

    `rows`: the activity's rows by member id, for many calls in a row (an import
    of a meeting with hundreds of members); kept up to date here.
    """
    if rows is None:
        row = next((a for a in activity.attendances if _is_of(a, member)), None)
    else:
        row = rows.get(member.id)
    if status is None:
        if row is None or row.deleted_at is not None:
            return False
        row.deleted_at = utc_now()
        return True
    if row is None:
        row = Attendance(owner_uuid=activity.owner_uuid, member=member, status=status)
        activity.attendances.append(row)
        if rows is not None:
            rows[member.id] = row
        return True
    if row.deleted_at is None and row.status is status:
        return False
    row.deleted_at = None  # back on the list: the same row, so its UUID travels on
    row.status = status
    return True


def _is_of(row: Attendance, member: Member) -> bool:
    # Rows added in this session have no member_id until the flush.
    return row.member_id == member.id if row.member_id is not None else row.member is member


def _checked_activity(form: ActivityForm) -> ActivityForm:
    form = ActivityForm(
        kind=form.kind,
        title=clean_line(form.title),
        held_on=form.held_on,
        note=clean_multiline(form.note),
        attendance=dict(form.attendance),
    )
    refuse_problems("活动", activity_problems(form))
    return form


def _refuse_same_activity(
    session: Session, owner_uuid: str, form: ActivityForm, own_id: int | None
) -> None:
    assert form.held_on is not None
    same = find_activity(session, owner_uuid, form.kind, form.title, form.held_on)
    if same is not None and same.id != own_id:
        raise KnownError(
            f"{day_text(form.held_on)} 已有一次{ACTIVITY_KIND_LABELS[form.kind]}“{form.title}”。",
            "如是同一次活动，请直接修改它的出席名单；否则请改用其他名称。",
        )


def _apply_activity(session: Session, activity: Activity, form: ActivityForm) -> None:
    assert form.held_on is not None
    members = live_members(session, form.attendance)
    with session.no_autoflush:  # one flush, so one revision step per save
        activity.kind = form.kind
        activity.title = form.title
        activity.held_on = form.held_on
        activity.note = form.note
        for row in list(activity.attendances):
            if row.member.uuid not in form.attendance:
                set_attendance(activity, row.member, None)
        for uuid, status in form.attendance.items():
            set_attendance(activity, members[uuid], status)


def _get_activity(session: Session, uuid: str) -> Activity:
    activity = session.scalars(
        select(Activity)
        .where(Activity.uuid == uuid, Activity.deleted_at.is_(None))
        .options(selectinload(Activity.attendances).selectinload(Attendance.member))
    ).one_or_none()
    if activity is None:
        raise KnownError("该活动已不存在（可能已被删除）。", "请刷新列表后再试。")
    return activity


def _live_attendance(activity: Activity) -> list[Attendance]:
    return [a for a in activity.attendances if a.deleted_at is None and a.member.deleted_at is None]


def _attendance_counts(
    session: Session, activity_ids: list[int]
) -> dict[tuple[int, AttendanceStatus], int]:
    if not activity_ids:
        return {}
    rows = session.execute(
        select(Attendance.activity_id, Attendance.status, func.count())
        .join(Member, Member.id == Attendance.member_id)
        .where(
            Attendance.activity_id.in_(activity_ids),
            Attendance.deleted_at.is_(None),
            Member.deleted_at.is_(None),
        )
        .group_by(Attendance.activity_id, Attendance.status)
    ).all()
    return {(activity_id, status): count for activity_id, status, count in rows}
