"""Duty records (履职记录): attendance, 社情民意信息, plenary speeches and reports."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin
from db.member_models import Member
from db.models import enum_values


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

    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
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
