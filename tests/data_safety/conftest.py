"""An office with a few hundred members and big import files, made once per test session."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.common.jobs import ProgressTracker
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.members.roster_import import apply_roster_import, plan_roster_import
from app.office.office import set_up_office
from tests.conftest import COUNTY_SETUP
from tests.data_safety.big_files import people, write_records, write_roster

MEMBERS = 300
RECORD_ROWS = 20_000
DRILL_ROWS = 3_000


@dataclass(frozen=True)
class BusyOffice:
    empty: Path  # data folder: the office set up, no members yet
    with_members: Path  # data folder: the roster imported
    roster: Path
    records: Path  # RECORD_ROWS rows
    few_records: Path  # DRILL_ROWS rows: a moderately sized import for the kill drill

    def copy(self, which: Path, to: Path) -> DataLocation:
        shutil.copytree(which, to / "data")
        return DataLocation(to / "data", to / "data" / "logs")


@pytest.fixture(scope="session")
def busy_office(tmp_path_factory: pytest.TempPathFactory) -> BusyOffice:
    root = tmp_path_factory.mktemp("busy-office")
    members = people(MEMBERS)
    roster = write_roster(root / "委员名单.xlsx", members)
    records = write_records(root / "履职记录.xlsx", members, RECORD_ROWS)
    few_records = write_records(root / "履职记录-少.xlsx", members, DRILL_ROWS)
    database = open_database(DataLocation(root / "empty", root / "logs"))
    try:
        set_up_office(database, COUNTY_SETUP)
    finally:
        database.close()
    shutil.copytree(root / "empty", root / "with-members")
    database = open_database(DataLocation(root / "with-members", root / "logs"))
    try:
        plan = plan_roster_import(database, roster)
        assert plan.ok, plan.errors[:3]
        apply_roster_import(database, plan, ProgressTracker())
    finally:
        database.close()
    shutil.rmtree(root / "with-members" / "backups")
    return BusyOffice(root / "empty", root / "with-members", roster, records, few_records)
