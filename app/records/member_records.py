"""A member's duty records (履职记录) as the member file lists them, year by year.

One member for the member file screen; many at once for 打印履职档案, where a read per
member (three queries each, 565 members in a big county) took longer than the layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.common.errors import KnownError
from app.common.storage import Database
from app.records.labels import ACTIVITY_KIND_LABELS, ATTENDANCE_LABELS, WORK_KIND_LABELS
from app.records.record_rules import social_info_outcome
from db.member_models import Member
from db.record_models import (
    Activity,
    Attendance,
    MemberWork,
    SocialInfo,
    member_work_author,
    social_info_submitter,
)

SOCIAL_INFO_LABEL = "社情民意"
_CHUNK = 500  # members per IN (...) list, below SQLite's variable limit


@dataclass(frozen=True)
class DutyRecordItem:
    """One line of a member's file, under its year."""

    uuid: str  # the record (activity, social info, work)
    year: int
    day: date
    kind_label: str  # 全体会议 / 视察 / 社情民意 / 大会发言 / 调研视察报告 …
    title: str
    detail: str  # 出席 / 请假 / 缺席; 采用, 批示; co-authors


def member_records(database: Database, member_uuid: str) -> list[DutyRecordItem]:
    """Every duty record of one member, newest first."""
    return records_by_member(database, [member_uuid])[member_uuid]


def records_by_member(
    database: Database, member_uuids: Sequence[str]
) -> dict[str, list[DutyRecordItem]]:
    """Every duty record of each member, newest first, in one read."""
    with database.read() as session:
        members: dict[int, Member] = {}
        for start in range(0, len(member_uuids), _CHUNK):
            chunk = list(member_uuids[start : start + _CHUNK])
            found = session.scalars(select(Member).where(Member.uuid.in_(chunk)))
            members.update((m.id, m) for m in found)
        if len(members) < len(set(member_uuids)):
            raise KnownError("该委员档案已不存在。", "请刷新列表后再试。")
        items: dict[int, list[DutyRecordItem]] = {member_id: [] for member_id in members}
        ids = list(members)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for member_id, item in (
                *_attendance_items(session, chunk),
                *_social_info_items(session, chunk),
                *_work_items(session, chunk),
            ):
                items[member_id].append(item)
    return {
        members[member_id].uuid: sorted(
            found, key=lambda item: (item.day, item.kind_label, item.title), reverse=True
        )
        for member_id, found in items.items()
    }


def _attendance_items(session: Session, member_ids: list[int]) -> list[tuple[int, DutyRecordItem]]:
    rows = session.execute(
        select(Attendance.member_id, Activity, Attendance.status)
        .join(Attendance, Attendance.activity_id == Activity.id)
        .where(
            Attendance.member_id.in_(member_ids),
            Attendance.deleted_at.is_(None),
            Activity.deleted_at.is_(None),
        )
    ).all()
    return [
        (
            member_id,
            DutyRecordItem(
                uuid=activity.uuid,
                year=activity.held_on.year,
                day=activity.held_on,
                kind_label=ACTIVITY_KIND_LABELS[activity.kind],
                title=activity.title,
                detail=ATTENDANCE_LABELS[status],
            ),
        )
        for member_id, activity, status in rows
    ]


def _social_info_items(session: Session, member_ids: list[int]) -> list[tuple[int, DutyRecordItem]]:
    link = social_info_submitter.c
    rows = session.execute(
        select(link.member_id, SocialInfo)
        .join(social_info_submitter, link.social_info_id == SocialInfo.id)
        .where(link.member_id.in_(member_ids), SocialInfo.deleted_at.is_(None))
        .options(selectinload(SocialInfo.submitters))
    ).all()
    return [
        (
            member_id,
            DutyRecordItem(
                uuid=item.uuid,
                year=item.submitted_on.year,
                day=item.submitted_on,
                kind_label=SOCIAL_INFO_LABEL,
                title=item.title,
                detail=_joined(
                    social_info_outcome(item.adopted, item.instructed),
                    _others("联名", item.submitters, member_id),
                ),
            ),
        )
        for member_id, item in rows
    ]


def _work_items(session: Session, member_ids: list[int]) -> list[tuple[int, DutyRecordItem]]:
    link = member_work_author.c
    rows = session.execute(
        select(link.member_id, MemberWork)
        .join(member_work_author, link.member_work_id == MemberWork.id)
        .where(link.member_id.in_(member_ids), MemberWork.deleted_at.is_(None))
        .options(selectinload(MemberWork.authors))
    ).all()
    return [
        (
            member_id,
            DutyRecordItem(
                uuid=work.uuid,
                year=work.submitted_on.year,
                day=work.submitted_on,
                kind_label=WORK_KIND_LABELS[work.kind],
                title=work.title,
                detail=_others("合作", work.authors, member_id),
            ),
        )
        for member_id, work in rows
    ]


def _others(word: str, members: Iterable[Member], me: int) -> str:
    names = [m.name for m in members if m.id != me and m.deleted_at is None]
    return f"{word}：{'、'.join(names)}" if names else ""


def _joined(*parts: str) -> str:
    return "；".join(p for p in parts if p)
