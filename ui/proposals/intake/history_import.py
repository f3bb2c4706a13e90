"""导入往年提案: a spreadsheet of earlier years' proposals is checked first (a dry run);
the clerk reads what would be added and the row report — every bad row by sheet, row
and column (the same problem on many rows once), and the notes (names kept as text) —
then imports all of it or nothing."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.common.sheets import SPREADSHEET_FILTER
from app.common.storage import Database
from app.proposals.intake.history_import import HistoryImportResult, import_history
from ui.common.jobs import run_job
from ui.common.problem_table import ProblemTableModel, problem_table, problem_view
from ui.common.screen_fit import resize_to_fit
from ui.proposals.common import WARNING_STYLE, ProposalFiles, make_label

FILE_HINT = (
    "Excel 表格的列：年度、提案号、案由、提案人、联名人、类别、提交日期、内容、承办单位、办理结果"
    "（提案号、案由、提案人必填）。"
)


class HistoryPreview(QDialog):
    """The dry run's findings: 导入 when the file is clean, else the errors only."""

    def __init__(self, path: Path, result: HistoryImportResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("historyPreview")
        self.setWindowTitle("导入往年提案 — 检查结果")
        self.result = result
        self.heading = make_label("previewHeading")
        self.buttons = QDialogButtonBox()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"文件：{path.name}"))
        layout.addWidget(self.heading)
        # Proposals on hidden sheets are left out: the clerk must see it before importing.
        self.notes = make_label("historyNotes", WARNING_STYLE)
        self.notes.setText("\n".join(result.notes))
        self.notes.setVisible(bool(result.notes))
        layout.addWidget(self.notes)
        resize_to_fit(self, 900, 520)
        if result.ok:
            self.heading.setText(
                "检查通过（尚未导入）。确认后将：\n" + "\n".join(result.summary_lines())
            )
            if result.skipped_sheets:
                self.heading.setText(
                    self.heading.text() + f"\n未读取的工作表：{'、'.join(result.skipped_sheets)}"
                )
            self.apply_button = self.buttons.addButton(
                "导入", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.apply_button.setObjectName("primaryButton")
            self.apply_button.setEnabled(result.new > 0)
            self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
            if result.warnings:
                layout.addWidget(QLabel(f"提示（{len(result.warnings)}条，不影响导入）："))
                layout.addWidget(problem_table("warningTable", result.warnings, "说明"), 1)
            else:
                layout.addStretch(1)
        else:
            self.heading.setText(
                f"表格中有 {len(result.errors)} 处错误（{result.error_rows} 行），未导入任何提案。"
                "请在表格中改正后重新导入（行号即 Excel 左侧显示的行号；"
                "相同的问题合并为一行，鼠标指向行号可看到全部行号）。"
            )
            self.heading.setStyleSheet(WARNING_STYLE + "font-weight: bold;")
            self.error_model = ProblemTableModel("说明")
            self.error_model.set_problems(result.errors)
            layout.addWidget(problem_view("errorTable", self.error_model), 1)
            copy = self.buttons.addButton("复制错误清单", QDialogButtonBox.ButtonRole.ActionRole)
            copy.setObjectName("copyErrors")
            copy.clicked.connect(self.copy_errors)
            self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def copy_errors(self) -> None:
        QGuiApplication.clipboard().setText(self.error_model.as_text())


class HistoryImport(QObject):
    """Choose a file → check it (dry run) → preview → import; `done` with the message."""

    done = Signal(str)

    def __init__(self, database: Database, files: ProposalFiles, parent: QWidget) -> None:
        super().__init__(parent)
        self.database, self.files, self.parent_widget = database, files, parent
        self.path: Path | None = None
        self.preview: HistoryPreview | None = None

    def choose_file(self) -> None:
        path = self.files.open_path(self.parent_widget, "选择往年提案表格", SPREADSHEET_FILTER)
        if path is not None:
            self.check(path)

    def check(self, path: Path) -> None:
        self.path = path
        job = partial(_import, self.database, path, True)
        run_job(self.parent_widget, "正在检查表格…", job, self._checked)

    def _checked(self, result: HistoryImportResult) -> None:
        assert self.path is not None
        self.preview = HistoryPreview(self.path, result, self.parent_widget)
        self.preview.accepted.connect(self._apply)
        self.preview.finished.connect(self._preview_closed)
        self.preview.open()
        if not result.ok:
            self.done.emit(f"“{self.path.name}”有 {len(result.errors)} 处错误，未导入。")

    def _preview_closed(self, _result: int) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = None

    def _apply(self) -> None:
        assert self.path is not None
        job = partial(_import, self.database, self.path, False)
        run_job(self.parent_widget, "正在导入往年提案…", job, self._imported)

    def _imported(self, result: HistoryImportResult) -> None:
        assert self.path is not None
        if not result.ok:  # the file changed between the check and the import
            self._checked(result)
            return
        backup = f"导入前的数据已备份到“{result.backup.name}”。" if result.backup else ""
        self.done.emit(
            f"已从“{self.path.name}”导入往年提案 {result.new} 件"
            f"（已在库中的 {result.unchanged} 件未改动）。{backup}"
        )


def _import(database: Database, path: Path, dry_run: bool, progress) -> HistoryImportResult:
    return import_history(database, path, dry_run=dry_run, progress=progress)
