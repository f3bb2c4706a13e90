"""Offices that exchange files: a city and its counties, each with its own database.

`offices` sets up one city and two counties in separate data folders, each
county having traded office cards with the city (the fingerprints were "read
out on the phone"). A temporary folder stands in for the USB stick.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.exchange import cards
from app.exchange.export import ExportResult, export_file
from app.exchange.receiving.importing import import_file
from app.exchange.receiving.result import ImportResult
from app.members.member_files import MemberForm, add_member
from app.office.office import OfficeSetup, office_info, set_up_office
from db.models import OfficeLevel
from tests.conftest import COUNTY_SETUP

CITY_SETUP = OfficeSetup(
    level=OfficeLevel.CITY,
    name="示范市政协",
    division_code="150500",
    term_number=6,
    term_first_year=2021,
    term_last_year=2026,
)
SECOND_COUNTY = replace(COUNTY_SETUP, name="邻旗政协", division_code="150524")


@dataclass
class Office:
    database: Database
    location: DataLocation
    code: str
    name: str

    @property
    def uuid(self) -> str:
        return office_info(self.database).uuid

    def export_to(self, other: Office, stick: Path, full: bool = False) -> ExportResult:
        return export_file(self.database, other.code, stick, full=full)

    def import_(self, path: Path, **options: object) -> ImportResult:
        return import_file(self.database, path, **options)  # type: ignore[arg-type]

    def card(self, folder: Path) -> Path:
        target = folder / f"{self.code}{cards.CARD_SUFFIX}"
        if not target.exists():
            cards.write_card(self.database, target)
        return target


@dataclass
class Offices:
    city: Office
    county: Office
    second: Office
    stick: Path

    def send(self, sender: Office, recipient: Office, full: bool = False) -> ImportResult:
        """One trip of the stick: export, import, and the receipt carried back."""
        sent = sender.export_to(recipient, self.stick, full=full)
        result = recipient.import_(sent.path)
        assert result.receipt_path is not None
        sender.import_(result.receipt_path)
        return result


def make_office(root: Path, setup: OfficeSetup) -> Office:
    office = open_office(root, setup)
    set_up_office(office.database, setup)
    return office


def open_office(root: Path, setup: OfficeSetup) -> Office:
    location = DataLocation(data_dir=root / setup.division_code, log_dir=root / "logs")
    return Office(open_database(location), location, setup.division_code, setup.name)


def trust_each_other(a: Office, b: Office, folder: Path) -> None:
    cards.trust_card(a.database, b.card(folder))
    cards.trust_card(b.database, a.card(folder))


SETUPS = (CITY_SETUP, COUNTY_SETUP, SECOND_COUNTY)


@pytest.fixture(scope="session")
def offices_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Set up and trusted once; each test gets a copy (migrating is the slow part)."""
    root = tmp_path_factory.mktemp("offices")
    city, county, second = (make_office(root, setup) for setup in SETUPS)
    cards_dir = root / "cards"
    cards_dir.mkdir()
    trust_each_other(city, county, cards_dir)
    trust_each_other(city, second, cards_dir)
    for office in (city, county, second):
        office.database.close()
    return root


@pytest.fixture
def offices(offices_template: Path, tmp_path: Path) -> Iterator[Offices]:
    root = tmp_path / "offices"
    shutil.copytree(offices_template, root)
    city, county, second = (open_office(root, setup) for setup in SETUPS)
    stick = tmp_path / "stick"
    stick.mkdir()
    yield Offices(city, county, second, stick)
    for office in (city, county, second):
        office.database.close()


def add_members(office: Office, *names: str) -> list[str]:
    return [
        add_member(
            office.database,
            MemberForm(name=name, sector="经济界", committees=("经济委员会",)),
        )
        for name in names
    ]


# The audit trail records every attempt, refused ones included (issue 13): it is
# expected to grow when nothing else may change.
AUDIT_TABLE = "audit_entry"


def database_digest(database: Database) -> str:
    """Every row of every table but the audit trail, so that "nothing changed" can be asserted."""
    digest = hashlib.sha256()
    with closing(sqlite3.connect(database.path)) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            if table == AUDIT_TABLE:
                continue
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr((table, row)).encode())
    return digest.hexdigest()


TODAY = date.today()
