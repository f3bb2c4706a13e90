"""Columns of the consultation lists: the plan's topics and the outcomes."""

from __future__ import annotations

from app.common.text import day_text
from app.consultation.outcomes.outcomes import OutcomeRow
from app.consultation.plan.plans import TopicRow
from ui.common.tables import CENTRE, RIGHT, Column, ColumnTableModel


def _count(n: int) -> str:
    return str(n) if n else "—"


def _day(day) -> str:  # type: ignore[no-untyped-def]
    return day_text(day) if day is not None else ""


def _topic_title(row: TopicRow) -> str:
    return f"{row.title}（{row.carried_from}）" if row.carried_from else row.title


TOPIC_COLUMNS: tuple[Column[TopicRow], ...] = (
    Column("序号", lambda r: str(r.number), RIGHT, sort_value=lambda r: r.number),
    Column("协商议题", _topic_title),
    Column("来源", lambda r: r.source_label),
    Column("协商形式", lambda r: r.form_text),
    Column("牵头专委会", lambda r: r.lead_committee),
    Column("时间", lambda r: r.when),
    Column("类别", lambda r: r.linked_label, CENTRE),
    Column("状态", lambda r: r.status_label, CENTRE),
    Column("会议", lambda r: _count(r.meetings), RIGHT, sort_value=lambda r: r.meetings),
    Column("成果", lambda r: _count(r.outcomes), RIGHT, sort_value=lambda r: r.outcomes),
)

OUTCOME_COLUMNS: tuple[Column[OutcomeRow], ...] = (
    Column("成果类型", lambda r: r.kind_label),
    Column("成果名称", lambda r: r.title),
    Column("协商议题", lambda r: r.topic_title),
    Column("报送日期", lambda r: _day(r.sent_on), sort_value=lambda r: _day(r.sent_on)),
    Column("批示", lambda r: _count(r.instructions), RIGHT, sort_value=lambda r: r.instructions),
    Column("落实", lambda r: _count(r.follow_ups), RIGHT, sort_value=lambda r: r.follow_ups),
    Column("反馈委员", lambda r: _day(r.feedback_on)),
    Column("进展", lambda r: r.stage, CENTRE),
    Column("单位", lambda r: r.office_name),  # shown at the city for 全部 only
)
OUTCOME_OFFICE_COLUMN = len(OUTCOME_COLUMNS) - 1


def topic_model() -> ColumnTableModel[TopicRow]:
    return ColumnTableModel(TOPIC_COLUMNS, key=lambda r: r.uuid)


def outcome_model() -> ColumnTableModel[OutcomeRow]:
    return ColumnTableModel(OUTCOME_COLUMNS, key=lambda r: r.uuid)
