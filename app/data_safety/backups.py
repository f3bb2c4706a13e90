"""Backups of the office database: the one entry point every feature uses.

`make_backup(database, reason)` before anything write-heavy (imports, upgrades)
and on request (立即备份); `backup_before(database, what)` is the same for a
feature that names what it is about to do (the exchange import); the first start
of a day makes a 每日备份 (`back_up_daily_if_due`). Each backup is a checked copy
with a name of its own, is recorded in the audit trail, and is followed by
thinning the folder (app.data_safety.thinning).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.common.audit import Action, audited
from app.common.errors import KnownError, translate_os_error, translate_sqlite_error
from app.common.jobs import Progress
from app.common.storage import Database
from app.data_safety.data_folder import list_backups, reason_of
from app.data_safety.thinning import thin_backups
from db.file_safety.backup import BackupDamaged, back_up_file

log = logging.getLogger(__name__)

# Why a backup was made: the start of its file name, which is what the clerk sees.
MANUAL = "手动备份"
BEFORE_ROSTER_IMPORT = "导入名单前备份"
BEFORE_RECORDS_IMPORT = "导入履职记录前备份"
BEFORE_RESTORE = "恢复前备份"
DAILY = "每日备份"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int


def make_backup(
    database: Database,
    reason: str,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Path:
    """A checked copy of the database in the backup folder, named `<reason>-<time>…`.

    The copy is checked with the full integrity_check; if it fails because the
    database itself is damaged, the database stops accepting writes and the
    caller gets DatabaseDamaged (nothing else was changed). Success and failure
    are recorded in the audit trail. `now`: the clock (tests pass a fake one).
    """
    when = now or datetime.now()
    with audited(database, Action.BACKUP, reason) as note:
        path = _copy(database, reason, progress, when)
        note.detail = path.name
    thin_backups(database.location.backup_dir, when)
    return path


def backup_before(database: Database, what: str, progress: Progress | None = None) -> Path:
    """The backup a feature makes before changing much: `backup_before(db, "导入交换数据")`.

    Named `<what>前备份-<time>.sqlite3`. Raises KnownError (nothing changed) when
    no backup could be made: the caller must then not go on.
    """
    return make_backup(database, f"{what}前备份", progress)


def back_up_daily_if_due(database: Database, now: datetime | None = None) -> Path | None:
    """The first start of a day makes that day's 每日备份; later starts make none."""
    when = now or datetime.now()
    for backup in list_backups(database.location.backup_dir):
        if reason_of(backup.path) == DAILY and backup.made_at.date() == when.date():
            return None
    return make_backup(database, DAILY, now=when)


def _copy(database: Database, reason: str, progress: Progress | None, when: datetime) -> Path:

    def on_pages(remaining: int, total: int) -> None:
        if progress is not None:
            progress.report(total - remaining, total, "正在备份数据库…")

    folder = database.location.backup_dir
    try:
        path = back_up_file(
            database.path, folder, reason, on_pages, database.busy_timeout_s, when=when
        )
    except OSError as exc:
        raise translate_os_error(exc, folder) from exc
    except BackupDamaged as exc:
        raise database.found_damage() from exc
    except sqlite3.DatabaseError as exc:
        raise _backup_failed(exc) from exc
    log.info("backup made: %s", path.name)
    return path


def back_up_now(database: Database, progress: Progress) -> BackupResult:
    """立即备份."""
    path = make_backup(database, MANUAL, progress)
    return BackupResult(path, path.stat().st_size)


def _backup_failed(exc: sqlite3.DatabaseError) -> KnownError:
    known = translate_sqlite_error(exc)
    if known is not None:
        return known
    return KnownError(
        "备份数据库失败。", "本次未作任何改动。请在“数据安全”中检查数据库，或联系技术人员。"
    )
