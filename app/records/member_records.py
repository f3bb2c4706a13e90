"""A member's duty records (履职记录) as the member file lists them, year by year.

One member for the member file screen; many at once for 打印履职档案, where a read per
member (three queries each, 565 members in a big county) took longer than the layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, Table, select
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
    # The four columns shown, not whole activities (their notes and minutes): a county's
    # 履职档案 reads tens of thousands of attendances.
    rows = session.execute(
        select(
            Attendance.member_id,
            Activity.uuid,
            Activity.held_on,
            Activity.kind,
            Activity.title,
            Attendance.status,
        )
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
                uuid=uuid,
                year=held_on.year,
                day=held_on,
                kind_label=ACTIVITY_KIND_LABELS[kind],
                title=title,
                detail=ATTENDANCE_LABELS[status],
            ),
        )
        for member_id, uuid, held_on, kind, title, status in rows
    ]


def _social_info_items(session: Session, member_ids: list[int]) -> list[tuple[int, DutyRecordItem]]:
    rows = _linked(session, member_ids, social_info_submitter, SocialInfo, SocialInfo.submitters)
    return [
        (
            member_id,
            _item(
                item,
                SOCIAL_INFO_LABEL,
                _joined(
                    social_info_outcome(item.adopted, item.instructed),
                    _others("联名", item.submitters, member_id),
                ),
            ),
        )
        for member_id, item in rows
    ]


def _work_items(session: Session, member_ids: list[int]) -> list[tuple[int, DutyRecordItem]]:
    rows = _linked(session, member_ids, member_work_author, MemberWork, MemberWork.authors)
    return [
        (
            member_id,
            _item(work, WORK_KIND_LABELS[work.kind], _others("合作", work.authors, member_id)),
        )
        for member_id, work in rows
    ]


def _linked(
    session: Session, member_ids: list[int], link: Table, model: Any, people: Any
) -> Sequence[Row[Any]]:
    """(member id, record) for the live records `link` ties to the members, with all the
    people of each record (to name the others)."""
    member_column = link.c.member_id
    record_column = next(c for c in link.c if c is not member_column)
    return session.execute(
        select(member_column, model)
        .join(link, record_column == model.id)
        .where(member_column.in_(member_ids), model.deleted_at.is_(None))
        .options(selectinload(people))
    ).all()


def _item(record: Any, kind_label: str, detail: str) -> DutyRecordItem:
    """A 社情民意 or a speech or report: dated by when it was handed in."""
    day = record.submitted_on
    return DutyRecordItem(record.uuid, day.year, day, kind_label, record.title, detail)


def _others(word: str, members: Iterable[Member], me: int) -> str:
    names = [m.name for m in members if m.id != me and m.deleted_at is None]
    return f"{word}：{'、'.join(names)}" if names else ""


def _joined(*parts: str) -> str:
    return "；".join(p for p in parts if p)
