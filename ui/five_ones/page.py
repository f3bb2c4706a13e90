"""五个一考核: the year's members × five duties, filters, the records behind a cell,
the rules in force, and the three outputs (考核表, 通报, 履职档案) through run_job;
the 通报's settings are asked first; a written file can be opened, shown in its
folder or (Windows) printed from the bar under the buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QWidget,
)

from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.operator import Permission, may
from app.common.storage import Database
from app.five_ones.check import (
    FiveOnesReport,
    MemberResult,
    check_five_ones,
    five_ones_years,
    load_rules,
    save_rules,
    summarise,
)
from app.five_ones.member_file_doc import member_files_name, write_member_files
from app.five_ones.notice import notice_name, write_five_ones_notice
from app.five_ones.notice_options import (
    NoticeOptions,
    clean_options,
    load_notice_options,
    save_notice_options,
)
from app.five_ones.workbook import write_five_ones_workbook
from ui.common.errors import report_error
from ui.common.files import DOCX_FILTER, XLSX_FILTER, FileFolders, ask_save_path
from ui.common.jobs import run_job
from ui.common.newest_read import LOADING, NewestRead
from ui.common.office_filter import OfficeFilter
from ui.common.outputs import OutputBar
from ui.common.widgets import Page, push_button
from ui.five_ones.dialogs import EvidenceDialog, RulesDialog, ask_print_scope
from ui.five_ones.model import (
    FiveOnesFilter,
    FiveOnesFilterProxy,
    FiveOnesTableModel,
    sorted_choices,
)
from ui.five_ones.notice_dialog import ask_notice_options
from ui.security.guard import guard_writes

# (parent, dialog title, suggested file name, file filter) -> chosen path or None.
SavePathChooser = Callable[[QWidget, str, str, str], Path | None]
# (parent, remembered settings, defaults) -> the settings to use, or None.
NoticeAsker = Callable[[QWidget, NoticeOptions, NoticeOptions], NoticeOptions | None]
NO_TERMS_TEXT = "尚未设置届次，无法考核。请先在“系统设置 → 届次与会议”中新增届次。"
WINDOW_NOTE = (
    "年中增补的委员自增补之日起考核，年内离任的委员考核至离任之日（见“备注”列）；"
    "“大会发言或调研视察报告”按本届以来累计。双击单元格可查看依据的记录。"
)


class FiveOnesPage(Page):
    title = "五个一考核"
    hint = "按“五个一”要求考核委员一年的履职情况。" + WINDOW_NOTE
    # The newest read ended: its results shown, or its failure said (the results before kept).
    loaded = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.folders = FileFolders.of(database)
        # Tests answer these without a dialog.
        self.choose_save_path: SavePathChooser = self._ask_save_path
        self.ask_notice_options: NoticeAsker = ask_notice_options
        self.report: FiveOnesReport | None = None
        self._busy = False
        self._read = NewestRead(self, "正在考核…", self._arrived)
        self._read.loaded.connect(self._read_ended)

        self.office = OfficeFilter(with_all=False)  # the city: check a county's members
        self.year = self._combo("yearCombo")
        self.sector = self._combo("sectorFilter")
        self.committee = self._combo("committeeFilter")
        self.liaison_group = self._combo("liaisonFilter")
        self.only_short = QCheckBox("只看未达标")
        self.only_short.setObjectName("onlyShortFilter")
        self.rules_text = self._label("rulesText")
        self.rules_button = push_button("修改规则…", "rulesButton", self.edit_rules)
        guard_writes(database, self.rules_button)
        self.summary = self._label("summaryLine")
        self.summary.setStyleSheet("font-weight: bold;")
        self.notes = self._label("fiveOnesNotes")
        self.notes.setStyleSheet("color: #a15c00;")

        self.model = FiveOnesTableModel(self)
        self.proxy = FiveOnesFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._table()
        self.empty = QLabel()
        self.empty.setObjectName("fiveOnesEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.output = OutputBar()
        self.status = self.output.label  # what was written, or that the rules were saved
        self.workbook_button = push_button("导出考核表", "exportWorkbook", self.export_workbook)
        self.notice_button = push_button("生成通报", "makeNotice", self.make_notice)
        self.files_button = push_button("打印履职档案", "printFiles", self.print_member_files)
        self._lay_out()

        self.year.currentIndexChanged.connect(self._year_changed)
        self.office.changed.connect(self.refresh)
        for combo in (self.sector, self.committee, self.liaison_group):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.only_short.toggled.connect(self._filters_changed)
        self.table.doubleClicked.connect(self.show_evidence)
        # Enter opens the same dialog (`activated` would also fire on double-click).
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self._show_current_evidence)
        self.proxy.modelReset.connect(self._update_summary)

    # --- building ------------------------------------------------------------

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def _table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("fiveOnesTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(
            -1, Qt.SortOrder.AscendingOrder
        )  # pinyin order until a header is clicked
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(FiveOnesTableModel.NOTES, QHeaderView.ResizeMode.Stretch)
        widths = {0: 72, 1: 92, 2: 150, 3: 92, FiveOnesTableModel.ALL_MET: 64}
        for column, width in widths.items():
            table.setColumnWidth(column, width)
        for column in range(FiveOnesTableModel.FIRST_CRITERION, FiveOnesTableModel.ALL_MET):
            table.setColumnWidth(column, 92 if column < FiveOnesTableModel.ALL_MET - 1 else 104)
        return table

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.office)
        for text, widget in (
            ("年度", self.year),
            ("界别", self.sector),
            ("专委会", self.committee),
            ("联络组", self.liaison_group),
        ):
            filters.addWidget(QLabel(text))
            filters.addWidget(widget)
            filters.addSpacing(8)
        filters.addWidget(self.only_short)
        filters.addStretch(1)
        # The rules share the buttons' row under the table, not a row of their own: at
        # 1366×768 and 125 % display scaling the table showed only four members.
        actions = QHBoxLayout()
        actions.addWidget(self.rules_text, 1)
        actions.addWidget(self.rules_button)
        actions.addSpacing(24)
        for button in (self.workbook_button, self.notice_button, self.files_button):
            actions.addWidget(button)
        self.page_layout.addLayout(filters)
        self.page_layout.addWidget(self.summary)
        self.page_layout.addWidget(self.notes)
        self.page_layout.addWidget(self.stack, 1)
        self.page_layout.addLayout(actions)
        self.page_layout.addWidget(self.output)

    # --- loading -------------------------------------------------------------

    def refresh(self) -> None:
        """Read the years and check the chosen one again (the county may be another)."""
        self.office.load(self.database)
        self.load()

    def load(self) -> None:
        """Check the chosen year (else this year, else the newest) off the GUI thread: a
        county's 565 members take 0.15–0.45 s. Meanwhile the summary says "正在读取…",
        the results read last stay on screen (their outputs disabled), and only the
        newest read is shown, whatever order the reads end in; `loaded` says when."""
        self.summary.setText(LOADING)
        if self.report is None or not self.report.members:
            self.empty.setText(LOADING)
            self.stack.setCurrentWidget(self.empty)
        self._read.start(
            partial(_check, self.database, self.office.code(), self.year.currentData())
        )
        self._update_buttons()

    def loading(self) -> bool:
        return self._read.loading()

    def _arrived(self, read: tuple[list[int], FiveOnesReport | None]) -> None:
        years, report = read
        self._fill_years(years, report.year if report is not None else None)
        self.report = report
        if report is None:
            self.model.set_members([])
            self.notes.hide()
            self._show_empty(NO_TERMS_TEXT)
        else:
            self._show(report)

    def _read_ended(self) -> None:
        """A read ended; if the newest: its results were shown, or it failed (said so)."""
        if self._read.failed():  # it said why
            self._show_failed()
        self._update_summary()
        self.loaded.emit()

    def _show_failed(self) -> None:
        if self.report is None or not self.report.members:
            self.empty.setText("未能读取考核结果。请重新选择年度再试。")
            return
        self.year.blockSignals(True)  # the year shown, not the one that failed
        self.year.setCurrentIndex(max(self.year.findData(self.report.year), 0))
        self.year.blockSignals(False)
        self.output.say("未能读取所选年度的考核结果，表中仍是上次读取的结果。")

    def _fill_years(self, years: list[int], year: int | None) -> None:
        self.year.blockSignals(True)
        self.year.clear()
        for each in years:
            self.year.addItem(f"{each}年", each)
        self.year.setCurrentIndex(max(self.year.findData(year), 0))
        self.year.blockSignals(False)

    def _show(self, report: FiveOnesReport) -> None:
        year = report.year
        self.rules_text.setText(f"考核规则：{report.rules.text}")
        self.model.set_members(report.members)
        self._fill_filter_choices(report.members)
        notes = list(report.warnings)
        left = report.summary.left_before_year
        if left:
            notes.append(f"另有 {left} 名本届委员在{year}年之前已离任，不参加考核。")
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes and report.members))
        for widget in (self.sector, self.committee, self.liaison_group, self.only_short):
            widget.setEnabled(bool(report.members))
        if not report.members:
            self._show_empty(
                f"{report.term_text}在{year}年没有需要考核的委员。"
                "请先在“委员档案”中添加委员或导入名册。"
            )
        else:
            self.stack.setCurrentWidget(self.table)
        self._update_summary()

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self.summary.setText("")
        self._update_buttons()

    def _fill_filter_choices(self, members: Sequence[MemberResult]) -> None:
        choices = (
            (self.sector, "全部界别", sorted_choices(m.sector for m in members)),
            (
                self.committee,
                "全部专委会",
                sorted_choices(c for m in members for c in m.committees),
            ),
            (self.liaison_group, "全部联络组", sorted_choices(m.liaison_group for m in members)),
        )
        for combo, everything, values in choices:
            current = combo.currentData() or ""
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._filters_changed()

    def _year_changed(self, _index: int) -> None:
        self.load()

    def _filters_changed(self, *_args: object) -> None:
        self.proxy.set_filter(
            FiveOnesFilter(
                sector=self.sector.currentData() or "",
                committee=self.committee.currentData() or "",
                liaison_group=self.liaison_group.currentData() or "",
                only_short=self.only_short.isChecked(),
            )
        )
        self._update_summary()

    def _update_summary(self) -> None:
        report = self.report
        if self.loading():  # "正在读取…" stays until the results come
            self._update_buttons()
            return
        if report is None or not report.members:
            self.summary.setText("")
        elif self.proxy.current_filter.active:
            shown = summarise(self.proxy.visible_members())
            self.summary.setText(f"筛选结果：{shown.line}。全年度：{report.summary.line}。")
        else:
            self.summary.setText(report.summary.line + "。")
        self._update_buttons()

    def _update_buttons(self) -> None:
        # While a read runs the results shown are of the year (or county) chosen before.
        has_members = self.report is not None and bool(self.report.members) and not self.loading()
        for button in (self.workbook_button, self.notice_button):
            button.setEnabled(has_members and not self._busy)
        self.files_button.setEnabled(has_members and not self._busy and self.proxy.rowCount() > 0)
        self.rules_button.setEnabled(not self._busy)

    # --- the records behind a cell ---------------------------------------------

    def show_evidence(self, index: QModelIndex) -> None:
        if not index.isValid() or self.report is None:
            return
        member, criterion = self.proxy.member_at(index)
        EvidenceDialog(member, criterion, self.report.year, self).exec()

    def _show_current_evidence(self) -> None:
        self.show_evidence(self.table.currentIndex())

    def selected_member(self) -> MemberResult | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.member_at(rows[0])[0] if rows else None

    # --- rules -------------------------------------------------------------------

    def edit_rules(self) -> None:
        dialog = RulesDialog(load_rules(self.database), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        save_rules(self.database, dialog.rules())
        self.load()
        self.output.say("考核规则已保存，已按新规则重新考核。")

    # --- outputs -------------------------------------------------------------------

    def _ordered_report(self) -> FiveOnesReport:
        """The report with members in the screen's pinyin order."""
        assert self.report is not None
        return replace(self.report, members=tuple(self.model.members))

    def export_workbook(self) -> None:
        report = self._ordered_report()
        name = f"{self.office.county_name()}{report.year}年度委员履职五个一考核表.xlsx"
        path = self.choose_save_path(self, "导出考核表", name, XLSX_FILTER)
        if path is not None:
            job = partial(_write_workbook, report, path)
            self._start("正在导出考核表…", job, "已导出考核表")

    def make_notice(self) -> None:
        """The clerk sets 发文机关, 发文字号, date, 抄送 … (remembered), then the file."""
        report = self._ordered_report()
        defaults = NoticeOptions().resolved(report.office_name, date.today())
        chosen = self.ask_notice_options(self, load_notice_options(self.database), defaults)
        if chosen is None:
            return
        try:
            if may(self.database, Permission.EDIT):
                chosen = save_notice_options(self.database, chosen)
            else:  # 只读: prints with these settings, remembers nothing
                chosen = clean_options(chosen)
        except KnownError as exc:
            report_error(self, exc)
            return
        name = notice_name(report.year)
        path = self.choose_save_path(self, "生成通报", name, DOCX_FILTER)
        if path is not None:
            job = partial(_write_notice, report, path, chosen)
            self._start("正在生成通报…", job, "已生成通报")

    def print_member_files(self) -> None:
        report = self._ordered_report()
        listed = self.proxy.visible_members()
        scope = ask_print_scope(self, self.selected_member(), len(listed))
        if scope is None:
            return
        members = [self.selected_member()] if scope == "one" else listed
        name = (
            f"{members[0].name}履职档案.docx"
            if len(members) == 1
            else member_files_name(report.year)
        )
        path = self.choose_save_path(self, "打印履职档案", name, DOCX_FILTER)
        if path is None:
            return
        uuids = [m.uuid for m in members if m is not None]
        job = partial(_write_member_files, self.database, report, uuids, path)
        self._start("正在生成履职档案…", job, f"已生成履职档案（{len(uuids)} 人）")

    def _start(self, title: str, job: Callable[[Progress], Path], done_text: str) -> None:
        self._busy = True
        self._update_buttons()
        self._done_text = done_text
        runner = run_job(self, title, job, self._written)
        runner.finished.connect(self._job_ended)

    def _ask_save_path(
        self, parent: QWidget, title: str, suggested: str, file_filter: str
    ) -> Path | None:
        return ask_save_path(parent, self.folders, "five_ones", title, suggested, file_filter)

    def _written(self, path: Path) -> None:
        self.output.show_file(path, f"{self._done_text}：{path}")

    def _job_ended(self) -> None:
        self._busy = False
        self._update_buttons()


def _check(
    database: Database, office_code: str | None, wanted: int | None, progress: Progress
) -> tuple[list[int], FiveOnesReport | None]:
    """On the worker thread: the years offered and the report of the year wanted (else
    this year, else the newest); no report when no term is set."""
    years = five_ones_years(database, office_code)
    if not years:
        return years, None
    this_year = date.today().year
    year = wanted if wanted in years else (this_year if this_year in years else years[0])
    progress.check_cancelled()  # a newer read was asked for
    return years, check_five_ones(database, year, office_code=office_code)


def _write_workbook(report: FiveOnesReport, path: Path, progress: Progress) -> Path:
    return write_five_ones_workbook(report, path)


def _write_notice(
    report: FiveOnesReport, path: Path, options: NoticeOptions, progress: Progress
) -> Path:
    return write_five_ones_notice(report, path, options)


def _write_member_files(
    database: Database, report: FiveOnesReport, uuids: list[str], path: Path, progress: Progress
) -> Path:
    return write_member_files(database, path, report.year, uuids, progress, report=report)
