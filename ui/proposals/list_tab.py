"""The proposal list: a year, a stage, key proposals only, a search over every column;
登记提案, 从Word批量登记 and 导入往年提案; a double-click opens the proposal's window.

The rows are read on a worker thread (a city's 全部年份 under 全部 is 20,000 proposals,
about a second to read): the list says "正在读取…" meanwhile and stays usable, and only
the newest read is shown, whatever order the reads end in. A year and 单位 are read;
the stage and 只看重点提案 narrow the rows read last, with no new read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.storage import Database
from app.proposals.intake.intake import delete_proposal, undelete_proposal
from app.proposals.queries import ProposalFilter, list_proposals, proposal_years
from app.proposals.views import ProposalRow
from ui.common.errors import report_error
from ui.common.jobs import JobRunner, run_job
from ui.common.newest_read import LOADING
from ui.common.office_filter import OfficeFilter, mark_read_only
from ui.common.tables import Column, search_box
from ui.common.widgets import add_list_shortcuts, confirm
from ui.proposals.common import make_button, make_label
from ui.proposals.list_model import Prepared, PreparedFilter, PreparedTableModel, prepare
from ui.proposals.models import (
    PROPOSAL_COLUMNS,
    PROPOSAL_LIMITS,
    make_table,
    select_key,
    selected_row,
)

ALL_YEARS = 0
OWNER_COLUMN = len(PROPOSAL_COLUMNS)  # 单位, shown under 全部 only
# (shown, does a row's stage belong): the stage filter.
STAGES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("全部状态", lambda stage: True),
    ("待审查", lambda stage: stage == "待审查"),
    ("待交办", lambda stage: stage == "待交办"),
    ("办理中", lambda stage: stage == "办理中"),
    ("已答复（待评价）", lambda stage: stage == "已答复"),
    ("已办结", lambda stage: stage == "已办结"),
    ("不予立案", lambda stage: stage == "不予立案"),
    ("并案", lambda stage: stage.startswith("并入")),
    ("转办", lambda stage: stage.startswith("转为")),
)


class ProposalListTab(QWidget):
    open_requested = Signal(str)  # a proposal's uuid
    new_requested = Signal()
    word_requested = Signal()
    import_requested = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._deleted: ProposalRow | None = None
        self._asked = 0  # the newest read; an older one's rows are never shown
        self._runner: JobRunner | None = None  # the newest read, while it runs
        self._last_read: Prepared[ProposalRow] | None = None  # the rows read last, shown
        self._select: str | None = None  # the proposal to select when rows arrive
        self._shown_for = 0  # the read whose rows are shown
        self._reveal: tuple[str, Callable[[ProposalRow], str]] | None = None
        self.year = QComboBox()
        self.year.setObjectName("yearFilter")
        self.stage = QComboBox()
        self.stage.setObjectName("stageFilter")
        for text, _test in STAGES:
            self.stage.addItem(text)
        self.office = OfficeFilter()  # the city: a county's proposals, read-only
        self._kept_buttons: dict[QWidget, tuple[str, bool]] = {}
        self.key_only = QCheckBox("只看重点提案")
        self.key_only.setObjectName("keyOnly")
        self.search = search_box("搜索提案号、案由、提案人、承办单位…")
        self.count_label = QLabel()
        self.count_label.setObjectName("proposalCount")
        self.new_button = make_button("登记提案", "primaryButton", self.new_requested.emit)
        self.word_button = make_button("从Word批量登记…", "wordIntake", self.word_requested.emit)
        self.import_button = make_button(
            "导入往年提案…", "importHistory", self.import_requested.emit
        )
        self.import_button.setToolTip("从Excel表格导入往年的提案（先检查，再导入）")
        self.open_button = make_button("打开", "openProposal", self.open_selected)
        self.delete_button = make_button("删除", "deleteProposal", self.delete_selected)
        self.undo_button = make_button("撤销删除", "undoDelete", self.undo_delete)
        self.undo_button.hide()
        # Under 全部 the same number comes from several offices: a 单位 column tells them
        # apart, the model's last and shown first (the other columns keep their numbers).
        owner = Column("单位", lambda r: self.office.owner_name(r.owner_uuid))
        self.model = PreparedTableModel((*PROPOSAL_COLUMNS, owner), lambda r: r.uuid)
        self.table, self.filter = make_table(
            "proposalTable", self.model, 1, PreparedFilter(), limits=PROPOSAL_LIMITS
        )
        self.table.horizontalHeader().moveSection(OWNER_COLUMN, 0)
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.empty = make_label("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.status = make_label("listStatus")
        self.status.hide()
        self._lay_out()
        self.year.currentIndexChanged.connect(self._filters_changed)
        self.stage.currentIndexChanged.connect(self._narrowed)
        self.key_only.toggled.connect(self._narrowed)
        self.office.changed.connect(self._filters_changed)
        self.search.textChanged.connect(self._search_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        add_list_shortcuts(
            self,
            search=self.search,
            new=self.new_requested.emit,
            delete=self.delete_selected,
            view=self.table,
        )

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.office)
        for text, widget in (("年度", self.year), ("状态", self.stage)):
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
        filters.addWidget(self.key_only)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count_label)
        actions = QHBoxLayout()
        for button in (self.new_button, self.word_button, self.import_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.open_button, self.delete_button, self.undo_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)

    # --- showing -------------------------------------------------------------------

    @property
    def chosen_year(self) -> int | None:
        year = self.year.currentData()
        return None if year in (None, ALL_YEARS) else int(year)

    def refresh(self, select_uuid: str | None = None) -> None:
        """Read the rows again (off the GUI thread); `select_uuid` is selected when they come."""
        if select_uuid:
            self._select = select_uuid
        self.office.load(self.database)
        self._fill_years()
        self._load()

    def reveal(self, uuid: str, message: Callable[[ProposalRow], str]) -> None:
        """Read the rows again and select the proposal `uuid` (just registered), showing
        every year and stage if the filters hide it; then say `message(row)`."""
        self._reveal = (uuid, message)
        self.refresh(select_uuid=uuid)

    def loading(self) -> bool:
        return self._runner is not None

    def current_filter(self) -> ProposalFilter:
        """What is read: a year (or all) of the chosen 单位."""
        return ProposalFilter(year=self.chosen_year, office_code=self.office.code())

    def _load(self) -> None:
        self._asked += 1
        asked, where = self._asked, self.current_filter()
        if self._runner is not None:
            self._runner.cancel()  # its rows would not be shown
        self.count_label.setText(LOADING)
        if not self.model.rowCount():
            self.empty.setText("正在读取提案…")
            self.stack.setCurrentWidget(self.empty)
        # The worker touches no Qt object: the 单位 names go to it as a plain dict.
        names = self.office.owner_names()
        owner = Column("单位", lambda r: names.get(r.owner_uuid, ""))
        job = partial(_read, self.database, where, (*PROPOSAL_COLUMNS, owner))
        runner = run_job(self, "正在读取提案…", job, partial(self._arrived, asked), quiet=True)
        # A bound method, not a partial: with a functools.partial connected here the
        # garbage collector crashed the tests now and then (3 runs in 14; none in 18 since).
        runner.finished.connect(self._ended)
        self._runner = runner

    def _arrived(self, asked: int, read: Prepared[ProposalRow]) -> None:
        if asked != self._asked:
            return
        self._last_read, self._shown_for = read, asked
        self.show_rows(read)
        if self._reveal is not None:
            self._revealed()

    def _ended(self) -> None:
        """A read ended; if the newest: shown, or failed (the error was said)."""
        if self.sender() is not self._runner:
            return
        self._runner = None
        if self._shown_for != self._asked:
            self._show_count()
            self.empty.setText("未能读取提案。请重新选择年度或单位再试。")
            if self.model.rowCount():
                self.say("未能读取所选年度或单位的提案，列表中仍是上次读取的提案。")

    def _narrowed(self, *_args: object) -> None:
        """The stage or 只看重点提案: the rows read last, narrowed again (no new read)."""
        self.say("")
        self._reveal = None
        if self._runner is None and self._last_read is not None:
            self.show_rows(self._last_read)
        elif self._runner is None:
            self._load()

    def show_rows(self, read: Prepared[ProposalRow]) -> None:
        """The rows read, narrowed by the stage and 只看重点提案; the selection kept."""
        chosen = self._select or self._selected_uuid()
        self._select = None
        wanted, key_only = STAGES[self.stage.currentIndex()][1], self.key_only.isChecked()
        shown = read.where(lambda r: wanted(r.stage) and (r.is_key or not key_only))
        # Shown before the rows come: the reset fits the columns on screen (a hidden
        # one fitted to nothing, and its names were cut to "河…").
        self.table.setColumnHidden(OWNER_COLUMN, not self.office.is_all())
        self.model.set_prepared(shown)
        self.stack.setCurrentWidget(self.table if shown.rows else self.empty)
        self.empty.setText(self._empty_text())
        self._show_count()
        if chosen:
            select_key(self.table, self.filter, self.model, chosen)
        self._update_buttons()

    def _revealed(self) -> None:
        assert self._reveal is not None
        uuid, message = self._reveal
        row = self.selected()
        narrowed = self.chosen_year or self.stage.currentIndex() or self.key_only.isChecked()
        if (row is None or row.uuid != uuid) and narrowed:
            for widget in (self.year, self.stage, self.key_only):
                widget.blockSignals(True)
            self.show_year(None)
            self.stage.setCurrentIndex(0)
            self.key_only.setChecked(False)
            for widget in (self.year, self.stage, self.key_only):
                widget.blockSignals(False)
            self._select = uuid
            self._load()
            return
        self._reveal = None
        if row is not None and row.uuid == uuid:
            self.say(message(row))

    def _empty_text(self) -> str:
        year = self.chosen_year
        if self.stage.currentIndex() or self.key_only.isChecked():
            return "没有符合条件的提案。"
        where = f"{year}年" if year else ""
        return (
            f"{where}尚未登记提案。\n点“登记提案”逐件登记，或“从Word批量登记”读取一批提案表；"
            "往年的提案可从 Excel 导入，供查重和统计。"
        )

    def _fill_years(self) -> None:
        chosen = self.year.currentData()
        with_rows = proposal_years(self.database, self.office.code())
        years = sorted(set(with_rows) | {date.today().year}, reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(f"{year}年", year)
        self.year.addItem("全部年份", ALL_YEARS)
        if chosen is None:  # first time: the newest year that has proposals
            chosen = with_rows[0] if with_rows else date.today().year
        self.year.setCurrentIndex(max(0, self.year.findData(chosen)))
        self.year.blockSignals(False)

    def show_year(self, year: int | None) -> None:
        self.year.setCurrentIndex(max(0, self.year.findData(year or ALL_YEARS)))

    def _show_count(self) -> None:
        total, shown = self.model.rowCount(), self.filter.rowCount()
        if not total:
            self.count_label.setText("")
        elif shown == total:
            self.count_label.setText(f"共 {total} 件")
        else:
            self.count_label.setText(f"找到 {shown} 件（共 {total} 件）")

    def _filters_changed(self, *_args: object) -> None:
        """A year or 单位: read again."""
        self.say("")
        self._reveal = None
        self.refresh()

    def _search_changed(self, text: str) -> None:
        self.filter.set_search(text)
        self._show_count()
        self._update_buttons()

    def selected(self) -> ProposalRow | None:
        return selected_row(self.table, self.filter, self.model)

    def _selected_uuid(self) -> str | None:
        row = self.selected()
        return row.uuid if row is not None else None

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        self.open_button.setEnabled(row is not None)
        foreign = row is not None and self.office.is_foreign(row.owner_uuid)
        mark_read_only((self.delete_button,), foreign, self._kept_buttons)
        if not foreign:
            self.delete_button.setEnabled(row is not None)
        adding = (self.new_button, self.word_button, self.import_button)
        mark_read_only(adding, self.office.is_county(), self._kept_buttons)

    # --- actions -------------------------------------------------------------------

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_requested.emit(row.uuid)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        question = f"确定删除提案{row.number}“{row.title}”吗？删除后可以撤销。"
        if not confirm(self, "删除提案", question, "删除"):
            return
        try:
            delete_proposal(self.database, row.uuid)
        except KnownError as exc:
            report_error(self, exc)
            return
        self._deleted = row
        self.undo_button.show()
        self.refresh()
        self.say(f"已删除提案{row.number}。如属误删，请点“撤销删除”。")

    def undo_delete(self) -> None:
        row, self._deleted = self._deleted, None
        self.undo_button.hide()
        if row is None:
            return
        try:
            undelete_proposal(self.database, row.uuid)
        except KnownError as exc:
            report_error(self, exc)
            return
        self.refresh(select_uuid=row.uuid)
        self.say(f"已恢复提案{row.number}。")

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))


def _read(
    database: Database,
    where: ProposalFilter,
    columns: tuple[Column[ProposalRow], ...],
    progress: Progress,
) -> Prepared[ProposalRow]:
    """On the worker thread: the rows and their texts."""
    rows = list_proposals(database, where)
    progress.check_cancelled()  # a newer read was asked for
    return prepare(columns, rows)
