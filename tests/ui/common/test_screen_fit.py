"""Windows and pages on a county clerk's laptop: 1366×768 at 125 % display scaling leaves
Qt 1093×576 pixels less the task bar (tests/ui/conftest.py: clerk_laptop)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialog

from ui.common import screen_fit
from ui.common.screen_fit import resize_to_fit


def test_a_large_dialog_is_fitted_to_the_clerks_screen(qtbot, clerk_laptop):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    resize_to_fit(dialog, 1240, 680)
    # The screen less the frame (16×40): the title bar and the buttons stay on screen.
    assert dialog.size().toTuple() == (1077, 536)


def test_a_dialog_keeps_its_preferred_size_where_there_is_room(qtbot, monkeypatch):
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _w: QRect(0, 0, 1920, 1040))
    dialog = QDialog()
    qtbot.addWidget(dialog)
    resize_to_fit(dialog, 1240, 680)
    assert dialog.size().toTuple() == (1240, 680)

