"""Starting the GUI: Qt set-up, logging, the database, first-run setup, main window."""

from __future__ import annotations

import argparse
import logging
import sys
from importlib import resources

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog

from app import APP_TITLE, __version__
from app.common.errors import DatabaseDamaged, KnownError
from app.common.folder_lock import FolderLock, Holder, hold_folder
from app.common.logs import setup_logging
from app.common.paths import DataLocation, location_for
from app.common.storage import Database, open_database
from app.office.office import is_set_up
from ui.common.errors import install_crash_handler, show_known_error
from ui.data_safety.integrity_watch import IntegrityWatch
from ui.data_safety.restore_dialog import offer_restore
from ui.data_safety.second_copy import open_anyway

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


def _route_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), message)


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


def make_application(qt_args: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("cppcc-desk")
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("cppcc-desk")
    apply_look(app)
    return app


def run_gui(args: argparse.Namespace, qt_args: list[str]) -> int:
    location = location_for(args.data_dir)
    log_file = setup_logging(location.log_dir)
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
    try:
        database = open_database(location)
    except DatabaseDamaged as exc:
        if self_test or not offer_restore(location, exc):
            return _refuse_to_open(exc, self_test)
        return _open_and_run(app, location, self_test)
    except KnownError as exc:
        return _refuse_to_open(exc, self_test)
    lock = hold_folder(location.data_dir, "窗口")
    try:
        if isinstance(lock, Holder) and not self_test and not open_anyway(lock):
            log.info("not opened: %s uses the data folder", lock.text)
            return 0
        return _run_with_database(app, database, self_test=self_test)
    finally:
        database.close()
        if isinstance(lock, FolderLock):
            lock.release()


def _refuse_to_open(exc: KnownError, self_test: bool) -> int:
    log.warning("cannot open the database: %s", exc.what)
    if self_test:
        sys.stderr.write(f"错误：{exc.message}\n")
    else:
        show_known_error(None, exc, "无法打开数据")
    return 1


def _run_with_database(app: QApplication, database: Database, self_test: bool) -> int:
    from ui.main_window import MainWindow
    from ui.office.setup_wizard import SetupWizard

    if self_test:
        from ui.self_test import run_self_test

        return run_self_test(app, database)
    if not is_set_up(database):
        wizard = SetupWizard(database)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            log.info("setup wizard closed without finishing")
            return 0
    window = MainWindow(database)
    window.show()
    QTimer.singleShot(0, window.raise_)
    watch = IntegrityWatch(window, database)
    watch.start()
    try:
        return app.exec()
    finally:
        watch.wait()
