"""A date field a clerk can simply type into: 2025.3.1, 2025-03-01, 20250301,
2025年3月1日 (the same rule as spreadsheets, app.common.sheets.values), or pick
from the calendar. Dates on screen read 2025-03-01 everywhere."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QWidget

from app.common.sheets.values import DateProblem, match_date_text

SCREEN_DATE_FORMAT = "yyyy-MM-dd"
_DATE_CHARACTERS = re.compile(r"[0-9０-９.．/／\-－—年月日 ]{0,16}")
EARLIEST = date(1949, 10, 1)


class DateEdit(QDateEdit):
    """QDateEdit that takes a whole typed date, not only digits section by section."""

    def __init__(self, day: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(SCREEN_DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setCalendarWidget(_calendar())
        if day is not None:
            set_day(self, day)
        self.editingFinished.connect(self._show_as_date)

    def validate(self, text: str, pos: int) -> object:
        # Digits and date punctuation may be on their way to a date; anything else is refused
        # as it is typed (QDateTimeEdit must never be left holding text it cannot parse).
        if _typed_day(text):
            state = QValidator.State.Acceptable
        elif _DATE_CHARACTERS.fullmatch(text):
            state = QValidator.State.Intermediate
        else:
            state = QValidator.State.Invalid
        return state, text, pos

    def fixup(self, text: str) -> str:
        day = _typed_day(text)
        return text if day is None else f"{day:%Y-%m-%d}"

    def dateTimeFromText(self, text: str) -> QDateTime:
        day = _typed_day(text)
        if day is None:
            return self.dateTime()  # not a date: keep what was there
        return QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))

    def textFromDateTime(self, value: QDateTime) -> str:
        return value.toString(SCREEN_DATE_FORMAT)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # After a click the cursor would sit inside the text: select it, so typing replaces it.
        QTimer.singleShot(0, self, self._select_all)

    def _select_all(self) -> None:
        self.lineEdit().selectAll()

    def _show_as_date(self) -> None:
        """What was typed, or what stays, is shown in the one screen form."""
        self.lineEdit().setText(self.textFromDateTime(self.dateTime()))


def _typed_day(text: str) -> date | None:
    try:
        found = match_date_text(text)
    except DateProblem:
        return None
    if found is None or not found[1]:  # a month alone is not a day
        return None
    return found[0]


def _calendar() -> QCalendarWidget:
    calendar = QCalendarWidget()
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    calendar.setGridVisible(False)
    calendar.setMinimumSize(300, 230)  # six week rows and the header, never clipped
    return calendar


def date_edit(name: str, day: date | None = None, latest: date | None = None) -> DateEdit:
    """A date field; `latest` defaults to today (records are of things that happened)."""
    edit = DateEdit()
    edit.setObjectName(name)
    last = latest or date.today()
    edit.setDateRange(QDate(EARLIEST.year, EARLIEST.month, EARLIEST.day), _qdate(last))
    set_day(edit, day or min(date.today(), last))
    return edit


def set_day(edit: QDateEdit, day: date) -> None:
    edit.setDate(_qdate(day))


def day_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
