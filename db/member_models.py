"""Member files (委员档案) and their term memberships (届 / 增补 / 辞去 …)."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from db.base import Base, SyncedMixin
from db.models import DictionaryEntry, Term, enum_values


class Sex(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


class CppccRole(enum.StrEnum):
    """政协职务. Everyone above MEMBER sits on the standing committee (常委)."""

    CHAIR = "chair"  # 主席
    VICE_CHAIR = "vice_chair"  # 副主席
    SECRETARY_GENERAL = "secretary_general"  # 秘书长
    STANDING = "standing"  # 常委
    MEMBER = "member"  # 委员


class MembershipStatus(enum.StrEnum):
    ACTIVE = "active"  # 在任
    RESIGNED = "resigned"  # 辞去
    REVOKED = "revoked"  # 撤销
    TRANSFERRED = "transferred"  # 调离
    DECEASED = "deceased"  # 去世


def _enum(cls: type[enum.Enum], length: int = 24) -> Enum:
    return Enum(
        cls, native_enum=False, length=length, validate_strings=True, values_callable=enum_values
    )


member_committee = Table(
    "member_committee",
    Base.metadata,
    Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "committee_id",
        ForeignKey("dictionary_entry.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)


class Member(SyncedMixin, Base):
    __tablename__ = "member"
    __table_args__ = (
        UniqueConstraint("owner_uuid", "id_number", name="uq_member_owner_id_number"),
        Index("ix_member_name", "name"),
    )

    name: Mapped[str] = mapped_column(String(50))
    sex: Mapped[Sex | None] = mapped_column(_enum(Sex, 8), default=None)
    ethnic_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("dictionary_entry.id", ondelete="RESTRICT"), default=None, index=True
    )
    # 出生年月: offices often know only the month; then the day is stored as 1.
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    birth_day_known: Mapped[bool] = mapped_column(Boolean, default=False)
    native_place: Mapped[str] = mapped_column(String(100), default="")  # 籍贯
    education: Mapped[str] = mapped_column(String(50), default="")  # 学历
    party_id: Mapped[int | None] = mapped_column(
        ForeignKey("dictionary_entry.id", ondelete="RESTRICT"), default=None, index=True
    )
    sector_id: Mapped[int | None] = mapped_column(
        ForeignKey("dictionary_entry.id", ondelete="RESTRICT"), default=None, index=True
    )
    employer: Mapped[str] = mapped_column(String(200), default="")  # 工作单位及职务
    professional_title: Mapped[str] = mapped_column(String(100), default="")  # 职称
    liaison_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("dictionary_entry.id", ondelete="RESTRICT"), default=None, index=True
    )
    phone: Mapped[str] = mapped_column(String(60), default="")
    id_number: Mapped[str | None] = mapped_column(String(18), default=None)  # 公民身份号码
    address: Mapped[str] = mapped_column(String(200), default="")
    photo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, default=None))
    note: Mapped[str] = mapped_column(Text, default="")

    ethnic_group: Mapped[DictionaryEntry | None] = relationship(foreign_keys=[ethnic_group_id])
    party: Mapped[DictionaryEntry | None] = relationship(foreign_keys=[party_id])
    sector: Mapped[DictionaryEntry | None] = relationship(foreign_keys=[sector_id])
    liaison_group: Mapped[DictionaryEntry | None] = relationship(foreign_keys=[liaison_group_id])
    committees: Mapped[list[DictionaryEntry]] = relationship(secondary=member_committee)
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )


class Membership(SyncedMixin, Base):
    """A member's seat in one term (连任 gives one row per term)."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("member_id", "term_id", name="uq_membership_member_term"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id", ondelete="RESTRICT"), index=True)
    role: Mapped[CppccRole] = mapped_column(_enum(CppccRole), default=CppccRole.MEMBER)
    # None: from the start of the term; a date: joined mid-term (增补).
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[MembershipStatus] = mapped_column(
        _enum(MembershipStatus), default=MembershipStatus.ACTIVE
    )
    status_date: Mapped[date | None] = mapped_column(Date, default=None)
    # 序号: the member's number in the office's own roster of the term (名单顺序).
    roster_number: Mapped[int | None] = mapped_column(Integer, default=None)

    member: Mapped[Member] = relationship(back_populates="memberships")
    term: Mapped[Term] = relationship()
