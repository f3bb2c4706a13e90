"""Local accounts (账户) and the audit trail (审计日志).

Both stay on this PC: they are never exchanged, so they carry no SyncedMixin.
The audit table is append-only: triggers refuse UPDATE and DELETE (MLPS 2.0
level 2: who did what must be known).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DDL, Boolean, Enum, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UtcDateTime, utc_now
from db.models import enum_values


class AccountRole(enum.StrEnum):
    ADMIN = "admin"  # 管理员: everything, including accounts, restore and the audit trail
    STAFF = "staff"  # 工作人员: daily work
    READONLY = "readonly"  # 只读: look and print


class UserAccount(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # The name folded for comparison (case, width, spaces): one account per person.
    name_key: Mapped[str] = mapped_column(String(50), unique=True)
    role: Mapped[AccountRole] = mapped_column(
        Enum(
            AccountRole,
            native_enum=False,
            length=16,
            validate_strings=True,
            values_callable=enum_values,
        )
    )
    password_hash: Mapped[str] = mapped_column(String(255))
    # An administrator reset the password: the user sets a new one at the next login.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class AuditEntry(Base):
    """One line of the audit trail: when, who, what, on which record or file, result."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str] = mapped_column(String(500), default="")
    result: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")


# The same statements are in migration 0009 (tests compare the two schemas).
AUDIT_TRIGGERS = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
)
for _trigger in AUDIT_TRIGGERS:
    event.listen(AuditEntry.__table__, "after_create", DDL(_trigger))
