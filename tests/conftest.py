"""Shared fixtures: every test gets its own fresh temporary database file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from app.paths import DataLocation  # noqa: E402
from app.services.office import OfficeSetup, set_up_office  # noqa: E402
from app.storage import Database, open_database  # noqa: E402
from db.models import OfficeLevel  # noqa: E402

COUNTY_SETUP = OfficeSetup(
    level=OfficeLevel.COUNTY,
    name="示范县政协",
    division_code="150523",
    term_number=10,
    term_first_year=2021,
    term_last_year=2026,
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
