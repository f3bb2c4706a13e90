"""The two kinds of error.

KnownError: something the user or the machine caused (bad input, a locked or
damaged database, a full disk). It carries a Chinese message saying what
happened and what to do, and is shown as such. Anything else is a bug and
reaches the crash dialog with the log file's path.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable


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
    def __init__(self, holder: str = "") -> None:
        """`holder`: who holds the data folder, as app.common.folder_lock.Holder.text says."""
        if holder:
            what = f"数据库正忙：{holder}。"
            todo = "请等它完成后再试，或关闭另一个窗口。本次操作未作任何改动。"
        else:
            what = "数据库正被其他程序占用（可能另一个“政协履职工作台”窗口正在保存）。"
            todo = "请关闭其他窗口或稍候片刻再试。本次操作未作任何改动。"
        super().__init__(what, todo)


class DiskFull(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "磁盘空间已满，无法保存。",
            "请清理磁盘空间后再试。本次操作未作任何改动。",
        )


RESTORE_TODO = "请用“备份”文件夹中最近的备份恢复，或联系技术人员。原文件未作任何改动。"


class DatabaseDamaged(KnownError):
    """The database file cannot be read as a sound SQLite database."""

    def __init__(self, detail: str = "", todo: str = RESTORE_TODO) -> None:
        super().__init__(f"数据库文件已损坏，无法读取{f'（{detail}）' if detail else ''}。", todo)


class DatabaseEmpty(DatabaseDamaged):
    """The file is there but holds nothing: its data is lost, not yet to be made."""

    def __init__(self, path: object) -> None:
        KnownError.__init__(
            self,
            f"数据库文件“{path}”是空的（0 字节），原有的数据都不在其中。",
            "请用“备份”文件夹中最近的备份恢复，或联系技术人员。原文件未作任何改动。"
            "如果这台电脑上从未录入过数据，可以删除该文件，程序会重新建立数据库。",
        )


class DatabaseMissing(DatabaseDamaged):
    """The database file is gone, but its backups or its journal show data was there."""

    def __init__(self, path: object, leftovers: list[str]) -> None:
        """`leftovers`: names of the journal files a crash left beside it, if any."""
        if leftovers:
            why = f"它的日志文件（{'、'.join(leftovers)}）还在"
        else:
            why = "备份文件夹中有以前的备份"
        KnownError.__init__(
            self,
            f"找不到数据库文件“{path}”（可能被删除或移走），但{why}，说明这里原来有数据。",
            "请把原数据库文件放回原处，或用“备份”文件夹中最近的备份恢复，或联系技术人员。"
            "程序没有新建数据库，也没有改动任何文件。",
        )


class NotOurDatabase(DatabaseDamaged):
    """Under the database's name, another program's SQLite file: the start offers the backup."""

    def __init__(self, path: object) -> None:
        KnownError.__init__(
            self,
            f"“{path}”不是政协履职工作台的数据库（可能被其他程序的文件替换了）。",
            "请把本程序原来的数据库文件放回原处，或用“备份”文件夹中最近的备份恢复，"
            "或联系技术人员。该文件未作任何改动。",
        )


class JournalUnusable(DatabaseDamaged):
    """A journal beside the database would not roll it back soundly: not played, both kept."""

    def __init__(self, names: str) -> None:
        """`names`: the companion files found beside the database."""
        KnownError.__init__(
            self,
            f"数据库文件旁边的日志文件（{names}）不能用来恢复上次中断的保存：它可能是从别处"
            "复制来的另一个数据库的日志，或已损坏。程序没有使用它，数据库文件和日志文件都未作任何改动。",
            "请用“备份”文件夹中最近的完好备份恢复（原来的数据库和日志文件会保留在备份文件夹中），"
            "或联系技术人员。",
        )


class CompanionInTheWay(KnownError):
    """Something unusable under the name SQLite keeps its journal by (a folder, a file
    without permission): the database cannot open, and the clerk did not choose that name."""

    def __init__(self, name: str, problem: KnownError) -> None:
        super().__init__(
            f"数据库文件旁边的“{name}”无法使用，数据库因此打不开。这个名称是程序保存数据时"
            f"自动使用的日志文件。（{problem.what}）",
            "请把它移到别处或改个名字（先不要删除，里面可能有上次未保存完的数据），再重新打开"
            "本程序；如不确定，请联系技术人员。数据库未作任何改动。",
        )


class DamageFound(DatabaseDamaged):
    """The full check found damage while the program ran: writes stop at once."""

    def __init__(self, detail: str = "", during_work: bool = True) -> None:
        """`during_work`: found by (or stopping) what the clerk just did, not in the background."""
        KnownError.__init__(
            self,
            "检查发现数据库已损坏，为防止损坏扩大，程序已停止保存。",
            ("本次操作没有保存。" if during_work else "")
            + "请关闭程序后重新打开，按提示用最近的完好备份恢复，或联系技术人员。",
        )
        self.detail = detail  # SQLite's English words, for the log only


class DatabaseGone(KnownError):
    """The database file was deleted, moved or replaced while the program ran."""

    def __init__(self, path: object = None) -> None:
        named = f"“{path}”" if path is not None else ""
        super().__init__(
            f"数据库文件{named}在程序运行中被删除、移走或替换了，本次操作没有保存。",
            "请先把正在填写的内容记下，然后关闭本程序，把原数据库文件放回原处后重新打开；"
            "找不回时，重新打开本程序会提示用最近的备份恢复。如不确定，请联系技术人员。",
        )


class DatabaseReadOnly(KnownError):
    """The database file (or its folder) may be read but not written: a file copied from a
    CD keeps its 只读 attribute, a folder may lack the user's write permission."""

    def __init__(self, path: object, folder: bool = False, during_work: bool = False) -> None:
        """`folder`: the data folder, not the file, is what cannot be written."""
        done = "本次操作没有保存。" if during_work else "数据库未作任何改动。"
        if folder:
            what = (
                f"没有权限写入数据文件夹“{path}”（它是只读的，或当前用户没有写入权限），"
                "数据库无法保存任何内容。"
            )
            todo = (
                "请在该文件夹上点右键，选“属性”，取消勾选“只读”后重新打开本程序；"
                "如果它在光盘或写保护的U盘上，请先把整个文件夹复制到本机硬盘；"
                f"仍不行时，请技术人员为当前用户开放该文件夹的写入权限。{done}"
            )
        else:
            what = (
                f"数据库文件“{path}”是只读的，不能写入，程序无法保存任何内容"
                "（常见于从光盘复制来的文件，或文件被设为了“只读”）。"
            )
            todo = (
                "请关闭本程序，在该文件上点右键，选“属性”，取消勾选“只读”后再打开本程序；"
                "如果没有这一项，或取消后仍然如此，请技术人员为当前用户开放该文件及所在"
                f"文件夹的写入权限。{done}"
            )
        super().__init__(what, todo)
        self.path = path


class DiskError(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "读写磁盘时出错。",
            "请检查数据所在的磁盘（U盘、移动硬盘是否已拔出）后再试；如果反复出现，磁盘可能有"
            "故障，请在“数据安全”中检查数据库，并联系技术人员。本次操作未保存。",
        )


class NoPermission(KnownError):
    """The system refused to write (permissions, 只读, a read-only disk)."""


# --- the operating system's errors -------------------------------------------------

_CHECK_PLACE = "请检查该位置是否存在且可用。"
_CLOSE_OTHER = "请先在 Excel、WPS 等程序中关闭该文件，再试一次。"
_RECONNECT = "请重新连接U盘、移动硬盘或网络共享文件夹后再试；数据请放在本机硬盘上。"
_NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)

# errno → (why, what to do). The system explains these in English; say it in Chinese.
_OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("该位置不存在，也无法在此创建", _CHECK_PLACE),
    errno.ENOTDIR: ("路径中的某一级不是文件夹，而是一个文件", _CHECK_PLACE),
    errno.EEXIST: ("该位置已有一个同名的文件", "请换一个名称或位置。"),
    errno.EISDIR: ("该位置是一个文件夹", "请选择（或起名为）一个文件，而不是文件夹。"),
    errno.ENAMETOOLONG: (
        "文件名太长（或所在文件夹的路径太深）",
        "请换一个短一些的文件名，或保存到层级较浅的文件夹。",
    ),
    errno.EINVAL: (
        "文件名中有系统不允许的字符",
        '请换一个文件名，不要使用 \\ / : * ? " < > | 等字符。',
    ),
    errno.EIO: ("读写磁盘时出错", "请检查磁盘是否仍然连接；如果反复出现，请联系技术人员。"),
    errno.EBUSY: ("该文件正被其他程序使用", _CLOSE_OTHER),
    errno.ETXTBSY: ("该文件正被其他程序使用", _CLOSE_OTHER),
    errno.EMFILE: ("同时打开的文件太多", "请关闭一些程序后再试。"),
    errno.ENFILE: ("同时打开的文件太多", "请关闭一些程序后再试。"),
    errno.EFBIG: ("文件太大，该磁盘放不下单个这么大的文件", "请保存到本机硬盘上。"),
    errno.EXDEV: ("不能在两个磁盘之间直接移动文件", "请先复制到同一个磁盘上再试。"),
    errno.ENOTEMPTY: ("该文件夹不是空的", "请换一个空文件夹。"),
    errno.ELOOP: ("路径中的快捷方式（链接）互相指向，找不到真正的位置", _CHECK_PLACE),
    errno.ENOMEM: ("内存不足", "请关闭其他程序后再试。"),
    errno.EAGAIN: ("系统暂时无法完成", "请稍候再试。"),
    errno.EINTR: ("操作被系统中断", "请再试一次。"),
}
for _code in ("ENODEV", "ENXIO", "ESTALE", "ENOMEDIUM", "EREMOTEIO", "ENOLINK"):
    if hasattr(errno, _code):
        _OS_REASONS[getattr(errno, _code)] = ("设备已不可用（可能已拔出或断开）", _RECONNECT)
for _code in (
    "ETIMEDOUT", "EHOSTDOWN", "EHOSTUNREACH", "ENETDOWN", "ENETUNREACH", "ENETRESET",
    "ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ENOTCONN", "EREMOTE",
):  # fmt: skip
    if hasattr(errno, _code):
        _OS_REASONS[getattr(errno, _code)] = ("网络共享文件夹无法访问", _RECONNECT)

# Windows reports a file another program holds open as EACCES; its own code says more.
_WINDOWS_FILE_IN_USE = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def translate_os_error(exc: OSError, path: object = None) -> KnownError:
    """The operating system's complaint as a Chinese message about `path`."""
    where = path if path is not None else (exc.filename or "该文件")
    if getattr(exc, "winerror", None) in _WINDOWS_FILE_IN_USE:
        return KnownError(f"“{where}”正被其他程序打开，无法访问。", _CLOSE_OTHER)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull()
    if exc.errno in _NO_PERMISSION:
        return NoPermission(
            f"没有权限写入“{where}”。",
            "请换一个可以写入的文件夹，或请管理员开放权限。",
        )
    reason, todo = _OS_REASONS.get(
        exc.errno or 0,
        (
            f"操作系统报告了错误（代码 {exc.errno}）",
            "请检查该位置是否存在且可用；如果反复出现，请联系技术人员。",
        ),
    )
    return KnownError(f"无法访问“{where}”：{reason}。", todo)


# --- SQLite's errors -----------------------------------------------------------------

_READ_ONLY_TODO = "请检查文件和文件夹是否被设为只读、磁盘是否有写保护，或请管理员开放权限。"

# SQLite's primary result codes (sqlite.org/rescode.html) that the machine, not the
# program, causes. The others (constraint, misuse, SQL errors) are bugs: None.
_SQLITE_ERRORS: dict[int, Callable[[], KnownError]] = {
    3: lambda: KnownError("没有权限访问数据库文件。", "请管理员开放数据文件夹的读写权限。"),
    5: DatabaseLocked,
    6: DatabaseLocked,
    7: lambda: KnownError("内存不足，无法完成。", "请关闭其他程序后再试。本次操作未作任何改动。"),
    8: lambda: KnownError("数据库文件是只读的，无法保存。", _READ_ONLY_TODO),
    9: lambda: KnownError("操作被中断。", "请再试一次。本次操作未作任何改动。"),
    10: DiskError,
    11: DatabaseDamaged,
    13: DiskFull,
    14: lambda: KnownError("无法打开数据库文件。", "请检查数据文件夹是否存在且可以写入。"),
    15: DatabaseLocked,
    18: lambda: KnownError(
        "要保存的内容太大。", "请缩短该内容（例如备注中粘贴的过长文字）后再试。"
    ),
    22: lambda: KnownError("数据库文件太大，该磁盘放不下。", "请把数据文件夹放到本机硬盘上。"),
    23: lambda: KnownError("没有权限访问数据库文件。", "请管理员开放数据文件夹的读写权限。"),
    26: DatabaseDamaged,
}
_READONLY_ROLLBACK = 776  # a crash left a journal, and the file may not be written
_READONLY_DBMOVED = 1032  # the open file was deleted or renamed: a write would be lost

# Errors made without a code (or by older drivers): SQLite's fixed English texts.
_SQLITE_TEXTS = (
    ("database is locked", 5),
    ("database table is locked", 6),
    ("database or disk is full", 13),
    ("disk is full", 13),
    ("file is not a database", 26),
    ("malformed", 11),
    ("unsupported file format", 11),  # a damaged header (schema format); code 1
    ("disk i/o error", 10),
    ("unable to open", 14),
    ("readonly database", 8),
    ("out of memory", 7),
)


def translate_sqlite_error(exc: BaseException) -> KnownError | None:
    """Map SQLite's environment failures to KnownError; None means a bug."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    if code == _READONLY_DBMOVED:
        return DatabaseGone()
    if code == _READONLY_ROLLBACK:
        return KnownError("数据库上次保存时被中断，需要先恢复，但该文件不能写入。", _READ_ONLY_TODO)
    if code is None or code == 1:  # SQLITE_ERROR: only its text tells damage from a bug
        text = str(orig).lower()
        code = next((c for phrase, c in _SQLITE_TEXTS if phrase in text), code)
    make = _SQLITE_ERRORS.get((code or 0) & 0xFF)
    return make() if make is not None else None


def as_known_error(exc: BaseException) -> KnownError | None:
    """What the user should read about an error that reached the top; None for a bug."""
    if isinstance(exc, KnownError):
        return exc
    if isinstance(exc, OSError):
        return translate_os_error(exc)
    if isinstance(exc, sqlite3.Error) or isinstance(getattr(exc, "orig", None), sqlite3.Error):
        return translate_sqlite_error(exc)
    return None
