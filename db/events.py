"""Keeps the exchange columns honest on every flush."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, SessionTransaction

from db.base import SyncedMixin, utc_now

# An exchange import sets this in session.info: it writes revisions as received.
KEEP_REVISIONS = "keep_revisions"
# Records already bumped in the current transaction: one user action is one
# revision, however many times the session autoflushes along the way.
_BUMPED = "revision_bumped"


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, flush_context: Any, instances: Any) -> None:
    if session.info.get(KEEP_REVISIONS):
        return
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


@event.listens_for(Session, "after_transaction_end")
def _forget_bumped(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended
        session.info.pop(_BUMPED, None)
