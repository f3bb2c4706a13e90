"""催办: units that have not replied past the deadline (逾期) or close to it (即将到期),
and the 催办函 to the chosen unit."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from app.common.jobs import Progress
from app.common.storage import Database
from app.proposals.handling.handling import DueItem, due_lists
from app.proposals.outputs.letters import write_reminder
from app.proposals.settings import load_proposal_settings
from ui.common.files import DOCX_FILTER
from ui.common.jobs import run_job
from ui.common.outputs import OutputBar
from ui.common.tables import ColumnTableModel, SearchFilter, search_box
from ui.proposals.common import HINT_STYLE, ProposalFiles, city_own_note, make_button, make_label
from ui.proposals.models import DUE_COLUMNS, make_table, model_of, selected_row


def _key(item: DueItem) -> str:
    return f"{item.proposal_uuid}/{item.unit_uuid}"


class DueTab(QWidget):
    open_requested = Signal(str)

    def __init__(self, database: Database, files: ProposalFiles, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self.files = files
        self.today: date | None = None  # None: the real today (tests set a day)
        self.search = search_box("搜索提案号、案由、承办单位…")
        self.overdue_title = QLabel()
        self.overdue_title.setObjectName("overdueTitle")
        self.overdue_title.setStyleSheet("font-weight: bold; color: #b3261e;")
        self.soon_title = QLabel()
        self.soon_title.setObjectName("dueSoonTitle")
        self.soon_title.setStyleSheet("font-weight: bold; color: #a15c00;")
        self.overdue_model = model_of(DUE_COLUMNS, _key)
        self.overdue, self.overdue_filter = make_table("overdueTable", self.overdue_model, 1)
        self.soon_model = model_of(DUE_COLUMNS, _key)
        self.soon, self.soon_filter = make_table("dueSoonTable", self.soon_model, 1)
        self.open_button = make_button("打开提案", "openDueProposal", self.open_selected)
        self.reminder_button = make_button("生成催办函…", "writeReminder", self.write_reminder)
        self.reminder_button.setToolTip("给所选单位的催办函：列出该单位逾期和即将到期的提案")
        self.note = make_label("dueNote", HINT_STYLE)
        self.output = OutputBar()
        self._current: QTableView = self.overdue
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.reminder_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.overdue_title)
        layout.addWidget(self.overdue, 3)
        layout.addWidget(self.soon_title)
        layout.addWidget(self.soon, 2)
        layout.addWidget(self.output)
        self.search.textChanged.connect(self._search)
        for table in (self.overdue, self.soon):
            table.doubleClicked.connect(lambda _index, t=table: self._open_from(t))
            table.selectionModel().selectionChanged.connect(
                lambda *_args, t=table: self._chosen_in(t)
            )
        self._update_buttons()

    def refresh(self) -> None:
        lists = due_lists(self.database, self.today)
        soon_days = load_proposal_settings(self.database).due_soon_days
        self.overdue_model.set_rows(list(lists.overdue))
        self.soon_model.set_rows(list(lists.due_soon))
        self.overdue_title.setText(f"逾期未答复（{len(lists.overdue)}）")
        self.soon_title.setText(f"即将到期：{soon_days}天内到期（{len(lists.due_soon)}）")
        self.note.setText(
            f"截至{lists.today:%Y-%m-%d}。到期当天仍在期限内，次日起算逾期；"
            "已延期的按延期后的期限计算。双击一行打开提案。" + city_own_note(self.database)
        )
        self._update_buttons()

    def _search(self, text: str) -> None:
        self.overdue_filter.set_search(text)
        self.soon_filter.set_search(text)

    def _parts(self, table: QTableView) -> tuple[SearchFilter, ColumnTableModel[DueItem]]:
        if table is self.overdue:
            return self.overdue_filter, self.overdue_model
        return self.soon_filter, self.soon_model

    def _chosen_in(self, table: QTableView) -> None:
        """One choice across both lists."""
        if table.selectionModel().hasSelection():
            self._current = table
            other = self.soon if table is self.overdue else self.overdue
            other.clearSelection()
        self._update_buttons()

    def selected(self) -> DueItem | None:
        search, model = self._parts(self._current)
        return selected_row(self._current, search, model)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.reminder_button.setEnabled(chosen)

    def _open_from(self, table: QTableView) -> None:
        self._current = table
        self.open_selected()

    def open_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.open_requested.emit(item.proposal_uuid)

    def write_reminder(self) -> None:
        item = self.selected()
        if item is None:
            return
        today = self.today or date.today()
        name = f"催办函（{item.unit_name}，{today:%Y%m%d}）.docx"
        path = self.files.save_path(self, "生成催办函", name, DOCX_FILTER)
        if path is None:
            return
        job = partial(_write_reminder, self.database, item.unit_uuid, path, today)
        run_job(self, "正在生成催办函…", job, self._written)

    def _written(self, path: Path) -> None:
        self.output.show_file(path, f"已生成催办函：{path}")


def _write_reminder(
    database: Database, unit_uuid: str, path: Path, today: date, progress: Progress
) -> Path:
    return write_reminder(database, unit_uuid, path, today)
