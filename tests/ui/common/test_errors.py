"""Known errors read as a plain message; bugs reach the crash dialog with the log path."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QMessageBox, QWidget

from app.common.errors import KnownError
from ui.common.errors import install_crash_handler, report_error, show_crash


def _read_and_close(store: list[QMessageBox]):
    def answer(box) -> None:
        assert isinstance(box, QMessageBox)
        store.append((box.objectName(), box.text(), box.informativeText(), box.detailedText()))
        box.accept()

    return answer


def test_known_error_shows_what_and_what_to_do(qtbot, modal):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list = []
    modal.then(_read_and_close(seen))
    report_error(parent, KnownError("磁盘空间已满，无法保存。", "请清理磁盘空间后再试。"))
    assert seen == [("knownErrorBox", "磁盘空间已满，无法保存。", "请清理磁盘空间后再试。", "")]


def test_a_bug_reaches_the_crash_dialog_with_the_log_path(qtbot, modal, tmp_path, caplog):
    log_file = tmp_path / "cppcc-desk.log"
    previous = install_crash_handler(log_file)
    try:
        assert sys.excepthook is show_crash
        seen: list = []
        modal.then(_read_and_close(seen))
        try:
            raise ZeroDivisionError("division by zero in a report")
        except ZeroDivisionError as exc:
            with caplog.at_level(logging.CRITICAL):
                report_error(None, exc)
    finally:
        sys.excepthook = previous
    (name, text, informative, details) = seen[0]
    assert name == "crashDialog"
    assert "意外错误" in text
    assert str(log_file) in informative
    assert "ZeroDivisionError" in details
    assert any(r.levelno == logging.CRITICAL and r.exc_info for r in caplog.records)


def test_the_crash_path_masks_personal_numbers(qtbot, modal, tmp_path, clean_logging):
    """Finding 7: a bug quoting a member's row leaves no full ID or phone behind."""
    from app.common.logs import setup_logging

    log_file = setup_logging(tmp_path / "logs")
    previous = install_crash_handler(log_file)
    try:
        seen: list = []
        modal.then(_read_and_close(seen))
        try:
            raise ValueError("row 7: 150523197503120011, 13800000001")
        except ValueError as exc:
            report_error(None, exc)
    finally:
        sys.excepthook = previous
    details = seen[0][3]
    written = log_file.read_text(encoding="utf-8")
    assert "ValueError" in details and "ValueError" in written
    for text in (details, written):
        assert "150523197503120011" not in text and "13800000001" not in text
        assert "150523********0011" in text and "138****0001" in text


def test_an_os_error_from_any_screen_is_a_plain_message(qtbot, modal):
    """Finding 14: an OSError no service translated still reads in Chinese, not as a crash."""
    import errno

    seen: list = []
    modal.then(_read_and_close(seen))
    name = "委员名单" * 21 + ".xlsx"
    report_error(None, OSError(errno.ENAMETOOLONG, "File name too long", name))
    ((kind, text, informative, _),) = seen
    assert kind == "knownErrorBox"
    assert "文件名太长" in text and "短一些" in informative
    assert "File name too long" not in text + informative


def test_a_known_error_no_screen_caught_is_a_plain_message_not_a_crash(qtbot, modal, tmp_path):
    """A slot that let a KnownError through (a damaged database met while a page read
    its list) reaches the crash hook: the clerk reads what happened and what to do."""
    from PySide6.QtCore import QTimer

    from app.common.errors import DatabaseDamaged

    previous = install_crash_handler(tmp_path / "cppcc-desk.log")
    seen: list = []
    modal.then(_read_and_close(seen))

    def a_page_reading() -> None:
        raise DatabaseDamaged()

    try:
        QTimer.singleShot(0, a_page_reading)  # raised in a Qt slot, as on a page
        qtbot.waitUntil(lambda: bool(seen))
    finally:
        sys.excepthook = previous
    (name, text, informative, details) = seen[0]
    assert name == "knownErrorBox"
    assert text == "数据库文件已损坏，无法读取。"
    assert "备份" in informative and details == ""
