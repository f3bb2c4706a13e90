"""Duty records (履职记录): attendance, 社情民意信息, plenary speeches, reports.

(Contract stub — being implemented.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.storage import Database


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
    raise NotImplementedError
