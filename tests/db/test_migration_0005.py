"""Revision 0005 (proposals): a database at 0003 with members upgrades and keeps its rows."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from alembic import command

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.office.office import set_up_office
from app.proposals.intake.intake import ProposalForm, SignerInput, add_proposal
from app.proposals.queries import list_proposals
from db import migrate
from db.engine import make_engine
from tests.conftest import COUNTY_SETUP
from tests.five_ones.helpers import add_member

PROPOSAL_TABLES = {
    "proposal",
    "proposal_signer",
    "proposal_assignment",
    "proposal_history",
    "proposal_supervision",
    "proposal_lead",
    "proposal_attachment",
}


def tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def at_0003(location: DataLocation) -> Path:
    """A database made by the program at revision 0003, with an office and a member."""
    database = open_database(location)
    try:
        set_up_office(database, COUNTY_SETUP)
        member = add_member(database, "张三")
    finally:
        database.close()
    engine = make_engine(location.database)
    config = migrate.alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003")
    finally:
        engine.dispose()
    assert migrate.stored_revision(location.database) == "0003"
    assert not tables(location.database) & PROPOSAL_TABLES
    assert member
    return location.database


def test_0003_upgrades_with_its_members_kept(location: DataLocation) -> None:
    path = at_0003(location)
    database = open_database(location)
    try:
        assert migrate.stored_revision(path) == migrate.head_revision()
        assert tables(path) >= PROPOSAL_TABLES
        with closing(sqlite3.connect(path)) as conn:
            (name,) = conn.execute("SELECT name FROM member").fetchone()
            (member_uuid,) = conn.execute("SELECT uuid FROM member").fetchone()
        assert name == "张三"
        add_proposal(
            database,
            ProposalForm(
                title="关于升级后登记的提案",
                signers=(SignerInput("张三", member_uuid),),
                year=2025,
                submitted_on=date(2025, 3, 1),
                number="2025-001",
            ),
        )
        assert [r.proposer for r in list_proposals(database)] == ["张三"]
    finally:
        database.close()
    backups = list(location.backup_dir.iterdir())
    assert any("0003" in b.name for b in backups)
