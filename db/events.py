"""Keeps the exchange columns honest on every flush."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from db.base import SyncedMixin, utc_now

# An exchange import sets this in session.info: it writes revisions as received.
KEEP_REVISIONS = "keep_revisions"


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, flush_context: Any, instances: Any) -> None:
    if session.info.get(KEEP_REVISIONS):
        return
    for obj in session.dirty:
        if isinstance(obj, SyncedMixin) and session.is_modified(obj, include_collections=True):
            # Link tables (committees, co-submitters) travel with their parent record,
            # so a change to them is a change to the parent.
            state = inspect(obj)
            if state.attrs.revision.history.has_changes():
                continue  # set explicitly by the caller
            obj.revision = (obj.revision or 0) + 1
            obj.updated_at = utc_now()
