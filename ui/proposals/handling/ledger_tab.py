"""督办台账: unresolved items of every year (B class, or the proposer dissatisfied until a
later round satisfies), carried from year to year until closed (销号) with a note.

The items are read on a worker thread (ui/common/newest_read): 350 open items in a big
county take about 0.3 s. The tab says "正在读取…" meanwhile, and its buttons wait for
the rows, which may be out of date until then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.common.jobs import Progress
from app.common.storage import Database
from app.proposals.handling.supervision import LedgerItem, close_ledger_item, supervision_ledger
from ui.common.dates import date_edit, day_of
from ui.common.newest_read import LOADING, NewestRead
from ui.common.tables import search_box
from ui.proposals.common import (
    HINT_STYLE,
    ActionDialog,
    city_own_note,
    make_button,
    make_label,
)
from ui.proposals.models import LEDGER_COLUMNS, make_table, model_of, select_key, selected_row


def _key(item: LedgerItem) -> str:
    return f"{item.proposal_uuid}/{item.unit_uuid}"


@dataclass(frozen=True)
class _LedgerRead:
    """What one read brings: the items and the city's note."""

    items: list[LedgerItem]
    own_note: str


class CloseItemDialog(ActionDialog):
    button_only = True

    def __init__(self, database: Database, item: LedgerItem, parent: QWidget) -> None:
        about = f"{item.number}　{item.title}\n承办单位：{item.unit_name}；列入原因：{item.reason}"
        super().__init__("督办台账销号", "closeLedgerDialog", about, parent)
        self.database, self.item = database, item
        self.day = date_edit("closeDate")
        self.note = QLineEdit()
        self.note.setObjectName("closeNote")
        self.note.setPlaceholderText("例如：项目已于2025年10月竣工，问题已解决")
        self.form.addRow("销号日期", self.day)
        self.form.addRow("销号理由", self.note)

    def act(self) -> None:
        close_ledger_item(
            self.database,
            self.item.proposal_uuid,
            self.item.unit_uuid,
            day_of(self.day),
            self.note.text(),
        )


class LedgerTab(QWidget):
    open_requested = Signal(str)
    loaded = Signal()  # the newest read ended: its rows shown, or its error said

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.today: date | None = None
        self.dialog: CloseItemDialog | None = None
        self.search = search_box("搜索提案号、案由、承办单位、督办领导…")
        self.include_closed = QCheckBox("显示已销号的事项")
        self.include_closed.setObjectName("includeClosed")
        self.open_button = make_button("打开提案", "openLedgerProposal", self.open_selected)
        self.close_button = make_button("销号…", "closeLedgerItem", self.close_selected)
        self.model = model_of(LEDGER_COLUMNS, _key)
        self.table, self.filter = make_table(
            "ledgerTable", self.model, 2, limits={3: 160, 4: 210, 7: 100}
        )
        self.note = make_label("ledgerNote", HINT_STYLE)
        self.note.setText(
            "列入台账：答复为B类（正在解决或列入计划）的，或提案人不满意、重新办理后仍未满意的事项。"
            "问题不解决，督办不停止：事项逐年结转，直到销号。"
        )
        self.status = make_label("ledgerStatus")
        self.reading = QLabel()  # "正在读取…" while the items are read
        self.reading.setObjectName("ledgerReading")
        self._done = ""  # what was just done ("已销号。"), said again with the new rows
        self._read = NewestRead(self, "正在读取督办台账…", self._arrived)
        self._read.loaded.connect(self._ended)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.reading)
        top.addWidget(self.include_closed)
        top.addWidget(self.open_button)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.search.textChanged.connect(self.filter.set_search)
        self.include_closed.toggled.connect(lambda _on: self.refresh())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def refresh(self) -> None:
        """Read the items again, off the GUI thread; the chosen item stays chosen."""
        self.reading.setText(LOADING)
        job = partial(_read_ledger, self.database, self.today, self.include_closed.isChecked())
        self._read.start(job)
        self._update_buttons()  # the rows shown may be out of date until the new ones come

    def loading(self) -> bool:
        return self._read.loading()

    def _arrived(self, read: _LedgerRead) -> None:
        chosen = self.selected()
        items = read.items
        self.model.set_rows(items)
        if chosen is not None:
            select_key(self.table, self.filter, self.model, _key(chosen))
        open_items = sum(1 for i in items if i.closed_on is None)
        carried = sum(1 for i in items if i.closed_on is None and i.years_carried)
        self.status.setText(
            self._done
            + (
                f"台账在办事项 {open_items} 项，其中往年结转 {carried} 项。"
                if items
                else "督办台账中没有未解决的事项。"
            )
            + read.own_note
        )
        self._done = ""

    def _ended(self) -> None:
        failed = self._read.failed()
        self.reading.setText("未能读取督办台账，列表中仍是上次读取的内容。" if failed else "")
        self._done = ""
        self._update_buttons()
        self.loaded.emit()

    def selected(self) -> LedgerItem | None:
        return selected_row(self.table, self.filter, self.model)

    def _ready(self) -> LedgerItem | None:
        """The chosen item, once the rows are current (None while they are read)."""
        return None if self.loading() else self.selected()

    def _update_buttons(self, *_args: object) -> None:
        item = self._ready()
        self.open_button.setEnabled(item is not None)
        self.close_button.setEnabled(item is not None and item.closed_on is None)

    def open_selected(self) -> None:
        item = self._ready()
        if item is not None:
            self.open_requested.emit(item.proposal_uuid)

    def close_selected(self) -> None:
        item = self._ready()
        if item is None or item.closed_on is not None:
            return
        dialog = CloseItemDialog(self.database, item, self)
        dialog.accepted.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self) -> None:
        self._done = "已销号。"
        self.status.setText(self._done)  # the counts come with the new rows
        self.refresh()


def _read_ledger(
    database: Database, today: date | None, include_closed: bool, progress: Progress
) -> _LedgerRead:
    """On the worker thread: app/ services only, no widget."""
    items = supervision_ledger(database, today, include_closed)
    progress.check_cancelled()  # a newer read was asked for
    return _LedgerRead(items, city_own_note(database))
