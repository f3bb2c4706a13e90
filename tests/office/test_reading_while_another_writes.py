"""系统设置 reads do not wait for another program's write (a long import in another window)."""

from __future__ import annotations

from app.common.storage import Database
from app.office.dictionaries import add_entry, list_entries
from app.office.labels import DictionaryKind
from tests.common.database_states.write_lock import promptly, write_lock_held


def test_the_dictionaries_are_read_while_another_program_writes(office_db: Database) -> None:
    add_entry(office_db, DictionaryKind.PARTY, "试验党派")
    with write_lock_held(office_db), promptly():
        names = [item.name for item in list_entries(office_db, DictionaryKind.PARTY)]
    assert "试验党派" in names
