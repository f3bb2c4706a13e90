"""Declarative base and the columns every exchangeable record carries.

Records travel between county and city offices in exchange files, so each one
has a global UUID, the office that owns it (only the owner edits it), a revision
counter the owner increments on every change, and a tombstone instead of a
physical delete so that deletions can travel too.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, Integer, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_uuid() -> str:
    return str(uuid_module.uuid4())


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware UTC datetimes; SQLite itself keeps no time zone."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedMixin:
    """Columns that let a record be exchanged between offices without clashes."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # Incremented by the owner office on every change (see db.events); exchange
    # files compare revisions, never wall clocks.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # Tombstone: a deleted record stays so that its deletion can travel.
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=None)

    @declared_attr
    def owner_uuid(cls) -> Mapped[str]:
        return mapped_column(String(36), ForeignKey("office.uuid", ondelete="RESTRICT"), index=True)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
