"""协商议题: the topics of a year's plan, in order (app.consultation.plan.plans reads them).

Adding the first topic of a year makes its plan. Deleting leaves a tombstone;
a topic's meetings and outcomes stay (they happened). The status moves
forward by itself as research, meetings and outcomes come (rules.advance_status);
`set_topic_status` is the clerk's word.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_text
from app.consultation.labels import ConsultationForm, TopicSource, TopicStatus
from app.consultation.plan.plans import new_plan
from app.consultation.rules import find_plan, get_topic, length_problem
from app.office.office import require_local_office
from app.records.record_rules import refuse_problems, title_problem
from db.base import utc_now
from db.consultation_models import ConsultationTopic
from db.models import DictionaryEntry, DictionaryKind, Office


@dataclass(frozen=True)
class TopicForm:
    """What the topic dialog edits. `lead_committee` is a 专委会 name, or empty."""

    title: str = ""
    source: TopicSource | None = None
    form: ConsultationForm | None = None
    form_other: str = ""  # the form's name when `form` is OTHER
    lead_committee: str = ""
    leader: str = ""  # 牵头领导
    planned_month: int | None = None  # either a month …
    planned_quarter: int | None = None  # … or a quarter, or neither (全年)
    linked: bool = False  # 联接议题 (set by the city) or 自选议题
    status: TopicStatus = TopicStatus.PLANNED
    research_plan: str = ""  # 调研工作方案
    note: str = ""


def committee_names(database: Database) -> list[str]:
    """The 专委会 a topic can be led by (retired ones left out), in the office's order."""
    with database.read() as session:
        office = require_local_office(session)
        return list(
            session.scalars(
                _committees(office)
                .where(DictionaryEntry.retired.is_(False))
                .with_only_columns(DictionaryEntry.name)
            )
        )


def topic_problems(form: TopicForm) -> list[str]:
    problems = [
        title_problem(form.title, "议题"),
        None if form.source is not None else "议题来源：请选择",
        None if form.form is not None else "协商形式：请选择",
        length_problem(form.form_other, "协商形式名称", 50),
        length_problem(form.leader, "牵头领导"),
    ]
    if form.planned_month is not None and not 1 <= form.planned_month <= 12:
        problems.append("计划时间：月份应在 1 到 12 之间")
    if form.planned_quarter is not None and not 1 <= form.planned_quarter <= 4:
        problems.append("计划时间：季度应在 1 到 4 之间")
    if form.planned_month is not None and form.planned_quarter is not None:
        problems.append("计划时间：请只填月份或季度中的一项")
    return [p for p in problems if p]


def add_topic(database: Database, year: int, form: TopicForm) -> str:
    """Add a topic at the end of the year's plan (made now if the year has none)."""
    form = _checked(form)
    with database.begin() as session:
        office = require_local_office(session)
        plan = find_plan(session, office, year) or new_plan(session, office, year)
        session.flush()
        position = session.scalar(
            select(func.coalesce(func.max(ConsultationTopic.position), 0)).where(
                ConsultationTopic.plan_id == plan.id
            )
        )
        topic = ConsultationTopic(owner_uuid=office.uuid, position=(position or 0) + 1)
        _apply(session, office, topic, form)
        topic.plan = plan  # only now: _apply's look-ups must not flush a half-made topic
        session.add(topic)
        session.flush()
        return topic.uuid


def update_topic(database: Database, uuid: str, form: TopicForm) -> None:
    form = _checked(form)
    with database.begin() as session:
        office = require_local_office(session)
        _apply(session, office, get_topic(session, uuid), form)


def get_topic_form(database: Database, uuid: str) -> tuple[int, TopicForm]:
    """(plan year, the topic as the dialog edits it)."""
    with database.read() as session:
        topic = get_topic(session, uuid)
        return topic.plan.year, _form(topic)


def set_topic_status(database: Database, uuid: str, status: TopicStatus) -> None:
    """The clerk's word on where a topic stands (any status, forward or back)."""
    with database.begin() as session:
        get_topic(session, uuid).status = status


def move_topic(database: Database, uuid: str, offset: int) -> None:
    """Swap a topic with its neighbour above (offset -1) or below (+1)."""
    with database.begin() as session:
        topic = get_topic(session, uuid)
        live = [t for t in topic.plan.topics if t.deleted_at is None]
        index = live.index(topic)
        other = index + offset
        if not 0 <= other < len(live):
            return
        live[index], live[other] = live[other], live[index]
        for position, item in enumerate(live, start=1):
            if item.position != position:
                item.position = position


def delete_topic(database: Database, uuid: str) -> None:
    """Leaves a tombstone; its meetings and outcomes stay (they happened)."""
    with database.begin() as session:
        get_topic(session, uuid).deleted_at = utc_now()


def undelete_topic(database: Database, uuid: str) -> None:
    with database.begin() as session:
        topic = session.scalars(
            select(ConsultationTopic).where(ConsultationTopic.uuid == uuid)
        ).one()
        topic.deleted_at = None


def _checked(form: TopicForm) -> TopicForm:
    form = replace(
        form,
        title=clean_text(form.title),
        form_other=clean_text(form.form_other),
        lead_committee=clean_text(form.lead_committee),
        leader=clean_text(form.leader),
        research_plan=form.research_plan.strip(),
        note=form.note.strip(),
    )
    refuse_problems("协商议题", topic_problems(form))
    return form


def _committees(office: Office):  # type: ignore[no-untyped-def]
    return (
        select(DictionaryEntry)
        .where(
            DictionaryEntry.owner_uuid == office.uuid,
            DictionaryEntry.kind == DictionaryKind.COMMITTEE,
            DictionaryEntry.deleted_at.is_(None),
        )
        .order_by(DictionaryEntry.sort_order, DictionaryEntry.id)
    )


def _apply(session: Session, office: Office, topic: ConsultationTopic, form: TopicForm) -> None:
    assert form.source is not None and form.form is not None
    committee = None
    if form.lead_committee:
        committee = session.scalars(
            _committees(office).where(DictionaryEntry.name == form.lead_committee)
        ).first()
        if committee is None:
            raise KnownError(
                f"协商议题未保存：专委会“{form.lead_committee}”不在专委会名单中。",
                "请从列表中选择，或先在“设置 → 名单维护”中添加该专委会。",
            )
    topic.title = form.title
    topic.source = form.source
    topic.form = form.form
    topic.form_other = form.form_other if form.form is ConsultationForm.OTHER else ""
    topic.lead_committee = committee
    topic.leader = form.leader
    topic.planned_month = form.planned_month
    topic.planned_quarter = form.planned_quarter
    topic.linked = form.linked
    topic.status = form.status
    topic.research_plan = form.research_plan
    topic.note = form.note


def _form(topic: ConsultationTopic) -> TopicForm:
    return TopicForm(
        title=topic.title,
        source=topic.source,
        form=topic.form,
        form_other=topic.form_other,
        lead_committee=topic.lead_committee.name if topic.lead_committee else "",
        leader=topic.leader,
        planned_month=topic.planned_month,
        planned_quarter=topic.planned_quarter,
        linked=topic.linked,
        status=topic.status,
        research_plan=topic.research_plan,
        note=topic.note,
    )
