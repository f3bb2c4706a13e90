"""Finding 16: a second copy of the program on the same data folder says so before opening."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.common.folder_lock import FolderLock, hold_folder
from tests.ui.conftest import closing_main_windows, fill_first_admin
from ui.application import run_gui
from ui.main_window import MainWindow


def _args(data_dir) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(data_dir), self_test=False, command=None)


def test_a_second_copy_is_warned_and_may_stay_closed(qtbot, location, office_file, modal):
    other = hold_folder(location.data_dir, "窗口")  # the first window
    assert isinstance(other, FolderLock)
    warnings: list[str] = []

    def decline(box) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "secondCopyWarning"
        warnings.append(box.text())
        next(b for b in box.buttons() if b.text() == "不打开").click()

    modal.then(decline)
    try:
        assert run_gui(_args(location.data_dir), []) == 0
    finally:
        other.release()
    assert len(warnings) == 1
    assert "另一个窗口" in warnings[0] and "正在使用这份数据" in warnings[0]
    assert not any(
        isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_a_second_copy_may_open_all_the_same(qtbot, location, office_file, modal):
    other = hold_folder(location.data_dir, "窗口")
    titles: list[str] = []
    timer = closing_main_windows(titles)

    def first_admin(dialog) -> None:  # the office has no account yet (app.security)
        assert dialog.objectName() == "firstAdminDialog"
        fill_first_admin(qtbot, dialog.fields)
        dialog.accept()

    modal.then(lambda box: next(b for b in box.buttons() if b.text() == "仍然打开").click())
    modal.then(first_admin)
    try:
        assert run_gui(_args(location.data_dir), []) == 0
    finally:
        timer.stop()
        assert isinstance(other, FolderLock)
        other.release()
    assert titles == ["示范县政协"]


def test_the_only_window_is_not_warned(qtbot, location, office_file):
    dialogs: list[str] = []

    def close_main_window() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == "firstAdminDialog":  # no account yet
            fill_first_admin(qtbot, dialog.fields)
            dialog.accept()
            return
        if dialog is not None:  # none expected: note it and get it out of the way
            dialogs.append(dialog.objectName())
            dialog.close()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.database:
                widget.close()

    timer = QTimer()
    timer.timeout.connect(close_main_window)
    timer.start(20)
    try:
        assert run_gui(_args(location.data_dir), []) == 0
    finally:
        timer.stop()
    assert dialogs == []
