"""app/overview/overview.py: the office at a glance."""

from __future__ import annotations

import pytest

from app.common.errors import KnownError
from app.common.jobs import ProgressTracker
from app.common.storage import Database
from app.data_safety import backups
from app.demo import demo
from app.office import dictionaries
from app.overview.overview import load_overview
from db.models import DictionaryKind


def test_overview_of_a_new_office(office_db: Database) -> None:
    overview = load_overview(office_db)
    assert overview.office.name == "示范县政协"
    assert overview.current_term is not None
    assert overview.current_term.number == 10
    assert overview.dictionary_sizes == {
        "界别": 22,
        "政治面貌": 13,
        "民族": 56,
        "专委会": 7,
        "联络组": 0,
        "承办单位": 0,
        "提案类别": 5,
        "办理结果类别": 3,
    }
    assert overview.partners == []
    assert overview.last_backup is None
    assert overview.database_path == office_db.path


def test_overview_counts_only_entries_in_use(office_db: Database) -> None:
    sectors = dictionaries.list_entries(office_db, DictionaryKind.SECTOR)
    dictionaries.set_retired(office_db, sectors[0].uuid, True)
    dictionaries.delete_entry(office_db, sectors[1].uuid)
    assert load_overview(office_db).dictionary_sizes["界别"] == 20


def test_overview_after_demo_and_backup(office_db: Database) -> None:
    demo.load_demo(office_db)
    backups.back_up_now(office_db, ProgressTracker())
    overview = load_overview(office_db)
    assert [(p.division_code, p.level_label) for p in overview.partners] == [
        ("150500", "市政协"),
        ("150502", "县（市、区）政协"),
        ("150525", "县（市、区）政协"),
    ]
    assert overview.dictionary_sizes["承办单位"] == 24
    assert overview.last_backup is not None


def test_overview_before_setup_is_a_known_error(database: Database) -> None:
    with pytest.raises(KnownError, match="尚未设置"):
        load_overview(database)
