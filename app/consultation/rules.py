"""Checks and look-ups the consultation services share."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.consultation.labels import TopicStatus
from app.records.record_rules import EARLIEST_DAY
from db.consultation_models import ConsultationPlan, ConsultationTopic
from db.models import Office

TEXT_MAX = 200
SHORT_MAX = 100

# The way forward; CARRIED ends a topic's year and is never advanced from.
STATUS_ORDER = (
    TopicStatus.PLANNED,
    TopicStatus.RESEARCHING,
    TopicStatus.HELD,
    TopicStatus.OUTCOME_SENT,
    TopicStatus.CLOSED,
)


def length_problem(text: str, label: str, most: int = SHORT_MAX) -> str | None:
    return f"{label}：过长（不超过{most}字）" if len(text) > most else None


def chinese_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def in_year_problem(day: date | None, year: int, label: str) -> str | None:
    """A date of the plan year's work must fall in that year."""
    if day is not None and day.year != year:
        return f"{label}：{chinese_day(day)}不在{year}年内（{year}年度协商计划的事项应在当年）"
    return None


def past_problem(day: date | None, label: str) -> str | None:
    """Something that has happened (报送, 批示, 反馈) cannot be dated after today."""
    if day is None:
        return None
    if day > date.today():
        return f"{label}：{chinese_day(day)}晚于今天"
    if day < EARLIEST_DAY:
        return f"{label}：{chinese_day(day)}不合理"
    return None


def not_before_problem(
    day: date | None, earliest: date | None, label: str, what: str
) -> str | None:
    if day is not None and earliest is not None and day < earliest:
        return f"{label}：{chinese_day(day)}早于{what}（{chinese_day(earliest)}）"
    return None


def find_plan(session: Session, office: Office, year: int) -> ConsultationPlan | None:
    return session.scalars(
        select(ConsultationPlan).where(
            ConsultationPlan.owner_uuid == office.uuid,
            ConsultationPlan.year == year,
            ConsultationPlan.deleted_at.is_(None),
        )
    ).one_or_none()


def default_plan_title(year: int) -> str:
    return f"{year}年度协商计划"


def get_topic(session: Session, uuid: str) -> ConsultationTopic:
    topic = session.scalars(
        select(ConsultationTopic).where(
            ConsultationTopic.uuid == uuid, ConsultationTopic.deleted_at.is_(None)
        )
    ).one_or_none()
    if topic is None:
        raise KnownError("该协商议题已不存在（可能已被删除）。", "请刷新后再试。")
    return topic


def advance_status(topic: ConsultationTopic, status: TopicStatus) -> None:
    """Move a topic forward (调研中 → 已协商 → 成果已报送), never back, never out of 转入下年."""
    if topic.status not in STATUS_ORDER:
        return
    if STATUS_ORDER.index(status) > STATUS_ORDER.index(topic.status):
        topic.status = status


def live_row(session: Session, cls, uuid: str, what: str):  # type: ignore[no-untyped-def]
    """The live (not tombstoned) row of `cls` with this UUID; `what` names it in the error."""
    row = session.scalars(
        select(cls).where(cls.uuid == uuid, cls.deleted_at.is_(None))
    ).one_or_none()
    if row is None:
        raise KnownError(f"{what}已不存在（可能已被删除）。", "请刷新后再试。")
    return row
