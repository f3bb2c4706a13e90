"""Revision 0009 (accounts and the audit trail): a database of revision 0008 upgrades,
keeps its data, has no accounts yet (the first start asks for an administrator) and an
audit table that refuses UPDATE and DELETE."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine

from app.common.audit import Action, record
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.members.member_files import MemberForm, add_member, list_members
from app.office.office import set_up_office
from app.security.accounts import has_accounts
from db import migrate
from db.engine import make_engine
from tests.conftest import COUNTY_SETUP
from tests.db.test_migrations import schema_lines, table_names


def _alembic(engine: Engine, action: str, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)
    engine.dispose()


def test_a_0008_database_upgrades_with_no_accounts_and_an_append_only_trail(
    location: DataLocation, tmp_path: Path
) -> None:
    database = open_database(location)
    try:
        set_up_office(database, COUNTY_SETUP)
        add_member(database, MemberForm(name="张建国", sector="经济界"))
    finally:
        database.close()
    _alembic(make_engine(location.database), "downgrade", "0008")
    assert "audit_entry" not in table_names(location.database)
    fresh = tmp_path / "fresh-0008.sqlite3"
    _alembic(make_engine(fresh), "upgrade", "0008")
    assert schema_lines(location.database) == schema_lines(fresh)  # truly the old shape

    database = open_database(location)  # backs the file up, then upgrades it
    try:
        assert migrate.stored_revision(location.database) == migrate.head_revision()
        assert [b.name for b in location.backup_dir.iterdir() if "0008" in b.name]
        assert [m.name for m in list_members(database)] == ["张建国"]
        assert not has_accounts(database)
        record(database, Action.LOGIN, "张红")
    finally:
        database.close()
    with closing(sqlite3.connect(location.database)) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit_entry")
        assert conn.execute("SELECT count(*) FROM audit_entry").fetchone() == (1,)
