"""Consultation (协商): the annual plan and its topics, research, outcomes, attachments.

Meetings are the duty-record activities of db.record_models, extended there
with venue, chair, agenda, guests, speeches, minutes and consensus; a meeting
is tied to the topic it consulted on through the topic_meeting link table (a
link table, because SQLite can add a plain column to `activity` in place but
not a foreign key, and rebuilding `activity` would cascade into attendance).
"""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Enum,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from db.base import Base, SyncedMixin
from db.member_models import Member
from db.models import DictionaryEntry, enum_values
from db.record_models import Activity, ConsultationForm


class TopicSource(enum.StrEnum):
    """Who proposed a topic (议题来源)."""

    PARTY_COMMITTEE = "party_committee"  # 党委点题
    GOVERNMENT = "government"  # 政府点题
    PARTIES = "parties"  # 党派荐题
    CPPCC = "cppcc"  # 县政协荐题
    COMMITTEE = "committee"  # 专委会
    SECTOR = "sector"  # 界别
    MEMBER = "member"  # 委员


class TopicStatus(enum.StrEnum):
    PLANNED = "planned"  # 计划中
    RESEARCHING = "researching"  # 调研中
    HELD = "held"  # 已协商
    OUTCOME_SENT = "outcome_sent"  # 成果已报送
    CLOSED = "closed"  # 已办结
    CARRIED = "carried"  # 转入下年


class OutcomeKind(enum.StrEnum):
    """协商成果的形式 (seed 003, item 19)."""

    PARTY_GROUP_REPORT = "party_group_report"  # 政协党组报告
    RECOMMENDATION = "recommendation"  # 建议案
    CHAIR_REPORT = "chair_report"  # 主席专报
    THEMATIC_REPORT = "thematic_report"  # 专题报告
    RESEARCH_REPORT = "research_report"  # 调研视察报告
    INFORMATION = "information"  # 政协信息
    PROPOSAL_DIGEST = "proposal_digest"  # 重要提案摘报


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(
        cls, native_enum=False, length=24, validate_strings=True, values_callable=enum_values
    )


class ConsultationPlan(SyncedMixin, Base):
    """年度协商计划: one per office and year."""

    __tablename__ = "consultation_plan"
    __table_args__ = (
        UniqueConstraint("owner_uuid", "year", name="uq_consultation_plan_owner_year"),
        CheckConstraint("linked_target BETWEEN 0 AND 100", name="linked_target_percent"),
    )

    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    approved_on: Mapped[date | None] = mapped_column(Date, default=None)
    approved_by: Mapped[str] = mapped_column(String(100), default="")  # 县委常委会会议
    # The share of linked topics (联接议题) the city asks for; seed 000: 70.
    linked_target: Mapped[int] = mapped_column(Integer, default=70)
    preamble: Mapped[str] = mapped_column(Text, default="")  # the printed plan's opening

    topics: Mapped[list[ConsultationTopic]] = relationship(
        back_populates="plan", order_by="ConsultationTopic.position"
    )


topic_meeting = Table(
    "topic_meeting",
    Base.metadata,
    Column("activity_id", ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "topic_id",
        ForeignKey("consultation_topic.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
    UniqueConstraint("activity_id", name="uq_topic_meeting_activity_id"),  # one topic a meeting
)


class ConsultationTopic(SyncedMixin, Base):
    """协商议题: one line of the plan, followed from research to its outcome."""

    __tablename__ = "consultation_topic"
    __table_args__ = (
        CheckConstraint("planned_month BETWEEN 1 AND 12", name="planned_month_range"),
        CheckConstraint("planned_quarter BETWEEN 1 AND 4", name="planned_quarter_range"),
    )

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_plan.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    source: Mapped[TopicSource] = mapped_column(_enum(TopicSource))
    form: Mapped[ConsultationForm] = mapped_column(_enum(ConsultationForm))
    form_other: Mapped[str] = mapped_column(String(50), default="")  # names an OTHER form
    lead_committee_id: Mapped[int | None] = mapped_column(
        ForeignKey("dictionary_entry.id", ondelete="RESTRICT"), default=None, index=True
    )
    leader: Mapped[str] = mapped_column(String(100), default="")  # 牵头领导
    # Either a month or a quarter, or neither (全年).
    planned_month: Mapped[int | None] = mapped_column(Integer, default=None)
    planned_quarter: Mapped[int | None] = mapped_column(Integer, default=None)
    linked: Mapped[bool] = mapped_column(Boolean, default=False)  # 联接议题 (set by the city)
    status: Mapped[TopicStatus] = mapped_column(_enum(TopicStatus), default=TopicStatus.PLANNED)
    research_plan: Mapped[str] = mapped_column(Text, default="")  # 调研工作方案
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation_topic.id", ondelete="SET NULL"), default=None, index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[ConsultationPlan] = relationship(back_populates="topics")
    lead_committee: Mapped[DictionaryEntry | None] = relationship()
    carried_from: Mapped[ConsultationTopic | None] = relationship(
        remote_side="ConsultationTopic.id"
    )
    meetings: Mapped[list[Activity]] = relationship(
        secondary=topic_meeting, back_populates="topic", order_by="Activity.held_on"
    )
    groups: Mapped[list[ResearchGroup]] = relationship(
        back_populates="topic", order_by="ResearchGroup.position"
    )
    reports: Mapped[list[ResearchReport]] = relationship(
        back_populates="topic", order_by="ResearchReport.id"
    )


research_group_member = Table(
    "research_group_member",
    Base.metadata,
    Column("group_id", ForeignKey("research_group.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ResearchGroup(SyncedMixin, Base):
    """调研组: members and staff studying one sub-topic (分课题) of a topic."""

    __tablename__ = "research_group"

    topic_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_topic.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))  # 第一调研组
    sub_topic: Mapped[str] = mapped_column(String(200), default="")
    leader: Mapped[str] = mapped_column(String(100), default="")  # 组长
    staff: Mapped[str] = mapped_column(String(300), default="")  # 工作人员, free text

    topic: Mapped[ConsultationTopic] = relationship(back_populates="groups")
    members: Mapped[list[Member]] = relationship(secondary=research_group_member)


class ResearchReport(SyncedMixin, Base):
    """The “1+N” reports: one general report (总报告) and sub-reports (分报告)."""

    __tablename__ = "research_report"

    topic_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_topic.id", ondelete="RESTRICT"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("research_group.id", ondelete="SET NULL"), default=None, index=True
    )
    is_general: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(String(200))
    submitted_on: Mapped[date | None] = mapped_column(Date, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")

    topic: Mapped[ConsultationTopic] = relationship(back_populates="reports")
    group: Mapped[ResearchGroup | None] = relationship()


class Attachment(SyncedMixin, Base):
    """A file kept in the database (so backups hold it): work plans, reports, speeches.

    `parent_uuid` names the record it belongs to (a topic, report, speech or
    outcome); no foreign key, since parents live in several tables.
    """

    __tablename__ = "attachment"

    parent_uuid: Mapped[str] = mapped_column(String(36), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))


outcome_member = Table(
    "outcome_member",
    Base.metadata,
    Column(
        "outcome_id", ForeignKey("consultation_outcome.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class ConsultationOutcome(SyncedMixin, Base):
    """协商成果: a report sent to the party committee or government, and what became of it."""

    __tablename__ = "consultation_outcome"
    __table_args__ = (
        CheckConstraint(
            "proposals_made >= 0 AND social_info_made >= 0 AND speeches_made >= 0",
            name="conversions_not_negative",
        ),
    )

    year: Mapped[int] = mapped_column(Integer, index=True)  # the plan year it belongs to
    kind: Mapped[OutcomeKind] = mapped_column(_enum(OutcomeKind))
    title: Mapped[str] = mapped_column(String(200))
    topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation_topic.id", ondelete="RESTRICT"), default=None, index=True
    )
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity.id", ondelete="SET NULL"), default=None, index=True
    )
    sent_to: Mapped[str] = mapped_column(String(200), default="")  # 报送县委、县政府
    sent_on: Mapped[date | None] = mapped_column(Date, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")
    feedback_on: Mapped[date | None] = mapped_column(Date, default=None)  # 反馈委员
    feedback_note: Mapped[str] = mapped_column(Text, default="")
    # 成果转化: how many proposals, 社情民意 items and plenary speeches came of it.
    proposals_made: Mapped[int] = mapped_column(Integer, default=0)
    social_info_made: Mapped[int] = mapped_column(Integer, default=0)
    speeches_made: Mapped[int] = mapped_column(Integer, default=0)

    topic: Mapped[ConsultationTopic | None] = relationship()
    meeting: Mapped[Activity | None] = relationship()
    members: Mapped[list[Member]] = relationship(secondary=outcome_member)
    instructions: Mapped[list[LeaderInstruction]] = relationship(
        back_populates="outcome", order_by="LeaderInstruction.instructed_on"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="outcome", order_by="FollowUp.id"
    )


class LeaderInstruction(SyncedMixin, Base):
    """领导批示 on an outcome."""

    __tablename__ = "leader_instruction"

    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_outcome.id", ondelete="CASCADE"), index=True
    )
    leader: Mapped[str] = mapped_column(String(100))  # 县委书记 王某某
    instructed_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")

    outcome: Mapped[ConsultationOutcome] = relationship(back_populates="instructions")


class FollowUp(SyncedMixin, Base):
    """落实情况: what a department reported doing about an outcome."""

    __tablename__ = "follow_up"

    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_outcome.id", ondelete="CASCADE"), index=True
    )
    department: Mapped[str] = mapped_column(String(200))
    reported_on: Mapped[date | None] = mapped_column(Date, default=None)
    text: Mapped[str] = mapped_column(Text, default="")

    outcome: Mapped[ConsultationOutcome] = relationship(back_populates="follow_ups")
