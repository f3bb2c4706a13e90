"""Keeps the exchange columns honest on every flush.

- A record is changed only by the office that owns it: a flush that adds, changes
  or removes a record owned by another known office raises ForeignRecordEdit
  (an exchange import, which writes what the owner sent, is the one exception).
- Every change bumps the record's revision once per transaction.
- A record removed outright is written to purged_record, so its removal travels.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, Session, SessionTransaction

from db.base import SyncedMixin, utc_now
from db.exchange_models import PurgedRecord
from db.models import Office

# An exchange import sets this in session.info: it writes revisions as received.
KEEP_REVISIONS = "keep_revisions"
# Records already bumped in the current transaction: one user action is one
# revision, however many times the session autoflushes along the way.
_BUMPED = "revision_bumped"
_LOCAL_OFFICE = "local_office_uuid"


class ForeignRecordEdit(Exception):
    """A change to a record another office owns; only its owner may change it."""

    def __init__(self, table: str, owner_name: str) -> None:
        super().__init__(f"{table} is owned by {owner_name}")
        self.table = table
        self.owner_name = owner_name


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, flush_context: Any, instances: Any) -> None:
    if session.info.get(KEEP_REVISIONS):
        return
    _refuse_foreign_changes(session)
    bumped: set[int] = session.info.setdefault(_BUMPED, set())
    for obj in session.dirty:
        # Link tables (committees, co-submitters) travel with their parent record,
        # so a change to them is a change to the parent.
        if not isinstance(obj, SyncedMixin) or id(obj) in bumped:
            continue
        if not session.is_modified(obj, include_collections=True):
            continue
        if inspect(obj).attrs.revision.history.has_changes():
            continue  # set explicitly by the caller
        obj.revision = (obj.revision or 0) + 1
        obj.updated_at = utc_now()
        bumped.add(id(obj))


def _refuse_foreign_changes(session: Session) -> None:
    owners: dict[str, str] = {}  # owner uuid → a table it was met in
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, SyncedMixin) and not isinstance(obj, Office) and obj.owner_uuid:
            owners.setdefault(obj.owner_uuid, type(obj).__tablename__)
    for obj in session.dirty:
        if (
            isinstance(obj, SyncedMixin)
            and not isinstance(obj, Office)
            and session.is_modified(obj, include_collections=True)
        ):
            # The owner as loaded: moving a record to oneself is no way in.
            owner = inspect(obj).attrs.owner_uuid.history
            for value in (*owner.deleted, *owner.unchanged, *owner.added):
                if value:
                    owners.setdefault(value, type(obj).__tablename__)
    if not owners:
        return
    local = _local_office_uuid(session)
    if local is None:
        return  # first-run set-up: no office yet
    for owner, table in owners.items():
        if owner == local:
            continue
        name = session.scalar(select(Office.name).where(Office.uuid == owner))
        if name is not None:  # an unknown owner is left to the foreign key
            raise ForeignRecordEdit(table, name)


def _local_office_uuid(session: Session) -> str | None:
    if _LOCAL_OFFICE not in session.info:
        with session.no_autoflush:
            uuid = session.scalar(
                select(Office.uuid).where(Office.is_local.is_(True), Office.deleted_at.is_(None))
            )
        if uuid is None:
            return None  # not cached: the office may be set up in this very transaction
        session.info[_LOCAL_OFFICE] = uuid
    return session.info[_LOCAL_OFFICE]


@event.listens_for(Mapper, "after_delete")
def _log_purge(mapper: Mapper[Any], connection: Connection, target: object) -> None:
    if isinstance(target, SyncedMixin):
        connection.execute(
            insert(PurgedRecord).values(
                table_name=mapper.local_table.name,  # type: ignore[attr-defined]
                record_uuid=target.uuid,
                owner_uuid=target.owner_uuid,
                purged_at=utc_now(),
            )
        )


@event.listens_for(Session, "after_transaction_end")
def _forget_bumped(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended
        session.info.pop(_BUMPED, None)
        session.info.pop(_LOCAL_OFFICE, None)
