"""A register of the temporary files being written, so that a killed write leaves no trace.

An export is written to `.~名单.1b9840d2.xlsx` beside its target and renamed when whole
(app.common.documents.write_atomically). Killed half-way (kill -9, a power cut), that file
stayed in the clerk's folder — for the roster, with full ID numbers. So each one is first
listed here: one small file per temp in `unfinished-files/` in the data folder, holding
the temp's path and locked by its writer while it writes (the operating system drops the
lock when the writer dies). The entry goes after the rename. At every start and every
export, an entry nobody holds is a write that never finished: its temp file, if it is
still there and named as ours, is removed — nothing else ever is.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from app.common.folder_lock import try_lock
from db.file_safety.files import OWNER_ONLY, OWNER_ONLY_FOLDER, make_private, sync_folder

log = logging.getLogger(__name__)

REGISTER_FOLDER = "unfinished-files"
ENTRY_SUFFIX = ".txt"
_END = "\n"  # an entry is complete (its writer got as far as listing the path) when it ends so
_YOUNG_S = 60  # an incomplete entry younger than this may be one being made this moment
# `.~<name>.<8 hex digits><suffix>`, as write_atomically names its temporary files.
_OUR_TEMP = re.compile(r"\.~.+\.[0-9a-f]{8}(\.[^.]+)?")

_register: Path | None = None  # this process's: in the data folder of the database it opened


def use_register(data_dir: Path) -> list[Path]:
    """From now on list temporary files in `data_dir`'s register; first remove what writes
    killed earlier left. Returns the files removed."""
    global _register
    _register = data_dir / REGISTER_FOLDER
    return clear_leftovers()


def is_our_temp(path: Path) -> bool:
    return _OUR_TEMP.fullmatch(path.name) is not None


@contextmanager
def listed_while_written(temp: Path) -> Iterator[None]:
    """`temp` is in the register (locked) for the block: call before the file is made,
    leave after it was renamed or removed. Without a register (or if it cannot be
    written) the write goes ahead unlisted: a crash's leftover is then removed by the
    next write of the same name, after an hour (app.common.documents)."""
    entry = _add_entry(temp) if _register is not None else None
    try:
        yield
    finally:
        if entry is not None:
            fd, path = entry
            os.close(fd)  # first: Windows removes no file that is open
            with suppress(OSError):
                path.unlink()


def clear_leftovers() -> list[Path]:
    """Remove the temporary files of writes that never finished (listed, nobody holding
    the entry); drop their entries. A temp on a drive not there now (a USB stick) stays
    listed for the next time."""
    register = _register
    removed: list[Path] = []
    if register is None or not register.is_dir():
        return removed
    for entry in sorted(register.glob(f"*{ENTRY_SUFFIX}")):
        temp = _finished_with(entry)
        if temp is not None:
            removed.append(temp)
    if removed:
        log.warning("removed %d temporary file(s) an interrupted write left", len(removed))
    return removed


def _finished_with(entry: Path) -> Path | None:
    """Handle one entry; the temp file it removed, if any."""
    try:
        fd = os.open(entry, os.O_RDWR)
    except OSError:
        return None  # gone meanwhile (its writer finished), or not ours to read
    try:
        if not try_lock(fd):
            return None  # its writer is still at work
        os.lseek(fd, 0, os.SEEK_SET)  # Windows' lock moved it
        text = os.read(fd, 64 * 1024).decode("utf-8", errors="replace")
        if text.endswith(_END):
            drop, removed = _remove_temp(Path(text[: -len(_END)]))
        else:  # its writer died listing it (no temp made yet), or is listing it this moment
            drop, removed = time.time() - os.fstat(fd).st_mtime >= _YOUNG_S, None
    finally:
        os.close(fd)
    if drop:
        with suppress(OSError):
            entry.unlink()
    return removed


def _remove_temp(temp: Path) -> tuple[bool, Path | None]:
    """(whether the entry can go, the temp file removed)."""
    if not temp.is_absolute() or not is_our_temp(temp):
        log.error("register entry names %s, not a temporary file of ours: left alone", temp)
        return True, None
    if not temp.parent.is_dir():
        return False, None  # a USB stick not plugged in now: next time
    if temp.is_symlink() or not temp.is_file():
        return True, None  # renamed into place after all, or something else by now
    try:
        temp.unlink()
    except OSError:
        log.warning("could not remove %s, left by an interrupted write", temp)
        return False, None
    return True, temp


def _add_entry(temp: Path) -> tuple[int, Path] | None:
    register = _register
    assert register is not None
    path = register / f"{uuid.uuid4().hex}{ENTRY_SUFFIX}"
    try:
        if not register.is_dir():
            register.mkdir(parents=True, exist_ok=True)
            make_private(register, OWNER_ONLY_FOLDER)  # paths of files with personal data
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, OWNER_ONLY)
    except OSError:
        log.warning("could not list %s in %s", temp.name, register, exc_info=True)
        return None
    try:
        _lock(fd)
        os.lseek(fd, 0, os.SEEK_SET)  # Windows' lock moved it
        os.write(fd, f"{temp.absolute()}{_END}".encode())
        os.fsync(fd)
        sync_folder(register)
    except OSError:
        log.warning("could not list %s in %s", temp.name, register, exc_info=True)
        os.close(fd)
        with suppress(OSError):
            path.unlink()
        return None
    return fd, path


def _lock(fd: int) -> None:
    """A cleaner may hold the new entry for a moment (it found it empty, and leaves it)."""
    for _ in range(100):
        if try_lock(fd):
            return
        time.sleep(0.01)
    raise OSError("the register entry stays locked")


STALE_PARTIAL_S = 3600  # no copy to a stick takes an hour: older is a killed one's


def clear_stale_partials(folder: Path, ours: re.Pattern[str]) -> None:
    """What a copy to a stick killed half-way (kill -9, a stick pulled) left in `folder`:
    the stick may go to another computer, so there is no register; on Windows a leading
    dot does not hide it, and the clerk would wonder what it is. Only plain files named
    as `ours`, only ones untouched for an hour; a failure to remove one is not an error."""
    now = time.time()
    with suppress(OSError):
        for path in folder.glob("*.partial"):
            with suppress(OSError):
                facts = path.lstat()
                if (
                    ours.fullmatch(path.name)
                    and stat.S_ISREG(facts.st_mode)
                    and now - facts.st_mtime > STALE_PARTIAL_S
                ):
                    path.unlink()
                    log.info("removed %s, left by a copy that never finished", path.name)
