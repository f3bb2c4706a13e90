"""A year of consultation in figures (the plan's progress, meetings, outcomes, 成果转化).

For the consultation page's header and the year-end summary; seed 000 counts
conversions the same way (社情民意 30, 提案 200, 大会发言 50 since 2019).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from app.common.storage import Database
from app.consultation.labels import OUTCOME_KIND_LABELS, STATUS_LABELS, TopicStatus
from app.consultation.plan.plans import LINKED_TARGET, LinkedShare, get_plan
from app.office.office import chosen_office
from db.consultation_models import (
    ConsultationOutcome,
    ConsultationPlan,
    ConsultationTopic,
    topic_meeting,
)
from db.record_models import Activity


@dataclass(frozen=True)
class YearFigures:
    year: int
    topics: int
    by_status: tuple[tuple[str, int], ...]  # (计划中, 3) … in the statuses' order, zeros left out
    share: LinkedShare
    meetings: int  # meetings held on the year's topics
    outcomes: int
    by_kind: tuple[tuple[str, int], ...]  # (建议案, 2) …
    instructions: int
    followed_up: int  # outcomes with a follow-up
    fed_back: int  # outcomes fed back to the members
    proposals_made: int
    social_info_made: int
    speeches_made: int

    def lines(self) -> list[str]:
        """The figures as the clerk reads them, one line each."""
        status = "、".join(f"{label} {n}" for label, n in self.by_status) or "无"
        kinds = "、".join(f"{label} {n}" for label, n in self.by_kind) or "无"
        return [
            f"{self.year}年度协商计划：议题 {self.topics} 个（{status}）",
            self.share.text,
            f"已召开协商会议 {self.meetings} 次",
            f"协商成果 {self.outcomes} 件（{kinds}），领导批示 {self.instructions} 次，"
            f"已落实 {self.followed_up} 件，已反馈委员 {self.fed_back} 件",
            f"成果转化：提案 {self.proposals_made} 件、社情民意信息 {self.social_info_made} 条、"
            f"大会发言 {self.speeches_made} 篇",
        ]


def year_figures(database: Database, year: int, office_code: str | None = None) -> YearFigures:
    """`office_code`: a county's figures at the city, None for this office's."""
    plan = get_plan(database, year, office_code)
    topics = plan.topics if plan is not None else ()
    statuses = Counter(t.status for t in topics)
    with database.read() as session:
        office = chosen_office(session, office_code)
        meeting_ids = set(
            session.scalars(
                select(Activity.id)
                .join(topic_meeting, topic_meeting.c.activity_id == Activity.id)
                .join(ConsultationTopic, ConsultationTopic.id == topic_meeting.c.topic_id)
                .join(ConsultationPlan, ConsultationPlan.id == ConsultationTopic.plan_id)
                .where(
                    ConsultationPlan.year == year,
                    ConsultationPlan.owner_uuid == office.uuid,
                    Activity.deleted_at.is_(None),
                    ConsultationTopic.deleted_at.is_(None),
                )
            )
        )
        outcomes = session.scalars(
            select(ConsultationOutcome).where(
                ConsultationOutcome.owner_uuid == office.uuid,
                ConsultationOutcome.year == year,
                ConsultationOutcome.deleted_at.is_(None),
            )
        ).all()
        kinds = Counter(o.kind for o in outcomes)
        return YearFigures(
            year=year,
            topics=len(topics),
            by_status=tuple((STATUS_LABELS[s], statuses[s]) for s in TopicStatus if statuses[s]),
            share=plan.share if plan is not None else LinkedShare(0, 0, LINKED_TARGET),
            meetings=len(meeting_ids),
            outcomes=len(outcomes),
            by_kind=tuple((OUTCOME_KIND_LABELS[k], n) for k, n in kinds.items()),
            instructions=sum(1 for o in outcomes for i in o.instructions if i.deleted_at is None),
            followed_up=sum(1 for o in outcomes if any(f.deleted_at is None for f in o.follow_ups)),
            fed_back=sum(1 for o in outcomes if o.feedback_on is not None),
            proposals_made=sum(o.proposals_made for o in outcomes),
            social_info_made=sum(o.social_info_made for o in outcomes),
            speeches_made=sum(o.speeches_made for o in outcomes),
        )
