"""Exchange between offices (county ⇄ city on USB): keys, partners, history, notices.

Only `Notice` travels (SyncedMixin). The other tables are this installation's own
bookkeeping and never leave it: the office's private keys, the partners' trusted
public keys, what each partner has acknowledged, the exchange history, and the
log of records removed outright (so that their removal can travel too).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, SyncedMixin, UtcDateTime, utc_now


class OfficeKey(Base):
    """An office's signing (Ed25519) and encryption (X25519) keys, raw 32 bytes each.

    The local office's row holds the private halves too; a partner's row only the
    public ones, trusted once the clerk confirmed the fingerprint. A replaced key
    is retired, not deleted (files in transit may still need it).
    """

    __tablename__ = "office_key"
    __table_args__ = ({"info": {"local": True}},)  # never exchanged

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_uuid: Mapped[str] = mapped_column(
        String(36), ForeignKey("office.uuid", ondelete="RESTRICT"), index=True
    )
    sign_public: Mapped[bytes] = mapped_column(LargeBinary)
    encrypt_public: Mapped[bytes] = mapped_column(LargeBinary)
    sign_private: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    encrypt_private: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


class ExchangePartner(Base):
    """Where the exchange with one partner office stands, seen from here."""

    __tablename__ = "exchange_partner"
    __table_args__ = ({"info": {"local": True}},)  # never exchanged

    office_uuid: Mapped[str] = mapped_column(
        String(36), ForeignKey("office.uuid", ondelete="RESTRICT"), primary_key=True
    )
    next_sequence: Mapped[int] = mapped_column(Integer, default=1)  # of our next file to them
    acked_sequence: Mapped[int] = mapped_column(Integer, default=0)  # their newest receipt read
    # What they confirmed holding: zlib-compressed JSON {record uuid: revision}.
    acked_map: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    applied_max: Mapped[int] = mapped_column(Integer, default=0)  # their newest file applied here
    last_file_created: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)


class ExchangeLog(Base):
    """The exchange history: every file written, imported (or refused) and receipt read."""

    __tablename__ = "exchange_log"
    __table_args__ = ({"info": {"local": True}},)  # never exchanged

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    kind: Mapped[str] = mapped_column(String(16))  # sent / received / receipt
    result: Mapped[str] = mapped_column(String(16))  # sent / applied / refused / read
    partner_uuid: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    partner_label: Mapped[str] = mapped_column(String(120), default="")
    sequence: Mapped[int | None] = mapped_column(Integer, default=None)
    base: Mapped[int | None] = mapped_column(Integer, default=None)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    file_created: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    summary_json: Mapped[str] = mapped_column(Text, default="")
    message: Mapped[str] = mapped_column(Text, default="")
    # For a sent file: zlib-compressed JSON {record uuid: revision} of what it carried,
    # merged into the partner's acked_map when their receipt arrives.
    sent_map: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)


class PurgedRecord(Base):
    """A record removed outright (not tombstoned), e.g. a replaced 联名人 row.

    Written by db.events for every ORM delete of an exchangeable record, so the
    exchange can tell the partner to remove its copy.
    """

    __tablename__ = "purged_record"
    __table_args__ = ({"info": {"local": True}},)  # never exchanged

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64))
    record_uuid: Mapped[str] = mapped_column(String(36), index=True)
    owner_uuid: Mapped[str] = mapped_column(String(36), index=True)
    purged_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class Notice(SyncedMixin, Base):
    """通知: a notice the city office sends down to its counties with the exchange file."""

    __tablename__ = "notice"

    title: Mapped[str] = mapped_column(String(200))
    doc_number: Mapped[str] = mapped_column(String(60), default="")  # 文号
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    body: Mapped[str] = mapped_column(Text, default="")
