"""履职记录 reads do not wait for another program's write (a long import in another window)."""

from __future__ import annotations

from datetime import date

from app.common.storage import Database
from app.records.activities import record_years
from tests.common.database_states.write_lock import promptly, write_lock_held


def test_the_years_are_read_while_another_program_writes(office_db: Database) -> None:
    with write_lock_held(office_db), promptly():
        assert record_years(office_db) == [date.today().year]
