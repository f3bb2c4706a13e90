"""Revision 0008 (exchange): an office set up before it upgrades and gets its keys."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import Engine, select

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.exchange import cards
from app.members.member_files import MemberForm, add_member
from app.office.identity import current_key
from app.office.office import office_info, set_up_office
from db import migrate
from db.engine import make_engine
from db.exchange_models import OfficeKey
from tests.conftest import COUNTY_SETUP
from tests.db.test_migrations import schema_lines, table_names


def _alembic(engine: Engine, action: str, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)
    engine.dispose()


def test_an_office_at_0007_upgrades_and_gets_its_keys(
    location: DataLocation, tmp_path: Path
) -> None:
    database = open_database(location)
    try:
        set_up_office(database, COUNTY_SETUP)
        uuid = add_member(database, MemberForm(name="张建国"))
    finally:
        database.close()
    _alembic(make_engine(location.database), "downgrade", "0007")
    assert "office_key" not in table_names(location.database)
    fresh = tmp_path / "fresh-0007.sqlite3"
    _alembic(make_engine(fresh), "upgrade", "0007")
    assert schema_lines(location.database) == schema_lines(fresh)  # truly the old shape

    database = open_database(location)  # backs up, then upgrades
    try:
        assert migrate.stored_revision(location.database) == migrate.head_revision()
        office = office_info(database)
        with database.begin() as session:
            key = current_key(session, office.uuid)
            assert key is not None and key.sign_private and key.encrypt_private
            assert len(session.scalars(select(OfficeKey)).all()) == 1
        card = cards.write_card(database, tmp_path / "card.cppcccard")
        assert card.fingerprint == cards.local_fingerprint(database)
        with database.begin() as session:
            assert len(session.scalars(select(OfficeKey)).all()) == 1  # no second key made
        assert uuid
    finally:
        database.close()


def test_a_database_without_an_office_upgrades_without_keys(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    _alembic(make_engine(path), "upgrade", "0007")
    _alembic(make_engine(path), "upgrade", "head")
    assert "office_key" in table_names(path)
