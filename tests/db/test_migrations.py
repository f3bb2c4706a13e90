"""db/migrate.py and db/migrations/: new files at head, old files upgraded, newer refused."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from app.common.errors import KnownError
from app.common.paths import DataLocation
from app.common.settings import Settings, load_settings, save_settings
from app.common.storage import Database, open_database
from app.office import dictionaries, office, terms
from db import migrate
from db.engine import make_engine
from db.file_safety.backup import integrity_problem, readonly_uri
from db.models import DictionaryKind
from db.schema import Base  # every table, as the migrations see them

SCHEMA_0001_FILE = Path(__file__).resolve().parent / "data" / "schema-0001.sqlite3"
MAKE_SCHEMA_0001 = SCHEMA_0001_FILE.with_name("make_schema_0001.py")
DATA_TABLES = ("office", "term", "plenary_session", "dictionary_entry")


# Columns later revisions added to the tables of the first one (0007: dictionary aliases).
ADDED_COLUMNS = {"aliases"}


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The rows of the first revision's tables, in that revision's columns."""
    with closing(sqlite3.connect(readonly_uri(path), uri=True)) as conn:
        found = {}
        for table in DATA_TABLES:
            names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            columns = ", ".join(n for n in names if n not in ADDED_COLUMNS)
            found[table] = conn.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()
        return found


def table_names(path: Path) -> set[str]:
    with closing(sqlite3.connect(readonly_uri(path), uri=True)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def schema_lines(path: Path) -> dict[str, set[str]]:
    """Each table's and index's CREATE statement as a set of definitions (order-free)."""
    with closing(sqlite3.connect(readonly_uri(path), uri=True)) as conn:
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master"
            " WHERE sql IS NOT NULL AND name != 'alembic_version'"
        ).fetchall()
    return {name: definitions(sql) for name, sql in rows}


def definitions(sql: str) -> set[str]:
    """`CREATE TABLE t (` and each column or constraint, split at the top-level commas.

    Not by lines: SQLite's ALTER TABLE ADD COLUMN writes a new column on the
    line of the last one.
    """
    head, _, body = sql.partition("(")
    parts, depth, current = [], 0, ""
    for char in body.rstrip().removesuffix(")"):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return {" ".join(f"{head}(".split())} | {" ".join(p.split()) for p in parts if p.strip()}


@pytest.fixture
def old_database(location: DataLocation) -> Path:
    """A copy of the stored database of the first schema revision, as an office has it."""
    location.data_dir.mkdir(parents=True)
    shutil.copyfile(SCHEMA_0001_FILE, location.database)
    return location.database


def test_revisions_form_one_line_from_0001() -> None:
    script = migrate.script_directory()
    assert len(script.get_heads()) == 1
    assert script.get_base() == "0001"
    assert {"0001", migrate.head_revision()} <= migrate.known_revisions()


def test_start_up_reads_the_revisions_as_alembic_does() -> None:
    """head_revision/known_revisions read the files without Alembic; they must agree."""
    script = migrate.script_directory()
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.known_revisions() == {rev.revision for rev in script.walk_revisions()}


def test_new_database_is_created_at_head(database: Database) -> None:
    assert database.path.is_file()
    assert migrate.stored_revision(database.path) == migrate.head_revision()
    assert not database.location.backup_dir.exists()  # nothing to back up


def test_empty_file_counts_as_new(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    assert migrate.stored_revision(path) is None


def test_migrated_schema_matches_the_models(database: Database) -> None:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrated_schema_has_the_models_constraints(database: Database, tmp_path: Path) -> None:
    # compare_metadata does not look at CHECK constraints or constraint names; this does.
    reference = tmp_path / "create_all.sqlite3"
    engine = create_engine(f"sqlite:///{reference}")
    Base.metadata.create_all(engine)
    engine.dispose()
    assert schema_lines(database.path) == schema_lines(reference)


def test_downgrade_to_base_and_upgrade_again(database: Database) -> None:
    before = schema_lines(database.path)
    config = migrate.alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert table_names(database.path) == {"alembic_version"}
    migrate.upgrade_to_head(database.engine)
    assert schema_lines(database.path) == before


def test_a_failed_upgrade_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "half.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        # plenary_session is created late in 0001: everything before it must vanish too.
        conn.execute("CREATE TABLE plenary_session (x INTEGER)")
    engine = make_engine(path)
    try:
        with pytest.raises(OperationalError, match="already exists"):
            migrate.upgrade_to_head(engine)
    finally:
        engine.dispose()
    assert table_names(path) == {"plenary_session"}


def test_stored_file_is_of_the_first_revision() -> None:
    # Guards the fixture itself: it must stay the old shape.
    assert migrate.stored_revision(SCHEMA_0001_FILE) == "0001"
    assert "app_setting" not in table_names(SCHEMA_0001_FILE)
    assert integrity_problem(SCHEMA_0001_FILE) is None
    rows = table_rows(SCHEMA_0001_FILE)
    assert [len(rows[t]) for t in DATA_TABLES] == [2, 1, 3, 13]


def test_first_revision_file_is_backed_up_then_upgraded(
    old_database: Path, location: DataLocation, file_digest: Callable[[Path], str]
) -> None:
    original_rows = table_rows(old_database)
    fixture_digest = file_digest(SCHEMA_0001_FILE)

    db = open_database(location)
    db.close()

    assert migrate.stored_revision(old_database) == migrate.head_revision()
    assert "app_setting" in table_names(old_database)
    assert table_rows(old_database) == original_rows
    assert integrity_problem(old_database) is None

    backups = sorted(location.backup_dir.iterdir())
    assert len(backups) == 1, backups
    backup = backups[0]
    assert backup.suffix == ".sqlite3"
    assert "0001" in backup.name
    # Taken before the upgrade: the old revision, the old tables, the same rows.
    assert migrate.stored_revision(backup) == "0001"
    assert "app_setting" not in table_names(backup)
    assert integrity_problem(backup) is None
    assert table_rows(backup) == original_rows

    assert file_digest(SCHEMA_0001_FILE) == fixture_digest


def test_upgraded_file_works_with_the_services(old_database: Path, location: DataLocation) -> None:
    db = open_database(location)
    try:
        info = office.office_info(db)
        assert (info.name, info.division_code, info.level.value) == (
            "奈曼旗政协",
            "150525",
            "county",
        )
        assert (info.term_number, info.term_first_year, info.term_last_year) == (10, 2021, 2026)

        (term,) = terms.list_terms(db)
        assert [s.number for s in term.sessions] == [1, 2, 3]
        assert str(term.sessions[0].start_date) == "2021-01-10"

        units = dictionaries.list_entries(db, DictionaryKind.HANDLING_UNIT)
        assert [u.name for u in units] == ["旗教育和体育局"]  # the tombstoned one stays hidden
        committees = dictionaries.list_entries(db, DictionaryKind.COMMITTEE)
        assert [(c.name, c.retired) for c in committees] == [
            ("提案委员会", False),
            ("文史和学习委员会", True),
        ]

        assert load_settings(db) == Settings()  # the settings table is new and empty
        save_settings(db, Settings(backups_kept=20))
        assert load_settings(db).backups_kept == 20

        with pytest.raises(KnownError, match="已经设置过"):
            office.set_up_office(
                db,
                office.OfficeSetup(office.OfficeLevel.COUNTY, "另一个县", "150524", 10, 2021, 2026),
            )
    finally:
        db.close()


def test_reopening_at_head_makes_no_backup(
    old_database: Path, location: DataLocation, file_digest: Callable[[Path], str]
) -> None:
    open_database(location).close()
    backups = list(location.backup_dir.iterdir())
    digest = file_digest(old_database)
    open_database(location).close()
    assert list(location.backup_dir.iterdir()) == backups
    assert file_digest(old_database) == digest


def test_database_of_a_newer_program_is_refused_untouched(
    office_file: Path, location: DataLocation, file_digest: Callable[[Path], str]
) -> None:
    with closing(sqlite3.connect(office_file)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    digest = file_digest(office_file)

    with pytest.raises(KnownError, match="更新版本") as caught:
        open_database(location)

    assert "9999" in caught.value.message
    assert file_digest(office_file) == digest
    assert not location.backup_dir.exists()


def test_no_upgrade_without_a_backup(
    old_database: Path, location: DataLocation, file_digest: Callable[[Path], str]
) -> None:
    location.backup_dir.write_text("a file where the backup folder should be")
    digest = file_digest(old_database)
    with pytest.raises(KnownError, match="无法访问"):
        open_database(location)
    assert migrate.stored_revision(old_database) == "0001"
    assert file_digest(old_database) == digest


def test_stored_file_is_what_its_script_builds(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_schema_0001", MAKE_SCHEMA_0001)
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    rebuilt = tmp_path / "schema-0001.sqlite3"
    script.build(rebuilt)
    assert migrate.stored_revision(rebuilt) == "0001"
    assert schema_lines(rebuilt) == schema_lines(SCHEMA_0001_FILE)
    assert table_rows(rebuilt) == table_rows(SCHEMA_0001_FILE)


def test_an_upgrade_that_cannot_run_says_so_and_changes_nothing(
    old_database: Path, location: DataLocation
) -> None:
    """Tables that do not match the recorded version (here one a later revision makes is
    already there): a plain message naming the backup, not 无法读取数据库（错误代码 1）."""
    with closing(sqlite3.connect(old_database)) as conn:
        conn.execute("CREATE TABLE app_setting (x INTEGER)")
        conn.commit()
    before = table_rows(old_database)
    with pytest.raises(KnownError) as refused:
        open_database(location)
    [backup] = location.backup_dir.glob("升级前备份-0001*.sqlite3")
    assert "无法升级到本程序的版本" in refused.value.what
    assert "数据库未作任何改动" in refused.value.what and backup.name in refused.value.what
    assert "错误代码" not in refused.value.message
    assert migrate.stored_revision(old_database) == "0001"
    assert table_rows(old_database) == before
