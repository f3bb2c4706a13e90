"""数据检查 only reads: it runs, and finds the data sound, while another program writes."""

from __future__ import annotations

from app.common.storage import Database
from app.data_safety.health import run_checks
from tests.common.database_states.write_lock import promptly, write_lock_held


def test_the_checks_run_while_another_program_writes(office_db: Database) -> None:
    with write_lock_held(office_db), promptly(4):  # integrity_check reads every page
        results = run_checks(office_db)
    assert all(result.ok for result in results), results
