"""The main window: navigation on the left, one page per area on the right."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, QSize
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
from app.common.storage import Database
from app.office.office import office_info
from ui.common.widgets import Page
from ui.five_ones.page import FiveOnesPage
from ui.members.member_list_page import MemberListPage
from ui.overview.page import OverviewPage
from ui.records.records_page import RecordsPage
from ui.settings_page import SettingsPage

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.setObjectName("mainWindow")
        info = office_info(database)
        self.setWindowTitle(f"{APP_TITLE} — {info.name}")
        self.setMinimumSize(QSize(780, 540))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(170)
        self.pages = QStackedWidget()
        for page in self._make_pages():
            self.pages.addWidget(page)
            QListWidgetItem(page.title, self.navigation)
        self.navigation.currentRowChanged.connect(self._show_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        status = QLabel(
            f"{info.name}（{info.division_code}） · {info.term_text} · 版本 {__version__} · "
            f"数据：{database.path}"
        )
        self.statusBar().addWidget(status)

        self._settings = QSettings(
            str(database.location.ui_settings_file), QSettings.Format.IniFormat
        )
        self._restore_geometry()
        self.navigation.setCurrentRow(0)

    def _make_pages(self) -> list[Page]:
        return [
            OverviewPage(self.database),
            MemberListPage(self.database),
            RecordsPage(self.database),
            FiveOnesPage(self.database),
            SettingsPage(self.database),
        ]

    def page_titles(self) -> list[str]:
        return [self.navigation.item(i).text() for i in range(self.navigation.count())]

    def open_page(self, title: str) -> Page:
        row = self.page_titles().index(title)
        self.navigation.setCurrentRow(row)
        page = self.pages.widget(row)
        assert isinstance(page, Page)
        return page

    def _show_page(self, row: int) -> None:
        page = self.pages.widget(row)
        if isinstance(page, Page):
            page.refresh()
            self.pages.setCurrentWidget(page)

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue("main_window/geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
