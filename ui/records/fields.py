"""Small input helpers shared by the record dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

DATE_FORMAT = "yyyy年MM月dd日"


def date_edit(name: str, day: date | None = None) -> QDateEdit:
    """A date field with a calendar; records are of things that happened, so not after today."""
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumDate(QDate(1949, 10, 1))
    edit.setMaximumDate(QDate.currentDate())
    set_day(edit, day or date.today())
    return edit


def set_day(edit: QDateEdit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def day_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def default_day(year: int | None) -> date:
    """A new record of a past year starts at that year's end; of this year, today."""
    today = date.today()
    return today if year is None or year >= today.year else date(year, 12, 31)
