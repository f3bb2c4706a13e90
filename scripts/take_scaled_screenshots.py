"""Every page (each tab) and the main dialogs as a clerk's laptop shows them: 1366×768 with
Windows' display scaling at 100 % or 125 %, less a 48-pixel task bar. Pictures and
report.txt (each window's size, its least size, !!TOO BIG / !!BUTTONS OFF SCREEN) go to
FOLDER. Look at every picture: the report only catches windows taller than the screen.

    Xvfb :77 -screen 0 1366x768x24 &
    QT_SCALE_FACTOR=1.25 DISPLAY=:77 .venv/bin/python scripts/take_scaled_screenshots.py FOLDER
    ONLY=文件交换,系统设置 …   # those pages only, no dialogs
    LEVEL=city …                # a city office with the demo's three counties
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTabWidget, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.common.operator import Role  # noqa: E402
from app.common.paths import DataLocation  # noqa: E402
from app.common.storage import Database, open_database  # noqa: E402
from app.demo.demo import load_demo  # noqa: E402
from app.office.labels import OfficeLevel  # noqa: E402
from app.office.office import OfficeSetup, set_up_office  # noqa: E402
from app.security.accounts import add_account, create_first_admin, list_accounts  # noqa: E402
from app.security.login import log_in  # noqa: E402
from ui.application import make_application  # noqa: E402
from ui.common import screen_fit  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "screens")
SCALE = float(os.environ.get("QT_SCALE_FACTOR", "1"))
ONLY = [t for t in os.environ.get("ONLY", "").split(",") if t]
TASK_BAR = 48  # device pixels
AREA = QRect(0, 0, round(1366 / SCALE), round((768 - TASK_BAR) / SCALE))
TITLE_BAR = 30  # a maximized main window keeps its title bar
REPORT: list[str] = []
COUNTY = OfficeSetup(OfficeLevel.COUNTY, "示范县政协", "150523", 10, 2021, 2026)
CITY = OfficeSetup(OfficeLevel.CITY, "示范市政协", "150500", 6, 2021, 2026)  # LEVEL=city


def settle(app: QApplication, widget: QWidget | None = None, seconds: float = 0.2) -> None:
    if widget is not None:
        widget.show()
        widget.raise_()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def read(app: QApplication, widget: object) -> None:
    """Until a list read on a worker thread has arrived."""
    loading = getattr(widget, "loading", None)
    settle(app, seconds=0.5)
    end = time.monotonic() + 30
    while callable(loading) and loading() and time.monotonic() < end:
        app.processEvents()


def off_screen_buttons(window: QWidget) -> list[str]:
    room = AREA.height() - screen_fit.FRAME_ALLOWANCE.height()
    return [
        f"{b.text() or b.objectName()}@{b.mapTo(window, b.rect().bottomLeft()).y()}"
        for b in window.findChildren(QPushButton)
        if b.isVisibleTo(window) and b.mapTo(window, b.rect().bottomLeft()).y() > room
    ]


def shot(app: QApplication, window: QWidget, name: str, dialog: bool = False) -> None:
    settle(app, window)
    window.grab().save(str(OUT / f"{name}.png"))
    least = window.minimumSizeHint()
    line = f"{name}: {window.width()}×{window.height()}, least {least.width()}×{least.height()}"
    if dialog:
        room = AREA.size() - screen_fit.FRAME_ALLOWANCE
        if window.height() > room.height() or window.width() > room.width():
            line += "  !!TOO BIG"
        if off := off_screen_buttons(window):
            line += f"  !!BUTTONS OFF SCREEN: {', '.join(off)}"
    REPORT.append(line)
    sys.stdout.write(line + "\n")


def guarded(name: str, step: Callable[[], object]) -> None:
    """One picture's failure is noted and the others still taken."""
    try:
        step()
    except Exception:
        REPORT.append(f"{name}: FAILED {traceback.format_exc().splitlines()[-1]}")
        traceback.print_exc()


def with_tabs(app: QApplication, dialog: QWidget, name: str) -> None:
    tabs = dialog.findChild(QTabWidget)
    shot(app, dialog, name, dialog=True)
    for index in range(1, tabs.count() if tabs is not None else 0):
        if tabs.isTabVisible(index):
            tabs.setCurrentIndex(index)
            shot(app, dialog, f"{name}-tab{index}", dialog=True)
    QDialog.done(dialog, 0)  # type: ignore[arg-type]  # closes without asking
    settle(app)


def pages(app: QApplication, window: MainWindow) -> None:
    titles = window.page_titles()
    for title in titles:
        if window.navigation.item(titles.index(title)).isHidden() or (ONLY and title not in ONLY):
            continue

        def visit(title: str = title) -> None:
            page = window.open_page(title)
            read(app, page)
            shot(app, window, f"page-{title}")
            for tabs in (t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)):
                for index in range(1, tabs.count()):
                    tabs.setCurrentIndex(index)
                    read(app, tabs.currentWidget())
                    shot(app, window, f"page-{title}-{index}-{tabs.tabText(index)}")
                tabs.setCurrentIndex(0)

        guarded(title, visit)


def dialogs(app: QApplication, window: MainWindow, database: Database) -> None:
    members = window.open_page("委员档案")
    read(app, members)
    members.table.selectRow(0)  # type: ignore[attr-defined]
    guarded("member", lambda: with_tabs(app, members.open_selected(), "member"))  # type: ignore[attr-defined]
    records = window.open_page("履职记录")
    for index in range(records.tabs.count()):  # type: ignore[attr-defined]
        records.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
        tab = records.current_tab()  # type: ignore[attr-defined]
        read(app, tab)
        guarded(
            f"records-{index}",
            lambda t=tab, i=index: with_tabs(app, t.open_add_dialog(), f"records-new-{i}"),
        )
    proposals(app, window, database)
    consultation(app, window)
    settings(app, window, database)


def proposals(app: QApplication, window: MainWindow, database: Database) -> None:
    from app.proposals.queries import get_proposal_detail, list_proposals

    page = window.open_page("提案")
    end = time.monotonic() + 60
    while not page.index_ready and time.monotonic() < end:  # type: ignore[attr-defined]
        app.processEvents()
    read(app, page.proposals)  # type: ignore[attr-defined]
    guarded("intake", lambda: with_tabs(app, page.new_proposal(), "proposal-intake"))  # type: ignore[attr-defined]
    reopened = next(
        row.uuid
        for row in list_proposals(database)
        if any(a.round > 1 for a in get_proposal_detail(database, row.uuid).assignments)
    )
    detail = page.open_proposal(reopened)  # type: ignore[attr-defined]

    def assignment() -> None:
        detail.tabs.setCurrentWidget(detail.handling)
        detail.handling.assign()
        with_tabs(app, detail.handling.dialog, "proposal-assignment")

    guarded("assignment", assignment)
    guarded("detail", lambda: with_tabs(app, detail, "proposal-detail"))


def consultation(app: QApplication, window: MainWindow) -> None:
    page = window.open_page("协商")
    plan = page.plan  # type: ignore[attr-defined]
    guarded("plan", lambda: with_tabs(app, plan.edit_plan(), "consultation-plan"))
    guarded("topic", lambda: with_tabs(app, plan.add_topic(), "consultation-topic"))

    def research() -> None:
        plan.table.selectRow(1)
        plan.open_research()
        with_tabs(app, plan.dialog, "consultation-research")

    guarded("research", research)
    meetings = page.meetings  # type: ignore[attr-defined]
    page.tabs.setCurrentWidget(meetings)  # type: ignore[attr-defined]
    read(app, meetings)
    meetings.table.selectRow(0)
    guarded("meeting", lambda: with_tabs(app, meetings.open_add_dialog(), "consultation-meeting"))
    outcomes = page.outcomes  # type: ignore[attr-defined]
    guarded("outcome", lambda: with_tabs(app, outcomes.add(), "consultation-outcome"))


def settings(app: QApplication, window: MainWindow, database: Database) -> None:
    from app.office.terms import list_terms
    from ui.data_safety.usb_dialog import UsbBackupDialog
    from ui.office.terms_editor import SessionDialog, TermDialog
    from ui.security.accounts_panel import AddAccountDialog, ResetPasswordDialog

    term = list_terms(database)[0]
    account = list_accounts(database)[0]
    for name, make in (
        ("usb-backup", lambda: UsbBackupDialog(window)),
        ("add-account", lambda: AddAccountDialog(database, window)),
        ("reset-password", lambda: ResetPasswordDialog(database, account, window)),
        ("term", lambda: TermDialog(database, 11, date.today().year, window)),
        ("session", lambda: SessionDialog(database, term, 2, window)),
    ):
        guarded(name, lambda n=name, m=make: with_tabs(app, m(), n))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    screen_fit.available_geometry = lambda _widget: QRect(AREA)  # the task bar's room off
    app = make_application([])
    folder = Path(tempfile.mkdtemp())
    database = open_database(DataLocation(folder / "data", folder / "logs"))
    set_up_office(database, CITY if os.environ.get("LEVEL") == "city" else COUNTY)
    load_demo(database)
    create_first_admin(database, "张红", "Admin2025")
    add_account(database, "李明", Role.STAFF, "Staff2025")
    log_in(database, "张红", "Admin2025")
    window = MainWindow(database)
    window.resize(AREA.width(), AREA.height() - TITLE_BAR)  # maximized
    settle(app, window)
    pages(app, window)
    if not ONLY:
        dialogs(app, window, database)
    (OUT / "report.txt").write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    os._exit(0)  # dialogs and worker threads left as they are: the run is over


if __name__ == "__main__":
    raise SystemExit(main())
