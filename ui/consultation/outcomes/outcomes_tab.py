"""协商成果 of a plan year: where each stands (未报送 → 已报送 → 已批示 → 已落实 →
已反馈), with the ones still owing something on request; added, changed, deleted
(undoable) through the outcome dialog. At the city, the 单位 filter shows a county's
outcomes (or all offices', with a 单位 column) read-only: opened, never changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.storage import Database
from app.consultation.outcomes.outcomes import (
    OutcomeRow,
    delete_outcome,
    list_outcomes,
    undelete_outcome,
)
from app.office.scope import ALL_OFFICES
from ui.common.office_filter import OfficeFilter, mark_read_only
from ui.common.tables import SearchFilter, search_box
from ui.common.widgets import StatusLine, add_list_shortcuts, confirm
from ui.consultation.columns import OUTCOME_OFFICE_COLUMN, outcome_model
from ui.consultation.outcomes.outcome_dialog import OutcomeDialog


class OutcomesTab(QWidget):
    def __init__(self, database: Database, changed: Callable[[], None]) -> None:
        super().__init__()
        self.database = database
        self._changed = changed
        self.year = date.today().year
        self.dialog: OutcomeDialog | None = None
        self._deleted: OutcomeRow | None = None
        # The city: a county's outcomes or all, read-only (the page refreshes on a change).
        self.office = OfficeFilter()
        self.office.changed.connect(self._forget_messages)
        self._kept_buttons: dict[QWidget, tuple[str, bool]] = {}
        self.model = outcome_model()
        self.filter = SearchFilter(self)
        self.filter.setSourceModel(self.model)
        self.search = search_box("搜索成果：名称、类型、议题…")
        self.open_only = QCheckBox("只看未办结")
        self.open_only.setObjectName("openOnly")
        self.open_only.setToolTip("尚未报送，或已批示但尚未反馈委员的成果")
        self.count = QLabel()
        self.add_button = self._button("新增成果", "primaryButton", self.add)
        self.edit_button = self._button("修改", "editOutcome", self.edit_selected)
        self.delete_button = self._button("删除", "deleteOutcome", self.delete_selected)
        self.undo_button = self._button("撤销删除", "undoOutcome", self.undo_delete)
        self.undo_button.hide()
        self.table = QTableView()
        self.table.setObjectName("outcomeTable")
        self.table.setModel(self.filter)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.status = StatusLine()
        tools = QHBoxLayout()
        tools.addWidget(self.office)
        tools.addWidget(self.search)
        tools.addWidget(self.open_only)
        tools.addWidget(self.count)
        tools.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button, self.undo_button):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.search.textChanged.connect(self._search)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # Through the buttons: a disabled one (a county's outcome) does nothing.
        add_list_shortcuts(
            self, self.search, self.add_button.click, self.delete_button.click, self.table
        )

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def show_year(self, year: int) -> None:
        if year != self.year:
            self._forget_messages()
        self.year = year
        self.refresh()

    def _forget_messages(self) -> None:
        """What was said (and the undo) was about the list as it was shown."""
        self.status.clear()
        self._deleted = None
        self.undo_button.hide()

    def refresh(self, select: str | None = None) -> None:
        select = select or (self.selected().uuid if self.selected() else None)
        self.office.load(self.database)
        rows = list_outcomes(self.database, self.year, self.office.code())
        if self.open_only.isChecked():
            rows = [r for r in rows if r.is_open]
        self.model.set_rows(rows)
        self.table.setColumnHidden(OUTCOME_OFFICE_COLUMN, self.office.code() != ALL_OFFICES)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self.empty.setText(self._empty_text())
        self._search(self.search.text())
        row = self.model.row_of(select) if select else -1
        if row >= 0:
            self.table.selectRow(self.filter.mapFromSource(self.model.index(row, 0)).row())
        self._update_buttons()

    def _empty_text(self) -> str:
        if self.open_only.isChecked():
            return f"{self.year}年度没有尚未办结的协商成果。"
        if self.office.is_county():
            return f"{self.office.combo.currentText()}尚未报来{self.year}年度的协商成果。"
        return (
            f"{self.year}年度尚未登记协商成果。\n点击“新增成果”登记报送的成果，"
            "再在其中登记领导批示、落实情况和向委员反馈的日期。"
        )

    def _search(self, text: str) -> None:
        self.filter.set_search(text)
        total, shown = self.model.rowCount(), self.filter.rowCount()
        self.count.setText(
            "" if not total else f"共 {total} 件" if shown == total else f"找到 {shown} 件"
        )

    def selected(self) -> OutcomeRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(self.filter.mapToSource(rows[0]).row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        foreign = row is not None and self.office.is_foreign(row.owner_uuid)
        editing = (self.edit_button, self.delete_button)
        read_only = foreign or self.office.is_county()
        mark_read_only(editing, read_only, self._kept_buttons)
        if not read_only:
            for button in editing:
                button.setEnabled(row is not None)
        mark_read_only((self.add_button,), self.office.is_county(), self._kept_buttons)

    def add(self) -> OutcomeDialog:
        return self._open(None)

    def edit_selected(self) -> None:
        """Opens the chosen outcome: a county's read-only (double-click at the city)."""
        row = self.selected()
        if row is not None:
            self._open(row.uuid, read_only=self.office.is_foreign(row.owner_uuid))

    def _open(self, uuid: str | None, read_only: bool = False) -> OutcomeDialog:
        self.dialog = OutcomeDialog(self.database, self.year, uuid, self, read_only)
        self.dialog.saved.connect(self._saved)
        self.dialog.open()
        return self.dialog

    def _saved(self, uuid: str) -> None:
        self.refresh(select=uuid)
        self.status.setText("已保存。")
        self._changed()

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or not confirm(
            self, "删除协商成果", f"确定删除“{row.title}”吗？删除后可以撤销。", "删除"
        ):
            return
        delete_outcome(self.database, row.uuid)
        self._deleted = row
        self.undo_button.show()
        self.refresh()
        self.status.setText(f"已删除“{row.title}”。如属误删，请点“撤销删除”。")
        self._changed()

    def undo_delete(self) -> None:
        row, self._deleted = self._deleted, None
        self.undo_button.hide()
        if row is not None:
            undelete_outcome(self.database, row.uuid)
            self.refresh(select=row.uuid)
            self.status.setText(f"已恢复“{row.title}”。")
            self._changed()
