"""Proposals (提案): intake, review, assignment to handling units, replies, feedback,
supervision, leads and attached files.

Every table here travels to the city office (SyncedMixin).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, SyncedMixin, UtcDateTime
from db.member_models import Member
from db.models import DictionaryEntry, PlenarySession, Term, enum_values


class SubmitterKind(enum.StrEnum):
    INDIVIDUAL = "individual"  # 委员个人
    JOINT = "joint"  # 委员联名
    PARTY_GROUP = "party_group"  # 党派团体
    SECTOR = "sector"  # 界别
    MEMBER_GROUP = "member_group"  # 委员小组（联络组）
    COMMITTEE = "committee"  # 专委会


class Period(enum.StrEnum):
    PLENARY = "plenary"  # 大会期间
    RECESS = "recess"  # 闭会期间（平时提案）


class ProposalState(enum.StrEnum):
    SUBMITTED = "submitted"  # 待审查
    ACCEPTED = "accepted"  # 立案
    REJECTED = "rejected"  # 不予立案
    MERGED = "merged"  # 并案（并入另一件）
    CONVERTED = "converted"  # 转社情民意信息或意见建议


class RejectionGround(enum.StrEnum):
    SECRETS = "secrets"
    PROHIBITED_TOPIC = "prohibited_topic"
    PARTY_PERSONNEL = "party_personnel"
    DEMOCRATIC_PARTY_INTERNAL = "democratic_party_internal"
    LITIGATION = "litigation"
    ACADEMIC_DEBATE = "academic_debate"
    PERSONAL_REQUEST = "personal_request"
    PRODUCT_PROMOTION = "product_promotion"
    NAMED_ACCUSATION = "named_accusation"
    EMPTY_CONTENT = "empty_content"
    OTHER = "other"


class ConversionKind(enum.StrEnum):
    SOCIAL_INFO = "social_info"  # 转社情民意信息
    OPINION = "opinion"  # 转意见建议（交有关单位参考）


class UnitRole(enum.StrEnum):
    LEAD = "lead"  # 主办
    ASSIST = "assist"  # 协办
    JOINT = "joint"  # 会办
    SPLIT = "split"  # 分办


class Satisfaction(enum.StrEnum):
    SATISFIED = "satisfied"  # 满意
    BASIC = "basic"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意


class LeadSource(enum.StrEnum):
    PUBLIC = "public"  # 社会公众
    DEPARTMENT = "department"  # 党政部门
    RESEARCH = "research"  # 调研
    COMMITTEE = "committee"  # 专委会、党派团体
    OTHER = "other"


class AttachmentPurpose(enum.StrEnum):
    ORIGINAL = "original"  # 提案原件（扫描件或 Word 文件）
    REPLY = "reply"  # 答复函
    OTHER = "other"


def _enum(cls: type[enum.Enum], length: int = 32) -> Enum:
    return Enum(
        cls, native_enum=False, length=length, validate_strings=True, values_callable=enum_values
    )


class ProposalLead(SyncedMixin, Base):
    """提案线索 / 参考题目: collected before a plenary; the published ones are reference topics."""

    __tablename__ = "proposal_lead"

    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[LeadSource] = mapped_column(_enum(LeadSource))
    source_detail: Mapped[str] = mapped_column(String(200), default="")  # who gave it
    content: Mapped[str] = mapped_column(Text, default="")
    collected_on: Mapped[date | None] = mapped_column(Date, default=None)
    published: Mapped[bool] = mapped_column(Boolean, default=False)  # on the reference list


class Proposal(SyncedMixin, Base):
    __tablename__ = "proposal"
    __table_args__ = (Index("ix_proposal_year_number", "year", "number"),)

    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(60))  # as printed: 十届三次会议第0012号, 2021-015
    serial: Mapped[int | None] = mapped_column(Integer, default=None)  # 12; None for history
    term_id: Mapped[int | None] = mapped_column(
        ForeignKey("term.id", ondelete="RESTRICT"), default=None, index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("plenary_session.id", ondelete="RESTRICT"), default=None, index=True
    )
    period: Mapped[Period] = mapped_column(_enum(Period), default=Period.PLENARY)
    submitter_kind: Mapped[SubmitterKind] = mapped_column(_enum(SubmitterKind))
    # The party, group, sector or committee that submits; for members, empty.
    submitter_name: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(300))  # 案由
    body: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("dictionary_entry.id", ondelete="RESTRICT"), default=None, index=True
    )
    category_text: Mapped[str] = mapped_column(String(50), default="")  # not (yet) in the list
    submitted_on: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    state: Mapped[ProposalState] = mapped_column(
        _enum(ProposalState), default=ProposalState.SUBMITTED, index=True
    )
    reviewed_on: Mapped[date | None] = mapped_column(Date, default=None)
    rejection_ground: Mapped[RejectionGround | None] = mapped_column(
        _enum(RejectionGround), default=None
    )
    rejection_text: Mapped[str] = mapped_column(Text, default="")
    passed_to: Mapped[str] = mapped_column(String(200), default="")  # where it was passed on
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposal.id", ondelete="RESTRICT"), default=None, index=True
    )
    converted_kind: Mapped[ConversionKind | None] = mapped_column(
        _enum(ConversionKind), default=None
    )
    social_info_id: Mapped[int | None] = mapped_column(
        ForeignKey("social_info.id", ondelete="SET NULL"), default=None, index=True
    )
    is_key: Mapped[bool] = mapped_column(Boolean, default=False)  # 重点提案
    not_public: Mapped[bool] = mapped_column(Boolean, default=False)  # 不公开
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposal_lead.id", ondelete="SET NULL"), default=None, index=True
    )
    supervisor: Mapped[str] = mapped_column(String(100), default="")  # 督办领导
    # History imported from earlier years' spreadsheets: units and result as written.
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    imported_units: Mapped[str] = mapped_column(String(300), default="")
    imported_result: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    term: Mapped[Term | None] = relationship()
    session: Mapped[PlenarySession | None] = relationship()
    category: Mapped[DictionaryEntry | None] = relationship()
    merged_into: Mapped[Proposal | None] = relationship(remote_side="Proposal.id")
    lead: Mapped[ProposalLead | None] = relationship()
    signers: Mapped[list[ProposalSigner]] = relationship(
        back_populates="proposal",
        cascade="all, delete-orphan",
        order_by="ProposalSigner.position",
    )
    assignments: Mapped[list[UnitAssignment]] = relationship(
        back_populates="proposal", order_by="UnitAssignment.id"
    )


class ProposalSigner(SyncedMixin, Base):
    """The first proposer (position 0) and co-signers (联名人) of a proposal.

    A member, or a name kept as text (a former member, a party branch). The set
    travels with its proposal: editing the signers replaces the rows and bumps
    the proposal's revision, and a receiving office replaces the set.
    """

    __tablename__ = "proposal_signer"
    __table_args__ = (
        UniqueConstraint("proposal_id", "position", name="uq_proposal_signer_position"),
    )

    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), default=None, index=True
    )
    name: Mapped[str] = mapped_column(String(50))

    proposal: Mapped[Proposal] = relationship(back_populates="signers")
    member: Mapped[Member | None] = relationship()


class ProposalAttachment(SyncedMixin, Base):
    """A file kept in the data folder under attachments/, addressed by its SHA-256."""

    __tablename__ = "proposal_attachment"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[AttachmentPurpose] = mapped_column(_enum(AttachmentPurpose))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)


class UnitAssignment(SyncedMixin, Base):
    """One handling unit's part in one proposal, for one round of handling.

    不满意 reopens handling: the round is marked reopened and a new round starts.
    A unit that hands the proposal back (退回调整) keeps its row with the date.
    """

    __tablename__ = "proposal_assignment"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("dictionary_entry.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[UnitRole] = mapped_column(_enum(UnitRole))
    round: Mapped[int] = mapped_column(Integer, default=1)
    assigned_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date, index=True)
    extended_to: Mapped[date | None] = mapped_column(Date, default=None)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    returned_on: Mapped[date | None] = mapped_column(Date, default=None)  # 退回调整
    return_reason: Mapped[str] = mapped_column(Text, default="")
    contact_way: Mapped[str] = mapped_column(String(50), default="")  # 办前沟通
    contacted_on: Mapped[date | None] = mapped_column(Date, default=None)
    replied_on: Mapped[date | None] = mapped_column(Date, default=None)
    reply_attachment_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposal_attachment.id", ondelete="SET NULL"), default=None
    )
    result_class_id: Mapped[int | None] = mapped_column(
        ForeignKey("dictionary_entry.id", ondelete="RESTRICT"), default=None, index=True
    )
    satisfaction: Mapped[Satisfaction | None] = mapped_column(_enum(Satisfaction), default=None)
    satisfaction_comment: Mapped[str] = mapped_column(Text, default="")
    rated_on: Mapped[date | None] = mapped_column(Date, default=None)
    reopened: Mapped[bool] = mapped_column(Boolean, default=False)
    ledger_closed_on: Mapped[date | None] = mapped_column(Date, default=None)  # 督办台账销号
    ledger_note: Mapped[str] = mapped_column(Text, default="")

    proposal: Mapped[Proposal] = relationship(back_populates="assignments")
    unit: Mapped[DictionaryEntry] = relationship(foreign_keys=[unit_id])
    result_class: Mapped[DictionaryEntry | None] = relationship(foreign_keys=[result_class_id])
    reply_attachment: Mapped[ProposalAttachment | None] = relationship()

    @property
    def active(self) -> bool:
        return self.returned_on is None and not self.reopened and self.deleted_at is None

    @property
    def due(self) -> date:
        return self.extended_to or self.deadline


class ProposalHistory(SyncedMixin, Base):
    """One step in a proposal's life, with the person at the keyboard."""

    __tablename__ = "proposal_history"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE"), index=True
    )
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    on_date: Mapped[date | None] = mapped_column(Date, default=None)  # the date the step names
    action: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    operator: Mapped[str] = mapped_column(String(50), default="")


class SupervisionRecord(SyncedMixin, Base):
    """督办: a visit, meeting or face-to-face handling of a proposal."""

    __tablename__ = "proposal_supervision"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE"), index=True
    )
    on_date: Mapped[date] = mapped_column(Date)
    form: Mapped[str] = mapped_column(String(50))  # 实地督办、座谈协商、面对面办理 …
    content: Mapped[str] = mapped_column(Text, default="")
    leader: Mapped[str] = mapped_column(String(100), default="")
