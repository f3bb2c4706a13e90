"""The window on a database file that cannot be written: one plain message at the start
(which file, 只读, what to do), exit 1, nothing changed — not a failed sign-in or save later."""

from __future__ import annotations

import argparse
import os

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.common.database_states.read_only import read_only_file
from ui.application import run_gui
from ui.main_window import MainWindow

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX permissions"),
    pytest.mark.usefixtures("clean_logging"),
]


def test_the_window_says_the_database_file_is_read_only(
    qtbot, location, office_file, file_digest, modal, tmp_path
):
    before = file_digest(office_file)
    shown: list[str] = []

    def read_and_close(dialog) -> None:
        if isinstance(dialog, QMessageBox):
            shown.append(f"{dialog.windowTitle()}\n{dialog.text()}\n{dialog.informativeText()}")
            dialog.grab().save(str(tmp_path / "read-only.png"))
        else:  # the sign-in, say: closed, so that the test fails instead of waiting
            shown.append(type(dialog).__name__)
        dialog.reject()

    modal.then(read_and_close)
    args = argparse.Namespace(data_dir=str(location.data_dir), self_test=False, command=None)
    with read_only_file(office_file):
        assert run_gui(args, []) == 1
    assert len(shown) == 1
    message = shown[0]
    assert message.startswith("无法打开数据\n")
    assert f"数据库文件“{office_file}”是只读的" in message
    assert "取消勾选“只读”" in message and "写入权限" in message
    assert "磁盘" not in message and "登录" not in message
    assert file_digest(office_file) == before
    assert not any(
        isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
