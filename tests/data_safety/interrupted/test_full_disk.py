"""The disk fills up during a backup or an import: a Chinese message, the data as before,
and nothing left behind (a failed backup used to leave its `.partial-journal`)."""

from __future__ import annotations

from pathlib import Path

from app.common.storage import Database
from app.demo.demo import load_demo
from db.file_safety.backup import PAGES_PER_STEP
from tests.data_safety.conftest import BusyOffice
from tests.data_safety.full_disk import run_on_a_full_disk
from tests.data_safety.interrupted.test_kill_drill import content

# Runs the real command line inside the namespace; reports exit code, messages, files.
_COMMAND = """
import io, contextlib
import ui.entry
err = io.StringIO()
with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
    code = ui.entry.main(["--data-dir", str(inside), *sys.argv[4:]])
os.remove(disk / "filler")  # room for the checks below
check = ui.entry.main(["--data-dir", str(inside), "check"])
shutil.copyfile(inside / "cppcc-desk.sqlite3", KEEP)
files = sorted(str(p.relative_to(inside)) for p in inside.rglob("*") if "logs" not in p.parts)
print(json.dumps({"code": code, "err": err.getvalue(), "check": check, "files": files}))
"""


def run_full(tmp_path: Path, data: Path, free: int, *command: str) -> dict:
    """`cppcc-desk <command>` on a disk with `free` bytes left; the database after it is kept."""
    kept = tmp_path / "after.sqlite3"
    code = _COMMAND.replace("sys.argv[4:]", repr(list(command))).replace("KEEP", repr(str(kept)))
    found = run_on_a_full_disk(tmp_path, data, free, code)
    found["after"] = kept
    return found


def test_a_backup_on_a_full_disk_leaves_nothing_behind(office_db: Database, tmp_path: Path) -> None:
    """The demo office (2.4 MB, ten steps of the copy); SQLite left the copy's journal."""
    load_demo(office_db)
    office_db.close()
    size = office_db.path.stat().st_size
    assert size > 2 * PAGES_PER_STEP * 4096
    found = run_full(tmp_path, office_db.location.data_dir, 300_000, "backup")
    assert found["code"] == 1
    assert "磁盘空间已满" in found["err"], found["err"]
    assert "Traceback" not in found["err"], found["err"]  # a log that cannot be written: quiet
    assert found["check"] == 0
    assert [f for f in found["files"] if f.startswith("backups/")] == [], found["files"]


def test_an_import_on_a_full_disk_changes_no_data(busy_office: BusyOffice, tmp_path: Path) -> None:
    """Room for the backup before the import, not for the import itself."""
    template = busy_office.with_members
    database = template / "cppcc-desk.sqlite3"
    room = database.stat().st_size + 200_000
    found = run_full(tmp_path, template, room, "records", "import", str(busy_office.records))
    assert found["code"] == 1
    assert "磁盘空间已满" in found["err"], found["err"]
    assert "Traceback" not in found["err"], found["err"]  # a log that cannot be written: quiet
    assert found["check"] == 0
    assert content(found["after"]) == content(database)  # the data exactly as before
    assert any("导入履职记录前备份" in f for f in found["files"]), found["files"]  # made, then full
    assert "cppcc-desk.sqlite3-journal" not in found["files"]
    assert not [f for f in found["files"] if "partial" in f], found["files"]
