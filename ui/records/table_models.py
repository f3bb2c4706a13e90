"""Columns of the three record lists: each a row dataclass per line."""

from __future__ import annotations

from app.common.text import day_text
from app.records.activities import ActivityRow
from app.records.record_items import SocialInfoRow, WorkRow
from ui.common.tables import CENTRE, RIGHT, Column, ColumnTableModel

RecordTableModel = ColumnTableModel


def _count(n: int) -> str:
    return str(n) if n else "—"


def _yes(flag: bool) -> str:
    return "✓" if flag else ""


ACTIVITY_COLUMNS: tuple[Column[ActivityRow], ...] = (
    Column("日期", lambda r: day_text(r.held_on)),
    Column("类别", lambda r: r.kind_label),
    Column("名称", lambda r: r.title),
    Column("出席", lambda r: _count(r.present), RIGHT, sort_value=lambda r: r.present),
    Column("请假", lambda r: _count(r.leave), RIGHT, sort_value=lambda r: r.leave),
    Column("缺席", lambda r: _count(r.absent), RIGHT, sort_value=lambda r: r.absent),
)

SOCIAL_INFO_COLUMNS: tuple[Column[SocialInfoRow], ...] = (
    Column("报送日期", lambda r: day_text(r.submitted_on)),
    Column("标题", lambda r: r.title),
    Column("报送人", lambda r: r.submitter_names),
    Column("采用", lambda r: _yes(r.adopted), CENTRE),
    Column("领导批示", lambda r: _yes(r.instructed), CENTRE),
)

WORK_COLUMNS: tuple[Column[WorkRow], ...] = (
    Column("日期", lambda r: day_text(r.submitted_on)),
    Column("类别", lambda r: r.kind_label),
    Column("题目", lambda r: r.title),
    Column("委员", lambda r: r.author_names),
)


def activity_model() -> ColumnTableModel[ActivityRow]:
    return ColumnTableModel(ACTIVITY_COLUMNS, key=lambda r: r.uuid)


def social_info_model() -> ColumnTableModel[SocialInfoRow]:
    return ColumnTableModel(SOCIAL_INFO_COLUMNS, key=lambda r: r.uuid)


def work_model() -> ColumnTableModel[WorkRow]:
    return ColumnTableModel(WORK_COLUMNS, key=lambda r: r.uuid)
