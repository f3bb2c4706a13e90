"""Backups of the office database: the one entry point every feature uses.

`make_backup(database, reason)` before anything write-heavy (imports, upgrades)
and on request (立即备份). Each backup is a checked copy with a name of its own.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.common.errors import KnownError, translate_os_error, translate_sqlite_error
from app.common.jobs import Progress
from app.common.storage import Database
from db.backup import BackupDamaged, back_up_file

log = logging.getLogger(__name__)

# Why a backup was made: the start of its file name, which is what the clerk sees.
MANUAL = "手动备份"
BEFORE_ROSTER_IMPORT = "导入名单前备份"
BEFORE_RECORDS_IMPORT = "导入履职记录前备份"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int


def make_backup(database: Database, reason: str, progress: Progress | None = None) -> Path:
    """A checked copy of the database in the backup folder, named `<reason>-<time>…`.

    The copy is checked with the full integrity_check; if it fails because the
    database itself is damaged, the database stops accepting writes and the
    caller gets DatabaseDamaged (nothing else was changed).
    """

    def on_pages(remaining: int, total: int) -> None:
        if progress is not None:
            progress.report(total - remaining, total, "正在备份数据库…")

    folder = database.location.backup_dir
    try:
        path = back_up_file(database.path, folder, reason, on_pages, database.busy_timeout_s)
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
