"""Putting a backup in place of the database: a damaged one at start (TRUST 18-19), or
any at an administrator's request (planned_restore).

The database replaced is never deleted: it is kept, with its journal, in the backup
folder under a name that says what it is — `已损坏-….sqlite3.damaged` for a damaged
one, `恢复前原数据库-….sqlite3.before-restore` for a sound one replaced on request;
neither ends in `.sqlite3`, so neither is listed as a backup nor thinned with them (the
`.before-restore` ones have a bound of their own: thinning.thin_replaced). The backup is
copied beside the database under a temporary name, checked, and only then renamed into
place: a kill at any moment leaves the old database or the new one, whole, and the next
opening removes a copy left unrenamed (app.common.storage).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.common.audit import Action, record
from app.common.errors import KnownError, translate_os_error
from app.common.folder_lock import Holder, holding
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety.data_folder import BackupFile, list_backups
from db import migrate
from db.file_safety.backup import (
    PARTIAL_SUFFIX,
    backup_database,
    clear_staged_restore,
    integrity_problem,
    staged_restore,
)
from db.file_safety.files import companion, companions, copy_private, sync_folder, unused_name

log = logging.getLogger(__name__)

UNCHANGED = "当前数据没有任何改动。"


@dataclass(frozen=True)
class OldKept:
    """How the database a restore replaces is named in the backup folder."""

    stem: str  # the start of the name: what the clerk and the support person read
    suffix: str  # not `.sqlite3`: never listed as a backup, nor thinned as one
    label: str  # what the messages call it


KEPT_DAMAGED = OldKept("已损坏", ".sqlite3.damaged", "损坏的数据库文件")
KEPT_BEFORE_RESTORE = OldKept("恢复前原数据库", ".sqlite3.before-restore", "恢复前的数据库文件")


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    old_kept_as: Path | None  # the database replaced (its journal beside it, if it had one)
    old_kind: OldKept = KEPT_DAMAGED
    backup_before: Path | None = None  # a planned restore's 恢复前备份, to restore it back

    def where_kept(self) -> list[str]:
        """Where the data from before the restore is, in the clerk's words."""
        lines = []
        if self.backup_before is not None:
            lines.append(f"恢复前的数据已备份为“{self.backup_before.name}”，需要时可用它恢复回去。")
        if self.old_kept_as is not None:
            lines.append(f"{self.old_kind.label}保存为“{self.old_kept_as.name}”。")
        kept = self.old_kept_as or self.backup_before
        if kept is not None:
            lines.append(f"{'它们都' if len(lines) > 1 else '它'}在备份文件夹中：{kept.parent}")
        return lines


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


def require_backup_file(source: Path) -> None:
    """KnownError, before anything is opened, unless `source` is a file on a disk: a
    folder is named as one, and a pipe or a device (which would block its reader, or
    read without end) is not taken for a missing file."""
    try:
        mode = source.stat().st_mode
    except FileNotFoundError:
        raise KnownError(f"找不到文件“{source}”。", f"请重新选择备份文件。{UNCHANGED}") from None
    except OSError as exc:
        raise translate_os_error(exc, source) from exc
    if stat.S_ISDIR(mode):
        raise KnownError(
            f"“{source}”是文件夹，不是备份文件。",
            f"请打开该文件夹，选择其中的备份文件（.sqlite3 或 .cppccbak）。{UNCHANGED}",
        )
    if not stat.S_ISREG(mode):
        raise KnownError(
            f"“{source}”不是保存在磁盘上的普通文件（可能是设备或管道），不能用于恢复。",
            "请选择本程序生成的备份文件（.sqlite3 或 .cppccbak，在备份文件夹或U盘中）。"
            + UNCHANGED,
        )


def in_use(holder: Holder) -> KnownError:
    return KnownError(
        f"{holder.text}，此时不能恢复。",
        f"请先关闭其他“政协履职工作台”窗口（或等命令完成）后再恢复。{UNCHANGED}",
    )


def restore_backup(
    location: DataLocation, backup: Path, kept: OldKept = KEPT_DAMAGED
) -> RestoreResult:
    """Put a checked copy of `backup` in place of the database, keeping the old one.

    Order matters. The old database and its companion files (a journal left by
    a crash) are first copied, as a pair, into the backup folder; then the
    companions are removed, so that no old journal can be replayed into the
    restored copy; the checked copy then replaces the database in one rename.
    At every moment a database file exists, so no crash in between makes the
    next start look like a new installation. The folder is held meanwhile, so a
    second copy of the program that starts waits instead of taking the copy beside
    the database for a leftover.
    """
    database = location.database
    with holding(location.data_dir, "政协履职工作台", "正在恢复数据") as other:
        if other is not None:
            raise in_use(other)
        try:
            clear_staged_restore(database)  # left by a restore cut off earlier
            staged = staged_restore(database)
            backup_database(backup, staged)  # checked after writing
            # A deleted database may have left its journal: that is kept too, never just removed.
            old_files = [f for f in (database, *companions(database)) if f.exists()]
            moved = _keep_old(database, old_files, location.backup_dir, kept) if old_files else None
            for found in companions(database):
                found.unlink()
            staged.replace(database)
            sync_folder(database.parent)
            location.damage_note.unlink(missing_ok=True)
        except OSError as exc:
            clear_staged_restore(database)
            raise translate_os_error(exc, database) from exc
        except sqlite3.DatabaseError as exc:
            clear_staged_restore(database)
            raise KnownError("该备份文件无法使用。", "请选择另一份备份，或联系技术人员。") from exc
    log.warning("restored %s from %s; the old file kept as %s", database, backup, moved)
    return RestoreResult(restored_from=backup, old_kept_as=moved, old_kind=kept)


def _keep_old(database: Path, old_files: list[Path], folder: Path, kept: OldKept) -> Path:
    """Copy the database and its companions (`old_files`), under one new name, into `folder`.

    Each is written under a `.partial` name (removed by a later backup if left) and
    renamed once whole, the companions first: a kill never leaves half a file under
    the kept name, nor a database without the journal that belongs to it."""
    folder.mkdir(parents=True, exist_ok=True)
    moved = unused_name(folder, f"{kept.stem}-{datetime.now():%Y%m%d-%H%M%S}", kept.suffix)
    targets = [companion(moved, source.name[len(database.name) :]) for source in old_files]
    for source, target in zip(old_files, targets, strict=True):
        partial = companion(target, PARTIAL_SUFFIX)
        partial.unlink(missing_ok=True)
        copy_private(source, partial)
        with partial.open("rb+") as written:
            os.fsync(written.fileno())
    for target in sorted(targets, key=lambda t: t == moved):
        companion(target, PARTIAL_SUFFIX).replace(target)
    sync_folder(folder)
    return moved


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
    kept = result.old_kept_as.name if result.old_kept_as else "（无）"
    detail = f"{why}原数据库保存为 {kept}"
    if result.backup_before is not None:
        detail += f"，恢复前备份 {result.backup_before.name}"
    try:
        restored = open_database(location)
    except KnownError as exc:
        log.error("restored, but the audit entry was not recorded: %s", exc.what)
        return
    try:
        record(restored, Action.RESTORE, str(result.restored_from), detail=detail, user=who)
    except KnownError as exc:
        log.error("restored, but the audit entry was not recorded: %s", exc.what)
    finally:
        restored.close()
