"""Small helpers the 履职记录 screen tests share: clicks, what a list shows, dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView

from ui.consultation.meetings.meeting_editor import MeetingEditor


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_index(qtbot, view: QAbstractItemView, index: QModelIndex) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def shown(view: QAbstractItemView, column: int = 0) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def attendance_cell(dialog: MeetingEditor, name: str, column: int) -> QModelIndex:
    names = shown(dialog.attendance.table)
    return dialog.attendance.filter.index(names.index(name), column)


def attendance_page(dialog: MeetingEditor):  # type: ignore[no-untyped-def]
    """The editor's 出席情况 page, shown as the clerk would open it."""
    dialog.tabs.setCurrentWidget(dialog.attendance)
    return dialog.attendance


def set_date(edit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))
