"""Research before consultation (先调研再协商): groups, the work plan, and the
“1+N” reports — one general report (总报告) and a sub-report (分报告) per group
or sub-topic — of one plan topic. Attachments (the signed work plan, the
reports as sent) go through app.consultation.attachments with the topic's or
the report's UUID.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_text
from app.consultation.attachments import attachment_counts
from app.consultation.labels import TopicStatus
from app.consultation.rules import (
    advance_status,
    get_topic,
    in_year_problem,
    length_problem,
    live_row,
    past_problem,
)
from app.records.record_rules import live_members, refuse_problems, title_problem
from db.base import utc_now
from db.consultation_models import ConsultationTopic, ResearchGroup, ResearchReport


@dataclass(frozen=True)
class GroupForm:
    name: str = ""  # 第一调研组
    sub_topic: str = ""  # 分课题
    leader: str = ""  # 组长
    staff: str = ""  # 工作人员 (not members), free text
    member_uuids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportForm:
    title: str = ""
    general: bool = False  # the one 总报告; else a 分报告
    group_uuid: str | None = None  # the group that wrote a sub-report
    submitted_on: date | None = None
    summary: str = ""


@dataclass(frozen=True)
class GroupLine:
    uuid: str
    name: str
    sub_topic: str
    leader: str
    staff: str
    members: tuple[tuple[str, str], ...]  # (uuid, name)


@dataclass(frozen=True)
class ReportLine:
    uuid: str
    title: str
    general: bool
    group_uuid: str | None
    group_name: str
    submitted_on: date | None
    summary: str
    attachments: int


@dataclass(frozen=True)
class Research:
    topic_uuid: str
    topic_title: str
    year: int
    work_plan: str  # 调研工作方案
    work_plan_attachments: int
    groups: tuple[GroupLine, ...]
    reports: tuple[ReportLine, ...]  # the general report first

    @property
    def pattern(self) -> str:
        """“1+3”: one general report and three sub-reports."""
        general = sum(1 for r in self.reports if r.general)
        return f"{general}+{len(self.reports) - general}"


def get_research(database: Database, topic_uuid: str) -> Research:
    with database.read() as session:
        topic = get_topic(session, topic_uuid)
        groups = [g for g in topic.groups if g.deleted_at is None]
        reports = sorted(
            (r for r in topic.reports if r.deleted_at is None),
            key=lambda r: (not r.is_general, r.submitted_on or date.max, r.id),
        )
        counts = attachment_counts(session, [topic.uuid, *(r.uuid for r in reports)])
        return Research(
            topic_uuid=topic.uuid,
            topic_title=topic.title,
            year=topic.plan.year,
            work_plan=topic.research_plan,
            work_plan_attachments=counts.get(topic.uuid, 0),
            groups=tuple(
                GroupLine(
                    uuid=g.uuid,
                    name=g.name,
                    sub_topic=g.sub_topic,
                    leader=g.leader,
                    staff=g.staff,
                    members=tuple((m.uuid, m.name) for m in g.members if m.deleted_at is None),
                )
                for g in groups
            ),
            reports=tuple(
                ReportLine(
                    uuid=r.uuid,
                    title=r.title,
                    general=r.is_general,
                    group_uuid=r.group.uuid if r.group and r.group.deleted_at is None else None,
                    group_name=r.group.name if r.group and r.group.deleted_at is None else "",
                    submitted_on=r.submitted_on,
                    summary=r.summary,
                    attachments=counts.get(r.uuid, 0),
                )
                for r in reports
            ),
        )


def set_work_plan(database: Database, topic_uuid: str, text: str) -> None:
    """调研工作方案 (its signed copy: an attachment on the topic)."""
    with database.begin() as session:
        topic = get_topic(session, topic_uuid)
        topic.research_plan = text.strip()
        if topic.research_plan:
            advance_status(topic, TopicStatus.RESEARCHING)


# --- groups ----------------------------------------------------------------------


def group_problems(form: GroupForm) -> list[str]:
    problems = [
        title_problem(form.name, "调研组名称"),
        length_problem(form.sub_topic, "分课题", 200),
        length_problem(form.leader, "组长"),
        length_problem(form.staff, "工作人员", 300),
    ]
    return [p for p in problems if p]


def add_group(database: Database, topic_uuid: str, form: GroupForm) -> str:
    form = _group_cleaned(form)
    with database.begin() as session:
        topic = get_topic(session, topic_uuid)
        position = session.scalar(
            select(func.coalesce(func.max(ResearchGroup.position), 0)).where(
                ResearchGroup.topic_id == topic.id
            )
        )
        group = ResearchGroup(owner_uuid=topic.owner_uuid, position=(position or 0) + 1)
        _apply_group(session, group, form)
        group.topic = topic  # only now: the look-ups above must not flush a half-made group
        session.add(group)
        advance_status(topic, TopicStatus.RESEARCHING)
        session.flush()
        return group.uuid


def update_group(database: Database, uuid: str, form: GroupForm) -> None:
    form = _group_cleaned(form)
    with database.begin() as session:
        _apply_group(session, live_row(session, ResearchGroup, uuid, "该调研组"), form)


def delete_group(database: Database, uuid: str) -> None:
    with database.begin() as session:
        live_row(session, ResearchGroup, uuid, "该调研组").deleted_at = utc_now()


def _group_cleaned(form: GroupForm) -> GroupForm:
    form = replace(
        form,
        name=clean_text(form.name),
        sub_topic=clean_text(form.sub_topic),
        leader=clean_text(form.leader),
        staff=clean_text(form.staff),
        member_uuids=tuple(dict.fromkeys(form.member_uuids)),
    )
    refuse_problems("调研组", group_problems(form))
    return form


def _apply_group(session: Session, group: ResearchGroup, form: GroupForm) -> None:
    members = live_members(session, form.member_uuids)
    group.name, group.sub_topic = form.name, form.sub_topic
    group.leader, group.staff = form.leader, form.staff
    group.members = [members[u] for u in form.member_uuids]


# --- reports ---------------------------------------------------------------------


def report_problems(form: ReportForm, year: int) -> list[str]:
    problems = [
        title_problem(form.title, "报告题目"),
        past_problem(form.submitted_on, "完成日期"),
        in_year_problem(form.submitted_on, year, "完成日期"),
    ]
    return [p for p in problems if p]


def add_report(database: Database, topic_uuid: str, form: ReportForm) -> str:
    form = _report_cleaned(form)
    with database.begin() as session:
        topic = get_topic(session, topic_uuid)
        report = ResearchReport(owner_uuid=topic.owner_uuid)
        _apply_report(session, topic, report, form)
        report.topic = topic
        session.add(report)
        advance_status(topic, TopicStatus.RESEARCHING)
        session.flush()
        return report.uuid


def update_report(database: Database, uuid: str, form: ReportForm) -> None:
    form = _report_cleaned(form)
    with database.begin() as session:
        report = live_row(session, ResearchReport, uuid, "该调研报告")
        _apply_report(session, report.topic, report, form)


def delete_report(database: Database, uuid: str) -> None:
    with database.begin() as session:
        live_row(session, ResearchReport, uuid, "该调研报告").deleted_at = utc_now()


def _report_cleaned(form: ReportForm) -> ReportForm:
    return replace(form, title=clean_text(form.title), summary=form.summary.strip())


def _apply_report(
    session: Session, topic: ConsultationTopic, report: ResearchReport, form: ReportForm
) -> None:
    refuse_problems("调研报告", report_problems(form, topic.plan.year))
    if form.general:
        other = next(
            (r for r in topic.reports if r.is_general and r.deleted_at is None and r is not report),
            None,
        )
        if other is not None:
            raise KnownError(
                f"调研报告未保存：该议题已有总报告“{other.title}”（“1+N”中只有一份总报告）。",
                "请把本报告作为分报告保存，或修改原有的总报告。",
            )
    group = (
        live_row(session, ResearchGroup, form.group_uuid, "该调研组") if form.group_uuid else None
    )
    if group is not None and group.topic_id != topic.id:
        raise KnownError("调研报告未保存：所选调研组不属于该议题。", "请重新选择调研组。")
    report.title, report.is_general, report.group = form.title, form.general, group
    report.submitted_on, report.summary = form.submitted_on, form.summary
