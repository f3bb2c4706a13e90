"""Topics still open at year end, offered for next year's plan (问题不解决，协商不停止).

A topic is open while it is 计划中, 调研中, 已协商 or 成果已报送; the reason says
what it still lacks. Carrying copies it into next year's plan (made if
needed) with a link back, and marks the old one 转入下年. All chosen topics
are carried, or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation.labels import OPEN_STATUSES, STATUS_LABELS, TopicStatus
from app.consultation.rules import default_plan_title, find_plan, get_topic
from app.office.office import require_local_office
from db.consultation_models import ConsultationOutcome, ConsultationPlan, ConsultationTopic
from db.models import Office


@dataclass(frozen=True)
class OpenTopic:
    uuid: str
    title: str
    status_label: str
    reason: str  # 尚未协商 / 成果已报送，尚无领导批示 / 批示尚无落实情况 / 尚未反馈委员


def open_topics(database: Database, year: int) -> list[OpenTopic]:
    """The year's topics that are not closed or carried, in the plan's order."""
    with database.read() as session:
        plan = find_plan(session, require_local_office(session), year)
        if plan is None:
            return []
        return [
            OpenTopic(t.uuid, t.title, STATUS_LABELS[t.status], _reason(session, t))
            for t in plan.topics
            if t.deleted_at is None and t.status in OPEN_STATUSES
        ]


def carry_into_next_year(database: Database, year: int, topic_uuids: Sequence[str]) -> list[str]:
    """Copy the chosen open topics into the plan of year + 1; returns the new topics' UUIDs."""
    with database.begin() as session:
        office = require_local_office(session)
        topics = [get_topic(session, uuid) for uuid in topic_uuids]
        for topic in topics:
            if topic.plan.year != year or topic.status not in OPEN_STATUSES:
                raise KnownError(
                    f"议题“{topic.title}”不是{year}年度尚未办结的议题，不能转入下年。",
                    "请刷新后重新选择。本次未转入任何议题。",
                )
        plan = _plan(session, office, year + 1)
        position = session.scalar(
            select(func.coalesce(func.max(ConsultationTopic.position), 0)).where(
                ConsultationTopic.plan_id == plan.id
            )
        )
        new = []
        for offset, topic in enumerate(topics, start=1):
            copy = ConsultationTopic(
                owner_uuid=office.uuid,
                plan=plan,
                position=(position or 0) + offset,
                title=topic.title,
                source=topic.source,
                form=topic.form,
                form_other=topic.form_other,
                lead_committee=topic.lead_committee,
                leader=topic.leader,
                linked=topic.linked,
                status=TopicStatus.PLANNED,
                research_plan="",
                carried_from=topic,
                note=f"由{year}年度转入（原状态：{STATUS_LABELS[topic.status]}）。",
            )
            session.add(copy)
            topic.status = TopicStatus.CARRIED
            new.append(copy)
        session.flush()
        return [t.uuid for t in new]


def _plan(session: Session, office: Office, year: int) -> ConsultationPlan:
    plan = find_plan(session, office, year)
    if plan is None:
        plan = ConsultationPlan(owner_uuid=office.uuid, year=year, title=default_plan_title(year))
        session.add(plan)
        session.flush()
    return plan


def _reason(session: Session, topic: ConsultationTopic) -> str:
    if topic.status in (TopicStatus.PLANNED, TopicStatus.RESEARCHING):
        return "尚未召开协商会议"
    outcomes = session.scalars(
        select(ConsultationOutcome).where(
            ConsultationOutcome.topic_id == topic.id, ConsultationOutcome.deleted_at.is_(None)
        )
    ).all()
    sent = [o for o in outcomes if o.sent_on is not None]
    if not sent:
        return "协商成果尚未报送"
    instructed = [o for o in sent if any(i.deleted_at is None for i in o.instructions)]
    if not instructed:
        return "成果已报送，尚无领导批示"
    if not any(any(f.deleted_at is None for f in o.follow_ups) for o in instructed):
        return "领导已批示，尚无落实情况"
    return "尚未向委员反馈办理情况"
