"""年度协商计划: the plan of a year, read with its topics (edited in topics).

A plan is made by save_plan or the first topic added to its year. The
linked/own share (联接议题 / 自选议题) is worked out for every plan against the
plan's own target (seed 000: 70 %).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_text, percent
from app.consultation.labels import (
    SOURCE_LABELS,
    STATUS_LABELS,
    ConsultationForm,
    TopicSource,
    TopicStatus,
    form_label,
    when_label,
)
from app.consultation.rules import (
    default_plan_title,
    find_plan,
    length_problem,
    past_problem,
)
from app.office.office import chosen_office, require_local_office
from app.office.scope import owner_uuids
from app.records.record_rules import refuse_problems
from db.base import utc_now
from db.consultation_models import (
    ConsultationOutcome,
    ConsultationPlan,
    ConsultationTopic,
    topic_meeting,
)
from db.models import Office
from db.record_models import Activity

LINKED_TARGET = 70  # percent of linked topics (联接议题) the city asks for, seed 000


@dataclass(frozen=True)
class PlanForm:
    title: str = ""  # empty: “2026年度协商计划”
    approved_on: date | None = None  # 县委批准日期
    approved_by: str = ""  # 县委常委会会议
    linked_target: int = LINKED_TARGET
    preamble: str = ""  # the printed plan's opening paragraph(s)


@dataclass(frozen=True)
class TopicRow:
    uuid: str
    number: int  # 1-based, in the plan's order
    title: str
    source: TopicSource
    form: ConsultationForm
    form_text: str  # 专题协商会, or the clerk's own word for 其他
    lead_committee: str
    leader: str
    when: str  # 3月 / 第二季度 / 全年
    linked: bool
    status: TopicStatus
    meetings: int
    outcomes: int
    carried_from: str  # “2025年转入” or ""

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def linked_label(self) -> str:
        return "联接议题" if self.linked else "自选议题"


@dataclass(frozen=True)
class LinkedShare:
    linked: int
    own: int
    target: int  # percent

    @property
    def total(self) -> int:
        return self.linked + self.own

    @property
    def on_target(self) -> bool:
        """True when linked topics make up at least the target share (or there are none)."""
        return self.total == 0 or self.linked * 100 >= self.target * self.total

    @property
    def text(self) -> str:
        """联接议题 7 个（70%）、自选议题 3 个（30%）；目标 70%."""
        return (
            f"联接议题 {self.linked} 个（{percent(self.linked, self.total)}）、"
            f"自选议题 {self.own} 个（{percent(self.own, self.total)}）；目标 {self.target}%"
        )


@dataclass(frozen=True)
class PlanDetail:
    uuid: str
    year: int
    form: PlanForm
    topics: tuple[TopicRow, ...]
    share: LinkedShare

    @property
    def title(self) -> str:
        return self.form.title or default_plan_title(self.year)


# --- plans -----------------------------------------------------------------------


def plan_years(database: Database, office_code: str | None = None) -> list[int]:
    """Years with a plan, and this year and the next; newest first. `office_code`:
    None for this office, a county's code or ALL_OFFICES (the city's 单位 filter)."""
    this_year = date.today().year
    with database.read() as session:
        owners = owner_uuids(session, office_code)
        years = set(
            session.scalars(
                select(ConsultationPlan.year).where(
                    ConsultationPlan.owner_uuid.in_(owners),
                    ConsultationPlan.deleted_at.is_(None),
                )
            )
        )
    return sorted(years | {this_year, this_year + 1}, reverse=True)


def get_plan(database: Database, year: int, office_code: str | None = None) -> PlanDetail | None:
    """The year's plan with its topics in order; None while the year has none.
    `office_code`: a county's plan at the city (read-only there), None for this office's."""
    with database.read() as session:
        plan = find_plan(session, chosen_office(session, office_code), year)
        return None if plan is None else _detail(session, plan)


def plan_problems(year: int, form: PlanForm) -> list[str]:
    problems = [
        length_problem(form.title, "标题", 200),
        length_problem(form.approved_by, "批准机关"),
        past_problem(form.approved_on, "批准日期"),
    ]
    if form.approved_on is not None and not year - 1 <= form.approved_on.year <= year:
        problems.append(
            f"批准日期：{form.approved_on:%Y年%m月%d日}不在{year - 1}年或{year}年内"
            f"（{year}年度计划通常在上年年底或当年年初批准）"
        )
    if not 0 <= form.linked_target <= 100:
        problems.append("联接议题目标比例：应在 0 到 100 之间")
    return [p for p in problems if p]


def save_plan(database: Database, year: int, form: PlanForm) -> str:
    """Create or change the year's plan; returns its UUID."""
    form = replace(form, title=clean_text(form.title), approved_by=clean_text(form.approved_by))
    refuse_problems("协商计划", plan_problems(year, form))
    with database.begin() as session:
        office = require_local_office(session)
        plan = find_plan(session, office, year) or new_plan(session, office, year)
        plan.title = form.title or default_plan_title(year)
        plan.approved_on = form.approved_on
        plan.approved_by = form.approved_by
        plan.linked_target = form.linked_target
        plan.preamble = form.preamble.strip()
        session.flush()
        return plan.uuid


def delete_plan(database: Database, year: int) -> None:
    """Only an empty plan can go: topics are deleted one by one first (each undoable)."""
    with database.begin() as session:
        plan = find_plan(session, require_local_office(session), year)
        if plan is None:
            return
        if any(t.deleted_at is None for t in plan.topics):
            raise KnownError(f"{year}年度协商计划中还有议题，不能删除。", "请先删除其中的议题。")
        plan.deleted_at = utc_now()


def new_plan(session: Session, office: Office, year: int) -> ConsultationPlan:
    plan = ConsultationPlan(
        owner_uuid=office.uuid, year=year, title=default_plan_title(year), linked_target=70
    )
    session.add(plan)
    return plan


def _detail(session: Session, plan: ConsultationPlan) -> PlanDetail:
    topics = session.scalars(
        select(ConsultationTopic)
        .where(ConsultationTopic.plan_id == plan.id, ConsultationTopic.deleted_at.is_(None))
        .order_by(ConsultationTopic.position, ConsultationTopic.id)
        .options(
            selectinload(ConsultationTopic.lead_committee),
            selectinload(ConsultationTopic.carried_from).selectinload(ConsultationTopic.plan),
        )
    ).all()
    ids = [t.id for t in topics]
    meetings = Counter(
        session.scalars(
            select(topic_meeting.c.topic_id)
            .join(Activity, Activity.id == topic_meeting.c.activity_id)
            .where(topic_meeting.c.topic_id.in_(ids), Activity.deleted_at.is_(None))
        )
    )
    outcomes = Counter(
        session.scalars(
            select(ConsultationOutcome.topic_id).where(
                ConsultationOutcome.topic_id.in_(ids), ConsultationOutcome.deleted_at.is_(None)
            )
        )
    )
    rows = tuple(
        topic_row(topic, number, meetings[topic.id], outcomes[topic.id])
        for number, topic in enumerate(topics, start=1)
    )
    linked = sum(1 for r in rows if r.linked)
    return PlanDetail(
        uuid=plan.uuid,
        year=plan.year,
        form=PlanForm(
            title=plan.title,
            approved_on=plan.approved_on,
            approved_by=plan.approved_by,
            linked_target=plan.linked_target,
            preamble=plan.preamble,
        ),
        topics=rows,
        share=LinkedShare(linked=linked, own=len(rows) - linked, target=plan.linked_target),
    )


def topic_row(topic: ConsultationTopic, number: int, meetings: int, outcomes: int) -> TopicRow:
    source = topic.carried_from
    return TopicRow(
        uuid=topic.uuid,
        number=number,
        title=topic.title,
        source=topic.source,
        form=topic.form,
        form_text=form_label(topic.form, topic.form_other),
        lead_committee=topic.lead_committee.name if topic.lead_committee else "",
        leader=topic.leader,
        when=when_label(topic.planned_month, topic.planned_quarter),
        linked=topic.linked,
        status=topic.status,
        meetings=meetings,
        outcomes=outcomes,
        carried_from=f"{source.plan.year}年转入" if source is not None else "",
    )
