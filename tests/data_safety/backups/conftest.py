"""The USB backup's fixtures: a cheaper scrypt, a stick, another office PC."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.data_safety import sealed
from tests.conftest import COUNTY_SETUP

PASSWORD = "县政协2026备份"


@pytest.fixture(autouse=True)
def quick_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheaper scrypt: the cost is in the file's header, so reading needs nothing else."""
    monkeypatch.setattr(sealed, "SCRYPT_N", 2**12)


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "U盘"
    folder.mkdir()
    return folder


@pytest.fixture
def other_pc(tmp_path: Path) -> Iterator[Database]:
    """Another office PC: its own data folder, a database set up on its own."""
    from app.office.office import set_up_office

    database = open_database(DataLocation(tmp_path / "other" / "data", tmp_path / "other" / "logs"))
    set_up_office(database, COUNTY_SETUP)
    yield database
    database.close()
