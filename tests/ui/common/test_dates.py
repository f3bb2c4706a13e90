"""Typing into a date field: click, type the date as offices write it, leave the field."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.ui.conftest import type_text
from ui.common.dates import date_edit, day_of


def _type_into(qtbot, edit, text: str) -> None:
    line = edit.lineEdit()
    gains_focus = not edit.hasFocus()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    if gains_focus:  # its select-all runs on a later turn of the event loop (late when busy)
        qtbot.waitUntil(lambda: line.hasSelectedText() and line.selectedText() == line.text())
    type_text(qtbot, edit.lineEdit(), text)
    qtbot.keyClick(edit.lineEdit(), Qt.Key.Key_Return)


@pytest.mark.parametrize(
    "typed", ["2025.3.1", "2025-03-01", "20250301", "2025年3月1日", "2025/3/1", "２０２５．３．１"]
)
def test_a_clicked_date_takes_what_is_typed(qtbot, typed):
    edit = date_edit("day", date(2024, 6, 30))
    qtbot.addWidget(edit)
    edit.show()
    _type_into(qtbot, edit, typed)
    assert day_of(edit) == date(2025, 3, 1)
    assert edit.text() == "2025-03-01"


def test_what_is_not_a_date_leaves_the_date_as_it_was(qtbot):
    edit = date_edit("day", date(2024, 6, 30))
    qtbot.addWidget(edit)
    edit.show()
    _type_into(qtbot, edit, "下周一")  # refused key by key
    assert day_of(edit) == date(2024, 6, 30)
    _type_into(qtbot, edit, "2025.13.40")  # not a day: the old date stays
    assert day_of(edit) == date(2024, 6, 30)
    assert edit.text() == "2024-06-30"


def test_a_date_after_the_latest_allowed_is_not_taken(qtbot):
    edit = date_edit("day", date(2024, 6, 30), latest=date(2025, 12, 31))
    qtbot.addWidget(edit)
    edit.show()
    _type_into(qtbot, edit, "2030.1.1")
    assert day_of(edit) <= date(2025, 12, 31)


def test_the_calendar_shows_every_week_row(qtbot):
    edit = date_edit("day", date(2026, 12, 1))
    qtbot.addWidget(edit)
    calendar = edit.calendarWidget()
    assert calendar.minimumHeight() >= 220
    assert edit.findChild(QLineEdit) is not None
