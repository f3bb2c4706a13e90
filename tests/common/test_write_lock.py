"""The test helper that holds the write lock: a write (or a read through begin()) waiting
for it fails fast, a read through read() goes on."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.common.errors import DatabaseLocked
from app.common.storage import Database
from db.models import Office
from tests.common.database_states.write_lock import promptly, write_lock_held


def test_begin_fails_fast_and_read_goes_on_while_the_lock_is_held(office_db: Database) -> None:
    with write_lock_held(office_db):
        with promptly(), pytest.raises(DatabaseLocked), office_db.begin() as session:
            session.scalars(select(Office)).all()
        with promptly(), office_db.read() as session:
            assert session.scalars(select(Office)).all()
    with office_db.begin() as session:  # the lock is free again, the full timeout back
        assert session.scalars(select(Office)).all()
        assert session.connection().exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
