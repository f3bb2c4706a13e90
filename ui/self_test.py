"""`--self-test`: open every main screen once, then exit 0 (used after installing)."""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.office.labels import OfficeLevel
from app.office.office import OfficeSetup, is_set_up, set_up_office

log = logging.getLogger(__name__)

SELF_TEST_OFFICE = OfficeSetup(
    level=OfficeLevel.COUNTY,
    name="自检县政协",
    division_code="150523",
    term_number=10,
    term_first_year=2021,
    term_last_year=2026,
)


def run_self_test(app: QApplication, database: Database) -> int:
    """Uses the real database when it is set up, else a throw-away one.

    The office's own data is only read: the self-test never writes to it.
    """
    from ui.office.setup_wizard import SetupWizard

    wizard = SetupWizard(database)
    wizard.show()
    app.processEvents()
    wizard.close()
    if is_set_up(database):
        return _open_every_page(app, database)
    with tempfile.TemporaryDirectory(prefix="cppcc-self-test-") as folder:
        scratch = open_database(DataLocation(Path(folder) / "data", Path(folder) / "logs"))
        try:
            set_up_office(scratch, SELF_TEST_OFFICE)
            return _open_every_page(app, scratch)
        finally:
            scratch.close()


def _open_every_page(app: QApplication, database: Database) -> int:
    from ui.common.jobs import wait_for_running_jobs
    from ui.main_window import MainWindow

    window = MainWindow(database)
    window.show()
    for title in window.page_titles():
        window.open_page(title)
        app.processEvents()
        log.info("self-test opened page %s", title)
    pages = ", ".join(window.page_titles())
    wait_for_running_jobs()  # pages may start work when they open (the duplicate-check index)
    window.close()
    sys.stdout.write(f"self-test ok: {pages}\n")
    return 0
