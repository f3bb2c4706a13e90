"""委员档案: the members of a term, searched and filtered as the clerk types.

The term's members are loaded once per refresh into the table model; the
search box and filters only re-filter the proxy. Lists show ID-card and
phone numbers masked; the member file shows them in full.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QWidget,
)

from app.common.errors import KnownError
from app.common.operator import Permission
from app.common.storage import Database
from app.members.labels import MembershipStatus
from app.members.member_files import (
    FormChoices,
    MemberRow,
    delete_member,
    set_status,
    undelete_member,
)
from app.members.roster_export import ExportResult
from app.office.terms import TermItem, list_terms
from ui.common.errors import report_error
from ui.common.files import XLSX_FILTER, FileFolders, ask_save_path
from ui.common.jobs import run_job
from ui.common.newest_read import LOADING, NewestRead
from ui.common.office_filter import READ_ONLY_TIP, OfficeFilter, mark_read_only
from ui.common.outputs import OutputBar
from ui.common.table_export import export_view
from ui.common.tables import stretch_readable
from ui.common.widgets import Page, add_list_shortcuts, confirm
from ui.members.import_wizard import RosterImportWizard
from ui.members.list_jobs import export_job, read_members
from ui.members.list_states import (
    empty_state,
    loading_state,
    make_button,
    no_match_state,
    notice_bar,
)
from ui.members.member_actions import RetireDialog
from ui.members.member_filter_bar import MemberFilterBar
from ui.members.member_form import MemberFileDialog
from ui.members.member_table_model import MemberFilterProxy, MemberTableModel
from ui.security.guard import guard_writes

EXPORT_NOTE = (
    "导出的名册含完整身份证号码和联系电话，属于个人信息，请妥善保管，不要随意传送。"
    "仅管理员可以导出。"
)
COLUMN_WIDTHS = {
    MemberTableModel.NAME: 80,
    MemberTableModel.SEX: 44,
    MemberTableModel.SECTOR: 96,
    MemberTableModel.PARTY: 96,
    MemberTableModel.ROLE: 66,
    MemberTableModel.COMMITTEES: 130,
    MemberTableModel.LIAISON_GROUP: 90,
    MemberTableModel.PHONE: 104,
    MemberTableModel.STATUS: 150,
}
EMPLOYER_WIDTH = 180  # the least 单位及职务 gets; it takes the room the others leave


class MemberListPage(Page):
    title = "委员档案"
    # The newest read ended: its rows shown, or its failure said (the rows before kept).
    loaded = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._terms: list[TermItem] = []
        self._deleted: MemberRow | None = None
        self._active = 0  # members in office in the loaded term
        self._read = NewestRead(self, "正在读取委员档案…", self._arrived)
        self._read.loaded.connect(self._read_ended)
        self._select: str | None = None  # the member to select when the rows come
        self._then: list[Callable[[], None]] = []  # what waits for the rows (a message)
        self.model = MemberTableModel(self)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filters = MemberFilterBar()
        self.filters.filter_changed.connect(self._apply_filter)
        self.filters.term_changed.connect(self.reload)
        self.office = OfficeFilter(with_all=False)  # the city: a county's members, read-only
        self.office.changed.connect(self.refresh)
        self._kept_buttons: dict[QWidget, tuple[str, bool]] = {}
        self.table = self._make_table()
        self.count = QLabel()
        self.count.setObjectName("memberCount")
        self.notice = QLabel()
        self.notice.setObjectName("memberNotice")
        self.notice.setWordWrap(True)
        self.undo_button = make_button("撤销删除", "undoDelete", self.undo_delete)
        self.notice_bar = notice_bar(self.notice, self.undo_button)
        self.output = OutputBar()  # the exported roster: open it, its folder, print
        self.output.hide()
        self.folders = FileFolders.of(database)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(empty_state(self.add_member, self.import_roster))
        self.no_match = no_match_state(self.filters.clear)
        self.stack.addWidget(self.no_match)
        self.loading_state = loading_state()
        self.stack.addWidget(self.loading_state)

        self.page_layout.addLayout(self._toolbar())
        self.page_layout.addWidget(self.filters)
        self.page_layout.addWidget(self.notice_bar)
        self.page_layout.addWidget(self.output)
        self.page_layout.addWidget(self.count)
        self.page_layout.addWidget(self.stack, 1)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        add_list_shortcuts(
            self,
            search=self.filters.search,
            new=self.add_member,
            delete=self.delete_selected,
            view=self.table,
        )
        self._update_buttons()
        guard_writes(
            database,
            self.add_button,
            self.retire_button,
            self.delete_button,
            self.import_button,
            self.undo_button,
        )
        guard_writes(database, self.export_button, permission=Permission.EXPORT_FULL_NUMBERS)

    # --- building ------------------------------------------------------------

    def _toolbar(self) -> QHBoxLayout:
        self.add_button = make_button("新增委员", "primaryButton", self.add_member)
        self.open_button = make_button("查看/编辑", "openMember", self.open_selected)
        self.retire_button = make_button("离任…", "retireMember", self.retire_or_restore)
        self.delete_button = make_button("删除", "deleteMember", self.delete_selected)
        self.delete_button.setToolTip("只用于删除录错的档案；委员离任请用“离任…”。")
        self.import_button = make_button("从Excel导入", "importRoster", self.import_roster)
        self.export_button = make_button("导出名册", "exportRoster", self.export_roster)
        self.export_button.setToolTip(EXPORT_NOTE)
        self.export_view_button = make_button("导出当前列表", "exportList", self.export_list)
        self.export_view_button.setToolTip(
            "按当前的搜索、筛选和排序导出列表（身份证号码和电话保持遮盖），可发给他人"
        )
        bar = QHBoxLayout()
        bar.addWidget(self.office)
        for button in (self.add_button, self.open_button, self.retire_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.export_view_button)
        return bar

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("memberTable")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            table.setColumnWidth(column, width)
        stretch_readable(table, MemberTableModel.EMPLOYER, EMPLOYER_WIDTH)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order first
        table.setSortingEnabled(True)
        table.doubleClicked.connect(self._double_clicked)
        return table

    # --- loading -------------------------------------------------------------

    def refresh(self) -> None:
        self.office.load(self.database)
        self._terms = list_terms(self.database, self.office.code())
        self.filters.set_terms(self._terms)
        self.reload()

    def reload(
        self, select_uuid: str | None = None, then: Callable[[], None] | None = None
    ) -> None:
        """Read the chosen term's members off the GUI thread (a county's 565: 0.26 s); the
        selection stays on the same member (or moves to `select_uuid`), and `then` runs
        once the rows are shown. Meanwhile the count says "正在读取…" and the rows read
        last stay; only the newest read is shown, and `loaded` says when it ended."""
        selected = self.selected()
        self._select = select_uuid or self._select or (selected.uuid if selected else None)
        if then is not None:
            self._then.append(then)
        self.count.setText(LOADING)
        if not self.model.rows:
            self.stack.setCurrentWidget(self.loading_state)
        self._read.start(partial(read_members, self.database, self.filters.term_uuid()))
        self._update_buttons()

    def loading(self) -> bool:
        return self._read.loading()

    def _arrived(self, read: tuple[list[MemberRow], FormChoices]) -> None:
        rows, choices = read
        keep, self._select = self._select, None
        self.filters.set_choices(choices, rows)
        self.model.set_rows(rows)
        self._active = sum(1 for r in rows if r.status is MembershipStatus.ACTIVE)
        # Many offices keep no 联络组: no empty column for them.
        self.table.setColumnHidden(
            MemberTableModel.LIAISON_GROUP, not any(r.liaison_group for r in rows)
        )
        self.proxy.set_filter(self.filters.wanted())
        if keep:
            self.select(keep)

    def _read_ended(self) -> None:
        """A read ended; if the newest: its rows were shown (then what waited for them),
        or it failed and said why (the rows before stay)."""
        then, self._then = self._then, []
        self._show_counts()
        self._update_buttons()
        if not self._read.failed():
            for each in then:
                each()
        else:
            self._select = None
            if self.model.rows:
                self._say("未能读取委员档案，列表中仍是上次读取的委员。")
        self.loaded.emit()

    def term(self) -> TermItem | None:
        uuid = self.filters.term_uuid()
        return next((t for t in self._terms if t.uuid == uuid), None)

    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.filters.wanted())
        self._show_counts()
        self._update_buttons()

    def _show_counts(self) -> None:
        if self.loading():  # "正在读取…" stays until the rows come
            return
        rows = self.model.rows
        text = f"共 {len(rows)} 人（在任 {self._active} 人）"
        shown = self.proxy.rowCount()
        if rows and self.proxy.current_filter.narrows:
            text += f"，按当前条件显示 {shown} 人"
        self.count.setText(text)
        if not rows:
            self.stack.setCurrentIndex(1)
        else:
            self.stack.setCurrentWidget(self.table if shown else self.no_match)

    # --- selection -------------------------------------------------------------

    def selected(self) -> MemberRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.member(rows[0].row()) if rows else None

    def select(self, uuid: str) -> bool:
        row = self.proxy.proxy_row_of(uuid)
        if row < 0:
            return False
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _update_buttons(self, *_selection: object) -> None:
        # While a read runs the rows shown may be another term's or county's.
        member = None if self.loading() else self.selected()
        county = self.office.is_county()
        editing = (self.retire_button, self.delete_button)
        mark_read_only((self.add_button, self.import_button, *editing), county, self._kept_buttons)
        for button in (self.open_button,) if county else (self.open_button, *editing):
            button.setEnabled(member is not None)
        self.export_view_button.setEnabled(not self.loading())  # the list shown is stale
        left = member is not None and member.status is not MembershipStatus.ACTIVE
        self.retire_button.setText("恢复在任" if left else "离任…")

    def _county_read_only(self) -> bool:
        """A county's list: the keys (Delete, Ctrl+N) reach past the disabled buttons,
        so say why here rather than ask 确定删除 and refuse afterwards."""
        if self.office.is_county():
            self._say(READ_ONLY_TIP)
        return self.office.is_county()

    def _say(self, text: str, undo: bool = False) -> None:
        self.output.hide()
        self.notice.setText(text)
        self.undo_button.setVisible(undo)
        self.notice_bar.show()

    # --- actions ---------------------------------------------------------------

    def add_member(self) -> MemberFileDialog | None:
        if self._county_read_only():
            return None
        return self.open_member_file(None)

    def open_selected(self) -> MemberFileDialog | None:
        member = self.selected()
        return self.open_member_file(member.uuid) if member else None

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.loading():  # the rows shown may be of the term or county chosen before
            return
        self.open_member_file(self.proxy.member(index.row()).uuid)

    def open_member_file(self, uuid: str | None) -> MemberFileDialog | None:
        try:
            owner = self.office.combo.currentText() if uuid and self.office.is_county() else None
            dialog = MemberFileDialog(self.database, uuid, self.term(), self, owner_name=owner)
        except KnownError as exc:  # deleted meanwhile (another window, an import)
            report_error(self, exc)
            self.reload()
            return None
        dialog.saved.connect(self._member_saved)
        dialog.open()
        return dialog

    def _member_saved(self, uuid: str) -> None:
        self.reload(select_uuid=uuid, then=partial(self._say_saved, uuid))

    def _say_saved(self, uuid: str) -> None:
        member = self._loaded(uuid)
        if member is not None and not self.select(uuid):
            # Saved but hidden by the search or filters: say so rather than vanish.
            self._say(f"已保存“{member.name}”的档案（不符合当前筛选条件，未在列表中显示）。")
        elif member is not None:
            self._say(f"已保存“{member.name}”的档案。")

    def _loaded(self, uuid: str) -> MemberRow | None:
        row = self.model.row_of(uuid)
        return self.model.member(row) if row >= 0 else None

    def retire_or_restore(self) -> None:
        member = self.selected()
        if member is None:
            return
        if member.status is MembershipStatus.ACTIVE:
            self.open_retire_dialog(member)
        elif confirm(
            self,
            "恢复在任",
            f"将“{member.name}”恢复为在任（撤销{member.status_label}登记）吗？",
            "恢复在任",
        ):
            self._run(
                set_status,
                self.database,
                member.uuid,
                MembershipStatus.ACTIVE,
                None,
                self.filters.term_uuid(),
            )
            self.reload(select_uuid=member.uuid)
            self._say(f"已将“{member.name}”恢复为在任。")

    def open_retire_dialog(self, member: MemberRow) -> RetireDialog:
        dialog = RetireDialog(self.database, member, self.term(), self)
        dialog.saved.connect(self._retired)
        dialog.open()
        return dialog

    def _retired(self, uuid: str) -> None:
        self.reload(select_uuid=uuid, then=partial(self._say_retired, uuid))

    def _say_retired(self, uuid: str) -> None:
        member = self._loaded(uuid)
        if member is not None:
            self._say(
                f"“{member.name}”已登记为{member.status_label}。档案和履职记录仍然保留，"
                "在“状态”中选“已离任”可以查看。"
            )

    def delete_selected(self) -> None:
        member = self.selected()
        if member is None or self._county_read_only():
            return
        question = (
            f"确定删除“{member.name}”的档案吗？\n\n删除只用于录错的档案。"
            "委员辞去、调离等情况请用“离任…”，以保留其履职记录。删除后可以撤销。"
        )
        if not confirm(self, "删除委员档案", question, "删除"):
            return
        if self._run(delete_member, self.database, member.uuid):
            self._deleted = member
            self.reload()
            self._say(f"已删除“{member.name}”的档案。如属误删，请点“撤销删除”。", undo=True)

    def undo_delete(self) -> None:
        member, self._deleted = self._deleted, None
        if member is None:
            return
        if self._run(undelete_member, self.database, member.uuid):
            self.reload(select_uuid=member.uuid)
            self._say(f"已恢复“{member.name}”的档案。")
        else:
            self.undo_button.hide()

    def _run(self, action: Callable[..., object], *args: object) -> bool:
        """Call a service; a known error is shown and nothing has changed."""
        try:
            action(*args)
        except KnownError as exc:
            report_error(self, exc)
            return False
        return True

    # --- import and export ------------------------------------------------------

    def import_roster(self) -> None:
        RosterImportWizard(self.database, self).exec()
        self.refresh()

    def export_list(self) -> None:
        term = self.term()
        title = self.office.county_name() + (f"{term.label}委员名单" if term else "委员名单")
        export_view(self, self.folders, self.proxy, title, self.output)

    def export_roster(self) -> None:
        path = self._export_path()
        if path is None:
            return
        runner = run_job(
            self,
            "正在导出名册…",
            partial(export_job, self.database, path, self.office.code()),
            self._exported,
        )
        self.export_button.setEnabled(False)
        runner.finished.connect(self._export_finished)

    def _export_path(self) -> Path | None:
        current = self._terms[0].label if self._terms else ""
        return ask_save_path(
            self,
            self.folders,
            "roster",
            f"导出名册（{current}）",
            f"委员名册-{current}.xlsx",
            XLSX_FILTER,
        )

    def _exported(self, result: ExportResult) -> None:
        self.notice_bar.hide()
        text = f"已导出本届 {result.members} 名委员的名册：{result.path}。{EXPORT_NOTE}"
        self.output.show_file(result.path, text)
        self.output.show()

    def _export_finished(self) -> None:
        self.export_button.setEnabled(True)
