"""The dry run's findings before a duty-record import is applied.

A clean file shows what would be added, with 导入 to apply it; a file with
bad rows lists them (sheet, rows, column, reason; the same problem on many rows
once) and offers only to close: nothing is imported until the sheet is corrected.
Rows worth a look that do not stop the import (a member who had left) are listed
under the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.common.sheets.reader import RowError
from ui.common.problem_table import ProblemTableModel, problem_table, problem_view
from ui.common.screen_fit import resize_to_fit


class CheckedImport(Protocol):
    """What a dry run found (RecordsImportResult, the sign-in sheet's SignInResult)."""

    @property
    def ok(self) -> bool: ...

    @property
    def errors(self) -> Sequence[RowError]: ...

    def summary_lines(self) -> list[str]: ...


class ImportPreview(QDialog):
    """`warnings`: rows the clerk should look at that do not stop the import; `notes`:
    what to know about the file as a whole (a hidden sheet left out), which a clean
    file's summary already says."""

    def __init__(
        self,
        path: Path,
        result: CheckedImport,
        parent: QWidget | None = None,
        title: str = "导入履职记录 — 检查结果",
        warnings: Sequence[RowError] = (),
        notes: Sequence[str] = (),
        nothing_new: bool = False,
    ):
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle(title)
        self.result = result
        self.heading = QLabel()
        self.heading.setObjectName("previewHeading")
        self.heading.setWordWrap(True)
        self.summary = QLabel("\n".join(result.summary_lines()) if result.ok else "")
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"文件：{path.name}"))
        layout.addWidget(self.heading)
        resize_to_fit(self, 900, 520)
        if result.ok and nothing_new:  # importing it again would change nothing
            self.heading.setText("检查通过，但表格中的记录都已在库中：没有新的记录，无需导入。")
            layout.addWidget(self.summary)
            self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        elif result.ok:
            self.heading.setText("检查通过。确认后将导入以下内容：")
            layout.addWidget(self.summary)
            self.apply_button = self.buttons.addButton(
                "导入", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.apply_button.setObjectName("primaryButton")
            self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.error_model = ProblemTableModel()
            self.error_model.set_problems(result.errors)
            rows = len({(e.sheet, e.row) for e in result.errors})
            self.heading.setText(
                f"表格中有 {len(result.errors)} 处错误（{rows} 行），未导入任何记录。"
                "请在表格中改正后重新导入（行号即 Excel 左侧显示的行号；"
                "相同的问题合并为一行，鼠标指向行号可看到全部行号）。"
                + (
                    f"下表列出前 {self.error_model.rowCount()} 条，“复制错误清单”可复制全部。"
                    if self.error_model.cut_short
                    else ""
                )
            )
            self.heading.setStyleSheet("color: #b3261e; font-weight: bold;")
            if notes:
                self.notes = QLabel("\n".join(f"注意：{note}" for note in notes))
                self.notes.setObjectName("previewNotes")
                self.notes.setWordWrap(True)
                layout.addWidget(self.notes)
            self.errors = problem_view("errorTable", self.error_model)
            layout.addWidget(self.errors, 2)
            copy = self.buttons.addButton("复制错误清单", QDialogButtonBox.ButtonRole.ActionRole)
            copy.setObjectName("copyErrors")
            copy.clicked.connect(self.copy_errors)
            self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        if warnings:
            self.warning_label = QLabel(
                f"请注意（{len(warnings)} 处，不影响导入；请核对后再决定是否导入）："
            )
            self.warning_label.setObjectName("warningHeading")
            self.warning_label.setStyleSheet("color: #9a6700; font-weight: bold;")
            layout.addWidget(self.warning_label)
            self.warnings = problem_table("warningTable", warnings, "说明")
            layout.addWidget(self.warnings, 1)
        elif result.ok:
            layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def copy_errors(self) -> None:
        QGuiApplication.clipboard().setText(self.error_model.as_text())
