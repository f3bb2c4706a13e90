"""The two kinds of error.

KnownError: something the user or the machine caused (bad input, a locked or
damaged database, a full disk). It carries a Chinese message saying what
happened and what to do, and is shown as such. Anything else is a bug and
reaches the crash dialog with the log file's path.
"""

from __future__ import annotations

import errno
import sqlite3


class KnownError(Exception):
    def __init__(self, what: str, todo: str = "") -> None:
        super().__init__(what)
        self.what = what
        self.todo = todo

    @property
    def message(self) -> str:
        return f"{self.what}\n{self.todo}" if self.todo else self.what

    def __str__(self) -> str:
        return self.message


class DatabaseLocked(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "数据库正被其他程序占用（可能另一个“政协履职工作台”窗口正在保存）。",
            "请关闭其他窗口或稍候片刻再试。本次操作未作任何改动。",
        )


class DiskFull(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "磁盘空间已满，无法保存。",
            "请清理磁盘空间后再试。本次操作未作任何改动。",
        )


# The OS explains these in English; say it in Chinese instead.
_OS_REASONS = {
    errno.ENOENT: "该位置不存在，也无法在此创建",
    errno.ENOTDIR: "路径中的某一级不是文件夹，而是一个文件",
    errno.EEXIST: "该位置已有一个同名的文件",
    errno.EISDIR: "该位置是一个文件夹",
}


RESTORE_TODO = "请用“备份”文件夹中最近的备份恢复，或联系技术人员。原文件未作任何改动。"


class DatabaseDamaged(KnownError):
    """The database file cannot be read as a sound SQLite database."""

    def __init__(self, detail: str = "", todo: str = RESTORE_TODO) -> None:
        super().__init__(f"数据库文件已损坏，无法读取{f'（{detail}）' if detail else ''}。", todo)


class DatabaseEmpty(DatabaseDamaged):
    """The file is there but holds nothing: its data is lost, not yet to be made."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"文件“{path}”是空的（0 字节），原有数据都不在其中",
            "请用“备份”文件夹中最近的备份恢复，或联系技术人员。原文件未作任何改动。"
            "如果这台电脑上从未录入过数据，可以删除该文件，程序会重新建立数据库。",
        )


class DamageFound(DatabaseDamaged):
    """The full check found damage while the program ran: writes stop at once."""

    def __init__(self, detail: str = "") -> None:
        KnownError.__init__(
            self,
            "检查发现数据库已损坏，为防止损坏扩大，程序已停止保存。",
            "本次操作没有保存。请关闭程序后重新打开，按提示用最近的完好备份恢复，或联系技术人员。",
        )
        self.detail = detail  # SQLite's English words, for the log only


def translate_os_error(exc: OSError, path: object) -> KnownError:
    if exc.errno == errno.ENOSPC:
        return DiskFull()
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return KnownError(
            f"没有权限写入“{path}”。",
            "请换一个可以写入的文件夹，或请管理员开放权限。",
        )
    reason = _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    return KnownError(f"无法访问“{path}”：{reason}。", "请检查该位置是否存在且可用。")


def translate_sqlite_error(exc: BaseException) -> KnownError | None:
    """Map SQLite's environment failures to KnownError; None means a bug."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLocked()
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull()
    if "file is not a database" in text or "malformed" in text or "disk i/o error" in text:
        return DatabaseDamaged()
    if isinstance(exc, sqlite3.OperationalError) and "unable to open" in text:
        return KnownError("无法打开数据库文件。", "请检查数据文件夹是否存在且可以写入。")
    return None
