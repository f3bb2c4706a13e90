"""Tables of the ground floor: offices, terms, sessions, dictionaries, settings."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin


def enum_values(enum_class: type[enum.Enum]) -> list[str]:
    """Store enum values ("county"), not member names, so files stay readable."""
    return [member.value for member in enum_class]


class OfficeLevel(enum.StrEnum):
    COUNTY = "county"
    CITY = "city"


class DictionaryKind(enum.StrEnum):
    """The office's editable lists. Values are stored; labels live in app/."""

    SECTOR = "sector"  # 界别
    PARTY = "party"  # 政治面貌
    ETHNIC_GROUP = "ethnic_group"  # 民族
    COMMITTEE = "committee"  # 专委会
    LIAISON_GROUP = "liaison_group"  # 联络组
    HANDLING_UNIT = "handling_unit"  # 承办单位
    PROPOSAL_CATEGORY = "proposal_category"  # 提案类别
    RESULT_CLASS = "result_class"  # 办理结果类别


class Office(SyncedMixin, Base):
    """This installation's office (is_local) and the offices it exchanges with."""

    __tablename__ = "office"
    __table_args__ = (CheckConstraint("length(division_code) = 6", name="division_code_len"),)

    level: Mapped[OfficeLevel] = mapped_column(
        Enum(
            OfficeLevel,
            native_enum=False,
            length=16,
            validate_strings=True,
            values_callable=enum_values,
        )
    )
    name: Mapped[str] = mapped_column(String(100))
    division_code: Mapped[str] = mapped_column(String(6), unique=True)
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)


class Term(SyncedMixin, Base):
    """届: e.g. 第十届 (2021-2026)."""

    __tablename__ = "term"
    __table_args__ = (
        UniqueConstraint("owner_uuid", "number", name="uq_term_owner_number"),
        CheckConstraint("first_year <= last_year", name="years_ordered"),
        CheckConstraint("number > 0", name="number_positive"),
    )

    number: Mapped[int] = mapped_column(Integer)
    first_year: Mapped[int] = mapped_column(Integer)
    last_year: Mapped[int] = mapped_column(Integer)

    sessions: Mapped[list[PlenarySession]] = relationship(
        back_populates="term", order_by="PlenarySession.number"
    )


class PlenarySession(SyncedMixin, Base):
    """次会议: the annual plenary of a term (第一次会议 … 第五次会议)."""

    __tablename__ = "plenary_session"
    __table_args__ = (
        UniqueConstraint("term_id", "number", name="uq_plenary_session_term_number"),
        CheckConstraint("number > 0", name="number_positive"),
    )

    term_id: Mapped[int] = mapped_column(ForeignKey("term.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)

    term: Mapped[Term] = relationship(back_populates="sessions")


class DictionaryEntry(SyncedMixin, Base):
    """One entry of an editable list. Entries in use are retired, never deleted."""

    __tablename__ = "dictionary_entry"
    __table_args__ = (
        UniqueConstraint("owner_uuid", "kind", "name", name="uq_dictionary_entry_kind_name"),
    )

    kind: Mapped[DictionaryKind] = mapped_column(
        Enum(
            DictionaryKind,
            native_enum=False,
            length=32,
            validate_strings=True,
            values_callable=enum_values,
        ),
        index=True,
    )
    name: Mapped[str] = mapped_column(String(100))
    # For 承办单位: its functions (职能), used later to suggest units for proposals.
    description: Mapped[str] = mapped_column(Text, default="")
    # Other names offices write for the entry (中国共产党 for 中共), one a line; a name or
    # alias is unique within the office's list of a kind (app.office.dictionaries checks).
    aliases: Mapped[str] = mapped_column(Text, default="", server_default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class AppSetting(Base):
    """Local settings of this installation (not exchanged): one JSON value per key."""

    __tablename__ = "app_setting"
    __table_args__ = ({"info": {"local": True}},)  # never exchanged

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
