"""Who else is using this data folder: a lock file the operating system releases.

Each window and each command holds `cppcc-desk.lock` in the data folder while it
runs (an OS file lock, so a crashed program never leaves a stale one). A second
copy of the program finds it held and can say so — in the GUI before it opens,
and in the "database is busy" message: who, since when, doing what.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.file_safety.files import OWNER_ONLY

log = logging.getLogger(__name__)

LOCK_FILE = "cppcc-desk.lock"
_WINDOWS_LOCK_AT = 1 << 20  # Windows locks bytes against reading too: lock one past the text

_held: dict[Path, FolderLock] = {}  # the locks this process holds, by data folder


@dataclass(frozen=True)
class Holder:
    """What the holder of the lock wrote: the process and what it is doing."""

    pid: int
    program: str  # "窗口" or "命令“cppcc-desk records import”"
    started: str  # HH:MM
    doing: str = ""  # "正在导入履职记录", while it does

    @property
    def text(self) -> str:
        """另一个窗口（进程 1234，10:32 起）正在导入履职记录 / 正在使用这份数据."""
        doing = self.doing or "正在使用这份数据"
        return f"另一个{self.program}（进程 {self.pid}，{self.started} 起）{doing}"


class FolderLock:
    """This process's hold on a data folder; release() or exit lets it go."""

    def __init__(self, folder: Path, fd: int, program: str) -> None:
        self.folder = folder
        self._fd = fd
        self._program = program
        self._started = datetime.now().strftime("%H:%M")

    def announce(self, doing: str) -> None:
        """Tell a second copy what this one is doing now ("" when done)."""
        info = {"pid": os.getpid(), "program": self._program, "started": self._started}
        data = json.dumps({**info, "doing": doing}, ensure_ascii=False).encode()
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.write(self._fd, data.ljust(1024))

    def release(self) -> None:
        if _held.get(self.folder) is self:
            del _held[self.folder]
        os.close(self._fd)  # closing lets the operating system release the lock


def hold_folder(folder: Path, program: str) -> FolderLock | Holder | None:
    """Our lock, or who holds it already; None where no lock file can be made."""
    folder = folder.resolve()
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, OWNER_ONLY)
    except OSError:
        log.warning("no lock file in %s; other copies of the program cannot be told", folder)
        return None
    if not try_lock(fd):
        holder = _read(fd)
        os.close(fd)
        return holder or Holder(0, "程序", "?")
    lock = FolderLock(folder, fd, program)
    lock.announce("")
    _held[folder] = lock
    return lock


def other_holder(folder: Path) -> Holder | None:
    """Who else holds the data folder now; None if nobody (or this process) does.

    It writes nothing: every start asks, and a failed start must leave the folder as it was.
    """
    folder = folder.resolve()
    if folder in _held:
        return None
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR)  # no lock file: nobody ever held it
    except OSError:
        return None
    try:
        if try_lock(fd):
            return None  # closing the file lets the lock go again
        return _read(fd) or Holder(0, "程序", "?")
    finally:
        os.close(fd)


@contextlib.contextmanager
def holding(folder: Path, program: str, doing: str) -> Iterator[Holder | None]:
    """The data folder held by this process for the block (if it does not hold it already),
    telling a second copy what it does; yields who else holds it instead, or None."""
    if folder.resolve() in _held:
        with announcing(folder, doing):
            yield None
        return
    found = hold_folder(folder, program)
    if isinstance(found, Holder):
        yield found
        return
    try:
        if found is not None:
            found.announce(doing)
        yield None
    finally:
        if found is not None:
            found.release()


@contextlib.contextmanager
def announcing(folder: Path, doing: str) -> Iterator[None]:
    """While the block runs, a second copy is told what this one is doing."""
    lock = _held.get(folder.resolve())
    if lock is None:
        yield
        return
    lock.announce(doing)
    try:
        yield
    finally:
        lock.announce("")


def try_lock(fd: int) -> bool:
    """An exclusive OS lock on the open file `fd` (released when it is closed), or False."""
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_AT, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _read(fd: int) -> Holder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096).decode("utf-8").strip())
        return Holder(int(info["pid"]), str(info["program"]), str(info["started"]),
                      str(info.get("doing", "")))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None  # being written this moment, or from another version
