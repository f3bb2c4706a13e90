"""导入委员名单: choose the office's spreadsheet, see what would happen, then import all or nothing.

Reading and checking, and the import itself, run through ui.common.jobs.run_job.
Closing the wizard at the preview is the dry run: nothing has been written.
Every step can be driven without native dialogs: set_file(), save_template().
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.sheets import SPREADSHEET_FILTER
from app.common.storage import Database
from app.members.roster_export import write_roster_template
from app.members.roster_import import (
    RosterImportPlan,
    RosterImportSummary,
    apply_roster_import,
    plan_roster_import,
)
from app.members.roster_rows import ROSTER_COLUMNS
from app.office.dictionaries import add_entry
from ui.common.errors import show_known_error
from ui.common.files import FileFolders, ask_open_path, ask_save_path
from ui.common.jobs import run_job
from ui.common.outputs import OutputBar
from ui.common.widgets import confirm
from ui.members.import_models import PreviewTableModel, RowErrorModel

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
_COLUMNS_TEXT = "能识别的列名（括号内为同义列名，列的顺序不限，不用的列可以没有）：\n" + "；".join(
    spec.label + (f"（{'、'.join(spec.aliases[1:])}）" if len(spec.aliases) > 1 else "")
    for spec in ROSTER_COLUMNS
)


def _note(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


class FilePage(QWizardPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("选择名单文件")
        self.setSubTitle(
            "可直接使用办公室自己的 Excel 或 WPS 名单（.xlsx、.xls、.ods）：程序会在标题行"
            "下面找到表头，跳过空行和“注：”说明行。导入前会先检查每一行，有任何错误都不会导入。"
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("rosterFile")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("尚未选择文件")
        self.choose_button = QPushButton("选择文件…")
        self.choose_button.setObjectName("chooseFileButton")
        self.choose_button.clicked.connect(self._choose)
        self.template_button = QPushButton("保存空白模板…")
        self.template_button.setObjectName("saveTemplateButton")
        self.template_button.clicked.connect(self._choose_template)
        self.update_box = QCheckBox(
            "更新已有委员（按身份证号码匹配；表中空白的单元格不会清除原有内容）"
        )
        self.update_box.setObjectName("updateMode")
        self.update_box.toggled.connect(self.completeChanged)
        self.status = OutputBar()  # the saved template: open it to fill it in
        self.status.label.setObjectName("fileStatus")

        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(_note("名单文件："))
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addWidget(self.update_box)
        layout.addSpacing(16)
        layout.addWidget(
            _note(
                "还没有名单？可以先保存一份空白模板，按模板填写后再导入。"
                "模板中第一行是示例，导入前请删除。"
            )
        )
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_button)
        template_row.addStretch(1)
        layout.addLayout(template_row)
        layout.addWidget(self.status)
        layout.addSpacing(16)
        columns = _note(_COLUMNS_TEXT, "knownColumns")
        columns.setStyleSheet("color: #5f6673;")
        layout.addWidget(columns)
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text())

    def validatePage(self) -> bool:
        return self._wizard.plan_ready_or_start()

    def _choose(self) -> None:
        folders = self._wizard.folders
        path = ask_open_path(self, folders, "roster", "选择委员名单", SPREADSHEET_FILTER)
        if path is not None:
            self._wizard.set_file(path)

    def _choose_template(self) -> None:
        folders = self._wizard.folders
        path = ask_save_path(
            self, folders, "roster", "保存空白模板", "委员名单模板.xlsx", XLSX_FILTER
        )
        if path is not None:
            self._wizard.save_template(path)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: RosterImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("检查结果")
        self.setCommitPage(True)
        self.summary = _note(name="planSummary")
        self.summary.setStyleSheet("font-size: 11pt; font-weight: bold;")
        self.verdict = _note(name="planVerdict")
        self.preview_model = PreviewTableModel()
        self.error_model = RowErrorModel()
        self.preview_table = _table(self.preview_model)
        self.preview_table.setObjectName("previewTable")
        self.error_table = _table(self.error_model)
        self.error_table.setObjectName("errorTable")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview_table, "预览")
        self.tabs.addTab(self.error_table, "错误清单")
        self.unknown_box = QWidget()
        self.unknown_list = QListWidget()
        self.unknown_list.setObjectName("unknownValues")
        self.unknown_list.setMaximumHeight(64)
        self.add_button = QPushButton("加入基础名录并重新检查")
        self.add_button.setObjectName("addUnknownButton")
        self.add_button.clicked.connect(wizard.add_unknown_values)
        self.recheck_button = QPushButton("重新检查")
        self.recheck_button.setObjectName("recheckButton")
        self.recheck_button.setToolTip("在 Excel 中改好名单并保存后，点此重新读取和检查。")
        self.recheck_button.clicked.connect(wizard.recheck)

        unknown = QVBoxLayout(self.unknown_box)
        unknown.setContentsMargins(0, 0, 0, 0)
        unknown.addWidget(
            _note("以下值不在本单位的基础名录中（如确属新增，可加入名录后重新检查）：")
        )
        unknown_row = QHBoxLayout()
        unknown_row.addWidget(self.unknown_list, 1)
        unknown_row.addWidget(self.add_button)
        unknown.addLayout(unknown_row)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.recheck_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verdict)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.unknown_box)

    def show_plan(self, plan: RosterImportPlan) -> None:
        sheets = (
            f"，已跳过无表头的工作表：{'、'.join(plan.skipped_sheets)}"
            if plan.skipped_sheets
            else ""
        )
        self.setSubTitle(f"{plan.path.name} → {plan.term_text}{sheets}")
        self.summary.setText("\n".join([plan.counts_text + "。", *plan.warnings]))
        self.preview_model.set_rows(plan.preview)
        self.error_model.set_errors(plan.errors)
        self.tabs.setTabText(1, f"错误清单（{len(plan.errors)}）")
        if plan.ok:
            todo = "点击“开始导入”写入；关闭本窗口则不作任何改动（相当于试运行）。"
            if not plan.new and not plan.updated:
                todo = "名单与现有档案一致，没有需要写入的内容。"
            self.verdict.setText(todo)
            self.verdict.setStyleSheet("color: #1e7b34;")
            self.tabs.setCurrentIndex(0)
        else:
            self.verdict.setText(
                f"名单中有 {plan.error_rows} 行有错误，一个委员也不会导入。"
                "请按“错误清单”在 Excel 中修改并保存，再点“重新检查”。"
            )
            self.verdict.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.tabs.setCurrentIndex(1)
        self.unknown_list.clear()
        for item in plan.unknown:
            self.unknown_list.addItem(f"{item.kind_label}：{item.value}（{item.rows} 行）")
        self.unknown_box.setVisible(bool(plan.unknown))
        for view in (self.preview_table, self.error_table):
            view.resizeColumnsToContents()
            header = view.horizontalHeader()
            for column in range(view.model().columnCount()):
                if header.sectionSize(column) > 260:
                    header.resizeSection(column, 260)
        self.error_table.horizontalHeader().setSectionResizeMode(
            RowErrorModel.REASON, QHeaderView.ResizeMode.Stretch
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        plan = self._wizard.plan
        return plan is not None and plan.ok and bool(plan.new or plan.updated)

    def validatePage(self) -> bool:
        return self._wizard.import_done_or_start()


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("导入完成")
        self.setSubTitle("名单中的委员已写入委员档案，可在委员列表中查看。")
        self.result = _note(name="importResult")
        self.result.setStyleSheet("font-size: 11pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def show_summary(self, summary: RosterImportSummary) -> None:
        text = summary.text
        if summary.backup is not None:
            text += f"\n\n导入前的数据已自动备份：\n{summary.backup}"
        self.result.setText(text)


class RosterImportWizard(QWizard):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.folders = FileFolders.of(database)
        self.plan: RosterImportPlan | None = None
        self.summary: RosterImportSummary | None = None
        self._planned_for: tuple[Path, bool] | None = None
        self._pending: tuple[Path, bool] | None = None
        self._busy = False
        self.setObjectName("rosterImportWizard")
        self.setWindowTitle("导入委员名单")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.resize(1120, 680)
        for button, text in (
            (QWizard.WizardButton.NextButton, "下一步：检查"),
            (QWizard.WizardButton.BackButton, "上一步"),
            (QWizard.WizardButton.CommitButton, "开始导入"),
            (QWizard.WizardButton.FinishButton, "完成"),
            (QWizard.WizardButton.CancelButton, "关闭"),
        ):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.done_page = DonePage()
        for page in (self.file_page, self.preview_page, self.done_page):
            self.addPage(page)
        commit = self.button(QWizard.WizardButton.CommitButton)
        commit.setObjectName("primaryButton")
        commit.style().unpolish(commit)  # polished by setWizardStyle before it had the name
        commit.style().polish(commit)

    # --- what the buttons do; tests call these directly --------------------------------

    @property
    def path(self) -> Path | None:
        text = self.file_page.path_edit.text()
        return Path(text) if text else None

    def set_file(self, path: Path) -> None:
        self.file_page.path_edit.setText(str(path))
        self.file_page.completeChanged.emit()

    def save_template(self, path: Path) -> None:
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self._run(
            "正在保存空白模板…", lambda progress: write_roster_template(path), self._template_saved
        )

    def recheck(self) -> None:
        self._planned_for = None
        self._start_plan(stay=True)

    def add_unknown_values(self) -> None:
        plan = self.plan
        if plan is None or not plan.unknown:
            return
        names = "\n".join(f"{u.kind_label}：{u.value}" for u in plan.unknown)
        if not confirm(self, "加入基础名录", f"将以下值加入本单位的基础名录：\n\n{names}", "加入"):
            return
        try:
            for unknown in plan.unknown:
                add_entry(self.database, unknown.kind, unknown.value)
        except KnownError as exc:
            show_known_error(self, exc, "未能加入名录")
        self.recheck()

    # --- planning and importing ---------------------------------------------------------

    def plan_ready_or_start(self) -> bool:
        key = (self.path, self.file_page.update_box.isChecked())
        if self.plan is not None and self._planned_for == key:
            return True
        self._start_plan(stay=False)
        return False

    def import_done_or_start(self) -> bool:
        if self.summary is not None:
            return True
        plan, database = self.plan, self.database
        if plan is None or self._busy:
            return False

        def job(progress: Progress) -> RosterImportSummary:
            return apply_roster_import(database, plan, progress)

        self._run("正在导入委员名单…", job, self._imported)
        return False

    def _start_plan(self, stay: bool) -> None:
        path, update = self.path, self.file_page.update_box.isChecked()
        if path is None or self._busy:
            return
        on_done = self._replanned if stay else self._planned
        database = self.database

        def job(progress: Progress) -> RosterImportPlan:
            return plan_roster_import(database, path, update, progress)

        self._pending = (path, update)
        self._run("正在读取和检查名单…", job, on_done)

    def _run(self, title: str, job, on_done, cancellable: bool = True) -> None:
        self._busy = True
        runner = run_job(self, title, job, on_done, cancellable)
        runner.finished.connect(self._job_ended)

    def _job_ended(self) -> None:
        self._busy = False

    def _planned(self, plan: RosterImportPlan) -> None:
        self._accept_plan(plan)
        self.next()

    def _replanned(self, plan: RosterImportPlan) -> None:
        self._accept_plan(plan)

    def _accept_plan(self, plan: RosterImportPlan) -> None:
        self.plan = plan
        self._planned_for = self._pending
        self.preview_page.show_plan(plan)

    def _imported(self, summary: RosterImportSummary) -> None:
        self.summary = summary
        self.done_page.show_summary(summary)
        self.next()

    def _template_saved(self, path: Path) -> None:
        self.file_page.status.show_file(path, f"已保存空白模板：{path}")
