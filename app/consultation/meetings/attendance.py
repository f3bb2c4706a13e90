"""Who is on a meeting's list and how they attended (出席 / 请假 / 缺席).

The list is the duty record's attendance (the five-ones check reads it).
Members come from the checklist (checklist.member_checklist, filtered), by
hand, or from a filled sign-in spreadsheet (sign_in). Taking someone off
leaves a tombstone, so the change travels to the city office.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.common.storage import Database
from app.consultation.meetings.meeting_rows import get_activity_row, live_attendance, set_list
from app.records.activities import set_attendance as put_on_list  # one member, in a session
from app.records.labels import AttendanceStatus

PRESENT = AttendanceStatus.PRESENT


def set_attendance(
    database: Database, uuid: str, attendance: Mapping[str, AttendanceStatus]
) -> None:
    """Replace the meeting's list: members not in `attendance` are taken off."""
    with database.begin() as session:
        set_list(session, get_activity_row(session, uuid), attendance, keep_others=False)


def add_attendees(
    database: Database, uuid: str, member_uuids: Iterable[str], status: AttendanceStatus = PRESENT
) -> int:
    """Put members (ticked on the checklist) on the list; those already on it keep their
    status. Returns how many were added."""
    with database.begin() as session:
        activity = get_activity_row(session, uuid)
        on_list = {a.member.uuid for a in live_attendance(activity)}
        new = {u: status for u in member_uuids if u not in on_list}
        set_list(session, activity, new, keep_others=True)
        return len(new)


def mark_attendance(
    database: Database, uuid: str, member_uuids: Iterable[str], status: AttendanceStatus
) -> None:
    """Give several members on the list one status (出席 / 请假 / 缺席)."""
    with database.begin() as session:
        set_list(
            session, get_activity_row(session, uuid), dict.fromkeys(member_uuids, status), True
        )


def remove_attendees(database: Database, uuid: str, member_uuids: Iterable[str]) -> None:
    with database.begin() as session:
        activity = get_activity_row(session, uuid)
        gone = set(member_uuids)
        for row in live_attendance(activity):
            if row.member.uuid in gone:
                put_on_list(activity, row.member, None)
