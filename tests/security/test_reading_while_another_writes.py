"""Starting a second window while another one imports: whether to ask for a sign-in or for
the first administrator is read without waiting for the other program's write lock."""

from __future__ import annotations

from app.common.storage import Database
from app.security.accounts import create_first_admin, has_accounts
from tests.common.database_states.write_lock import promptly, write_lock_held


def test_whether_accounts_exist_is_read_while_another_program_writes(
    office_db: Database,
) -> None:
    with write_lock_held(office_db), promptly():
        assert not has_accounts(office_db)
    create_first_admin(office_db, "管理员", "Aa1!aaaaaaaa")
    with write_lock_held(office_db), promptly():
        assert has_accounts(office_db)
