"""Recovering from a damaged database with the newest good backup (TRUST 18-19).

The damaged file is never deleted: it is moved into the backup folder under a
name that says what it is. The backup is copied beside the database under a
temporary name, checked, and only then renamed into place.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.common.errors import KnownError, translate_os_error
from app.common.paths import DataLocation
from app.data_safety.data_folder import BackupFile, list_backups
from db import migrate
from db.backup import backup_database, integrity_problem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    damaged_moved_to: Path | None


def newest_good_backup(location: DataLocation) -> BackupFile | None:
    """The newest backup that passes integrity_check and this program can open."""
    known = migrate.known_revisions()
    for backup in list_backups(location.backup_dir):
        try:
            if integrity_problem(backup.path) is None and (
                migrate.stored_revision(backup.path) in known
            ):
                return backup
        except (sqlite3.DatabaseError, migrate.ForeignDatabase):
            log.warning("backup %s is not usable", backup.path)
    return None


def restore_backup(location: DataLocation, backup: Path) -> RestoreResult:
    database = location.database
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    staged = database.with_name(database.name + ".restoring")
    try:
        backup_database(backup, staged)  # checked after writing
        moved = None
        if database.exists():
            moved = location.backup_dir / f"已损坏-{stamp}.sqlite3.damaged"
            database.replace(moved)
        staged.replace(database)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise translate_os_error(exc, database) from exc
    except sqlite3.DatabaseError as exc:
        staged.unlink(missing_ok=True)
        raise KnownError("该备份文件无法使用。", "请选择另一份备份，或联系技术人员。") from exc
    log.warning("restored %s from %s; damaged file kept as %s", database, backup, moved)
    return RestoreResult(restored_from=backup, damaged_moved_to=moved)
