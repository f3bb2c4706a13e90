"""Duty records (履职记录): attendance, 社情民意信息, plenary speeches and reports."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin
from db.member_models import Member
from db.models import enum_values

if TYPE_CHECKING:
    from db.consultation_models import ConsultationTopic


class ActivityKind(enum.StrEnum):
    PLENARY = "plenary"  # 全体会议
    STANDING_MEETING = "standing_meeting"  # 常委会会议
    CONSULTATION = "consultation"  # 协商会
    INSPECTION = "inspection"  # 视察
    RESEARCH = "research"  # 调研
    TRAINING = "training"  # 培训
    MEMBER_ACTIVITY = "member_activity"  # 委员活动
    OTHER = "other"  # 其他


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"  # 出席
    LEAVE = "leave"  # 请假
    ABSENT = "absent"  # 缺席


class ConsultationForm(enum.StrEnum):
    """协商形式: how a topic is consulted on (seed 003, items 10-16)."""

    PLENARY = "plenary"  # 全体会议协商
    STANDING_SESSION = "standing_session"  # 专题议政性常委会会议
    THEMATIC = "thematic"  # 专题协商会
    QUARTERLY = "quarterly"  # 季协商座谈会
    COUNTERPART = "counterpart"  # 对口协商
    SECTOR = "sector"  # 界别协商
    PROPOSAL_HANDLING = "proposal_handling"  # 提案办理协商
    OTHER = "other"  # 其他


class GuestKind(enum.StrEnum):
    """Who else sits in a meeting besides members (列席 / 特邀)."""

    LEADER = "leader"  # 领导
    DEPARTMENT = "department"  # 部门
    EXPERT = "expert"  # 专家
    OTHER = "other"  # 其他


class WorkKind(enum.StrEnum):
    PLENARY_SPEECH = "plenary_speech"  # 大会发言
    RESEARCH_REPORT = "research_report"  # 调研视察报告


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(
        cls, native_enum=False, length=24, validate_strings=True, values_callable=enum_values
    )


class Activity(SyncedMixin, Base):
    """A meeting or activity the office organised (全体会议, 视察, 培训 …)."""

    __tablename__ = "activity"

    kind: Mapped[ActivityKind] = mapped_column(_enum(ActivityKind), index=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # Meeting details (revision 0006), added to existing rows by ALTER TABLE: hence the
    # server defaults. Empty for records entered only for attendance.
    time_text: Mapped[str] = mapped_column(String(50), default="", server_default="")  # 上午9:00
    venue: Mapped[str] = mapped_column(String(200), default="", server_default="")
    chair: Mapped[str] = mapped_column(String(100), default="", server_default="")  # 主持人
    consultation_form: Mapped[ConsultationForm | None] = mapped_column(
        _enum(ConsultationForm), default=None
    )
    minutes: Mapped[str] = mapped_column(Text, default="", server_default="")  # 纪要
    consensus: Mapped[str] = mapped_column(Text, default="", server_default="")  # one per line

    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )
    agenda_items: Mapped[list[MeetingAgendaItem]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingAgendaItem.position"
    )
    guests: Mapped[list[MeetingGuest]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingGuest.position"
    )
    speeches: Mapped[list[MeetingSpeech]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingSpeech.position"
    )
    # The plan topic the meeting consulted on (a link table: see db.consultation_models).
    topic: Mapped[ConsultationTopic | None] = relationship(
        secondary="topic_meeting", back_populates="meetings"
    )


class Attendance(SyncedMixin, Base):
    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("activity_id", "member_id", name="uq_attendance_activity_member"),
    )

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(_enum(AttendanceStatus))

    activity: Mapped[Activity] = relationship(back_populates="attendances")
    member: Mapped[Member] = relationship()


class MeetingAgendaItem(SyncedMixin, Base):
    """议程: one item of a meeting's agenda, in order."""

    __tablename__ = "meeting_agenda_item"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str] = mapped_column(String(100), default="")  # 汇报人 / 发言人


class MeetingGuest(SyncedMixin, Base):
    """An invited leader, department or expert (not a member), entered freely."""

    __tablename__ = "meeting_guest"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[GuestKind] = mapped_column(_enum(GuestKind))
    name: Mapped[str] = mapped_column(String(100))  # a person, or a department's name
    unit_title: Mapped[str] = mapped_column(String(200), default="")  # 单位及职务


class MeetingSpeech(SyncedMixin, Base):
    """发言: who spoke on what; the text, or an attachment (app.consultation.attachments)."""

    __tablename__ = "meeting_speech"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), default=None, index=True
    )
    speaker: Mapped[str] = mapped_column(String(100))  # as printed; a guest or unit too
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")

    member: Mapped[Member | None] = relationship()


social_info_submitter = Table(
    "social_info_submitter",
    Base.metadata,
    Column("social_info_id", ForeignKey("social_info.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class SocialInfo(SyncedMixin, Base):
    """社情民意信息: a short report one or more members submitted."""

    __tablename__ = "social_info"

    title: Mapped[str] = mapped_column(String(200))
    submitted_on: Mapped[date] = mapped_column(Date, index=True)
    adopted: Mapped[bool] = mapped_column(Boolean, default=False)  # 采用
    instructed: Mapped[bool] = mapped_column(Boolean, default=False)  # 领导批示
    note: Mapped[str] = mapped_column(Text, default="")

    submitters: Mapped[list[Member]] = relationship(secondary=social_info_submitter)


member_work_author = Table(
    "member_work_author",
    Base.metadata,
    Column("member_work_id", ForeignKey("member_work.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class MemberWork(SyncedMixin, Base):
    """A plenary speech (大会发言) or research/inspection report (调研视察报告)."""

    __tablename__ = "member_work"

    kind: Mapped[WorkKind] = mapped_column(_enum(WorkKind), index=True)
    title: Mapped[str] = mapped_column(String(200))
    submitted_on: Mapped[date] = mapped_column(Date, index=True)
    note: Mapped[str] = mapped_column(Text, default="")

    authors: Mapped[list[Member]] = relationship(secondary=member_work_author)
