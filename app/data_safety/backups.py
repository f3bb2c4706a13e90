"""Backups made on request (the GUI's 立即备份; scheduled ones come later)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.common.errors import translate_os_error
from app.common.jobs import Progress
from app.common.storage import Database
from db.backup import backup_database


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int


def back_up_now(database: Database, progress: Progress) -> BackupResult:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = database.location.backup_dir / f"手动备份-{stamp}.sqlite3"

    def on_pages(remaining: int, total: int) -> None:
        progress.report(total - remaining, total, "正在备份数据库…")

    try:
        backup_database(database.path, target, on_pages=on_pages)
    except OSError as exc:
        raise translate_os_error(exc, target) from exc
    return BackupResult(target, target.stat().st_size)
