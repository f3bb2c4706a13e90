"""Recovering from a damaged database with the newest good backup (TRUST 18-19).

The damaged file is never deleted: it is kept, with its journal, in the backup
folder under a name that says what it is. The backup is copied beside the
database under a temporary name, checked, and only then renamed into place.
"""

from __future__ import annotations

import itertools
import logging
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.common.audit import Action, record
from app.common.errors import KnownError, translate_os_error
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.data_folder import BackupFile, list_backups
from db import migrate
from db.file_safety.backup import PARTIAL_SUFFIX, backup_database, integrity_problem
from db.file_safety.files import companion, companions, make_private, sync_folder

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


def restore_backup(location: DataLocation, backup: Path, kept_as: str = "已损坏") -> RestoreResult:
    """Put a checked copy of `backup` in place of the database, keeping the old one.

    Order matters. The old database and its companion files (a journal left by
    a crash) are first copied, as a pair, into the backup folder; then the
    companions are removed, so that no old journal can be replayed into the
    restored copy; the checked copy then replaces the database in one rename.
    At every moment a database file exists, so no crash in between makes the
    next start look like a new installation.
    """
    database = location.database
    staged = companion(database, ".restoring")
    try:
        # Leftovers of a restore cut off earlier.
        for leftover in (staged, companion(staged, PARTIAL_SUFFIX), *companions(staged)):
            leftover.unlink(missing_ok=True)
        backup_database(backup, staged)  # checked after writing
        # A deleted database may have left its journal: that is kept too, never just removed.
        old_files = [f for f in (database, *companions(database)) if f.exists()]
        moved = (
            _keep_damaged(database, old_files, location.backup_dir, kept_as) if old_files else None
        )
        for found in companions(database):
            found.unlink()
        staged.replace(database)
        sync_folder(database.parent)
        location.damage_note.unlink(missing_ok=True)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise translate_os_error(exc, database) from exc
    except sqlite3.DatabaseError as exc:
        staged.unlink(missing_ok=True)
        raise KnownError("该备份文件无法使用。", "请选择另一份备份，或联系技术人员。") from exc
    log.warning("restored %s from %s; damaged file kept as %s", database, backup, moved)
    return RestoreResult(restored_from=backup, damaged_moved_to=moved)


def _keep_damaged(database: Path, old_files: list[Path], folder: Path, kept_as: str) -> Path:
    """Copy the database and its companions (`old_files`), under one new name, into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = unused_name(folder, f"{kept_as}-{stamp}", ".sqlite3.damaged")
    for source in old_files:
        target = companion(moved, source.name[len(database.name) :])
        shutil.copyfile(source, target)
        make_private(target)
    return moved


def unused_name(folder: Path, stem: str, suffix: str) -> Path:
    """`stem + suffix` in `folder`, or `stem-2 + suffix` … if that is taken."""
    for number in itertools.count(1):
        path = folder / f"{stem}{'' if number == 1 else f'-{number}'}{suffix}"
        if not path.exists():
            return path
    raise AssertionError("unreachable")


AT_START = "启动时发现数据库已损坏，用最近的完好备份恢复；"


def restore_damaged_at_start(
    location: DataLocation, backup: Path, why: str = AT_START
) -> RestoreResult:
    """At start the database is damaged and the clerk chose its newest good backup
    (or, on the command line, a backup file).

    Nobody has signed in yet (the accounts are in the damaged file): the entry in the
    restored database's audit trail names the computer's user, as the command line does."""
    result = restore_backup(location, backup)
    record_restored(location, result, None, why)
    return result


def record_restored(
    location: DataLocation, result: RestoreResult, who: str | None, why: str = ""
) -> None:
    """The entry goes into the restored database, which is the one kept from now on.
    A restore already done is not undone when its entry cannot be written: logged."""
    kept = result.damaged_moved_to.name if result.damaged_moved_to else "（无）"
    try:
        restored = open_database(location)
    except KnownError as exc:
        log.error("restored, but the audit entry was not recorded: %s", exc.what)
        return
    try:
        detail = f"{why}原数据库保存为 {kept}"
        record(restored, Action.RESTORE, str(result.restored_from), detail=detail, user=who)
    except KnownError as exc:
        log.error("restored, but the audit entry was not recorded: %s", exc.what)
    finally:
        restored.close()
