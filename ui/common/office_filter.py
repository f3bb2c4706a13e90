"""The city's 单位 filter: 本单位 / each county by name / 全部, on screens listing records.

Hidden below the city level (a county sees no change). Counties' records are read-only
at the city; `read_only_tip` is the tooltip for the edit buttons it disables.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.common.storage import Database
from app.office.scope import ALL_OFFICES, OfficeScope, office_scope

LOCAL_TEXT = "本单位"
ALL_TEXT = "全部"
READ_ONLY_TIP = "县（市、区）的记录由该单位维护，市政协只能查看，不能修改。"


class OfficeFilter(QWidget):
    """`code()`: None for 本单位, a county's 行政区划代码, or ALL_OFFICES."""

    changed = Signal()

    def __init__(self, with_all: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_all = with_all
        self.scope = OfficeScope("", ())
        self.combo = QComboBox()
        self.combo.setObjectName("officeFilter")
        self.combo.setToolTip("市政协：查看各县（市、区）通过交换文件报来的记录（只读）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("单位"))
        layout.addWidget(self.combo)
        self.combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.hide()

    def load(self, database: Database) -> None:
        """Fill the choices (the chosen one stays); shown only at a city with counties."""
        self.scope = office_scope(database)
        chosen = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(LOCAL_TEXT, "")
        for county in self.scope.counties:
            self.combo.addItem(county.name, county.code)
        if self.with_all:
            self.combo.addItem(ALL_TEXT, ALL_OFFICES)
        self.combo.setCurrentIndex(max(0, self.combo.findData(chosen or "")))
        self.combo.blockSignals(False)
        self.setVisible(bool(self.scope.counties))

    def code(self) -> str | None:
        return (self.combo.currentData() or None) if self.scope.counties else None

    def choose(self, code: str | None) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(code or "")))

    def is_county(self) -> bool:
        """A county is chosen: every record listed is read-only here."""
        return self.code() not in (None, ALL_OFFICES)

    def county_name(self) -> str:
        """The chosen county's name, else "": what an export of its list is named after
        (three counties' rosters were all "第十届…委员名单")."""
        return self.combo.currentText() if self.is_county() else ""

    def is_all(self) -> bool:
        """全部: rows of several offices, told apart by an owner column (`owner_name`)."""
        return self.code() == ALL_OFFICES

    def owner_name(self, owner_uuid: str) -> str:
        """本单位 or the county's name, for the 单位 column under 全部."""
        return self.owner_names().get(owner_uuid, "")

    def owner_names(self) -> dict[str, str]:
        """owner_name of every office listed, as a plain dict: for a worker thread, which
        must not touch this widget."""
        counties = {c.uuid: c.name for c in self.scope.counties}
        return counties | {self.scope.local_uuid: LOCAL_TEXT}

    def is_foreign(self, owner_uuid: str) -> bool:
        return bool(self.scope.counties) and owner_uuid != self.scope.local_uuid


def mark_read_only(
    buttons: tuple[QWidget, ...], read_only: bool, saved: dict[QWidget, tuple[str, bool]]
) -> None:
    """Disable edit buttons on a county's records with a tooltip saying why; `saved`
    keeps each button's own tooltip and state (a role may have disabled it) to give back."""
    for button in buttons:
        if read_only:
            saved.setdefault(button, (button.toolTip(), button.isEnabled()))
            button.setEnabled(False)
            button.setToolTip(READ_ONLY_TIP)
        elif button in saved:
            tip, enabled = saved.pop(button)
            button.setToolTip(tip)
            button.setEnabled(enabled)


def show_read_only(
    inputs: tuple[QWidget, ...], save: QPushButton, close: QPushButton | None
) -> None:
    """A county's record at the city: text stays selectable, choices are greyed out,
    and there is nothing to save (db.events would refuse it anyway)."""
    for widget in inputs:
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.setReadOnly(True)
            widget.setPlaceholderText("")  # hints such as "可不填" speak to someone typing
        else:
            widget.setEnabled(False)
    save.setEnabled(False)
    save.hide()
    if close is not None:
        close.setText("关闭")
