"""db/: exchange columns, revision stamps, constraints and the SQLite settings."""

from __future__ import annotations

import sqlite3
import uuid as uuid_module
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from app.common.errors import KnownError
from app.common.storage import Database
from db.base import Base, SyncedMixin, new_uuid
from db.engine import make_engine
from db.events import KEEP_REVISIONS
from db.models import DictionaryEntry, DictionaryKind, Office, OfficeLevel, Term

SYNCED_CLASSES = [m.class_ for m in Base.registry.mappers if issubclass(m.class_, SyncedMixin)]
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def local_office_uuid(database: Database) -> str:
    with database.read() as session:
        return session.scalars(select(Office.uuid).where(Office.is_local.is_(True))).one()


def add_entry(database: Database, name: str = "测试界", **columns: object) -> str:
    """A sector entry of the local office; returns its UUID."""
    owner = local_office_uuid(database)
    with database.begin() as session:
        entry = DictionaryEntry(owner_uuid=owner, kind=DictionaryKind.SECTOR, name=name, **columns)
        session.add(entry)
        session.flush()
        return entry.uuid


def load_entry(database: Database, uuid: str) -> DictionaryEntry:
    with database.begin() as session:
        return session.scalars(select(DictionaryEntry).where(DictionaryEntry.uuid == uuid)).one()


def table_names(database: Database) -> set[str]:
    with database.engine.connect() as conn:
        return set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars()
        )


def test_every_table_but_settings_carries_the_exchange_columns() -> None:
    names = {cls.__tablename__ for cls in SYNCED_CLASSES}
    assert {"office", "term", "plenary_session", "dictionary_entry", "member"} <= names
    # Every other table is this installation's own (settings, keys, the exchange
    # history, accounts, the audit trail: never exchanged) or a pure link table that
    # travels with its parent.
    local = {t.name for t in Base.metadata.sorted_tables if t.info.get("local")}
    local |= {"user_account", "audit_entry"}
    assert {"app_setting", "office_key", "exchange_log"} <= local
    for table in Base.metadata.sorted_tables:
        if table.name in names or table.name in local:
            continue
        assert all(column.primary_key and column.foreign_keys for column in table.columns), table
    for cls in SYNCED_CLASSES:
        columns = set(cls.__table__.columns.keys())
        assert {"uuid", "owner_uuid", "created_at", "updated_at", "revision", "deleted_at"} <= (
            columns
        )
        (fk,) = cls.__table__.columns["owner_uuid"].foreign_keys
        assert fk.target_fullname == "office.uuid"


def test_every_record_gets_a_uuid_owner_and_stamps(office_db: Database) -> None:
    before = datetime.now(UTC)
    owner = local_office_uuid(office_db)
    seen: set[str] = set()
    with office_db.begin() as session:
        for cls in SYNCED_CLASSES:
            for record in session.scalars(select(cls)):
                assert uuid_module.UUID(record.uuid).version == 4
                seen.add(record.uuid)
                assert record.owner_uuid == owner
                assert record.revision == 1
                assert record.deleted_at is None
                assert record.created_at.tzinfo is UTC
                assert record.updated_at.tzinfo is UTC
                assert before - timedelta(minutes=1) < record.created_at <= datetime.now(UTC)
        total = sum(session.scalar(select(func.count()).select_from(c)) for c in SYNCED_CLASSES)
    assert total > 100  # office, term and the default dictionaries
    assert len(seen) == total  # every UUID is unique


def test_unknown_owner_is_refused_by_the_foreign_key(office_db: Database) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"):  # noqa: SIM117
        with office_db.begin() as session:
            session.add(Term(owner_uuid=new_uuid(), number=11, first_year=2026, last_year=2031))
    with office_db.begin() as session:
        assert session.scalars(select(Term.number)).all() == [10]


def test_an_office_can_own_itself_and_others(office_db: Database) -> None:
    """Another office's records arrive by exchange import (which keeps their revisions);
    nothing else may write them (db.events refuses it)."""
    city = new_uuid()
    with office_db.begin() as session:
        session.info[KEEP_REVISIONS] = True
        session.add(
            Office(
                uuid=city,
                owner_uuid=city,
                level=OfficeLevel.CITY,
                name="示范市政协",
                division_code="150500",
            )
        )
        session.flush()
        session.add(DictionaryEntry(owner_uuid=city, kind=DictionaryKind.SECTOR, name="市级界别"))
    with office_db.begin() as session:
        entry = session.scalars(
            select(DictionaryEntry).where(DictionaryEntry.name == "市级界别")
        ).one()
        assert entry.owner_uuid == city
    with pytest.raises(KnownError, match="示范市政协"), office_db.begin() as session:
        query = select(DictionaryEntry).where(DictionaryEntry.name == "市级界别")
        session.scalars(query).one().name = "改"


def test_update_increments_revision_and_moves_updated_at(office_db: Database) -> None:
    uuid = add_entry(office_db, created_at=LONG_AGO, updated_at=LONG_AGO)
    with office_db.begin() as session:
        entry = session.scalars(select(DictionaryEntry).where(DictionaryEntry.uuid == uuid)).one()
        entry.name = "测试界（改）"
    changed = load_entry(office_db, uuid)
    assert changed.revision == 2
    assert changed.updated_at > datetime.now(UTC) - timedelta(minutes=1)
    assert changed.created_at == LONG_AGO

    with office_db.begin() as session:
        entry = session.scalars(select(DictionaryEntry).where(DictionaryEntry.uuid == uuid)).one()
        entry.retired = True
    assert load_entry(office_db, uuid).revision == 3


def test_assigning_the_same_value_is_not_a_change(office_db: Database) -> None:
    uuid = add_entry(office_db, updated_at=LONG_AGO)
    with office_db.begin() as session:
        entry = session.scalars(select(DictionaryEntry).where(DictionaryEntry.uuid == uuid)).one()
        entry.name = entry.name
    unchanged = load_entry(office_db, uuid)
    assert unchanged.revision == 1
    assert unchanged.updated_at == LONG_AGO


def test_a_tombstone_is_a_change_too(office_db: Database) -> None:
    uuid = add_entry(office_db, updated_at=LONG_AGO)
    with office_db.begin() as session:
        entry = session.scalars(select(DictionaryEntry).where(DictionaryEntry.uuid == uuid)).one()
        entry.deleted_at = datetime.now(UTC)
    deleted = load_entry(office_db, uuid)
    assert deleted.is_deleted
    assert deleted.revision == 2
    assert deleted.updated_at > LONG_AGO


def test_a_revision_set_by_the_caller_is_kept(office_db: Database) -> None:
    uuid = add_entry(office_db)
    with office_db.begin() as session:
        entry = session.scalars(select(DictionaryEntry).where(DictionaryEntry.uuid == uuid)).one()
        entry.name = "收到的名称"
        entry.revision = 7
    assert load_entry(office_db, uuid).revision == 7


def test_keep_revisions_writes_records_as_received(office_db: Database) -> None:
    uuid = add_entry(office_db, updated_at=LONG_AGO)
    with office_db.begin() as session:
        session.info[KEEP_REVISIONS] = True
        entry = session.scalars(select(DictionaryEntry).where(DictionaryEntry.uuid == uuid)).one()
        entry.name = "导入的名称"
    imported = load_entry(office_db, uuid)
    assert imported.name == "导入的名称"
    assert imported.revision == 1
    assert imported.updated_at == LONG_AGO


def test_naive_datetimes_are_refused(office_db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"):  # noqa: SIM117
        with office_db.begin() as session:
            session.add(
                DictionaryEntry(
                    owner_uuid=local_office_uuid(office_db),
                    kind=DictionaryKind.SECTOR,
                    name="本地时间",
                    created_at=datetime(2024, 1, 1, 8, 0),  # naive: the point
                )
            )


def test_datetimes_are_stored_as_utc(office_db: Database) -> None:
    beijing = datetime(2024, 3, 1, 17, 30, tzinfo=timezone(timedelta(hours=8)))
    uuid = add_entry(office_db, updated_at=beijing)
    with office_db.engine.connect() as conn:
        raw = conn.execute(
            text("SELECT updated_at FROM dictionary_entry WHERE uuid = :u"), {"u": uuid}
        ).scalar_one()
    assert raw.startswith("2024-03-01 09:30:00")
    assert load_entry(office_db, uuid).updated_at == beijing


@pytest.mark.parametrize(
    ("table", "values", "constraint"),
    [
        ("office", {"division_code": "15052"}, "ck_office_division_code_len"),
        ("term", {"first_year": 2026, "last_year": 2021}, "ck_term_years_ordered"),
        ("term", {"number": 0}, "ck_term_number_positive"),
    ],
)
def test_check_constraints_hold(
    office_db: Database, table: str, values: dict[str, object], constraint: str
) -> None:
    owner = local_office_uuid(office_db)
    with pytest.raises(IntegrityError, match=constraint), office_db.begin() as session:
        if table == "office":
            uuid = new_uuid()
            session.add(
                Office(uuid=uuid, owner_uuid=uuid, level=OfficeLevel.COUNTY, name="某县", **values)
            )
        else:
            row = {"number": 11, "first_year": 2026, "last_year": 2031} | values
            session.add(Term(owner_uuid=owner, **row))


def test_enum_columns_refuse_unknown_values(office_db: Database) -> None:
    uuid = new_uuid()
    with pytest.raises(StatementError), office_db.begin() as session:
        session.add(
            Office(uuid=uuid, owner_uuid=uuid, level="town", name="某镇", division_code="150599")
        )


def test_pragmas_on_every_connection(database: Database) -> None:
    connections = [database.engine.connect() for _ in range(3)]
    try:
        for conn in connections:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            assert mode not in ("off", "memory")
    finally:
        for conn in connections:
            conn.close()


def test_busy_timeout_is_configurable(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite3", busy_timeout_ms=250)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 250
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_failed_session_leaves_no_table_and_no_rows(office_db: Database) -> None:
    with pytest.raises(RuntimeError, match="abort"), office_db.begin() as session:
        session.execute(text("CREATE TABLE scratch (x INTEGER)"))
        session.execute(text("INSERT INTO scratch VALUES (1)"))
        session.add(
            Term(
                owner_uuid=local_office_uuid(office_db), number=11, first_year=2026, last_year=2031
            )
        )
        session.flush()
        raise RuntimeError("abort")
    assert "scratch" not in table_names(office_db)
    with office_db.begin() as session:
        assert session.scalars(select(Term.number)).all() == [10]


def test_failed_engine_transaction_rolls_back_ddl(database: Database) -> None:
    with pytest.raises(RuntimeError, match="abort"), database.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
        conn.exec_driver_sql("CREATE INDEX ix_scratch ON scratch (x)")
        conn.exec_driver_sql("INSERT INTO scratch VALUES (1)")
        raise RuntimeError("abort")
    assert "scratch" not in table_names(database)


def test_savepoint_rolls_back_only_its_own_work(office_db: Database) -> None:
    owner = local_office_uuid(office_db)
    with office_db.begin() as session:
        session.add(DictionaryEntry(owner_uuid=owner, kind=DictionaryKind.SECTOR, name="外层"))
        session.flush()
        with pytest.raises(IntegrityError):  # noqa: SIM117
            with session.begin_nested():
                session.add(
                    DictionaryEntry(owner_uuid=owner, kind=DictionaryKind.SECTOR, name="内层")
                )
                session.flush()
                session.add(Term(owner_uuid=new_uuid(), number=12, first_year=2031, last_year=2036))
                session.flush()
        with session.begin_nested():
            session.add(
                DictionaryEntry(owner_uuid=owner, kind=DictionaryKind.SECTOR, name="第二个内层")
            )
    with office_db.begin() as session:
        names = set(
            session.scalars(
                select(DictionaryEntry.name).where(
                    DictionaryEntry.name.in_(["外层", "内层", "第二个内层"])
                )
            )
        )
    assert names == {"外层", "第二个内层"}


def test_immediate_transaction_takes_the_write_lock_at_once(database: Database) -> None:
    with database.engine.connect() as conn:
        conn.info["immediate"] = True
        with (
            conn.begin(),
            closing(sqlite3.connect(database.path, timeout=0)) as other,
            pytest.raises(sqlite3.OperationalError, match="locked"),
        ):
            other.execute("BEGIN IMMEDIATE")
        other_after = sqlite3.connect(database.path, timeout=0)
        try:
            other_after.execute("BEGIN IMMEDIATE")
            other_after.execute("ROLLBACK")
        finally:
            other_after.close()


def test_deferred_transaction_does_not_lock_before_writing(database: Database) -> None:
    with database.engine.connect() as conn, conn.begin():
        conn.exec_driver_sql("SELECT 1")
        with closing(sqlite3.connect(database.path, timeout=0, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")


def test_objects_stay_usable_after_the_session_ends(office_db: Database) -> None:
    with office_db.begin() as session:
        office = session.scalars(select(Office)).one()
    assert inspect(office).detached
    assert office.name == "示范县政协"
    assert office.level is OfficeLevel.COUNTY
