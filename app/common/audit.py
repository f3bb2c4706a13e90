"""The audit trail (审计日志): who did what, when, on which record or file, with what result.

`record` is the one way in. Rows are only ever added: the table's triggers refuse
UPDATE and DELETE. Files the program writes and prints reach it through
`file_written` / `file_printed` (app.common.documents, ui.common.outputs), logged on
the database the user signed in to.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.operator import current_operator, signed_in_database
from app.common.storage import Database
from db.security_models import AuditEntry

log = logging.getLogger(__name__)

TARGET_LENGTH = 500
DETAIL_LENGTH = 2000


class Action(enum.StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    ACCOUNT_LOCKED = "account_locked"  # too many wrong passwords
    SCREEN_LOCKED = "screen_locked"  # idle, or locked by the user
    SCREEN_UNLOCKED = "screen_unlocked"
    LOGOUT = "logout"
    IMPORT = "import"
    EXPORT = "export"  # any file the program writes: exports and printouts
    PRINT = "print"
    EXCHANGE = "exchange"
    BACKUP = "backup"
    RESTORE = "restore"
    ACCOUNT_CHANGE = "account_change"
    SETTING_CHANGE = "setting_change"
    SHOW_FULL_NUMBER = "show_full_number"
    DENIED = "denied"  # a permission the role does not have


ACTION_LABELS = {
    Action.LOGIN: "登录",
    Action.LOGIN_FAILED: "登录失败",
    Action.ACCOUNT_LOCKED: "账户锁定",
    Action.SCREEN_LOCKED: "锁定屏幕",
    Action.SCREEN_UNLOCKED: "解除锁屏",
    Action.LOGOUT: "退出",
    Action.IMPORT: "导入",
    Action.EXPORT: "导出文件",
    Action.PRINT: "打印",
    Action.EXCHANGE: "数据交换",
    Action.BACKUP: "备份",
    Action.RESTORE: "恢复",
    Action.ACCOUNT_CHANGE: "账户变更",
    Action.SETTING_CHANGE: "设置变更",
    Action.SHOW_FULL_NUMBER: "查看完整号码",
    Action.DENIED: "越权操作",
}


class Result(enum.StrEnum):
    OK = "ok"
    FAILED = "failed"
    DENIED = "denied"


RESULT_LABELS = {Result.OK: "成功", Result.FAILED: "失败", Result.DENIED: "拒绝"}


def add_entry(
    session: Session,
    user: str,
    action: Action,
    target: str = "",
    result: Result = Result.OK,
    detail: str = "",
) -> None:
    """An entry in the caller's transaction: it is kept exactly when the change is."""
    session.add(
        AuditEntry(
            user=user[:100],
            action=action.value,
            target=str(target)[:TARGET_LENGTH],
            result=result.value,
            detail=detail[:DETAIL_LENGTH],
        )
    )


def record(
    database: Database,
    action: Action,
    target: str = "",
    result: Result = Result.OK,
    detail: str = "",
    user: str | None = None,
) -> None:
    """An entry in its own transaction, by the person at the keyboard unless `user` is given."""
    who = user if user is not None else current_operator(database)
    with database.begin() as session:
        add_entry(session, who, action, target, result, detail)


def record_quietly(database: Database, action: Action, target: str = "", **kwargs: object) -> None:
    """For an entry after the fact (a file is already written): a failure is logged, not raised."""
    try:
        record(database, action, target, **kwargs)  # type: ignore[arg-type]
    except KnownError as exc:
        log.error("audit entry %s %s not recorded: %s", action, target, exc.what)


@dataclass
class Note:
    """What an audited action adds to its entry (counts, the file's kind), and its result
    when it ended without an exception but did nothing (an import with bad rows)."""

    detail: str = ""
    result: Result = Result.OK


@contextmanager
def audited(database: Database, action: Action, target: str) -> Iterator[Note]:
    """Record the action with its result: ok, or failed with the reason, which is re-raised."""
    note = Note()
    try:
        yield note
    except KnownError as exc:
        record_quietly(database, action, target, result=Result.FAILED, detail=exc.what)
        raise
    except Exception as exc:
        record_quietly(database, action, target, result=Result.FAILED, detail=type(exc).__name__)
        raise
    record_quietly(database, action, target, result=note.result, detail=note.detail)


FILE_KINDS = {".xlsx": "Excel", ".docx": "Word", ".pdf": "PDF", ".csv": "CSV"}


def file_written(path: Path) -> None:
    """Every file the program writes (exports, printouts): recorded for the signed-in user."""
    database = signed_in_database()
    if database is not None:
        kind = FILE_KINDS.get(Path(path).suffix.lower(), Path(path).suffix.lstrip("."))
        record_quietly(database, Action.EXPORT, str(path), detail=kind)


def file_printed(path: Path, result: Result = Result.OK, detail: str = "") -> None:
    """A file sent to the printer (打印 under a written file)."""
    database = signed_in_database()
    if database is not None:
        record_quietly(database, Action.PRINT, str(path), result=result, detail=detail)
