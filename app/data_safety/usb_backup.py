"""备份到U盘: an encrypted, checked backup in a folder the clerk picks.

The database is first copied with SQLite's backup API and checked (as every backup);
then the attachment files are listed — after the copy, so every file the copy names
is among them (a file is stored before its row is written, and never deleted). Both
are sealed with the clerk's password in one file (format 2: app.data_safety.
sealed_stream, usb_bundle), written under a temporary name on the stick, fsynced,
read back and checked whole with the password, and only then given its final name.
A full or read-only stick, a stick pulled out: a Chinese message, no file left under
the final name, an audit entry.
"""

from __future__ import annotations

import errno
import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.common.audit import Action, audited
from app.common.errors import KnownError, translate_os_error
from app.common.jobs import Progress
from app.common.storage import Database
from app.common.unfinished_files import clear_stale_partials
from app.data_safety import sealed
from app.data_safety.attachment_store import MAX_FILE_BYTES, StoredFile, sha256_of, stored_files
from app.data_safety.usb_bundle import check_bundle, write_bundle
from db.file_safety.backup import backup_database

log = logging.getLogger(__name__)

USB_NAME = "政协履职工作台加密备份"
# The name a backup is written under until it is whole (see _write_checked).
_PARTIAL = re.compile(
    re.escape(USB_NAME) + r"-\d{8}-\d{6}(-\d+)?" + re.escape(sealed.SUFFIX) + r"\.partial"
)
USB_DETAIL = "备份到U盘（加密）"
_UNCHANGED = "当前数据没有任何改动。"


@dataclass(frozen=True)
class UsbBackup:
    """A written U盘 backup: where, how many attachment files it holds, and the files
    left out because they are damaged on this disk (their content no longer matches)."""

    path: Path
    files: int
    damaged: tuple[str, ...] = ()


def back_up_to_folder(
    database: Database,
    folder: Path,
    password: str,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Path:
    """The sealed backup's path in `folder`; KnownError, with nothing left behind, if not."""
    return back_up_to_usb(database, folder, password, progress, now).path


def back_up_to_usb(
    database: Database,
    folder: Path,
    password: str,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> UsbBackup:
    """back_up_to_folder, telling also what was left out (for the clerk to see)."""
    when = now or datetime.now()
    with audited(database, Action.BACKUP, str(folder)) as note:
        note.detail = USB_DETAIL
        sealed.check_password(password)
        if not folder.is_dir():
            raise KnownError(f"找不到文件夹“{folder}”。", "请插好U盘，重新选择保存位置。")
        _report(progress, 0, 1, "正在备份数据库…")
        staging = database.location.backup_dir / f".U盘备份-{when:%Y%m%d-%H%M%S}-{os.getpid()}.tmp"
        try:
            digest = _checked_copy(database, staging)
            files, skipped = _attachment_files(database)
            clear_stale_partials(folder, _PARTIAL)  # a killed backup's, an hour old or more
            target = _unused(folder, f"{USB_NAME}-{when:%Y%m%d-%H%M%S}")
            _write_checked(target, staging, digest, files, password, when, progress)
        finally:
            staging.unlink(missing_ok=True)
        note.detail = f"{USB_DETAIL}：{target.name}，附件文件 {len(files)} 个"
        if skipped:
            note.detail += f"（{len(skipped)} 个已损坏，未写入）"
    _report(progress, 1, 1, "完成")
    log.info("sealed backup written to %s with %d attachment files", target, len(files))
    return UsbBackup(target, len(files), tuple(stored.path.name for stored in skipped))


def _checked_copy(database: Database, staging: Path) -> str:
    """The database copied with the backup API and checked; the copy's SHA-256."""
    try:
        backup_database(database.path, staging, timeout_s=database.busy_timeout_s)
        return sha256_of(staging)
    except OSError as exc:
        raise translate_os_error(exc, database.location.backup_dir) from exc


def _attachment_files(database: Database) -> tuple[list[StoredFile], list[StoredFile]]:
    """The store's files whose content still matches their name; and those that do not.

    A file damaged on this disk cannot be restored anyway (a restore checks the hash),
    so it is left out and named in the log, rather than making every USB backup fail.
    """
    good, damaged = [], []
    try:
        for stored in stored_files(database.location):
            ok = stored.size <= MAX_FILE_BYTES and sha256_of(stored.path) == stored.sha256
            (good if ok else damaged).append(stored)
    except OSError as exc:
        raise translate_os_error(exc, database.location.data_dir) from exc
    for stored in damaged:
        log.error("attachment file %s is damaged; left out of the USB backup", stored.path)
    return good, damaged


def _write_checked(
    target: Path,
    copy: Path,
    digest: str,
    files: list[StoredFile],
    password: str,
    when: datetime,
    progress: Progress | None,
) -> None:
    """Write under `.partial`, read it back and check it whole, then rename: all or nothing."""
    partial = target.with_name(target.name + ".partial")

    def writing(done: int, total: int) -> None:
        _report(progress, done, 2 * total + 2, f"正在写入U盘：附件文件 {done}/{total}")

    def checking(done: int, total: int) -> None:
        _report(progress, total + 1 + done, 2 * total + 2, "正在读回检查…")

    try:
        with partial.open("xb") as file:
            write_bundle(file, password, when, copy, digest, files, writing)
            file.flush()
            os.fsync(file.fileno())
        if check_bundle(partial, password, checking) != digest:
            raise KnownError(
                "写入U盘的备份读回时与原数据不一致，U盘可能有故障。",
                "请换一个U盘重试。当前数据没有任何改动。",
            )
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise _stick_error(exc, target.parent) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _stick_error(exc: OSError, folder: Path) -> KnownError:
    """A stick's usual troubles in the clerk's words; anything else as the OS said it."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return KnownError(
            f"“{folder}”空间不足，备份没有写入。",
            f"请换一个空间更大的U盘，或删除U盘上不需要的文件后重试。{_UNCHANGED}",
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return KnownError(
            f"“{folder}”不能写入（U盘可能有写保护开关，或是只读的）。",
            f"请拨开U盘的写保护开关，或换一个U盘、另选文件夹后重试。{_UNCHANGED}",
        )
    return translate_os_error(exc, folder)


def _unused(folder: Path, stem: str) -> Path:
    for number in range(1, 1000):
        path = folder / f"{stem}{'' if number == 1 else f'-{number}'}{sealed.SUFFIX}"
        if not path.exists() and not path.with_name(path.name + ".partial").exists():
            return path
    raise KnownError("U盘上同名的备份文件太多。", "请另选一个文件夹。")


def _report(progress: Progress | None, done: int, total: int, text: str) -> None:
    if progress is not None:
        progress.report(done, total, text)
