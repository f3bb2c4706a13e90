"""The member list's search box and filters; it only says what is wanted.

Choosing a term reloads the list (role and status belong to the seat in that
term); everything else re-filters the members already loaded.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.members.member_files import FormChoices, MemberRow
from app.office.terms import TermItem
from ui.members.member_table_model import MemberFilter, StatusFilter


def _combo(name: str, tooltip: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setToolTip(tooltip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMaxVisibleItems(20)
    return combo


def _fill(combo: QComboBox, everyone: str, names: list[str]) -> None:
    """Offer "all" then the names; keep the current choice when still offered."""
    current = combo.currentData() or ""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everyone, "")
    for name in names:
        combo.addItem(name, name)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def _offered(dictionary: list[str], in_use: set[str]) -> list[str]:
    """Dictionary order, plus retired names some member still has."""
    return dictionary + sorted(in_use - set(dictionary))


class MemberFilterBar(QWidget):
    filter_changed = Signal()
    term_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("memberSearch")
        self.search.setPlaceholderText("搜索姓名或工作单位")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(190)
        self.term = _combo("termFilter", "届次")
        self.sector = _combo("sectorFilter", "界别")
        self.committee = _combo("committeeFilter", "专委会")
        self.liaison_group = _combo("liaisonGroupFilter", "联络组")
        self.status = _combo("statusFilter", "任职状态")
        for status in StatusFilter:
            self.status.addItem(
                status.value if status is not StatusFilter.ALL else "全部状态", status
            )
        self.standing_only = QCheckBox("只看常委")
        self.standing_only.setObjectName("standingOnly")
        self.clear_button = QPushButton("清除筛选")
        self.clear_button.setObjectName("clearFilters")
        self.first_row, self.second_row = QHBoxLayout(), QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.first_row)
        layout.addLayout(self.second_row)
        self.wrapped: bool | None = None
        self._lay_out(wrapped=False)
        self.search.textChanged.connect(self._changed)
        for combo in (self.sector, self.committee, self.liaison_group, self.status):
            combo.currentIndexChanged.connect(self._changed)
        self.standing_only.toggled.connect(self._changed)
        self.term.currentIndexChanged.connect(self._term_chosen)
        self.clear_button.clicked.connect(self.clear)

    def _head(self) -> tuple[QWidget, ...]:
        return (self.search, self.term, self.sector, self.committee, self.liaison_group)

    def _tail(self) -> tuple[QWidget, ...]:
        return (self.status, self.standing_only, self.clear_button)

    def _lay_out(self, wrapped: bool) -> None:
        """One row, or (`wrapped`) 状态, 只看常委 and 清除筛选 on a second one."""
        self.wrapped = wrapped
        for row in (self.first_row, self.second_row):
            while row.count():
                row.takeAt(0)  # the widgets stay on the bar
        for widget in self._head():
            self.first_row.addWidget(widget)
        for widget in self._tail():
            (self.second_row if wrapped else self.first_row).addWidget(widget)
        self.first_row.addStretch(1)
        if wrapped:
            self.second_row.addStretch(1)

    def one_row_width(self) -> int:
        shown = [w for w in (*self._head(), *self._tail()) if not w.isHidden()]
        spacing = max(self.first_row.spacing(), 0)
        widths = [w.sizeHint().expandedTo(w.minimumSize()).width() for w in shown]
        return sum(widths) + spacing * (len(shown) - 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Two rows where one does not fit (1366×768 at 125 % display scaling): in one
        the filters were squeezed to "全部界" and "全部联纟"."""
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        wrapped = self.width() < self.one_row_width()
        if wrapped != self.wrapped:
            self._lay_out(wrapped)

    def set_terms(self, terms: list[TermItem]) -> None:
        """Terms newest first; the current (newest) term is chosen at first."""
        current = self.term.currentData()
        self.term.blockSignals(True)
        self.term.clear()
        for term in terms:
            self.term.addItem(term.label, term.uuid)
        self.term.setCurrentIndex(max(self.term.findData(current), 0))
        self.term.blockSignals(False)
        self._fit()  # the names are as wide as they are

    def term_uuid(self) -> str | None:
        return self.term.currentData()

    def set_choices(self, choices: FormChoices, rows: list[MemberRow]) -> None:
        by_field = choices.by_field
        _fill(
            self.sector,
            "全部界别",
            _offered(by_field["sector"], {r.sector for r in rows if r.sector}),
        )
        committees = {c for r in rows for c in r.committees}
        _fill(self.committee, "全部专委会", _offered(choices.committees, committees))
        groups = {r.liaison_group for r in rows if r.liaison_group}
        offered = _offered(by_field["liaison_group"], groups)
        _fill(self.liaison_group, "全部联络组", offered)
        self.liaison_group.setVisible(bool(offered))
        self._fit()

    def wanted(self) -> MemberFilter:
        return MemberFilter(
            text=self.search.text(),
            sector=self.sector.currentData() or "",
            committee=self.committee.currentData() or "",
            liaison_group=self.liaison_group.currentData() or "",
            standing_only=self.standing_only.isChecked(),
            status=self.status.currentData() or StatusFilter.ACTIVE,
        )

    def clear(self) -> None:
        """Back to everyone in office; the term stays."""
        widgets = (self.search, self.sector, self.committee, self.liaison_group, self.status)
        for widget in (*widgets, self.standing_only):
            widget.blockSignals(True)
        self.search.clear()
        for combo in widgets[1:]:
            combo.setCurrentIndex(0)
        self.standing_only.setChecked(False)
        for widget in (*widgets, self.standing_only):
            widget.blockSignals(False)
        self.filter_changed.emit()

    def _changed(self, *_value: object) -> None:
        self.filter_changed.emit()

    def _term_chosen(self, _row: int) -> None:
        self.term_changed.emit()
