"""Permission checks, in two places only.

1. `require(database, permission)` at the entry of the services that need more than
   daily work: the roster export with full numbers, showing a member's full numbers,
   accounts, the audit trail, restore. A refusal is audited and raised.
2. Every write of the office's data, whichever service makes it, passes one
   SQLAlchemy `before_flush` hook: for a signed-in user whose role may not edit
   (只读), the flush is refused and nothing is written. One hook instead of a check
   in each of the many services that write, so a new service cannot forget it.
   The same hook records every change of a setting (app_setting) in the audit trail,
   in the transaction that makes it.

Login bookkeeping (failed tries, a new password) and audit entries are written
for every role; app.security checks those itself.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.common.audit import Action, Result, add_entry, record_quietly
from app.common.errors import KnownError
from app.common.operator import (
    PERMISSION_LABELS,
    Operator,
    Permission,
    operator_of,
    signed_in,
    signed_in_database,
)
from app.common.storage import Database
from db.models import AppSetting
from db.security_models import AuditEntry, UserAccount

# Written for every role; their services guard them.
ALWAYS_WRITABLE = (AuditEntry, UserAccount)
_REFUSED = "write_refused"


class PermissionRefused(KnownError):
    def __init__(self, operator: Operator, what: str) -> None:
        super().__init__(
            f"当前账户“{operator.name}”（{operator.role_label}）无权{what}。",
            "如确需办理，请由管理员登录后操作。本次操作未作任何改动。",
        )


def require(database: Database, permission: Permission, target: str = "") -> Operator:
    """The operator, if their role allows `permission`; else an audited refusal."""
    operator = operator_of(database)
    if operator.may(permission):
        return operator
    what = PERMISSION_LABELS[permission]
    record_quietly(
        database, Action.DENIED, target or what, result=Result.DENIED, detail=permission.value
    )
    raise PermissionRefused(operator, what)


# --- the one hook every write passes ------------------------------------------------


@event.listens_for(Session, "before_flush")
def _guard_and_audit_flush(session: Session, flush_context: Any, instances: Any) -> None:
    database = signed_in_database()
    operator = None
    # Sessions are bound to the engine or to an options copy of it (BEGIN IMMEDIATE for
    # writing): both share the engine's connection pool.
    if database is not None and getattr(session.bind, "pool", None) is database.engine.pool:
        operator = signed_in(database)
    if operator is not None and not operator.may(Permission.EDIT):
        changed = [obj for obj in _changes(session) if not isinstance(obj, ALWAYS_WRITABLE)]
        if changed:
            session.info[_REFUSED] = type(changed[0]).__tablename__
            raise PermissionRefused(operator, PERMISSION_LABELS[Permission.EDIT])
    _audit_settings(session, operator)


def _changes(session: Session) -> list[object]:
    dirty = [obj for obj in session.dirty if session.is_modified(obj)]
    return [*session.new, *dirty, *session.deleted]


def _audit_settings(session: Session, operator: Operator | None) -> None:
    """A setting added, changed or removed: one entry with the old and new value."""
    changes = []
    for obj in [*session.new, *session.dirty, *session.deleted]:
        if not isinstance(obj, AppSetting):
            continue
        if obj in session.new:
            old, new = _stored_value(session, obj.key), obj.value_json
        elif obj in session.deleted:
            old, new = obj.value_json, None
        else:
            history = inspect(obj).attrs.value_json.history
            if not history.has_changes():
                continue
            old, new = (history.deleted or [None])[0], obj.value_json
        if old != new:
            changes.append(f"{obj.key}: {_short(old)} → {_short(new)}")
    if changes:
        who = operator.label if operator is not None else _headless_label(session)
        add_entry(session, who, Action.SETTING_CHANGE, "设置", Result.OK, "；".join(changes))


def _stored_value(session: Session, key: str) -> str | None:
    with session.no_autoflush:
        return session.scalar(
            AppSetting.__table__.select()
            .with_only_columns(AppSetting.value_json)
            .where(AppSetting.key == key)
        )


def _headless_label(session: Session) -> str:
    from app.common.operator import os_operator

    return os_operator().label


def _short(value: str | None) -> str:
    if value is None:
        return "（无）"
    try:
        shown = json.loads(value)
    except ValueError:
        shown = value
    text = shown if isinstance(shown, str) else json.dumps(shown, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


@event.listens_for(Session, "after_rollback")
def _audit_refused_write(session: Session) -> None:
    """A refused write is logged once its transaction is rolled back (no lock held)."""
    table = session.info.pop(_REFUSED, None)
    database = signed_in_database()
    if table is not None and database is not None:
        record_quietly(
            database,
            Action.DENIED,
            PERMISSION_LABELS[Permission.EDIT],
            result=Result.DENIED,
            detail=f"表 {table}",
        )
