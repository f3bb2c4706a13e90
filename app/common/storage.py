"""Opening the office database: checks first, backup, upgrade, then sessions.

Order matters so that nothing is changed by a failed open: a write cut off by a
crash is first rolled back (as any SQLite connection that may write would),
then the file is examined read-only (damaged? from a newer program?), backed
up, and only then upgraded.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.common.errors import (
    CompanionInTheWay,
    DamageFound,
    DatabaseDamaged,
    DatabaseEmpty,
    DatabaseGone,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseReadOnly,
    JournalUnusable,
    KnownError,
    NotOurDatabase,
    translate_os_error,
    translate_sqlite_error,
)
from app.common.folder_lock import announcing, other_holder
from app.common.paths import DataLocation, prepare_data_dir
from app.common.unfinished_files import use_register
from db import migrate
from db.engine import DEFAULT_BUSY_TIMEOUT_MS, make_engine, make_session_factory
from db.events import ForeignRecordEdit
from db.file_safety.backup import (
    back_up_file,
    clear_staged_restore,
    clear_unpacked_restore,
    integrity_problem,
)
from db.file_safety.files import (
    COMPANION_SUFFIXES,
    OWNER_ONLY_FOLDER,
    JournalDoesNotFit,
    companion,
    companions,
    copy_fits,
    create_private_file,
    file_stamps,
    header_problem,
    make_private,
    publish,
    read_only,
    roll_back_interrupted_write,
    sync_folder,
    take_from_others,
    unused_name,
)
from db.file_safety.journal import journal_fits

log = logging.getLogger(__name__)


class WriteWhileReading(RuntimeError):
    """A program error: something wrote inside Database.read() (nothing was written)."""


@dataclass
class Database:
    """The open database of this installation. Services open one session per action."""

    location: DataLocation
    engine: Engine
    session_factory: sessionmaker[Session]  # writing: BEGIN IMMEDIATE
    busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_MS / 1000
    # What the full integrity_check found; while set, every write is refused so
    # that nothing more is written over damaged pages (finding 4).
    damage: str | None = None
    # What opening did to the files that the clerk must be told (in Chinese; what happened,
    # a line break, what it means): a journal that did not fit, set aside instead of played.
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._opened = _identity(self.path)
        event.listen(self.engine, "begin", self._refuse_writes_if_damaged, insert=True)
        self._reading = make_session_factory(self.engine, writing=False)

    @property
    def path(self) -> Path:
        return self.location.database

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error.

        It takes the write lock at once, so while another window writes it waits its
        turn (up to the busy timeout) instead of failing when it comes to write.
        """
        with self._translated(), self.session_factory.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session that only reads: no write lock, so it never waits for another writer.

        For lists, reports and checks that change nothing: it cannot write (a write there
        fails at once) and is rolled back when it closes. What it loaded stays readable
        after it closes, as with begin(), so a reader may keep the rows it read.
        """
        with self._translated(), self._reading() as session:
            connection = session.connection()
            connection.exec_driver_sql("PRAGMA query_only=ON")
            try:
                yield session
            except DBAPIError as exc:
                if self.damage is None and "readonly" in str(exc.orig):
                    raise WriteWhileReading("a write inside Database.read()") from exc
                raise
            finally:
                self._writable_again(connection)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            if self.damage is not None and "readonly" in str(exc.orig):
                raise DamageFound(self.damage) from exc
            known = _who_holds_it(self.location, translate_sqlite_error(exc))
            if isinstance(known, DatabaseGone) or self._gone():
                raise DatabaseGone(self.path) from exc
            if known is not None and read_only(self.path):  # made read-only meanwhile
                raise DatabaseReadOnly(self.path, during_work=True) from exc
            if known is None:
                raise
            raise known from exc
        except ForeignRecordEdit as exc:
            raise KnownError(
                f"该记录属于“{exc.owner_name}”，本单位只能查看，不能修改。",
                "如需修改，请由该单位修改后再通过交换文件送来。本次操作未作任何改动。",
            ) from exc

    @contextmanager
    def announcing(self, doing: str) -> Iterator[None]:
        """Long writes say what they do, so a second window that must wait is told why."""
        with announcing(self.location.data_dir, doing):
            yield

    def _gone(self) -> bool:
        """The file opened is no longer there: deleted, moved, or another file put in its
        place (whose missing tables would otherwise read as a program error)."""
        try:
            return _identity(self.path) != self._opened
        except FileNotFoundError:
            return True
        except OSError:
            return False

    def check_integrity(self) -> str | None:
        """Run the full integrity_check now; damage found stops all writes (and is noted)."""
        try:
            problem = integrity_problem(self.path, timeout_s=self.busy_timeout_s, live=True)
        except sqlite3.DatabaseError as exc:  # so damaged it cannot even be checked
            known = translate_sqlite_error(exc)
            if known is None:
                raise
            if not isinstance(known, DatabaseDamaged):  # locked, disk gone …
                raise known from exc
            problem = str(exc)
        if problem is not None:
            self._note_damage(problem)
        return problem

    def found_damage(self) -> KnownError:
        """A copy of the database failed its check: is the database itself damaged?"""
        problem = self.check_integrity()
        if problem is not None:
            return DamageFound(problem)
        return KnownError(
            "备份写入后未通过检查，数据库本身完好。",
            "备份文件夹所在的磁盘可能有问题，请检查磁盘后重试。本次未作任何改动。",
        )

    def close(self) -> None:
        self.engine.dispose()

    def _note_damage(self, problem: str) -> None:
        log.error("integrity_check failed for %s: %s", self.path, problem)
        self.damage = problem
        try:  # so that the next start offers the newest good backup
            self.location.damage_note.write_text(
                f"{datetime.now():%Y-%m-%d %H:%M:%S} integrity_check: {problem}\n",
                encoding="utf-8",
            )
            make_private(self.location.damage_note)
        except OSError:
            log.exception("could not write %s", self.location.damage_note)

    def _writable_again(self, connection: Connection) -> None:
        """The pooled connection goes back able to write (unless the database is damaged);
        one that cannot be told so is not used again."""
        if self.damage is not None:
            return
        try:
            connection.exec_driver_sql("PRAGMA query_only=OFF")
        except DBAPIError:
            connection.invalidate()

    def _refuse_writes_if_damaged(self, connection: Connection) -> None:
        """Before BEGIN: a damaged database only reads (and takes no write lock to do so)."""
        if self.damage is not None:
            connection.info["immediate"] = False
            connection.exec_driver_sql("PRAGMA query_only=ON")


def _identity(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_dev, found.st_ino


def open_database(
    location: DataLocation,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    read_only_ok: bool = False,
) -> Database:
    """`read_only_ok`: for what only reads (`check`, `backup`): a database file that cannot
    be written opens anyway, with a note; otherwise it is refused at once (DatabaseReadOnly)."""
    prepare_data_dir(location)
    use_register(location.data_dir)  # and remove the temp files killed exports left
    path = location.database
    opening_notes = _refuse_if_read_only(path, read_only_ok)
    # While another copy of the program holds the folder, what lies beside the database
    # may be its work in progress (a restore's copy, a live journal): left to it.
    alone = other_holder(location.data_dir) is None
    if alone:
        _clear_unfinished_restore(location)
    if not path.exists():
        _refuse_if_data_was_here(location)
        _create(path, busy_timeout_ms)
    notes = opening_notes + _check_existing(location, busy_timeout_ms / 1000, alone)
    _make_private(path)  # only once it is known to be ours
    engine = make_engine(path, busy_timeout_ms)
    try:
        _upgrade(location, engine, busy_timeout_ms / 1000)
    except BaseException:
        engine.dispose()
        raise
    timeout_s = busy_timeout_ms / 1000
    return Database(location, engine, make_session_factory(engine), timeout_s, notes=notes)


def _refuse_if_read_only(path: Path, read_only_ok: bool) -> list[str]:
    """Said before anything is done: SQLite opens a read-only file without a word, and the
    first save (signing in writes the audit trail) would fail."""
    if not read_only(path):
        return []
    log.warning("%s cannot be written (read-only)", path)
    if not read_only_ok:
        raise DatabaseReadOnly(path)
    return [
        f"数据库文件“{path}”是只读的：本命令只读取数据，照常进行，但不能保存任何内容。\n"
        "要保存时，请在该文件上点右键，选“属性”，取消勾选“只读”；或请技术人员开放写入权限。"
    ]


def _clear_unfinished_restore(location: DataLocation) -> None:
    """A restore killed before its last rename left its copy beside the database, which is
    still the one from before, whole: the copy goes, and what an encrypted restore had
    decrypted and staged before it (all personal data)."""
    try:
        removed = clear_staged_restore(location.database)
        removed += clear_unpacked_restore(location.data_dir, location.backup_dir)
    except OSError as exc:
        raise translate_os_error(exc, location.data_dir) from exc
    if removed:
        log.warning("removed what a restore cut off earlier left: %s", [f.name for f in removed])


def _refuse_if_data_was_here(location: DataLocation) -> None:
    """A missing database is a new installation only if nothing shows data was here.

    Backups, or a journal left by a crash, mean the file was deleted or moved: a new
    empty database would open the setup wizard, and SQLite would play the old journal
    into it (and then delete the journal, the last of the old file).
    """
    leftovers = [found.name for found in companions(location.database)]
    if leftovers or any(location.backup_dir.glob("*.sqlite3")):
        log.error("%s is missing; leftovers %s, backups in %s", location.database, leftovers,
                  location.backup_dir)  # fmt: skip
        raise DatabaseMissing(location.database, leftovers)


def _create(path: Path, busy_timeout_ms: int) -> None:
    """A new database, made under a temporary name and renamed when complete.

    So a crash during the first start never leaves an empty file under the real
    name, and an empty file there always means lost data (finding 3).
    """
    creating = companion(path, ".creating")
    for leftover in (creating, *companions(creating)):
        leftover.unlink(missing_ok=True)
    try:
        create_private_file(creating)
        engine = make_engine(creating, busy_timeout_ms)
        try:
            migrate.upgrade_to_head(engine)
        finally:
            engine.dispose()
        publish(creating, path)
    except OSError as exc:
        creating.unlink(missing_ok=True)
        raise translate_os_error(exc, path) from exc
    except DBAPIError as exc:
        creating.unlink(missing_ok=True)
        raise _as_known(exc) from exc
    log.info("created a new database %s", path)


def _check_existing(location: DataLocation, timeout_s: float, alone: bool) -> list[str]:
    """Refuse a file that is not ours, damaged or too new; the clerk's notes otherwise."""
    path = location.database
    notes = []
    try:
        if alone and (note := _set_aside_journal_of_another_file(location, timeout_s)):
            notes.append(note)
        if roll_back_interrupted_write(path, timeout_s, _sound_and_ours):
            log.warning("rolled back what was left of a write interrupted in %s", path)
        if path.stat().st_size == 0:
            raise DatabaseEmpty(path)
        if (bad_header := header_problem(path)) is not None:
            log.error("%s: %s", path, bad_header)
            raise DatabaseDamaged()
        problem = integrity_problem(path, quick=True, timeout_s=timeout_s)
        if problem is None and location.damage_note.exists():
            problem = _damage_still_there(location, timeout_s)
        stored = migrate.stored_revision(path, timeout_s=timeout_s)
        if not problem and stored == migrate.head_revision():
            _refuse_missing_tables(path, timeout_s)
    except JournalDoesNotFit as exc:
        log.error("the journal beside %s does not roll it back to a sound database", path)
        raise JournalUnusable("、".join(exc.names)) from exc
    except migrate.ForeignDatabase as exc:
        raise NotOurDatabase(path) from exc
    except sqlite3.DatabaseError as exc:
        raise _as_known(exc, location) from exc
    except OSError as exc:  # named by the file that failed: it may be the journal beside
        problem = translate_os_error(exc, exc.filename or path)
        failed = Path(exc.filename) if exc.filename else path
        if failed in {companion(path, suffix) for suffix in COMPANION_SUFFIXES}:
            raise CompanionInTheWay(failed.name, problem) from exc
        raise problem from exc
    if problem:
        log.error("integrity check failed for %s: %s", path, problem)
        raise DatabaseDamaged()  # SQLite's English detail is in the log only
    if stored is not None and stored not in migrate.known_revisions():
        raise KnownError(
            f"数据库“{path}”由更新版本的政协履职工作台创建（结构版本 {stored}），本程序无法打开。",
            "请安装最新版本的程序后再打开。数据库未作任何改动。",
        )
    return notes


def _set_aside_journal_of_another_file(location: DataLocation, timeout_s: float) -> str | None:
    """A `-journal` that no write in the database file as it is now can have left (the file
    was replaced since: an older backup copied over it) is not played — that would mix two
    states of the data. If the file as it is is sound and ours, the journal goes to the
    backup folder under a name that says what it is, and the clerk is told; otherwise
    JournalDoesNotFit, both files untouched (the start offers the newest good backup)."""
    path = location.database
    journal = companion(path, "-journal")
    before = file_stamps([path, journal])
    if before[1] is None or journal_fits(path, journal):
        return None
    sound = copy_fits(path, [], timeout_s, _sound_and_ours)
    if sound is None or file_stamps([path, journal]) != before:
        return None  # being written after all: a live journal is SQLite's to handle
    if not sound:
        raise JournalDoesNotFit([journal])
    folder = location.backup_dir
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        make_private(folder, OWNER_ONLY_FOLDER)
    kept = unused_name(folder, f"不匹配的日志-{datetime.now():%Y%m%d-%H%M%S}", ".sqlite3-journal")
    try:
        journal.rename(kept)
    except FileNotFoundError:
        return None  # another window starting at the same moment set it aside
    sync_folder(path.parent)
    sync_folder(folder)
    log.warning("%s does not fit %s as it is now; not played, kept as %s", journal, path, kept)
    return (
        f"数据库文件旁有一个与它不匹配的日志文件“{journal.name}”（可能是用以前的备份覆盖"
        "数据库文件时留下的）。为免把两份不同时间的数据混在一起，程序没有使用它，已把它移到"
        f"备份文件夹，保存为“{kept.name}”。\n数据库按现在的文件打开，其中的数据未作改动。"
        "如果数据不是您预期的，请联系技术人员，并把这个日志文件交给他们。"
    )


def _sound_and_ours(rolled_back: Path) -> bool:
    """A copy of the database with the journal beside it played: is it still our database?"""
    try:
        return (
            integrity_problem(rolled_back, quick=True) is None
            and migrate.stored_revision(rolled_back) is not None
        )
    except (sqlite3.DatabaseError, migrate.ForeignDatabase):
        return False


def _refuse_missing_tables(path: Path, timeout_s: float) -> None:
    """A table dropped behind the program's back (another tool, a bad repair) is damage:
    found here, not as an error on the first screen that reads it."""
    missing = migrate.missing_tables(path, timeout_s)
    if missing:
        log.error("%s lacks the tables %s", path, ", ".join(missing))
        raise DatabaseDamaged("数据表不全")


def _make_private(path: Path) -> None:
    """Files an older version made readable by everyone become the owner's alone."""
    if not take_from_others(path):  # not ours to change (another user's folder): go on
        log.warning("could not make %s readable by its owner only", path)


def _damage_still_there(location: DataLocation, timeout_s: float) -> str | None:
    """Damage was found while the program ran: check fully before trusting the file again."""
    problem = integrity_problem(location.database, timeout_s=timeout_s)
    if problem is None:
        log.warning("%s passes integrity_check again; damage note removed", location.database)
        location.damage_note.unlink(missing_ok=True)
    return problem


def _upgrade(location: DataLocation, engine: Engine, timeout_s: float) -> None:
    path = location.database
    stored = migrate.stored_revision(path)
    head = migrate.head_revision()
    if stored == head:
        return
    backup = None
    if stored is not None:
        log.info("backing up %s before upgrading %s -> %s", path, stored, head)
        try:
            backup = back_up_file(
                path, location.backup_dir, f"升级前备份-{stored}", None, timeout_s
            )
        except OSError as exc:
            raise translate_os_error(exc, location.backup_dir) from exc
        except sqlite3.DatabaseError as exc:
            raise _as_known(exc, location) from exc
        log.info("backed up to %s", backup.name)
    try:
        migrate.upgrade_to_head(engine)
    except DBAPIError as exc:
        known = translate_sqlite_error(exc)  # locked, disk full…: say that
        if known is not None:
            raise _who_holds_it(location, known) or known from exc
        # The file's tables do not match the version it records (a bad repair, a copy
        # from another build): the upgrade rolled back; say so, not "cannot read".
        log.error("upgrading %s from %s failed: %s", path, stored, exc)
        kept = f"升级前的备份已保存为“{backup.name}”。" if backup is not None else ""
        raise KnownError(
            f"数据库无法升级到本程序的版本（其中的数据表与所记录的版本 {stored} 不符）。"
            "数据库未作任何改动。" + kept,
            "请联系技术人员检查该文件；也可以用“备份”文件夹中出现问题之前的备份恢复。",
        ) from exc
    log.info("database %s now at schema %s", path, head)


def _who_holds_it(location: DataLocation, known: KnownError | None) -> KnownError | None:
    """A busy database: name the other copy of the program that holds it, if one does."""
    if isinstance(known, DatabaseLocked):
        holder = other_holder(location.data_dir)
        if holder is not None:
            return DatabaseLocked(holder.text)
    return known


def _as_known(exc: BaseException, location: DataLocation | None = None) -> KnownError:
    known = translate_sqlite_error(exc)
    if location is not None:
        known = _who_holds_it(location, known)
    if known is not None:
        return known
    log.error("cannot read %s", exc)  # SQLite's English words: for the technician
    code = getattr(getattr(exc, "orig", None) or exc, "sqlite_errorcode", "?")
    return KnownError(
        f"无法读取数据库（错误代码 {code}）。",
        "请用“备份”文件夹中最近的备份恢复，或联系技术人员。原文件未作任何改动。",
    )
