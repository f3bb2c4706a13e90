"""A backup of another office: a neighbouring county (another division code)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.data_safety import backups
from app.office import dictionaries
from app.office.office import set_up_office
from db.models import DictionaryKind
from tests.conftest import COUNTY_SETUP


def other_office_backup(tmp_path: Path, code: str = "150521") -> Path:
    """A sound backup of another county's database (another division code)."""
    other = open_database(DataLocation(tmp_path / "other", tmp_path / "other-logs"))
    try:
        set_up_office(other, replace(COUNTY_SETUP, name="河西县政协", division_code=code))
        dictionaries.add_entry(other, DictionaryKind.HANDLING_UNIT, "河西县水利局")
        return backups.make_backup(other, backups.MANUAL)
    finally:
        other.close()
