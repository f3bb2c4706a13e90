"""The pages of the roster import wizard: the file, the check's findings, the result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.common.sheets import SPREADSHEET_FILTER
from app.members.roster_export import TEMPLATE_NAME
from app.members.roster_import import RosterImportPlan, RosterImportSummary
from app.members.roster_rows import ROSTER_COLUMNS
from ui.common.files import ask_open_path, ask_save_path
from ui.common.outputs import OutputBar
from ui.common.problem_table import ProblemTableModel, problem_view
from ui.members.import_models import PreviewTableModel
from ui.members.unknown_values import UnknownValueModel, UnknownValueTable

if TYPE_CHECKING:
    from ui.members.import_wizard import RosterImportWizard

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
        path = ask_save_path(self, folders, "roster", "保存空白模板", TEMPLATE_NAME, XLSX_FILTER)
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
        self.error_model = ProblemTableModel()
        self.preview_table = _table(self.preview_model)
        self.preview_table.setObjectName("previewTable")
        self.error_table = problem_view("errorTable", self.error_model)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("planTabs")
        self.tabs.addTab(self.preview_table, "预览")
        self.tabs.addTab(self._error_tab(wizard), "错误清单")
        self.unknown_model = UnknownValueModel()
        self.unknown_table = UnknownValueTable(self.unknown_model)
        self.tabs.addTab(self._unknown_tab(wizard), "名录中没有的值")
        self.recheck_button = QPushButton("重新检查")
        self.recheck_button.setObjectName("recheckButton")
        self.recheck_button.setToolTip("在 Excel 中改好名单并保存后，点此重新读取和检查。")
        self.recheck_button.clicked.connect(wizard.recheck)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.recheck_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verdict)
        layout.addWidget(self.tabs, 1)

    def _error_tab(self, wizard: RosterImportWizard) -> QWidget:
        self.copy_button = QPushButton("复制错误清单")
        self.copy_button.setObjectName("copyErrors")
        self.copy_button.setToolTip(
            "复制全部错误（选中几行时只复制选中的），可粘贴到 Excel 或 WPS。"
        )
        self.copy_button.clicked.connect(self.copy_errors)
        copy = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), self.error_table)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_errors)
        self.error_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    def _unknown_tab(self, wizard: RosterImportWizard) -> QWidget:
        self.settle_button = QPushButton("按所选处理并重新检查")
        self.settle_button.setObjectName("settleUnknownButton")
        self.settle_button.clicked.connect(wizard.settle_unknown_values)
        hint = _note(
            "下列值不在本单位的基础名录中。请逐个选择：如果是已有条目的另一种写法（如“中国共产党”"
            "即“中共”），选“对应到”该条目，它会成为该条目的别名，以后导入自动识别；"
            "确属新增的，选“作为新条目加入名录”。",
            "unknownHint",
        )
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.unknown_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.settle_button)
        layout.addLayout(row)
        return tab

    def copy_errors(self) -> None:
        rows = {i.row() for i in self.error_table.selectionModel().selectedRows()}
        text = self.error_model.as_text(sorted(rows) if len(rows) > 1 else None)
        QGuiApplication.clipboard().setText(text)
        self.copy_button.setText("已复制")
        QTimer.singleShot(1500, self._copy_label_back)

    def _copy_label_back(self) -> None:
        self.copy_button.setText("复制错误清单")

    def show_plan(self, plan: RosterImportPlan) -> None:
        sheets = (
            f"，已跳过无表头的工作表：{'、'.join(plan.skipped_sheets)}"
            if plan.skipped_sheets
            else ""
        )
        self.setSubTitle(f"{plan.path.name} → {plan.term_text}{sheets}")
        self.summary.setText("\n".join([plan.counts_text + "。", *plan.warnings]))
        self.preview_model.set_rows(plan.preview)
        self.error_model.set_problems(plan.errors)
        self.tabs.setTabText(1, f"错误清单（{len(plan.errors)}）")
        self.copy_button.setEnabled(bool(plan.errors))
        self.unknown_model.set_values(plan.unknown, self._wizard.entry_names(plan))
        self.tabs.setTabText(2, f"名录中没有的值（{len(plan.unknown)}）")
        self.tabs.setTabVisible(2, bool(plan.unknown))
        if plan.ok:
            todo = "点击“开始导入”写入；关闭本窗口则不作任何改动（相当于试运行）。"
            if not plan.new and not plan.updated:
                todo = "名单与现有档案一致，没有需要写入的内容。"
            self.verdict.setText(todo)
            self.verdict.setStyleSheet("color: #1e7b34;")
            self.tabs.setCurrentIndex(0)
        else:
            todo = "请按“错误清单”在 Excel 中修改并保存，再点“重新检查”。"
            if plan.unknown:
                todo = (
                    f"其中有 {len(plan.unknown)} 个值不在基础名录中：请在“名录中没有的值”中逐个"
                    "选择如何处理；其他错误请在 Excel 中修改并保存，再点“重新检查”。"
                )
            self.verdict.setText(f"名单中有 {plan.error_rows} 行有错误，一个委员也不会导入。{todo}")
            self.verdict.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.tabs.setCurrentIndex(2 if plan.unknown else 1)
        self.preview_table.resizeColumnsToContents()
        header = self.preview_table.horizontalHeader()
        for column in range(self.preview_model.columnCount()):
            if header.sectionSize(column) > 260:
                header.resizeSection(column, 260)
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
