"""One list of records on the 履职记录 page: a year filter, a search box, the table
(sorted by a header click, or an empty-state note), 新增 / 修改 / 删除 and 撤销删除.

Subclasses say what they list and which dialog edits it.
"""

from __future__ import annotations

from datetime import date
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
from app.common.storage import Database
from app.records.activities import record_years
from ui.common.errors import report_error
from ui.common.files import FileFolders
from ui.common.office_filter import mark_read_only
from ui.common.outputs import OutputBar
from ui.common.table_export import export_view
from ui.common.tables import SearchFilter, search_box
from ui.common.widgets import add_list_shortcuts, confirm, push_button
from ui.records.fields import day_of, default_day
from ui.records.table_models import RecordTableModel
from ui.security.guard import guard_writes

ALL_YEARS = 0
WIDEST_COLUMN = 220  # pixels; a longer text is elided (the tooltip shows it whole)
FITTED_ROWS = 200  # beyond those on screen, the rows a column's width is fitted to


class RecordTab(QWidget):
    noun = ""  # 活动 / 社情民意信息 …: used in buttons and messages
    list_title = ""  # what an exported list is called, when not the noun
    add_text = ""
    empty_text = ""  # {year} is filled in
    stretch_column = 0
    # A record was saved, deleted or restored, or another year is shown: the page's own
    # messages (an import's result) no longer describe what the clerk sees.
    changed = Signal()

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
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.output = OutputBar()
        layout.addWidget(self.output)

        self.year.currentIndexChanged.connect(self._filter_changed)
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

    def load(self, year: int | None) -> list[Any]:
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
        selected = select_uuid or self._selected_uuid()
        self._fill_years()
        rows = self.load(self.chosen_year)
        self.model.set_rows(rows)
        year = self.chosen_year
        self.empty.setText(self.empty_text.format(year=f"{year}年" if year else ""))
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self._show_count()
        row = self.model.row_of(selected) if selected else -1
        shown = self.filter.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if shown is not None and shown.isValid():
            self.table.selectRow(shown.row())
            self.table.scrollTo(shown)
        self._update_buttons()

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
        self._show_count()
        self.status.clear()
        self._update_buttons()

    def _fill_years(self) -> None:
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for year in record_years(self.database):
            self.year.addItem(f"{year}年", year)
        self.year.addItem("全部年份", ALL_YEARS)
        index = self.year.findData(chosen if chosen is not None else date.today().year)
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)

    def show_year(self, year: int | None) -> None:
        self.year.setCurrentIndex(self.year.findData(year if year is not None else ALL_YEARS))

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
        chosen = self.selected() is not None
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
        row = self.selected()
        if row is not None:
            self.open_edit_dialog(row.uuid)

    def _row_double_clicked(self, index: QModelIndex) -> None:
        self.open_edit_dialog(self.model.row(self.filter.mapToSource(index).row()).uuid)

    def _saved(self, uuid: str) -> None:
        day = getattr(self.dialog, "day", None)
        self.refresh()
        if day is not None and self.chosen_year not in (None, day_of(day).year):
            self.show_year(day_of(day).year)  # show the saved record where it now belongs
        self.refresh(select_uuid=uuid)
        self.status.setText("已保存。")
        self.changed.emit()

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def delete_selected(self) -> None:
        row = self.selected()
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
