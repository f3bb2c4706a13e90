"""Starting the GUI: Qt set-up, logging, the database, first-run setup, main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from importlib import resources
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog

from app import APP_TITLE, __version__
from app.common.console import EXIT_FAILED
from app.common.errors import DatabaseDamaged, KnownError
from app.common.folder_lock import FolderLock, Holder, hold_folder
from app.common.logs import setup_logging
from app.common.paths import DataLocation, location_for
from ui.common.errors import install_crash_handler, show_known_error
from ui.common.jobs import wait_for_running_jobs
from ui.main_window import MainWindow
from ui.opening import DatabaseOpener, Opened, open_for_window

if TYPE_CHECKING:
    from app.common.storage import Database
    from ui.data_safety.integrity_watch import IntegrityWatch
    from ui.security.session import SignedInSession

log = logging.getLogger(__name__)

# Preferred Chinese UI fonts; the first one installed wins.
CHINESE_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


NO_DISPLAY = (
    "错误：这台电脑没有可用的图形显示（DISPLAY 和 WAYLAND_DISPLAY 都未设置），无法打开窗口。\n"
    "请在桌面环境中运行；没有显示器的机器可用虚拟显示：apt-get install -y xvfb，"
    "然后 xvfb-run -a bash scripts/start.sh。\n"
    "命令行功能不需要显示，见 cppcc-desk --help。"
)


def _route_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), message)
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):  # Qt may abort next
        sys.stderr.write(message.rstrip() + "\n")


def has_no_display(qt_args: list[str]) -> bool:
    """Linux with neither X nor Wayland and no platform chosen: Qt would abort, and its
    reason would go only to the log (a terminal showed just "Aborted")."""
    if not sys.platform.startswith("linux") or "-platform" in qt_args:
        return False
    chosen = ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    return not any(os.environ.get(name) for name in chosen)


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resources.files("resources") / "icons"
    for size in (16, 32, 48, 64, 128, 256):
        with resources.as_file(folder / f"app-{size}.png") as path:
            icon.addFile(str(path))
    return icon


def style_sheet() -> str:
    return (resources.files("resources") / "styles" / "app.qss").read_text(encoding="utf-8")


def apply_look(app: QApplication) -> None:
    """Chinese font (YaHei on Windows, Noto Sans CJK on Linux), icon and style."""
    families = set(QFontDatabase.families())
    family = next((f for f in CHINESE_FONTS if f in families), None)
    font = QFont(family) if family else app.font()
    font.setPointSize(10)
    app.setFont(font)
    app.setWindowIcon(app_icon())
    app.setStyleSheet(style_sheet())


CHINA = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


class QtChinese(QTranslator):
    """Qt's Chinese catalogue, also for texts Qt later gave a shortcut letter.

    The catalogue lacks "&Look in:" and "Files of &type:" (it has them without
    the "&"), which left the file dialog half in English.
    """

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        found = super().translate(context, source, disambiguation, n)
        if not found and "&" in source:
            found = super().translate(context, source.replace("&", ""), disambiguation, n)
        return found


def install_chinese(app: QApplication) -> None:
    """Qt's own texts in Chinese (file dialogs, 确定/取消, the calendar) and Chinese
    dates and numbers, whatever the system's language."""
    QLocale.setDefault(CHINA)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QtChinese(app)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
    else:
        log.warning("Qt's Chinese translations were not found in %s", folder)


def make_application(qt_args: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("cppcc-desk")
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("cppcc-desk")
    install_chinese(app)
    apply_look(app)
    return app


def run_gui(args: argparse.Namespace, qt_args: list[str]) -> int:
    location = location_for(args.data_dir)
    log_file = setup_logging(location.log_dir)
    if has_no_display(qt_args):
        log.error("no display: DISPLAY and WAYLAND_DISPLAY are unset")
        sys.stderr.write(NO_DISPLAY + "\n")
        return EXIT_FAILED
    previous_handler = qInstallMessageHandler(_route_qt_message)
    app = make_application(qt_args)
    previous_hook = install_crash_handler(log_file)
    log.info("cppcc-desk %s starting, data folder %s", __version__, location.data_dir)
    try:
        return _open_and_run(app, location, self_test=args.self_test)
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)


def _open_and_run(app: QApplication, location: DataLocation, self_test: bool) -> int:
    if self_test:
        return _run_self_test(app, location)
    return Start(app, location).run()


class Start:
    """The GUI start: the shell window at once, the database opened behind it.

    A new installation (no database file yet) goes straight to the set-up wizard;
    a damaged database is offered its newest good backup; any other refusal is one
    message and exit code 1.
    """

    def __init__(self, app: QApplication, location: DataLocation) -> None:
        self.app = app
        self.location = location
        self.window = MainWindow()
        self.database: Database | None = None
        self.session: SignedInSession | None = None
        self.exit_code = 0
        self._opener: DatabaseOpener | None = None
        self._lock: FolderLock | None = None
        self._watch: IntegrityWatch | None = None

    def run(self) -> int:
        if self.location.database.exists():
            self.window.show()
            QTimer.singleShot(0, self.window.raise_)
            self._open_in_background()
        else:
            QTimer.singleShot(0, self._open_here)
        try:
            code = self.app.exec()
            return self.exit_code or code
        finally:
            for thread in (self._opener, self._watch):
                if thread is not None:
                    thread.wait()
            wait_for_running_jobs()
            if self.session is not None:
                self.session.end()
            if self.database is not None:
                self.database.close()
            if self._lock is not None:
                self._lock.release()

    def _open_in_background(self) -> None:
        self._opener = DatabaseOpener(self.location)
        self._opener.opened.connect(self._opened)
        self._opener.failed.connect(self._failed)
        self._opener.start()

    def _open_here(self) -> None:
        try:
            opened = open_for_window(self.location)
        except BaseException as exc:
            self._failed(exc)
        else:
            self._opened(opened)

    def _opened(self, opened: Opened) -> None:
        self.database = opened.database
        if not self._alone_or_allowed():
            return
        from ui.data_safety.opening_notes import show_opening_notes

        show_opening_notes(opened.database)
        if not opened.set_up and not self._set_up(opened.database):
            return
        if not self._log_in(opened):
            return
        self.window.attach(opened.database, opened.overview)
        self.window.show()
        QTimer.singleShot(0, self.window.raise_)
        from ui.data_safety.integrity_watch import IntegrityWatch

        self._watch = IntegrityWatch(self.window, opened.database)
        self._watch.start()  # the full integrity check, in the background

    def _alone_or_allowed(self) -> bool:
        """A second window on the same data folder opens only if the clerk says so."""
        from ui.data_safety.second_copy import open_anyway

        lock = hold_folder(self.location.data_dir, "窗口")
        if isinstance(lock, Holder):
            if not open_anyway(lock):
                log.info("not opened: %s uses the data folder", lock.text)
                self._quit(0)
                return False
        else:
            self._lock = lock
        return True

    def _log_in(self, opened: Opened) -> bool:
        """The person at the keyboard, before any data shows; then the idle lock."""
        from app.office.office import office_info
        from ui.security.session import SignedInSession, ask_who

        name = opened.overview.office.name if opened.overview else office_info(opened.database).name
        if not ask_who(opened.database, name, self.window):
            log.info("login closed without signing in")
            self._quit(0)
            return False
        self.session = SignedInSession(opened.database, self.window, lambda: self._quit(0))
        return True

    def _set_up(self, database: Database) -> bool:
        from ui.office.setup_wizard import SetupWizard

        self.window.hide()
        wizard = SetupWizard(database)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            log.info("setup wizard closed without finishing")
            self._quit(0)
            return False
        return True

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, DatabaseDamaged):
            from ui.data_safety.restore_dialog import offer_restore

            self.window.hide()
            if offer_restore(self.location, error):
                self.window.show()
                self._open_in_background()
                return
        if not isinstance(error, KnownError):
            raise error  # a bug: the crash handler shows it with the log's path
        log.warning("cannot open the database: %s", error.what)
        self.window.hide()
        show_known_error(None, error, "无法打开数据")
        self._quit(1)

    def _quit(self, code: int) -> None:
        self.exit_code = code
        self.window.close()
        QTimer.singleShot(0, self.app.quit)


def _run_self_test(app: QApplication, location: DataLocation) -> int:
    from app.common.storage import open_database
    from ui.self_test import run_self_test

    try:
        database = open_database(location)
    except KnownError as exc:
        log.warning("cannot open the database: %s", exc.what)
        sys.stderr.write(f"错误：{exc.message}\n")
        return 1
    try:
        return run_self_test(app, database)
    finally:
        database.close()
