"""A restore while another copy of the program has the data open (TRUST 19).

Renaming the restored file into place does not reach a window that already has the
database open: it goes on showing the old file, now kept aside, and its next save fails
with "数据库文件是只读的" (SQLite's moved-database guard), which sends the clerk to check
permissions; on Windows the rename itself fails. So a restore is refused while another
window or command holds the data folder.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import KnownError
from app.common.storage import Database
from app.data_safety import backups
from app.data_safety.planned_restore import restore_from_file
from tests.security.helpers import ADMIN, staff_office

REPO = Path(__file__).resolve().parents[3]

# Another window: opens the database, holds the folder, saves a 承办单位 when told to.
_WINDOW = """
import sys
from pathlib import Path
from app.common.folder_lock import hold_folder
from app.common.paths import DataLocation
from app.common.storage import open_database
from app.office import dictionaries
from db.models import DictionaryKind
location = DataLocation(Path(sys.argv[1]), Path(sys.argv[2]))
database = open_database(location)
lock = hold_folder(location.data_dir, "窗口")
dictionaries.list_entries(database, DictionaryKind.HANDLING_UNIT)
print("open", flush=True)
sys.stdin.readline()
dictionaries.add_entry(database, DictionaryKind.HANDLING_UNIT, "县水利局")
database.close()
print("saved", flush=True)
"""


def units(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM dictionary_entry WHERE kind = 'handling_unit'")
        return sorted(r[0] for r in rows)


def test_a_restore_is_refused_while_another_window_has_the_data_open(
    office_db: Database,
) -> None:
    staff_office(office_db).as_user(ADMIN)
    backup = backups.make_backup(office_db, backups.MANUAL)
    location = office_db.location
    window = subprocess.Popen(
        [sys.executable, "-c", _WINDOW, str(location.data_dir), str(location.log_dir)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert window.stdout is not None and window.stdout.readline() == "open\n"
        with pytest.raises(KnownError) as refused:
            restore_from_file(office_db, backup)
        assert "另一个窗口" in refused.value.what and "关闭" in refused.value.todo
        out, _ = window.communicate("go\n", timeout=60)  # the other window saves …
    finally:
        window.kill()
        window.communicate()
    assert out == "saved\n"
    assert units(location.database) == ["县水利局"]  # … into the database, not a lost file
