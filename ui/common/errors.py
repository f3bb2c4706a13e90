"""Showing errors: known ones as a plain message, bugs in the crash dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.common.errors import KnownError, as_known_error
from app.common.logs import scrub_personal_numbers

log = logging.getLogger(__name__)

_log_file: Path | None = None


def show_known_error(parent: QWidget | None, error: KnownError, title: str = "无法完成") -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, error.what, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("knownErrorBox")
    if error.todo:
        box.setInformativeText(error.todo)
    box.exec()


def report_error(parent: QWidget | None, error: BaseException) -> None:
    """The one place errors from screens and jobs end up."""
    known = as_known_error(error)  # an OSError or SQLite error met anywhere: in Chinese
    if known is not None:
        log.warning("shown to the user: %s", known.what, exc_info=known is not error)
        show_known_error(parent, known)
    else:
        show_crash(type(error), error, error.__traceback__)


def show_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if QApplication.instance() is not None and (known := as_known_error(exc)) is not None:
        # Not a bug: a database that went bad (damaged, deleted, full disk) stops many
        # screens' reads outside their own try; the clerk reads what happened, in Chinese.
        log.warning("shown to the user: %s", known.what, exc_info=(exc_type, exc, tb))
        show_known_error(QApplication.activeWindow(), known)
        return
    log.critical("unexpected error", exc_info=(exc_type, exc, tb))
    if QApplication.instance() is None:
        return
    details = scrub_personal_numbers("".join(traceback.format_exception(exc_type, exc, tb)))
    where = str(_log_file) if _log_file else "（日志文件不可用）"
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "程序出错",
        "程序遇到了一个意外错误。",
        QMessageBox.StandardButton.Ok,
    )
    box.setObjectName("crashDialog")
    box.setInformativeText(
        f"已保存的数据不受影响，当前这一步操作可能没有完成。\n请把日志文件发给技术人员：\n{where}"
    )
    box.setDetailedText(details)
    box.exec()


def install_crash_handler(log_file: Path) -> Callable[..., object]:
    """Route uncaught exceptions to the crash dialog; returns the previous hook."""
    global _log_file
    _log_file = log_file
    previous = sys.excepthook
    sys.excepthook = show_crash
    return previous
