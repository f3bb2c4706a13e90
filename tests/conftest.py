"""Shared fixtures: every test gets its own fresh temporary database file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib
import logging
import random
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.office.office import OfficeSetup, set_up_office
from db.models import OfficeLevel

COUNTY_SETUP = OfficeSetup(
    level=OfficeLevel.COUNTY,
    name="示范县政协",
    division_code="150523",
    term_number=10,
    term_first_year=2021,
    term_last_year=2026,
)


@pytest.fixture(autouse=True)
def nobody_signed_in() -> Iterator[None]:
    """Each test starts, and leaves, with nobody signed in (app.common.operator)."""
    from app.common.operator import sign_out

    sign_out()
    yield
    sign_out()


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id still, with the cheapest parameters: the real ones take ~0.5 s a hash."""
    from argon2 import PasswordHasher

    from app.security import passwords

    monkeypatch.setattr(
        passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    )


@pytest.fixture
def location(tmp_path: Path) -> DataLocation:
    return DataLocation(data_dir=tmp_path / "data", log_dir=tmp_path / "logs")


@pytest.fixture
def database(location: DataLocation) -> Iterator[Database]:
    """A fresh, migrated, empty database (no office set up yet)."""
    db = open_database(location)
    yield db
    db.close()


@pytest.fixture
def office_db(database: Database) -> Database:
    """A fresh database with a county office set up, as after the first-run wizard."""
    set_up_office(database, COUNTY_SETUP)
    return database


# --- added for the non-GUI tests -------------------------------------------------


# No example database in the working tree (.hypothesis/ is not ignored by git).
# No time limits either: a loaded 2-core CI machine is no reason to fail a property.
hypothesis_settings.register_profile(
    "cppcc", database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("cppcc")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*"))


@pytest.fixture
def file_digest() -> Callable[[Path], str]:
    """sha256 of a file's bytes, to prove that a failed open changed nothing."""
    return _digest


@pytest.fixture
def folder_listing() -> Callable[[Path], list[str]]:
    """Every file and folder below a path, to prove that nothing was written."""
    return _listing


@pytest.fixture
def office_file(location: DataLocation) -> Path:
    """A set-up county database file at location.database, closed again."""
    db = open_database(location)
    try:
        set_up_office(db, COUNTY_SETUP)
    finally:
        db.close()
    return location.database


@dataclass(frozen=True)
class BrokenDatabase:
    path: Path
    expected: str  # a phrase the Chinese message must contain
    digest: str  # sha256 of the file before the program saw it


def _overwrite_middle_page(path: Path) -> None:
    """Replace one whole in-use page in the middle of a real database with noise."""
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        freelist = conn.execute("PRAGMA freelist_count").fetchone()[0]
    assert freelist == 0, "every page must be in use for the damage to be certain"
    assert page_count > 10
    with path.open("r+b") as f:
        f.seek((page_count // 2) * page_size)
        f.write(random.Random(20260).randbytes(page_size))


def _write_foreign(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts (name, phone) VALUES ('张三', '13800000000')")


def _write_newer(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")


BROKEN_KINDS = ["random-bytes", "text-file", "damaged-pages", "foreign-sqlite", "newer-schema"]


@pytest.fixture(params=BROKEN_KINDS)
def broken_database(request: pytest.FixtureRequest, location: DataLocation) -> BrokenDatabase:
    """location.database made unusable in one of the ways an office PC meets."""
    path = location.database
    kind = request.param
    if kind in ("damaged-pages", "newer-schema"):
        request.getfixturevalue("office_file")
    else:
        path.parent.mkdir(parents=True)
    if kind == "random-bytes":
        path.write_bytes(random.Random(7).randbytes(64 * 1024))
        expected = "损坏"
    elif kind == "text-file":
        path.write_text("委员名单\n张三，李四，王五\n" * 200, encoding="utf-8")
        expected = "损坏"
    elif kind == "damaged-pages":
        _overwrite_middle_page(path)
        expected = "损坏"
    elif kind == "foreign-sqlite":
        _write_foreign(path)
        expected = "不是政协履职工作台的数据库"
    else:
        _write_newer(path)
        expected = "更新版本"
    return BrokenDatabase(path, expected, _digest(path))


@pytest.fixture
def clean_logging() -> Iterator[None]:
    """Undo app.common.logs.setup_logging (a root handler and level) after a test that ran it."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in list(root.handlers):
        if getattr(handler, "_cppcc_desk", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
