"""Input pieces the consultation dialogs share: a choice from labelled values, a date
that may be left empty (报送日期 before the outcome is sent), a titled section, and
showing a county's record read-only at the city."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from ui.common.dates import DateEdit, date_edit, day_of, set_day

NONE_CHOSEN = "（请选择）"


class ChoiceCombo(QComboBox):
    """A combo of labelled values (enums, UUIDs…), kept on the Python side so any value
    compares as itself; `none_text` adds an empty first choice (value None)."""

    def __init__(
        self, name: str, labels: Mapping[Any, str] | None = None, none_text: str | None = None
    ) -> None:
        super().__init__()
        self.setObjectName(name)
        self._none_text = none_text
        self._values: list[Any] = []
        self.set_choices(labels or {})

    def set_choices(self, labels: Mapping[Any, str]) -> None:
        """Replace the choices, keeping the chosen value when it is still there."""
        keep = self.value()
        was_blocked = self.blockSignals(True)
        self.clear()
        self._values = []
        if self._none_text is not None:
            self.addItem(self._none_text)
            self._values.append(None)
        for value, label in labels.items():
            self.addItem(label)
            self._values.append(value)
        self.set_value(keep)
        self.blockSignals(was_blocked)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any) -> None:
        """Show the value's item (the first item when it is not among the choices)."""
        index = self._values.index(value) if value in self._values else 0
        self.setCurrentIndex(index if self._values else -1)

    def choose_text(self, text: str) -> None:
        self.setCurrentIndex(self.findText(text))


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    label.setStyleSheet("font-weight: bold;")
    return label


class OptionalDate(QWidget):
    """A date that may not be there yet: a box to tick (已报送), then the date."""

    changed = Signal()

    def __init__(self, name: str, tick_text: str, latest: date | None = None) -> None:
        super().__init__()
        self.setObjectName(name)
        self.tick = QCheckBox(tick_text)
        self.tick.setObjectName(f"{name}Tick")
        self.edit: DateEdit = date_edit(f"{name}Date", latest=latest)
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tick)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.tick.toggled.connect(self.edit.setEnabled)
        self.tick.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> date | None:
        return day_of(self.edit) if self.tick.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.tick.setChecked(day is not None)
        if day is not None:
            set_day(self.edit, day)
