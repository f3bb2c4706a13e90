"""年度协商计划: the year's topics in order, with the linked/own share against the
plan's target; topics added, changed, moved, deleted (undoable); research and a
meeting started from a topic; open topics carried into next year; the plan
printed as a Word file in the official layout. At the city, the 单位 filter shows a
county's plan read-only (printable; every change is the county's)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text
from app.consultation.labels import OPEN_STATUSES
from app.consultation.meetings.meetings import meeting_from_topic
from app.consultation.plan.plans import PlanDetail, TopicRow, get_plan
from app.consultation.plan.topics import delete_topic, move_topic, undelete_topic
from app.consultation.printouts.plan_doc import write_plan_document
from ui.common.errors import report_error
from ui.common.files import DOCX_FILTER, FileFolders, ask_save_path
from ui.common.jobs import run_job
from ui.common.office_filter import OfficeFilter, mark_read_only
from ui.common.outputs import OutputBar
from ui.common.tables import SearchFilter, search_box, stretch_readable
from ui.common.widgets import StatusLine, add_list_shortcuts, confirm
from ui.consultation.columns import topic_model
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.consultation.plan.carry_over_dialog import CarryOverDialog
from ui.consultation.plan.plan_dialogs import PlanDialog, TopicDialog
from ui.consultation.plan.research_dialog import ResearchDialog

ON_TARGET, OFF_TARGET = "color: #1e7b34;", "color: #b26a00; font-weight: bold;"


def meeting_day(year: int) -> date:
    """Where a new meeting of a plan year starts: today in this year, else inside the year."""
    today = date.today()
    if year == today.year:
        return today
    return date(year, 12, 31) if year < today.year else date(year, 1, 1)


TOPIC_WIDTH = 200  # the least 协商议题 gets; it takes the room the others leave


class PlanTab(QWidget):
    def __init__(self, database: Database, changed: Callable[[], None]) -> None:
        super().__init__()
        self.database = database
        self._changed = changed  # tells the page (its figures) that something was saved
        self.folders = FileFolders.of(database)
        self.choose_save_path: Callable[[str], Path | None] = self._ask_save_path
        self.year = date.today().year
        self.plan: PlanDetail | None = None
        self.dialog: QDialog | None = None
        self._deleted: TopicRow | None = None
        # The city: a county's plan, read-only (the page refreshes on a change).
        self.office = OfficeFilter(with_all=False)
        self.office.changed.connect(self._forget_messages)
        self._kept_buttons: dict[QWidget, tuple[str, bool]] = {}

        self.heading = QLabel()
        self.heading.setObjectName("planHeading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.share = QLabel()
        self.share.setObjectName("linkedShare")
        self.model = topic_model()
        self.filter = SearchFilter(self)
        self.filter.setSourceModel(self.model)
        self.search = search_box("搜索议题：名称、形式、专委会、状态…")
        self.count = QLabel()
        self.table = self._table()
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.status = StatusLine()
        self.output = OutputBar()
        b = self._button
        self.plan_button = b("计划信息…", "planInfo", self.edit_plan)
        self.word_button = b("生成计划（Word）…", "planWord", self.write_plan)
        self.add_button = b("新增议题", "primaryButton", self.add_topic)
        self.edit_button = b("修改", "editTopic", self.edit_selected)
        self.delete_button = b("删除", "deleteTopic", self.delete_selected)
        self.undo_button = b("撤销删除", "undoTopic", self.undo_delete)
        self.undo_button.hide()
        self.up_button = b("上移", "topicUp", lambda: self.move(-1))
        self.down_button = b("下移", "topicDown", lambda: self.move(1))
        self.research_button = b("调研…", "research", self.open_research)
        self.meeting_button = b("召开会议…", "meetingFromTopic", self.meeting_from_topic)
        self.carry_button = b("转入下年…", "carryOver", self.carry_over)
        self.carry_button.setToolTip(
            "把尚未办结的议题转入下一年度的协商计划（问题不解决，协商不停止）"
        )
        self._lay_out()
        self.search.textChanged.connect(self._search)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # Through the buttons: a disabled one (a county's plan) does nothing.
        add_list_shortcuts(
            self, self.search, self.add_button.click, self.delete_button.click, self.table
        )

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("topicTable")
        table.setModel(self.filter)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        stretch_readable(table, 1, TOPIC_WIDTH)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the plan's order first
        table.setSortingEnabled(True)
        return table

    def _lay_out(self) -> None:
        # The heading (a plan's title and approval can be long) and the share sit one
        # above the other and wrap: at 1366×768 the buttons beside them keep their text.
        for label in (self.heading, self.share):
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.heading)
        titles.addWidget(self.share)
        top = QHBoxLayout()
        top.addWidget(self.office)
        top.addSpacing(8)
        top.addLayout(titles, 1)
        for button in (self.plan_button, self.word_button, self.carry_button):
            top.addWidget(button)
        tools = QHBoxLayout()
        tools.addWidget(self.search)
        tools.addWidget(self.count)
        tools.addStretch(1)
        for button in (
            self.add_button, self.edit_button, self.delete_button, self.undo_button,
            self.up_button, self.down_button, self.research_button, self.meeting_button,
        ):  # fmt: skip
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.output)

    # --- showing -----------------------------------------------------------------------

    def show_year(self, year: int) -> None:
        if year != self.year:
            self._forget_messages()
        self.year = year
        self.refresh()

    def _forget_messages(self) -> None:
        """What was said (and the undo) was about the plan as it was shown."""
        self.status.clear()
        self.output.say("")
        self._deleted = None
        self.undo_button.hide()

    def _titled(self, title: str) -> str:
        """A county's plan title with the county's name (unless the title has it)."""
        name = self.office.county_name()
        return title if name in title else name + title

    def refresh(self, select: str | None = None) -> None:
        select = select or self._selected_uuid()
        self.office.load(self.database)
        self.plan = get_plan(self.database, self.year, self.office.code())
        topics = list(self.plan.topics) if self.plan else []
        self.model.set_rows(topics)
        self.stack.setCurrentWidget(self.table if topics else self.empty)
        self.empty.setText(self._empty_text())
        self._show_heading()
        self._show_count()
        row = self.model.row_of(select) if select else -1
        if row >= 0:
            self.table.selectRow(self.filter.mapFromSource(self.model.index(row, 0)).row())
        self._update_buttons()

    def _empty_text(self) -> str:
        if self.office.is_county():
            return f"{self.office.county_name()}尚未报来{self.year}年度协商计划。"
        return (
            f"{self.year}年度尚未制定协商计划。\n点击“新增议题”添加第一个议题（计划随之建立），"
            "或点“计划信息”填写标题、批准日期和联接议题目标。"
        )

    def _show_heading(self) -> None:
        if self.plan is None:
            self.heading.setText(f"{self.office.county_name()}{self.year}年度协商计划（尚未建立）")
            self.share.clear()
            self.carry_button.setText("转入下年…")
            return
        form = self.plan.form
        approved = (
            f"　{day_text(form.approved_on)} {form.approved_by}批准"
            if form.approved_on
            else "　尚未批准"
        )
        self.heading.setText(self._titled(self.plan.title) + approved)
        share = self.plan.share
        self.share.setText(share.text + ("" if share.on_target else "（联接议题未达目标）"))
        self.share.setStyleSheet(ON_TARGET if share.on_target else OFF_TARGET)
        self.carry_button.setText(
            f"转入下年（{self._open_count()}）…" if self._year_end() else "转入下年…"
        )

    def _open_count(self) -> int:
        return sum(1 for t in self.plan.topics if t.status in OPEN_STATUSES) if self.plan else 0

    def _year_end(self) -> bool:
        """A past year, or the last two months of this one, with topics still open:
        they are offered for next year's plan."""
        today = date.today()
        ending = self.year < today.year or (self.year == today.year and today.month >= 11)
        return ending and self._open_count() > 0

    def _show_count(self) -> None:
        total, shown = self.model.rowCount(), self.filter.rowCount()
        self.count.setText(
            "" if not total else f"共 {total} 个议题" if shown == total else f"找到 {shown} 个"
        )

    def _search(self, text: str) -> None:
        self.filter.set_search(text)
        self._show_count()

    def selected(self) -> TopicRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(self.filter.mapToSource(rows[0]).row()) if rows else None

    def _selected_uuid(self) -> str | None:
        row = self.selected()
        return row.uuid if row else None

    def select_topic(self, uuid: str) -> None:
        row = self.model.row_of(uuid)
        self.table.selectRow(self.filter.mapFromSource(self.model.index(row, 0)).row())

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected() is not None
        county = self.office.is_county()
        editing = (
            self.edit_button, self.delete_button, self.up_button, self.down_button,
            self.research_button, self.meeting_button,
        )  # fmt: skip
        plan_wide = (self.plan_button, self.add_button, self.carry_button)
        mark_read_only((*plan_wide, *editing), county, self._kept_buttons)
        if not county:
            for button in editing:
                button.setEnabled(chosen)

    # --- dialogs -----------------------------------------------------------------------

    def _open(self, dialog: QDialog, done: Callable[..., None]) -> QDialog:
        self.dialog = dialog
        dialog.saved.connect(done)  # type: ignore[attr-defined]
        dialog.open()
        return dialog

    def _saved(self, uuid: str | None = None, text: str = "已保存。") -> None:
        self.refresh(select=uuid if isinstance(uuid, str) else None)
        self.status.setText(text)
        self._changed()

    def edit_plan(self) -> QDialog:
        return self._open(PlanDialog(self.database, self.year, self), lambda _u: self._saved())

    def add_topic(self) -> QDialog:
        return self._open(TopicDialog(self.database, self.year, None, self), self._saved)

    def edit_selected(self) -> None:
        """Opens the chosen topic: a county's read-only (double-click at the city)."""
        row = self.selected()
        if row is not None:
            county = self.office.is_county()
            dialog = TopicDialog(self.database, self.year, row.uuid, self, read_only=county)
            self._open(dialog, self._saved)

    def open_research(self) -> None:
        row = self.selected()
        if row is not None:
            self.dialog = ResearchDialog(self.database, row.uuid, self)
            self.dialog.finished.connect(lambda _r: self._saved(row.uuid, ""))
            self.dialog.open()

    def meeting_from_topic(self) -> QDialog | None:
        """A new meeting filled in from the chosen topic, in the one meeting editor."""
        row = self.selected()
        if row is None:
            return None
        try:
            draft = meeting_from_topic(self.database, row.uuid)
        except KnownError as exc:
            report_error(self, exc)
            return None
        editor = MeetingEditor(self.database, None, meeting_day(self.year), self, draft=draft)
        return self._open(editor, lambda _u: self._saved(row.uuid, "会议已保存。"))

    def carry_over(self) -> None:
        dialog = CarryOverDialog(self.database, self.year, self)
        self.dialog = dialog
        dialog.carried.connect(
            lambda n: self._saved(None, f"已将 {n} 个议题转入{self.year + 1}年度协商计划。")
        )
        dialog.open()

    # --- deleting and moving -------------------------------------------------------------

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        question = f"确定删除议题“{row.title}”吗？已召开的会议和已报送的成果保留。删除后可以撤销。"
        if not confirm(self, "删除议题", question, "删除"):
            return
        delete_topic(self.database, row.uuid)
        self._deleted = row
        self.undo_button.show()
        self._saved(None, f"已删除议题“{row.title}”。如属误删，请点“撤销删除”。")

    def undo_delete(self) -> None:
        row, self._deleted = self._deleted, None
        self.undo_button.hide()
        if row is not None:
            undelete_topic(self.database, row.uuid)
            self._saved(row.uuid, f"已恢复议题“{row.title}”。")

    def move(self, offset: int) -> None:
        row = self.selected()
        if row is not None:
            self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # moving is in plan order
            move_topic(self.database, row.uuid, offset)
            self.refresh(select=row.uuid)

    # --- the printed plan ------------------------------------------------------------------

    def _ask_save_path(self, suggested: str) -> Path | None:
        return ask_save_path(
            self, self.folders, "consultation_plan", "保存年度协商计划", suggested, DOCX_FILTER
        )

    def write_plan(self) -> None:
        if self.plan is None or not self.plan.topics:
            self.output.say(f"{self.year}年度协商计划还没有议题，请先添加议题。")
            return
        path = self.choose_save_path(f"{self._titled(self.plan.title)}.docx")
        if path is None:
            return
        year, code = self.year, self.office.code()
        job = lambda _progress: write_plan_document(self.database, year, path, code)  # noqa: E731
        run_job(self, "正在生成年度协商计划…", job, self._plan_written, cancellable=False)

    def _plan_written(self, path: Path) -> None:
        self.output.show_file(path, f"已生成：{path.name}")
