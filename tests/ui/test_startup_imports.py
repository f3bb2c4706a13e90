"""Start-up imports only what its first screen needs (issue: a start-up that feels instant).

Not a timing: which modules are loaded (a) when the shell window shows, before the
database is opened, and (b) once the 概况 page shows the office's figures. Run in a
fresh interpreter, since this test process has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.demo.demo import load_demo
from app.security.accounts import create_first_admin
from ui.main_window import PAGE_MODULES, WARM_UP_DELAY_MS

PROBE = r"""
import json, sys
from PySide6.QtCore import QTimer
from ui import application
from ui.main_window import MainWindow
from ui.common.widgets import Page

seen = {}
original_start = application.DatabaseOpener.start
original_attach = MainWindow.attach

def start(self):
    seen["shell"] = sorted(sys.modules)
    original_start(self)

def attach(self, database, overview=None):
    original_attach(self, database, overview)
    seen["overview"] = sorted(sys.modules)
    seen["figures"] = overview is not None
    QTimer.singleShot(int(sys.argv[4]), lambda: close(self))

def close(window):
    if window.warm_up is not None:
        window.warm_up.join()
    seen["later"] = sorted(sys.modules)
    seen["pages_made"] = sum(isinstance(window.pages.widget(r), Page) for r in range(9))
    window.close()

application.DatabaseOpener.start = start
MainWindow.attach = attach

from PySide6.QtWidgets import QDialog
original_exec = QDialog.exec

def exec_(self):  # the clerk logs in
    if self.objectName() == "loginDialog":
        self.name.setText(sys.argv[2])
        self.password.setText(sys.argv[3])
        self.accept()
        return self.result()
    return original_exec(self)

QDialog.exec = exec_
from ui.entry import main
code = main(["--data-dir", sys.argv[1], "-platform", "offscreen"])
print(json.dumps({"code": code, **seen}))
"""

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "docx", "python_calamine", "lxml")
LATER_FEATURES = (
    "app.cli",
    "app.members",
    "app.records",
    "app.five_ones",
    "app.demo",
    "ui.members",
    "ui.records",
    "ui.five_ones",
    "ui.proposals",
    "app.proposals",
    "PySide6.QtCharts",
    "ui.office",
    "ui.settings_page",
)


def _loaded(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return [m for m in modules if m in prefixes or m.startswith(tuple(p + "." for p in prefixes))]


def _run_probe(office_db, close_after_ms: int) -> dict:
    load_demo(office_db)
    create_first_admin(office_db, "张红", "Admin2025")
    data_dir = office_db.location.data_dir
    office_db.close()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir), "张红", "Admin2025", str(close_after_ms)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def probe(office_db) -> dict:
    return _run_probe(office_db, 50)


def test_the_shell_window_shows_before_any_database_library_loads(probe):
    assert probe["code"] == 0
    assert _loaded(probe["shell"], HEAVY) == []
    assert _loaded(probe["shell"], LATER_FEATURES) == []


def test_the_overview_shows_without_reports_spreadsheets_or_migrations(probe):
    assert probe["figures"], "the 概况 figures were read on the worker, with the database"
    assert _loaded(probe["overview"], ("alembic", "openpyxl", "docx", "python_calamine")) == []
    assert _loaded(probe["overview"], LATER_FEATURES) == []


def test_once_the_overview_shows_the_pages_code_is_imported_in_the_background(office_db):
    """So that a page opens quickly the first time; no page is made until it is opened."""
    later = _run_probe(office_db, WARM_UP_DELAY_MS + 500)
    assert _loaded(later["overview"], ("ui.members", "ui.proposals")) == []
    for module in PAGE_MODULES:
        assert module in later["later"], module
    assert later["pages_made"] == 1  # 概况 only
