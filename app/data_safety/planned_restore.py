"""An administrator restores a backup file (数据安全 → 从备份文件恢复, `cppcc-desk restore FILE`).

In order: the permission (管理员 only; a refusal is audited); no other window or
command may have the data open (the new file would not reach it: it would go on
showing the old data, and its next save would fail); the file is read (an
encrypted .cppccbak is opened with the clerk's password into a temporary file; a
format-2 one also carries the attachment files, staged under temporary names and
each checked by size and SHA-256) and checked — it must pass integrity_check and be
a database of this program at a schema it knows, else it is refused and nothing
changes; a 恢复前备份 of the current database; the attachment files the data folder
lacks are renamed into place (files already there are left alone) — before the
database, so that, as always, every row finds its file, and a failure here leaves
the database untouched (extra files in the content-addressed store harm nothing);
then restore.restore_backup: a checked copy beside the database, renamed into place,
the old database kept in the backup folder as `恢复前原数据库-….sqlite3.before-restore`
(it was sound: not called damaged). The restore is recorded in the restored
database's audit trail; a refusal or failure in the current one.

The caller's `database` must not be used afterwards: it is closed before the swap.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.common.access import require
from app.common.audit import Action, Result, record_quietly
from app.common.errors import KnownError, translate_os_error
from app.common.folder_lock import other_holder
from app.common.jobs import Progress
from app.common.operator import Permission
from app.common.paths import DataLocation
from app.common.storage import Database
from app.data_safety import sealed
from app.data_safety.attachment_store import put_missing
from app.data_safety.backups import BEFORE_RESTORE, make_backup
from app.data_safety.restore import (
    KEPT_BEFORE_RESTORE,
    UNCHANGED,
    RestoreResult,
    in_use,
    record_restored,
    require_backup_file,
    restore_backup,
)
from app.data_safety.usb_bundle import Unpacked, unpack
from db import migrate
from db.file_safety.backup import UNPACKED_DATABASE, clear_unpacked_restore, integrity_problem
from db.models import Office

log = logging.getLogger(__name__)


class OtherOfficeBackup(KnownError):
    """The backup is another office's: restoring it would replace this office's data
    (its members, proposals, keys) with theirs. Refused unless asked for."""

    def __init__(self, source: Path, theirs: str, ours: str) -> None:
        super().__init__(
            f"“{source.name}”是{theirs}的备份，不是本单位（{ours}）的。",
            "恢复它会用对方的全部数据替换本单位的数据。请选择本单位的备份；确需恢复时"
            "（例如本单位的行政区划代码已改变），在恢复窗口中确认，或在命令行加 "
            f"--other-office。{UNCHANGED}",
        )
        self.source, self.theirs, self.ours = source, theirs, ours


def restore_from_file(
    database: Database,
    source: Path,
    password: str | None = None,
    progress: Progress | None = None,
    other_office: bool = False,
) -> RestoreResult:
    """Put the backup `source` in place of the database (see the module's notes).

    `other_office`: the clerk confirmed that the backup of another office (another
    division code) is to replace this office's data."""
    operator = require(database, Permission.RESTORE, str(source))
    location = database.location
    try:
        nobody_else_uses(location)
        readable = _readable_copy(database, source, password, progress)
        try:
            assert readable.database is not None
            check_restorable(readable.database, source)
            if not other_office:
                _same_office(database, readable.database, source)
            _report(progress, "正在备份当前数据…")
            backup_before = make_backup(database, BEFORE_RESTORE)
            _put_back_files(database, readable)
            _report(progress, "正在恢复数据库…")
            database.close()
            result = restore_backup(location, readable.database, KEPT_BEFORE_RESTORE)
        finally:
            if readable.database != source:
                readable.clean_up()
    except KnownError as exc:
        record_quietly(database, Action.RESTORE, str(source), result=Result.FAILED, detail=exc.what)
        raise
    result = dataclasses.replace(result, restored_from=source, backup_before=backup_before)
    record_restored(database.location, result, operator.label)
    return result


def nobody_else_uses(location: DataLocation) -> None:
    """KnownError while another window or command holds the data folder."""
    holder = other_holder(location.data_dir)
    if holder is not None:
        raise in_use(holder)


def check_restorable(path: Path, shown: Path | None = None) -> None:
    """KnownError unless `path` is a sound database of this program at a known schema."""
    name = (shown or path).name
    try:
        problem = integrity_problem(path)
        revision = migrate.stored_revision(path)
    except migrate.ForeignDatabase:
        raise _foreign(name) from None
    except sqlite3.DatabaseError:
        raise _damaged(name) from None
    if problem is not None:
        raise _damaged(name)
    if revision is None:
        raise _foreign(name)
    if revision not in migrate.known_revisions():
        raise KnownError(
            f"“{name}”来自更新版本的程序，本程序无法使用。",
            f"请先把本程序升级到新版本后再恢复。{UNCHANGED}",
        )


def _same_office(database: Database, backup: Path, source: Path) -> None:
    """OtherOfficeBackup when the backup's own office has another division code (the
    same office set up anew on another computer has a new uuid, but the same code)."""
    with database.read() as session:
        ours = session.scalar(select(Office).where(Office.is_local.is_(True)))
        name, code = (ours.name, ours.division_code) if ours is not None else ("", "")
    theirs = backup_office(backup)
    if ours is not None and theirs is not None and theirs[1] != code:
        raise OtherOfficeBackup(source, f"“{theirs[0]}”（{theirs[1]}）", f"{name}，{code}")


def backup_office(backup: Path) -> tuple[str, str] | None:
    """(name, division code) of the office a backup belongs to; None if it has none yet."""
    uri = f"{backup.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        row = connection.execute(
            "SELECT name, division_code FROM office WHERE is_local = 1"
        ).fetchone()
    return (str(row[0]), str(row[1])) if row is not None else None


def _readable_copy(
    database: Database, source: Path, password: str | None, progress: Progress | None
) -> Unpacked:
    """`source` itself, or for an encrypted file its contents in temporary files."""
    require_backup_file(source)
    if not sealed.is_sealed(source):
        return Unpacked(database=source)
    if password is None:
        raise KnownError(
            f"“{source.name}”是加密备份，需要输入备份时设置的密码。",
            f"请输入密码后重试。{UNCHANGED}",
        )
    try:
        version = sealed.format_of(source)
    except OSError as exc:
        raise translate_os_error(exc, source) from exc
    if version == sealed.FORMAT_VERSION:
        return Unpacked(database=_unsealed_database(database, source, password))

    def unpacking(done: int, total: int) -> None:
        if progress is not None:
            progress.report(done, total, f"正在读取并核对附件文件 {done}/{total}…")

    _report(progress, "正在读取备份…")
    try:
        return unpack(source, password, database.location, unpacking)
    except OSError as exc:
        raise translate_os_error(exc, source) from exc


def _put_back_files(database: Database, readable: Unpacked) -> None:
    """The checked attachment files the data folder lacks, renamed into place."""
    if not readable.files:
        return
    try:
        placed = put_missing(database.location, readable.files)
    except OSError as exc:
        raise translate_os_error(exc, database.location.data_dir) from exc
    log.info("%d of %d attachment files put back", placed, len(readable.files))


def _unsealed_database(database: Database, source: Path, password: str) -> Path:
    """A format-1 file (the database only) opened into a temporary file."""
    folder = database.location.backup_dir
    clear_unpacked_restore(database.location.data_dir, folder)
    temporary = folder / UNPACKED_DATABASE.format(
        stamp=f"{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"
    )
    try:
        plain = sealed.unseal(source.read_bytes(), password, source)
        folder.mkdir(parents=True, exist_ok=True)
        with temporary.open("xb") as file:
            file.write(plain)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise translate_os_error(exc, source) from exc
    return temporary


def _report(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress.report(0, 0, text)


def _damaged(name: str) -> KnownError:
    return KnownError(
        f"“{name}”已损坏或不是数据库文件，不能用于恢复。",
        f"请选择另一份备份。{UNCHANGED}",
    )


def _foreign(name: str) -> KnownError:
    return KnownError(
        f"“{name}”不是本程序的数据库备份，不能用于恢复。",
        f"请选择本程序生成的备份文件。{UNCHANGED}",
    )
