"""The main window: navigation on the left, one page per area on the right.

The window is a shell first: it shows at once, before the database is open, and
is filled by `attach()`. Start-up imports only what the first screen needs; once 概况
shows, the other pages' code is imported on a worker thread, and each page is made
the first time it is opened.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app import APP_TITLE, __version__
from ui.common.errors import report_error
from ui.common.screen_fit import FRAME_ALLOWANCE, room_for_window
from ui.common.widgets import Page

if TYPE_CHECKING:
    from app.common.storage import Database
    from app.overview.overview import Overview

log = logging.getLogger(__name__)

PageFactory = Callable[["Database"], Page]


def _overview(database: Database) -> Page:
    from ui.overview.page import OverviewPage

    return OverviewPage(database)


def _members(database: Database) -> Page:
    from ui.members.member_list_page import MemberListPage

    return MemberListPage(database)


def _records(database: Database) -> Page:
    from ui.consultation.meetings.meeting_editor import MeetingEditor
    from ui.records.records_page import RecordsPage

    return RecordsPage(database, meeting_editor=MeetingEditor)


def _consultation(database: Database) -> Page:
    from ui.consultation.page import ConsultationPage

    return ConsultationPage(database)


def _proposals(database: Database) -> Page:
    from ui.proposals.page import ProposalsPage

    return ProposalsPage(database)


def _five_ones(database: Database) -> Page:
    from ui.five_ones.page import FiveOnesPage

    return FiveOnesPage(database)


def _exchange(database: Database) -> Page:
    from ui.exchange.page import ExchangePage

    return ExchangePage(database)


def _city(database: Database) -> Page:
    from ui.exchange.city_page import CityPage

    return CityPage(database)


def _settings(database: Database) -> Page:
    from ui.settings_page import SettingsPage

    return SettingsPage(database)


# The working areas in navigation order: (title, how to make the page).
PAGES: tuple[tuple[str, PageFactory], ...] = (
    ("概况", _overview),
    ("委员档案", _members),
    ("履职记录", _records),
    ("提案", _proposals),
    ("协商", _consultation),
    ("五个一考核", _five_ones),
    ("文件交换", _exchange),
    ("全市汇总", _city),
    ("系统设置", _settings),
)
# Pages only a city office uses: a county never sees them in its navigation.
CITY_ONLY = frozenset({"全市汇总"})
# The pages' code, imported in the background once 概况 shows, in navigation order: a
# page then opens in a blink the first time (委员档案 took 0.3–1 s importing its code).
PAGE_MODULES = (
    "ui.members.member_list_page",
    "ui.records.records_page",
    "ui.consultation.meetings.meeting_editor",
    "ui.proposals.page",
    "ui.consultation.page",
    "ui.five_ones.page",
    "ui.exchange.page",
    "ui.settings_page",
)
WARM_UP_DELAY_MS = 1500  # after the first screen has drawn and read its figures


def import_pages(modules: tuple[str, ...] = PAGE_MODULES) -> None:
    """Import each page's modules (no widget is made: that stays on the GUI thread).

    A module that fails here fails again, with its dialog, when its page is opened."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:
            log.debug("warming up %s failed; the page will say why when opened", name)


class MainWindow(QMainWindow):
    def __init__(self, database: Database | None = None) -> None:
        super().__init__()
        self.database: Database | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_TITLE)
        # Bounded by the screen: 1366×768 at 125 % display scaling leaves 1077×536.
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(room_for_window(self)))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(170)
        self.pages = QStackedWidget()
        for title, _factory in PAGES:
            item = QListWidgetItem(title, self.navigation)
            item.setHidden(title in CITY_ONLY)  # until attach knows this is a city office
            self.pages.addWidget(QWidget())  # a placeholder until the page is first opened
        self.navigation.setEnabled(False)
        self.navigation.currentRowChanged.connect(self._show_page)
        self.opening = QLabel("正在打开数据，请稍候…")
        self.opening.setObjectName("openingLabel")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.opening)
        self.pages.setCurrentWidget(self.opening)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.status = QLabel(f"版本 {__version__}")
        self.statusBar().addWidget(self.status)
        self._settings: QSettings | None = None
        self.warm_up: threading.Thread | None = None
        self.setGeometry(default_geometry(self.screen().availableGeometry()))
        if database is not None:
            self.attach(database)

    def attach(self, database: Database, overview: Overview | None = None) -> None:
        """Fill the shell once the database is open; `overview` saves the first page a read."""
        from app.office.office import office_info

        self.database = database
        info = overview.office if overview is not None else office_info(database)
        # The system adds " — 政协履职工作台" (the application's display name) itself.
        self.setWindowTitle(info.name)
        from app.office.labels import OfficeLevel

        for row, (title, _factory) in enumerate(PAGES):
            hidden = title in CITY_ONLY and info.level is not OfficeLevel.CITY
            self.navigation.item(row).setHidden(hidden)
        self.status.setText(
            f"{info.name}（{info.division_code}） · {info.term_text} · 版本 {__version__} · "
            f"数据：{database.path}"
        )
        self._settings = QSettings(
            str(database.location.ui_settings_file), QSettings.Format.IniFormat
        )
        self._restore_geometry()
        self.navigation.setEnabled(True)
        QTimer.singleShot(WARM_UP_DELAY_MS, self._start_warm_up)
        if overview is not None:
            page = self._page(0)
            show = getattr(page, "show_overview", None)
            if show is not None:
                show(overview)
                self.navigation.blockSignals(True)
                self.navigation.setCurrentRow(0)
                self.navigation.blockSignals(False)
                self.pages.setCurrentWidget(page)
                return
        self.navigation.setCurrentRow(0)

    def _start_warm_up(self) -> None:
        """Import the pages' code on a worker thread: the GUI thread is held only in
        Python's short turns, so the window answers clicks meanwhile."""
        if self.warm_up is None:
            self.warm_up = threading.Thread(target=import_pages, name="page-warm-up")
            self.warm_up.start()

    def page_titles(self) -> list[str]:
        return [self.navigation.item(i).text() for i in range(self.navigation.count())]

    def open_page(self, title: str) -> Page:
        row = self.page_titles().index(title)
        self.navigation.setCurrentRow(row)
        return self._page(row)

    def _page(self, row: int) -> Page:
        """The page of a row, made the first time it is asked for."""
        widget = self.pages.widget(row)
        if isinstance(widget, Page):
            return widget
        assert self.database is not None, "pages exist only once the database is open"
        page = PAGES[row][1](self.database)
        self.pages.insertWidget(row, page)
        self.pages.removeWidget(widget)
        widget.deleteLater()
        log.debug("made page %s", PAGES[row][0])
        return page

    def _show_page(self, row: int) -> None:
        if row < 0 or self.database is None:
            return
        try:
            page = self._page(row)
            page.refresh()
        except Exception as exc:  # the data could not be read (damaged, locked, gone)
            self._select_shown_page()  # the navigation names the page still shown
            report_error(self, exc)
            return
        self.pages.setCurrentWidget(page)

    def _select_shown_page(self) -> None:
        shown = self.pages.currentIndex()
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(shown if shown < len(PAGES) else -1)
        self.navigation.blockSignals(False)

    def _restore_geometry(self) -> None:
        """The size and place of the last normal close, fitted to this screen; maximized
        again only if it was maximized when closed."""
        assert self._settings is not None
        saved = self._settings.value("main_window/rect")
        available = self.screen().availableGeometry()
        if isinstance(saved, QRect) and saved.isValid():
            self.setGeometry(fit_into(saved, available))
        if self._settings.value("main_window/maximized", False, type=bool):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._settings is not None:
            self._settings.setValue("main_window/rect", self.normalGeometry())
            self._settings.setValue("main_window/maximized", self.isMaximized())
            self._settings.sync()
        super().closeEvent(event)


PREFERRED_SIZE = QSize(1200, 760)
MINIMUM_SIZE = QSize(780, 540)


def default_geometry(available: QRect) -> QRect:
    """The preferred size where it fits, centred; on a smaller screen all of its free
    area less the frame (1366×768 with a task bar leaves 1350×688): there every column
    of the lists needs the room, and the screen has nothing else to show beside it."""
    room = available.size() - FRAME_ALLOWANCE
    size = PREFERRED_SIZE if PREFERRED_SIZE.boundedTo(room) == PREFERRED_SIZE else room
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(available.center())
    return rect


def fit_into(rect: QRect, available: QRect) -> QRect:
    """A remembered window made to fit the screen it opens on (a smaller one, or another)."""
    width = min(rect.width(), available.width() - FRAME_ALLOWANCE.width())
    height = min(rect.height(), available.height() - FRAME_ALLOWANCE.height())
    fitted = QRect(rect.x(), rect.y(), width, height)
    if not available.contains(fitted.center()):
        fitted.moveCenter(available.center())
    left = max(available.left(), min(fitted.left(), available.right() - width))
    top = max(
        available.top() + FRAME_ALLOWANCE.height() // 2,
        min(fitted.top(), available.bottom() - height),
    )
    fitted.moveTo(left, top)
    return fitted
