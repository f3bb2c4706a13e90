"""storage: opening the office database, and refusing bad files without touching them."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.common.errors import DatabaseDamaged, DatabaseLocked, DiskFull, KnownError
from app.common.paths import DataLocation
from app.common.storage import Database, WriteWhileReading, open_database
from app.office import office
from db import migrate
from db.models import DictionaryEntry, DictionaryKind
from tests.data_safety.crashes import crash_while_writing, journal_of, table_rows

SCHEMA_0001_FILE = Path(__file__).resolve().parents[1] / "db" / "data" / "schema-0001.sqlite3"
SETUP = office.OfficeSetup(office.OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
CHINESE = range(0x4E00, 0xA000)


def has_chinese(message: str) -> bool:
    return any(ord(c) in CHINESE for c in message)


@pytest.fixture
def exclusive_lock(office_file: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the whole database (as during its own write)."""
    conn = sqlite3.connect(office_file, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    yield conn
    conn.execute("ROLLBACK")
    conn.close()


def test_opening_creates_the_folders_and_a_new_database(tmp_path: Path) -> None:
    location = DataLocation(tmp_path / "a" / "b" / "data", tmp_path / "logs")
    db = open_database(location)
    try:
        assert location.database.is_file()
        assert not office.is_set_up(db)
        counts = office.record_counts(db)
        assert {"dictionary_entry", "office", "plenary_session", "term"} <= counts.keys()
        assert set(counts.values()) == {0}
    finally:
        db.close()
    # The write test leaves no trace.
    assert [p.name for p in location.data_dir.iterdir()] == [location.database.name]


def test_an_empty_database_file_is_damage_not_a_new_installation(
    location: DataLocation, folder_listing: Callable[[Path], list[str]]
) -> None:
    """Finding 3: an emptied file means the data is gone; never start afresh silently."""
    location.data_dir.mkdir(parents=True)
    location.database.touch()
    listing = folder_listing(location.data_dir)
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(location)
    assert "空" in caught.value.what
    assert "备份" in caught.value.todo
    assert location.database.stat().st_size == 0
    assert folder_listing(location.data_dir) == listing


def test_a_new_database_is_made_under_a_temporary_name(location: DataLocation) -> None:
    """A creation cut off by a crash leaves no empty file under the real name."""
    location.data_dir.mkdir(parents=True)
    leftover = location.data_dir / (location.database.name + ".creating")
    leftover.write_bytes(b"")  # what a crash during the first start would leave
    open_database(location).close()
    assert migrate.stored_revision(location.database) == migrate.head_revision()
    assert sorted(p.name for p in location.data_dir.iterdir()) == [location.database.name]


def test_data_dir_that_is_a_file_is_refused(
    tmp_path: Path, file_digest: Callable[[Path], str]
) -> None:
    not_a_folder = tmp_path / "委员名单.xlsx"
    not_a_folder.write_bytes(b"PK\x03\x04 not really a workbook")
    digest = file_digest(not_a_folder)
    with pytest.raises(KnownError, match="不是一个文件夹") as caught:
        open_database(DataLocation(not_a_folder, tmp_path / "logs"))
    assert "--data-dir" in caught.value.todo
    assert file_digest(not_a_folder) == digest


def test_data_dir_beneath_a_file_is_refused_in_chinese(
    tmp_path: Path,
    file_digest: Callable[[Path], str],
    folder_listing: Callable[[Path], list[str]],
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("会议记录", encoding="utf-8")
    digest, listing = file_digest(a_file), folder_listing(tmp_path)
    with pytest.raises(KnownError) as caught:
        open_database(DataLocation(a_file / "data", tmp_path / "logs"))
    assert isinstance(caught.value.__cause__, NotADirectoryError)
    assert caught.value.__cause__.errno == errno.ENOTDIR
    assert "不是文件夹" in caught.value.message
    assert "Not a directory" not in caught.value.message  # no English from the OS
    assert file_digest(a_file) == digest
    assert folder_listing(tmp_path) == listing


def unwritable_folder() -> Path | None:
    """An existing folder that even root cannot write to: sysfs refuses new files."""
    candidate = Path("/sys/kernel")
    if not candidate.is_dir():
        return None
    try:
        (candidate / ".cppcc-probe").write_bytes(b"")
    except OSError:
        return candidate
    (candidate / ".cppcc-probe").unlink()
    return None


def test_unwritable_data_dir_is_refused(tmp_path: Path) -> None:
    folder = unwritable_folder()
    if folder is None:
        pytest.skip("no folder on this machine refuses writes by root")
    with pytest.raises(KnownError, match="没有权限写入") as caught:
        open_database(DataLocation(folder, tmp_path / "logs"))
    assert isinstance(caught.value.__cause__, PermissionError)
    assert caught.value.__cause__.errno in (errno.EACCES, errno.EPERM, errno.EROFS)


def test_data_dir_that_cannot_be_created_is_refused_in_chinese(tmp_path: Path) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("needs /proc")
    with pytest.raises(KnownError) as caught:
        open_database(DataLocation(Path("/proc/self/cppcc-desk"), tmp_path / "logs"))
    assert isinstance(caught.value.__cause__, OSError)
    assert caught.value.__cause__.errno == errno.ENOENT
    assert "No such file" not in caught.value.message
    assert has_chinese(caught.value.what)
    assert not Path("/proc/self/cppcc-desk").exists()


def test_locked_database_is_refused_quickly(
    location: DataLocation,
    office_file: Path,
    exclusive_lock: sqlite3.Connection,
    file_digest: Callable[[Path], str],
) -> None:
    digest = file_digest(office_file)
    started = time.monotonic()
    with pytest.raises(DatabaseLocked) as caught:
        open_database(location, busy_timeout_ms=100)
    assert time.monotonic() - started < 3  # the default timeout is 5 s
    assert "占用" in caught.value.message
    assert file_digest(office_file) == digest
    assert not location.backup_dir.exists()


def test_old_locked_database_is_neither_backed_up_nor_upgraded(
    location: DataLocation, file_digest: Callable[[Path], str]
) -> None:
    location.data_dir.mkdir(parents=True)
    shutil.copyfile(SCHEMA_0001_FILE, location.database)
    digest = file_digest(location.database)
    with closing(sqlite3.connect(location.database, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseLocked):
            open_database(location, busy_timeout_ms=100)
        other.execute("ROLLBACK")
    assert file_digest(location.database) == digest
    assert not location.backup_dir.exists()


def test_write_while_another_program_writes_is_a_locked_error(
    location: DataLocation, file_digest: Callable[[Path], str]
) -> None:
    db = open_database(location, busy_timeout_ms=100)
    try:
        digest = file_digest(location.database)
        with closing(sqlite3.connect(location.database, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")  # a writer in the middle of its transaction
            assert not office.is_set_up(db)  # reading still works
            with pytest.raises(DatabaseLocked):
                office.set_up_office(db, SETUP)
            other.execute("ROLLBACK")
        assert file_digest(location.database) == digest
        assert not office.is_set_up(db)
        office.set_up_office(db, SETUP)  # and works once the other program is done
        assert office.is_set_up(db)
    finally:
        db.close()


def test_full_disk_is_a_known_error_and_rolls_back(office_db: Database) -> None:
    with office_db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    with pytest.raises(DiskFull) as caught, office_db.begin() as session:
        # SQLite's own ceiling on the file size gives a real SQLITE_FULL.
        session.execute(text(f"PRAGMA max_page_count = {pages}"))
        owner = session.scalars(select(DictionaryEntry.owner_uuid).limit(1)).one()
        for n in range(2000):
            session.add(
                DictionaryEntry(
                    owner_uuid=owner,
                    kind=DictionaryKind.HANDLING_UNIT,
                    name=f"单位{n}",
                    description="职能" * 100,
                )
            )
        session.flush()
    assert "磁盘空间已满" in caught.value.message
    with office_db.begin() as session:
        session.execute(text("PRAGMA max_page_count = 1073741823"))
        units = session.scalars(
            select(DictionaryEntry).where(DictionaryEntry.kind == DictionaryKind.HANDLING_UNIT)
        ).all()
    assert units == []


def test_broken_database_is_refused_untouched(
    broken_database,  # conftest.BrokenDatabase
    location: DataLocation,
    file_digest: Callable[[Path], str],
    folder_listing: Callable[[Path], list[str]],
) -> None:
    listing = folder_listing(location.data_dir)
    with pytest.raises(KnownError) as caught:
        open_database(location, busy_timeout_ms=100)
    message = caught.value.message
    assert broken_database.expected in message
    assert "Traceback" not in message
    assert caught.value.todo  # says what to do
    assert file_digest(broken_database.path) == broken_database.digest
    assert folder_listing(location.data_dir) == listing  # no backup, no journal, nothing


def test_refused_database_can_be_replaced_and_opened(
    location: DataLocation, office_file: Path
) -> None:
    """After a refusal nothing is left open: the file can be moved aside at once."""
    with closing(sqlite3.connect(office_file)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(KnownError):
        open_database(location)
    office_file.rename(office_file.with_suffix(".newer"))
    db = open_database(location)
    db.close()
    assert sorted(p.name for p in location.data_dir.iterdir()) == [
        "cppcc-desk.newer",
        "cppcc-desk.sqlite3",
    ]


def test_database_closes_cleanly(location: DataLocation) -> None:
    db = open_database(location)
    db.close()
    # No connection is left: another program can take the exclusive lock at once.
    with closing(sqlite3.connect(location.database, timeout=0, isolation_level=None)) as conn:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    assert not Path(str(location.database) + "-journal").exists()
    assert os.access(location.database, os.R_OK)


# --- a write cut off by a crash or a power cut (issue 8, finding 1) -------------------


def test_a_write_cut_off_by_a_crash_is_rolled_back_on_open(
    location: DataLocation, office_file: Path
) -> None:
    before = table_rows(office_file)
    crash_while_writing(office_file)
    db = open_database(location)
    try:
        assert office.is_set_up(db)
        with db.begin() as session:
            assert session.execute(text("PRAGMA integrity_check")).all() == [("ok",)]
    finally:
        db.close()
    assert not journal_of(office_file).exists()
    assert table_rows(office_file) == before  # exactly as before the interrupted write


def test_a_reading_session_cannot_write_and_keeps_what_it_read(office_db: Database) -> None:
    """database.read(): reports and lists read there and keep the rows afterwards; a write
    in it by mistake fails loudly (it would otherwise be rolled back unseen), and the
    connection writes again as usual in the next begin()."""
    with office_db.read() as session:
        local = office.require_local_office(session)
    assert local.name == "示范县政协"  # loaded inside, still readable outside
    entry = DictionaryEntry(owner_uuid=local.uuid, kind=DictionaryKind.PARTY, name="试")
    with pytest.raises(WriteWhileReading), office_db.read() as session:
        session.add(entry)
        session.flush()
    with office_db.begin() as session:
        session.add(DictionaryEntry(owner_uuid=local.uuid, kind=DictionaryKind.PARTY, name="试"))
    with office_db.read() as session:
        found = session.scalars(select(DictionaryEntry).where(DictionaryEntry.name == "试"))
        assert len(found.all()) == 1


def test_reading_does_not_wait_for_another_programs_write(office_db: Database) -> None:
    """A report opened while another window imports (holding the write lock) still reads."""
    other = sqlite3.connect(office_db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with office_db.read() as session:
            assert office.require_local_office(session).name == "示范县政协"
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_folder_where_the_journal_goes_is_named_not_the_database(
    location: DataLocation, office_file: Path
) -> None:
    """“cppcc-desk.sqlite3：该位置是一个文件夹” sent the clerk to look at the wrong file."""
    journal = journal_of(office_file)
    journal.mkdir()
    with pytest.raises(KnownError) as refused:
        open_database(location)
    assert journal.name in refused.value.message
    # What it is, and what to do with it: the clerk never chose that name.
    assert "数据库文件旁边" in refused.value.message and "文件夹" in refused.value.message
    assert "移到别处或改个名字" in refused.value.todo and "先不要删除" in refused.value.todo
    assert journal.is_dir() and office_file.exists()  # nothing moved or removed
