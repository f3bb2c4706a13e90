"""The database file on disk: its companion files, crash recovery, owner-only permissions.

SQLite keeps an unfinished write in a companion file beside the database
(`-journal`, or `-wal`/`-shm` in WAL mode). A database and its companions are
one thing: they are kept together, and a connection that may write is what
rolls an interrupted write back (a read-only one cannot).
"""

from __future__ import annotations

import errno
import itertools
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

COMPANION_SUFFIXES = ("-journal", "-wal", "-shm")
OWNER_ONLY = 0o600
OWNER_ONLY_FOLDER = 0o700


def readonly_uri(path: Path) -> str:
    """A URI that opens an existing file read-only and never creates one."""
    return path.resolve().as_uri() + "?mode=ro"


def existing_uri(path: Path) -> str:
    """A URI that opens an existing file for writing if allowed, and never creates one."""
    return path.resolve().as_uri() + "?mode=rw"


@contextmanager
def connect(uri: str, timeout_s: float = 5.0) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection to a file URI, closed after use, that reads damage as such.

    Damaged text reads with U+FFFD instead of failing; and SQLite's own message
    about a damaged schema, which can quote undecodable bytes, becomes the
    DatabaseError it is instead of a UnicodeDecodeError.
    """
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=timeout_s)) as conn:
            conn.text_factory = tolerant_text
            yield conn
    except UnicodeDecodeError as exc:
        raise sqlite3.DatabaseError("database disk image is malformed") from exc


def tolerant_text(value: bytes) -> str:
    """TEXT as str; bytes that are not UTF-8 (a damaged value) become U+FFFD, not an error."""
    return value.decode("utf-8", errors="replace")


def companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def companions(path: Path) -> list[Path]:
    """The companion files that exist beside `path` now."""
    return [c for c in (companion(path, s) for s in COMPANION_SUFFIXES) if c.exists()]


class JournalDoesNotFit(Exception):
    """Playing the journal left beside the database would not give a sound database back."""

    def __init__(self, found: list[Path]) -> None:
        super().__init__(", ".join(f.name for f in found))
        self.names = [f.name for f in found]


def roll_back_interrupted_write(
    path: Path, timeout_s: float, fits: Callable[[Path], bool] = lambda _: True
) -> bool:
    """Let SQLite roll back a write cut off by a crash; True if a journal was there.

    Opening for writing and reading once is enough: SQLite finds the hot journal
    when it takes the read lock and restores the pages it holds. With no hot
    journal this reads and changes nothing.

    SQLite cannot tell whose journal it finds: one of another database, put beside
    this one by hand (a backup copied over the database, a folder copied together
    from two places), would be played into it and overwrite its pages — a 2 MB
    database became the other's 100 KB. So a copy is rolled back first, and only
    if `fits` finds the result sound is the database itself; otherwise
    JournalDoesNotFit is raised with both files untouched.
    """
    found = companions(path)
    if not found:
        return False
    if copy_fits(path, found, timeout_s, fits) is False:
        raise JournalDoesNotFit(found)
    with connect(existing_uri(path), timeout_s) as conn:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return True


def copy_fits(
    path: Path, played: list[Path], timeout_s: float, fits: Callable[[Path], bool]
) -> bool | None:
    """Whether a private copy of the database, with the companion files `played` rolled
    into it (none: the file as it is), is sound by `fits`. None when a file changed or
    went while it was copied: another copy of the program is writing, its journal is live."""
    trial = companion(path, ".rollback-check")
    trial_files = [trial, *(companion(trial, s) for s in COMPANION_SUFFIXES)]
    for leftover in trial_files:  # of a check cut off earlier
        leftover.unlink(missing_ok=True)
    before = file_stamps([path, *played])
    try:
        copy_private(path, trial)
        for source in played:
            suffix = source.name[len(path.name) :]
            if suffix != "-shm":  # the WAL index is rebuilt from the WAL
                copy_private(source, companion(trial, suffix))
        if file_stamps([path, *played]) != before:
            return None
        with connect(existing_uri(trial), timeout_s) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return fits(trial)
    except FileNotFoundError:
        return None  # the journal went while it was copied: a live write ended, none was left
    except sqlite3.DatabaseError:
        return False
    finally:
        for leftover in trial_files:
            leftover.unlink(missing_ok=True)


def file_stamps(paths: list[Path]) -> list[tuple[int, int, int] | None]:
    """Each file's (inode, size, mtime), None if it is missing: to see a writer at work."""
    found: list[tuple[int, int, int] | None] = []
    for path in paths:
        try:
            stat = path.stat()
        except FileNotFoundError:
            found.append(None)
        else:
            found.append((stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return found


def unused_name(folder: Path, stem: str, suffix: str) -> Path:
    """`stem + suffix` in `folder`, or `stem-2 + suffix` … if that is taken."""
    for number in itertools.count(1):
        path = folder / f"{stem}{'' if number == 1 else f'-{number}'}{suffix}"
        if not path.exists():
            return path
    raise AssertionError("unreachable")


def copy_private(source: Path, target: Path) -> None:
    """A copy only its owner can read (the database holds personal data)."""
    create_private_file(target)
    with source.open("rb") as reading, target.open("r+b") as writing:
        shutil.copyfileobj(reading, writing, 1 << 20)


def create_private_file(path: Path) -> None:
    """Create an empty file only its owner can read; FileExistsError if it exists.

    SQLite gives its journal the permissions of the database, so a database
    created this way keeps every companion private too.
    """
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY))


def publish(finished: Path, target: Path) -> None:
    """Rename a finished file to `target`, never over a file that appeared there meanwhile.

    A hard link fails if `target` exists; where links are not supported (FAT),
    a plain rename is the best there is.
    """
    try:
        os.link(finished, target)
    except FileExistsError:
        finished.unlink()
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        finished.replace(target)
    else:
        finished.unlink()
    sync_folder(target.parent)


def read_only(path: Path) -> bool:
    """Whether the file exists and may be read but not written by this user (its mode,
    Windows' 只读 attribute, a read-only disk). Opened for writing and closed: unchanged.

    SQLite opens such a file read-only without a word, and only the first save fails."""
    try:
        os.close(os.open(path, os.O_RDWR))
    except PermissionError:
        return True
    except OSError as exc:
        return exc.errno == errno.EROFS
    return False


def make_private(path: Path, mode: int = OWNER_ONLY) -> None:
    """Owner-only permissions where the system has them (not on Windows)."""
    if os.name == "posix":
        os.chmod(path, mode)


def take_from_others(path: Path) -> bool:
    """Group and others lose what they may do with `path`; the owner keeps what it had, so
    a file set read-only stays read-only. False if the file is not ours to change."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if os.name != "posix" or not mode & 0o077:
        return True
    try:
        os.chmod(path, mode & 0o700)
    except OSError:
        return False
    return True


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (POSIX; Windows has no folder fsync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_SQLITE_MAGIC = b"SQLite format 3\x00"


def looks_whole(path: Path) -> bool:
    """Whether a database file is whole by its own header: the SQLite signature, a
    page size SQLite allows, and (where the header vouches for it) exactly as many
    pages as it says. Reads 100 bytes: cheap enough to ask of every kept backup;
    it finds a truncated or overwritten file, not a page rotted inside (that is
    `integrity_problem`'s work)."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
            size = os.fstat(f.fileno()).st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return False
    pages = int.from_bytes(header[28:32], "big")
    change_counter, valid_for = header[24:28], header[92:96]
    if pages and change_counter == valid_for:
        return size == pages * page_size
    return size > 0 and size % page_size == 0


def header_problem(path: Path) -> str | None:
    """What SQLite itself would not call damage in the file's 100-byte header, or None.

    A flipped bit in the write version (byte 18) makes SQLite open the file read-only
    without a word: every save would then fail as if the folder were write-protected.
    One in the schema format (bytes 44-47) gives "unsupported file format", not "malformed".
    """
    with path.open("rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return None  # SQLite's own checks name this damage
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        return f"header: file format versions {header[18]}/{header[19]}"
    schema_format = int.from_bytes(header[44:48], "big")
    if schema_format not in (0, 1, 2, 3, 4):  # 0: a database with no tables yet
        return f"header: schema format {schema_format}"
    return None
