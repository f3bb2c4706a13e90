"""The member list's search box and filters; it only says what is wanted.

Choosing a term reloads the list (role and status belong to the seat in that
term); everything else re-filters the members already loaded.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.search,
            self.term,
            self.sector,
            self.committee,
            self.liaison_group,
            self.status,
            self.standing_only,
            self.clear_button,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.search.textChanged.connect(self._changed)
        for combo in (self.sector, self.committee, self.liaison_group, self.status):
            combo.currentIndexChanged.connect(self._changed)
        self.standing_only.toggled.connect(self._changed)
        self.term.currentIndexChanged.connect(self._term_chosen)
        self.clear_button.clicked.connect(self.clear)

    def set_terms(self, terms: list[TermItem]) -> None:
        """Terms newest first; the current (newest) term is chosen at first."""
        current = self.term.currentData()
        self.term.blockSignals(True)
        self.term.clear()
        for term in terms:
            self.term.addItem(term.label, term.uuid)
        self.term.setCurrentIndex(max(self.term.findData(current), 0))
        self.term.blockSignals(False)

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
