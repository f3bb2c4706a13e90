"""Guards against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call of a
Qt method returning nothing; after a few thousand clicks Python aborted
("deallocating None"). A long day at the office PC must never end like that.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QPushButton


def test_void_qt_calls_keep_none_alive(qtbot):
    button = QPushButton()
    qtbot.addWidget(button)
    before = sys.getrefcount(None)
    for _ in range(2000):
        button.setEnabled(True)
        button.setText("保存")
    assert sys.getrefcount(None) >= before - 50
