"""Reading the audit trail (administrators): search by date, person and action; export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from app.common.access import require
from app.common.audit import ACTION_LABELS, RESULT_LABELS, Action, Result
from app.common.documents.workbooks import write_table
from app.common.operator import Permission
from app.common.storage import Database
from app.security.setting_names import readable_setting_change
from db.security_models import AuditEntry

MAX_ROWS = 5000
HEADERS = ("时间", "用户", "操作", "对象", "结果", "说明")


@dataclass(frozen=True)
class AuditQuery:
    since: date | None = None  # first day, local time
    until: date | None = None  # last day, included
    user: str = ""
    action: Action | None = None


@dataclass(frozen=True)
class AuditRow:
    time: datetime  # local, with its offset
    user: str
    action: str
    target: str
    result: str
    detail: str

    @property
    def action_label(self) -> str:
        try:
            return ACTION_LABELS[Action(self.action)]
        except ValueError:  # written by a newer program
            return self.action

    @property
    def result_label(self) -> str:
        try:
            return RESULT_LABELS[Result(self.result)]
        except ValueError:
            return self.result

    @property
    def time_text(self) -> str:
        return self.time.strftime("%Y-%m-%d %H:%M:%S")

    @property
    def detail_text(self) -> str:
        """The detail in the clerk's words (a setting's Chinese name, not its key)."""
        if self.action == Action.SETTING_CHANGE:
            return readable_setting_change(self.detail)
        return self.detail

    def cells(self) -> list[str]:
        return [
            self.time_text,
            self.user,
            self.action_label,
            self.target,
            self.result_label,
            self.detail_text,
        ]


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]  # newest first
    more: bool  # more entries match than MAX_ROWS


def search_audit(database: Database, query: AuditQuery, limit: int | None = MAX_ROWS) -> AuditPage:
    """Matching entries, newest first; `limit=None` for all of them."""
    require(database, Permission.VIEW_AUDIT, "审计日志")
    statement = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if query.since is not None:
        statement = statement.where(AuditEntry.at >= _utc_start(query.since))
    if query.until is not None:
        statement = statement.where(AuditEntry.at < _utc_start(query.until + timedelta(days=1)))
    if query.user:
        statement = statement.where(AuditEntry.user == query.user)
    if query.action is not None:
        statement = statement.where(AuditEntry.action == query.action.value)
    if limit is not None:
        statement = statement.limit(limit + 1)
    with database.read() as session:
        entries = session.scalars(statement).all()
        rows = [_row(entry) for entry in entries[:limit]]
    return AuditPage(rows, limit is not None and len(entries) > limit)


def audit_users(database: Database) -> list[str]:
    """Everyone the trail names, for the person filter."""
    require(database, Permission.VIEW_AUDIT, "审计日志")
    with database.read() as session:
        return sorted(session.scalars(select(AuditEntry.user).distinct()).all())


def export_audit(database: Database, rows: list[AuditRow], path: Path) -> Path:
    """The entries shown, as an Excel table (the export is itself audited)."""
    require(database, Permission.VIEW_AUDIT, "导出审计日志")
    lines = [row.cells() for row in rows]
    return write_table(Path(path), "审计日志", HEADERS, lines)


def _utc_start(day: date) -> datetime:
    """Midnight of a local day, in UTC (the trail is stored in UTC)."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        time=entry.at.astimezone(),
        user=entry.user,
        action=entry.action,
        target=entry.target,
        result=entry.result,
        detail=entry.detail,
    )
