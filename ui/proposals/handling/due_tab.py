"""催办: units that have not replied past the deadline (逾期) or close to it (即将到期),
and the 催办函 to the chosen unit.

The lists are read on a worker thread (ui/common/newest_read): the tab says "正在读取…"
meanwhile, and its buttons wait for the rows, which may be out of date until then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from app.common.jobs import Progress
from app.common.storage import Database
from app.proposals.handling.handling import DueItem, DueLists, due_lists
from app.proposals.outputs.letters import write_reminder
from app.proposals.settings import load_proposal_settings
from ui.common.files import DOCX_FILTER
from ui.common.jobs import run_job
from ui.common.newest_read import LOADING, NewestRead
from ui.common.outputs import OutputBar
from ui.common.tables import ColumnTableModel, SearchFilter, search_box
from ui.proposals.common import HINT_STYLE, ProposalFiles, city_own_note, make_button, make_label
from ui.proposals.models import DUE_COLUMNS, make_table, model_of, select_key, selected_row


def _key(item: DueItem) -> str:
    return f"{item.proposal_uuid}/{item.unit_uuid}"


@dataclass(frozen=True)
class _DueRead:
    """What one read brings: the lists, the settings' days and the city's note."""

    lists: DueLists
    soon_days: int
    own_note: str


class DueTab(QWidget):
    open_requested = Signal(str)
    loaded = Signal()  # the newest read ended: its rows shown, or its error said

    def __init__(self, database: Database, files: ProposalFiles, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self.files = files
        self.today: date | None = None  # None: the real today (tests set a day)
        self.search = search_box("搜索提案号、案由、承办单位…")
        self.overdue_title = QLabel("逾期未答复")
        self.overdue_title.setObjectName("overdueTitle")
        self.overdue_title.setStyleSheet("font-weight: bold; color: #b3261e;")
        self.soon_title = QLabel("即将到期")
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
        self.reading = QLabel()  # "正在读取…" while the lists are read
        self.reading.setObjectName("dueReading")
        self.output = OutputBar()
        self._current: QTableView = self.overdue
        self._read = NewestRead(self, "正在读取催办事项…", self._arrived)
        self._read.loaded.connect(self._ended)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.reading)
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
        """Read the lists again, off the GUI thread; the chosen item stays chosen."""
        self.reading.setText(LOADING)
        self._read.start(partial(_read_due, self.database, self.today))
        self._update_buttons()  # the rows shown may be out of date until the new ones come

    def loading(self) -> bool:
        return self._read.loading()

    def _arrived(self, read: _DueRead) -> None:
        chosen = self.selected()
        lists = read.lists
        self.overdue_model.set_rows(list(lists.overdue))
        self.soon_model.set_rows(list(lists.due_soon))
        self.overdue_title.setText(f"逾期未答复（{len(lists.overdue)}）")
        self.soon_title.setText(f"即将到期：{read.soon_days}天内到期（{len(lists.due_soon)}）")
        self.note.setText(
            f"截至{lists.today:%Y-%m-%d}。到期当天仍在期限内，次日起算逾期；"
            "已延期的按延期后的期限计算。双击一行打开提案。" + read.own_note
        )
        if chosen is not None:
            self._choose(_key(chosen))

    def _choose(self, key: str) -> None:
        """The item `key` chosen again, in whichever list it is now (none if gone)."""
        for table in (self.overdue, self.soon):
            search, model = self._parts(table)
            if model.row_of(key) >= 0:
                select_key(table, search, model, key)
                return

    def _ended(self) -> None:
        failed = self._read.failed()
        self.reading.setText("未能读取催办事项，列表中仍是上次读取的内容。" if failed else "")
        self._update_buttons()
        self.loaded.emit()

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
        chosen = self._ready() is not None
        self.open_button.setEnabled(chosen)
        self.reminder_button.setEnabled(chosen)

    def _open_from(self, table: QTableView) -> None:
        self._current = table
        self.open_selected()

    def _ready(self) -> DueItem | None:
        """The chosen item, once the rows are current (None while they are read)."""
        return None if self.loading() else self.selected()

    def open_selected(self) -> None:
        item = self._ready()
        if item is not None:
            self.open_requested.emit(item.proposal_uuid)

    def write_reminder(self) -> None:
        item = self._ready()
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


def _read_due(database: Database, today: date | None, progress: Progress) -> _DueRead:
    """On the worker thread: app/ services only, no widget."""
    lists = due_lists(database, today)
    progress.check_cancelled()  # a newer read was asked for
    soon_days = load_proposal_settings(database).due_soon_days
    return _DueRead(lists, soon_days, city_own_note(database))


def _write_reminder(
    database: Database, unit_uuid: str, path: Path, today: date, progress: Progress
) -> Path:
    return write_reminder(database, unit_uuid, path, today)
