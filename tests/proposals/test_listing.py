"""The proposal list read with plain queries says exactly what the ORM objects say."""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from contextlib import closing
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.common.storage import Database
from app.demo.demo import load_demo
from app.proposals.labels import ProposalState
from app.proposals.queries import (
    ProposalFilter,
    _keeps,
    get_proposal_detail,
    list_proposals,
    load_proposals,
    proposal_years,
)
from app.proposals.views import proposal_row
from db.models import DictionaryEntry, DictionaryKind
from db.proposal_models import UnitAssignment


def _through_the_orm(database: Database, where: ProposalFilter) -> list[object]:
    """What the list showed when it was built from ORM objects (the reference)."""
    with database.begin() as session:
        rows = [
            proposal_row(p)
            for p in load_proposals(session, where.year, where.office_code)
            if _keeps(p, where)
        ]
    if where.text:
        rows = [r for r in rows if where.text in r.title or where.text in r.number]
    return rows


@pytest.fixture(scope="module")
def demo_office(tmp_path_factory: pytest.TempPathFactory) -> Database:
    from app.common.paths import DataLocation
    from app.common.storage import open_database
    from app.office.office import set_up_office
    from tests.conftest import COUNTY_SETUP

    folder = tmp_path_factory.mktemp("listing")
    database = open_database(DataLocation(folder / "data", folder / "logs"))
    set_up_office(database, COUNTY_SETUP)
    load_demo(database)
    with database.begin() as session:  # a reply late for its deadline, in time for its extension
        late = session.scalars(
            select(UnitAssignment).where(UnitAssignment.replied_on.is_not(None)).limit(1)
        ).one()
        assert late.replied_on is not None
        late.deadline = late.replied_on - timedelta(days=5)
        late.extended_to = late.replied_on + timedelta(days=1)
    return database


def test_the_demo_register_has_every_kind_of_row(demo_office: Database) -> None:
    rows = list_proposals(demo_office)
    stages = Counter(r.stage for r in rows)
    assert len(rows) == 200 and len(stages) >= 5, stages
    assert any(r.units for r in rows) and any(r.result for r in rows)
    assert any(r.co_signers for r in rows) and any(r.category for r in rows)


@pytest.mark.parametrize(
    "where",
    [
        ProposalFilter(),
        ProposalFilter(year=2025),
        ProposalFilter(year=2023),
        ProposalFilter(state=ProposalState.ACCEPTED),
        ProposalFilter(state=ProposalState.REJECTED),
        ProposalFilter(key_only=True),
        ProposalFilter(include_imported=False),
    ],
    ids=["all", "2025", "2023", "accepted", "rejected", "key", "not-imported"],
)
def test_each_filter_lists_what_the_orm_listed(
    demo_office: Database, where: ProposalFilter
) -> None:
    assert list_proposals(demo_office, where) == _through_the_orm(demo_office, where)


def test_a_units_filter_lists_what_the_orm_listed(demo_office: Database) -> None:
    with demo_office.begin() as session:
        units = session.scalars(
            select(DictionaryEntry.uuid).where(DictionaryEntry.kind == DictionaryKind.HANDLING_UNIT)
        )
        chosen = list(units)[:3]
    assert chosen
    for uuid in chosen:
        where = ProposalFilter(unit_uuid=uuid)
        found = list_proposals(demo_office, where)
        assert found == _through_the_orm(demo_office, where)
    assert any(list_proposals(demo_office, ProposalFilter(unit_uuid=u)) for u in chosen)


@pytest.mark.parametrize("year", [2024, 2025])
def test_statistics_count_what_they_counted_from_the_orm(
    demo_office: Database, year: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.proposals.outputs import statistics

    quick = statistics.proposal_statistics(demo_office, year)
    monkeypatch.setattr(
        statistics,
        "_proposals",
        lambda session, year, office_code: load_proposals(session, year, office_code),
    )
    assert quick == statistics.proposal_statistics(demo_office, year)
    assert quick.received and quick.replies and quick.by_unit and quick.by_result


def test_the_list_is_read_while_another_window_writes(demo_office: Database) -> None:
    """The list is read on a worker thread: it takes no write lock, so it neither waits for
    a save in another window nor holds one up for the second it may take at a city. Nor
    does a proposal's window."""
    with closing(sqlite3.connect(demo_office.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # a save in the middle of its transaction
        started = time.monotonic()
        assert len(list_proposals(demo_office)) == 200
        assert proposal_years(demo_office) == [2025, 2024]
        first = list_proposals(demo_office)[0]
        assert get_proposal_detail(demo_office, first.uuid).row == first
        other.execute("ROLLBACK")
    assert time.monotonic() - started < demo_office.busy_timeout_s / 2
