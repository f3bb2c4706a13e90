"""One list of records on the 履职记录 page: a year filter, a search box, the table
(sorted by a header click, or an empty-state note), 新增 / 修改 / 删除 and 撤销删除.

Subclasses say what they list and which dialog edits it.

The rows (and the years offered) are read on a worker thread: a city's county under
全部年份 is thousands of records, 0.5–1.2 s to read. Meanwhile the count says
"正在读取…" and the rows read last stay on screen; only the newest read is shown,
whatever order the reads end in, and `loaded` says when it ended.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.storage import Database
from app.records.activities import record_years
from ui.common.errors import report_error
from ui.common.files import FileFolders
from ui.common.jobs import JobRunner, run_job
from ui.common.newest_read import LOADING
from ui.common.office_filter import mark_read_only
from ui.common.outputs import OutputBar
from ui.common.table_export import export_view
from ui.common.tables import SearchFilter, search_box
from ui.common.widgets import StatusLine, add_list_shortcuts, confirm, push_button
from ui.records.fields import day_of, default_day
from ui.records.table_models import RecordTableModel
from ui.security.guard import guard_writes

ALL_YEARS = 0
WIDEST_COLUMN = 220  # pixels; a longer text is elided (the tooltip shows it whole)
FITTED_ROWS = 200  # beyond those on screen, the rows a column's width is fitted to
# Made on the GUI thread (it holds the filters' values, never a widget), run on the
# worker: the rows of a year, or of every year (None).
Reader = Callable[[int | None], list[Any]]


class RecordTab(QWidget):
    noun = ""  # 活动 / 社情民意信息 …: used in buttons and messages
    list_title = ""  # what an exported list is called, when not the noun
    add_text = ""
    empty_text = ""  # {year} is filled in
    stretch_column = 0
    # A record was saved, deleted or restored, or another year is shown: the page's own
    # messages (an import's result) no longer describe what the clerk sees.
    changed = Signal()
    # The newest read ended: its rows shown, or its failure said (the rows before kept).
    loaded = Signal()

    def __init__(self, database: Database, model: RecordTableModel[Any]) -> None:
        super().__init__()
        self.database = database
        self.model = model
        self._deleted: Any = None
        self.dialog: QDialog | None = None  # the open dialog, for tests and the page
        # The page's 单位 filter: at the city, a county's records (read-only there).
        self.office_code: str | None = None
        self.office_name = ""  # that county's name: its list exported is named after it
        self._kept_buttons: dict[QWidget, tuple[str, bool]] = {}
        self._asked = 0  # the newest read; an older one's rows are never shown
        self._shown_for = 0  # the read whose rows are shown
        self._runner: JobRunner | None = None  # the newest read, while it runs
        self._select: str | None = None  # the record to select when the rows come
        self._wanted_year: int | None = None  # a year to show that the combo lacks yet

        self.year = QComboBox()
        self.year.setObjectName("yearFilter")
        self.search = search_box("搜索名称、委员、类别…")
        self.filter = SearchFilter(self)
        self.filter.setSourceModel(model)
        self.add_button = push_button(self.add_text, "primaryButton", self.open_add_dialog)
        self.edit_button = push_button("修改", "editRecord", self.edit_selected)
        self.delete_button = push_button("删除", "deleteRecord", self.delete_selected)
        self.undo_button = push_button("撤销删除", "undoDelete", self.undo_delete)
        self.export_button = push_button("导出Excel", "exportList", self.export_list)
        self.export_button.setToolTip("按当前的年份、筛选、搜索和排序，把列表导出为 Excel 表格")
        self.undo_button.hide()
        guard_writes(database, self.add_button, self.delete_button, self.undo_button)
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(QLabel("年份"))
        self.toolbar.addWidget(self.year)
        self.add_filters(self.toolbar)
        self.toolbar.addWidget(self.search)
        self.count_label = QLabel()
        self.count_label.setObjectName("recordCount")
        self.toolbar.addWidget(self.count_label)
        self.toolbar.addStretch(1)
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.undo_button,
            self.export_button,
        ):
            self.toolbar.addWidget(button)

        self.table = self._table()
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.status = StatusLine()
        layout = QVBoxLayout(self)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.output = OutputBar()
        layout.addWidget(self.output)

        self.year.currentIndexChanged.connect(self._year_chosen)
        self.search.textChanged.connect(self._search_changed)
        add_list_shortcuts(
            self,
            search=self.search,
            new=self.open_add_dialog,
            delete=self.delete_selected,
            view=self.table,
        )
        self.table.doubleClicked.connect(self._row_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("recordTable")
        table.setModel(self.filter)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        # Fitted once per load, to the rows on screen and FITTED_ROWS more: fitted to
        # every row on every change (ResizeToContents), a county's 400 activities held
        # the window 1–1.5 s on each year chosen, header click or search cleared.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(FITTED_ROWS)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the loaded order first
        table.setSortingEnabled(True)
        self.model.modelReset.connect(self._fit_columns)
        return table

    def _fit_columns(self) -> None:
        for column in range(self.model.columnCount()):
            if column != self.stretch_column:
                self.table.resizeColumnToContents(column)
                width = min(self.table.columnWidth(column), WIDEST_COLUMN)
                self.table.setColumnWidth(column, width)

    # --- what subclasses provide -----------------------------------------------

    def add_filters(self, toolbar: QHBoxLayout) -> None:
        """Extra filters after the year (the activity kind …)."""

    def reader(self) -> Reader:
        """On the GUI thread: what the worker calls with the year to read."""
        raise NotImplementedError

    def make_dialog(self, uuid: str | None, day: date) -> QDialog:
        raise NotImplementedError

    def delete(self, uuid: str) -> None:
        raise NotImplementedError

    def undelete(self, uuid: str) -> None:
        raise NotImplementedError

    def describe(self, row: Any) -> str:
        return f"“{row.title}”"

    # --- showing -------------------------------------------------------------

    @property
    def chosen_year(self) -> int | None:
        year = self.year.currentData()
        return None if year in (None, ALL_YEARS) else int(year)

    def refresh(self, select_uuid: str | None = None) -> None:
        """Read the years and rows again, off the GUI thread; `select_uuid` is selected
        when they come (else the record selected then)."""
        if select_uuid:
            self._select = select_uuid
        self._asked += 1
        asked = self._asked
        chosen = self._year_to_read()
        if self._runner is not None:
            self._runner.cancel()  # its rows would not be shown
        self.count_label.setText(LOADING)
        # The rows shown are of the year and county chosen before: not exported as these.
        self.export_button.setEnabled(False)
        if not self.model.rowCount():
            self.empty.setText(LOADING)
            self.stack.setCurrentWidget(self.empty)
        job = partial(_read, self.database, chosen, self.reader())
        title = f"正在读取{self.list_title or self.noun}…"
        runner = run_job(self, title, job, partial(self._arrived, asked), quiet=True)
        runner.finished.connect(self._ended)  # a bound method: see ui/proposals/list_tab
        self._runner = runner
        self._update_buttons()  # 新增 for the office chosen now; the rows shown are old

    def _year_to_read(self) -> int:
        """A year, or ALL_YEARS: the one asked for, else the one chosen, else (the years
        not read yet) this year."""
        if self._wanted_year is not None:
            return self._wanted_year
        chosen = self.year.currentData()
        return date.today().year if chosen is None else int(chosen)

    def loading(self) -> bool:
        return self._runner is not None

    def _arrived(self, asked: int, read: tuple[list[int], int, list[Any]]) -> None:
        if asked != self._asked:
            return
        self._shown_for = asked
        self._wanted_year = None
        years, year, rows = read
        selected = self._select or self._selected_uuid()
        self._select = None
        self._fill_years(years, year)
        self.model.set_rows(rows)
        self.empty.setText(self.empty_text.format(year=f"{year}年" if year else ""))
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self._show_count()
        row = self.model.row_of(selected) if selected else -1
        shown = self.filter.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if shown is not None and shown.isValid():
            self.table.selectRow(shown.row())
            self.table.scrollTo(shown)
        self._update_buttons()

    def _ended(self) -> None:
        """A read ended; if the newest: its rows were shown, or it failed (and said so)."""
        if self.sender() is not self._runner:
            return
        self._runner = None
        self.export_button.setEnabled(True)
        self._update_buttons()
        if self._shown_for != self._asked:
            self._wanted_year = None
            self._show_count()
            if self.model.rowCount():
                self.status.setText("未能读取所选的记录，列表中仍是上次读取的记录。")
            else:
                self.empty.setText("未能读取记录。请重新选择年份再试。")
        self.loaded.emit()

    def _show_count(self) -> None:
        total, shown = self.model.rowCount(), self.filter.rowCount()
        if not total:
            self.count_label.setText("")
        elif shown == total:
            self.count_label.setText(f"共 {total} 条")
        else:
            self.count_label.setText(f"找到 {shown} 条（共 {total} 条）")

    def export_list(self) -> None:
        year = self.chosen_year
        what = self.list_title or self.noun
        title = self.office_name + (f"{year}年{what}" if year else f"{what}（全部年份）")
        export_view(self, FileFolders.of(self.database), self.filter, title, self.output)

    def _search_changed(self, text: str) -> None:
        self.filter.set_search(text)
        if not self.loading():  # else "正在读取…" stays until the rows come
            self._show_count()
        self.status.clear()
        self._update_buttons()

    def _fill_years(self, years: list[int], year: int) -> None:
        self.year.blockSignals(True)
        self.year.clear()
        for each in years:
            self.year.addItem(f"{each}年", each)
        self.year.addItem("全部年份", ALL_YEARS)
        self.year.setCurrentIndex(max(self.year.findData(year), 0))
        self.year.blockSignals(False)

    def show_year(self, year: int | None) -> None:
        wanted = year if year is not None else ALL_YEARS
        index = self.year.findData(wanted)
        if index >= 0:
            self.year.setCurrentIndex(index)
        else:  # not offered yet (the years are still being read): read it all the same
            self._wanted_year = wanted
            self._filter_changed()

    def _year_chosen(self, *_args: object) -> None:
        self._wanted_year = None  # the clerk's choice wins over one asked before
        self._filter_changed()

    def _filter_changed(self, *_args: object) -> None:
        self.status.clear()  # what was said was about the list as it was
        self.output.say("")
        self.refresh()
        self.changed.emit()

    def _selected_uuid(self) -> str | None:
        row = self.selected()
        return row.uuid if row is not None else None

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(self.filter.mapToSource(rows[0]).row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        # The rows shown while a read runs may be another county's: not to edit as ours.
        chosen = self.selected() is not None and not self.loading()
        county = self.office_code is not None
        editing = (self.edit_button, self.delete_button)
        mark_read_only((self.add_button, *editing), county, self._kept_buttons)
        if not county:
            for button in editing:
                button.setEnabled(chosen)

    # --- editing -------------------------------------------------------------

    def open_add_dialog(self) -> QDialog | None:
        if self.office_code is not None:  # a county's list (Ctrl+N too): read-only
            return None
        return self._open(None)

    def open_edit_dialog(self, uuid: str) -> QDialog | None:
        return self._open(uuid)

    def _open(self, uuid: str | None) -> QDialog | None:
        try:
            dialog = self.make_dialog(uuid, default_day(self.chosen_year))
        except KnownError as exc:  # deleted meanwhile
            report_error(self, exc)
            self.refresh()
            return None
        self.status.clear()  # "已保存。" spoke of the record edited before
        dialog.saved.connect(self._saved)  # type: ignore[attr-defined]
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        row = None if self.loading() else self.selected()
        if row is not None:
            self.open_edit_dialog(row.uuid)

    def _row_double_clicked(self, index: QModelIndex) -> None:
        if self.loading():  # the rows shown may be of the county chosen before
            return
        self.open_edit_dialog(self.model.row(self.filter.mapToSource(index).row()).uuid)

    def _saved(self, uuid: str) -> None:
        day = getattr(self.dialog, "day", None)
        if day is not None and self._year_to_read() not in (ALL_YEARS, day_of(day).year):
            self._wanted_year = day_of(day).year  # show the record where it now belongs
        self.refresh(select_uuid=uuid)
        self.status.setText("已保存。")
        self.changed.emit()

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def delete_selected(self) -> None:
        row = None if self.loading() else self.selected()
        if row is None or self.office_code is not None:  # the Delete key on a county's list
            return
        question = f"确定删除{self.noun}{self.describe(row)}吗？删除后可以撤销。"
        if not confirm(self, f"删除{self.noun}", question, "删除"):
            return
        try:
            self.delete(row.uuid)
        except KnownError as exc:
            report_error(self, exc)
            return
        self._deleted = row
        self.undo_button.show()
        self.refresh()
        self.status.setText(f"已删除{self.noun}{self.describe(row)}。如属误删，请点“撤销删除”。")
        self.changed.emit()

    def undo_delete(self) -> None:
        row, self._deleted = self._deleted, None
        self.undo_button.hide()
        if row is None:
            return
        try:
            self.undelete(row.uuid)
        except KnownError as exc:
            report_error(self, exc)
            return
        self.refresh(select_uuid=row.uuid)
        self.status.setText(f"已恢复{self.noun}{self.describe(row)}。")
        self.changed.emit()


def _read(
    database: Database, year: int, reader: Reader, progress: Progress
) -> tuple[list[int], int, list[Any]]:
    """On the worker thread: the years offered, the year shown (ALL_YEARS for every
    year) and its rows. A year left without records: the newest instead."""
    years = record_years(database)
    if year != ALL_YEARS and year not in years:
        year = years[0]
    progress.check_cancelled()  # a newer read was asked for
    return years, year, reader(None if year == ALL_YEARS else year)
