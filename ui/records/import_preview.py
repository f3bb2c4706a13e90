"""The dry run's findings before a duty-record import is applied.

A clean file shows what would be added, with 导入 to apply it; a file with
bad rows lists every one of them (sheet, row, column, reason) and offers only
to close: nothing is imported until the sheet is corrected.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.sheets.reader import RowError

ERROR_COLUMNS = ("工作表", "行", "列", "原因")
# Rows fitted to their wrapped reason cost about half a millisecond each: the wrong file
# picked (20,000 rows, every one bad) froze the window for 10 s. The copy has them all.
SHOWN_ERRORS = 500


class CheckedImport(Protocol):
    """What a dry run found (RecordsImportResult, the sign-in sheet's SignInResult)."""

    @property
    def ok(self) -> bool: ...

    @property
    def errors(self) -> Sequence[RowError]: ...

    def summary_lines(self) -> list[str]: ...


class ImportPreview(QDialog):
    def __init__(
        self,
        path: Path,
        result: CheckedImport,
        parent: QWidget | None = None,
        title: str = "导入履职记录 — 检查结果",
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
        self.buttons = QDialogButtonBox()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"文件：{path.name}"))
        layout.addWidget(self.heading)
        if result.ok:
            self.resize(520, 280)
            self.heading.setText("检查通过。确认后将导入以下内容：")
            layout.addWidget(self.summary)
            layout.addStretch(1)
            self.apply_button = self.buttons.addButton(
                "导入", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.apply_button.setObjectName("primaryButton")
            self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.resize(900, 520)
            self.heading.setText(
                f"表格中有 {len(result.errors)} 处错误，未导入任何记录。"
                "请在表格中逐行改正后重新导入（行号即 Excel 左侧显示的行号）。"
                + (
                    f"下表列出前 {SHOWN_ERRORS} 处，“复制错误清单”可复制全部。"
                    if len(result.errors) > SHOWN_ERRORS
                    else ""
                )
            )
            self.heading.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.errors = self._error_table()
            layout.addWidget(self.errors, 1)
            copy = self.buttons.addButton("复制错误清单", QDialogButtonBox.ButtonRole.ActionRole)
            copy.setObjectName("copyErrors")
            copy.clicked.connect(self.copy_errors)
            self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _error_table(self) -> QTableView:
        model = QStandardItemModel(0, len(ERROR_COLUMNS), self)
        model.setHorizontalHeaderLabels(list(ERROR_COLUMNS))
        for error in self.result.errors[:SHOWN_ERRORS]:
            column = f"{error.column}（{error.letter}）" if error.letter else error.column
            cells = [QStandardItem(t) for t in (error.sheet, str(error.row), column, error.reason)]
            cells[3].setToolTip(error.reason)
            model.appendRow(cells)
        table = QTableView()
        table.setObjectName("errorTable")
        table.setModel(model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Rows follow the reason's wrapped height as the dialog is resized.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def copy_errors(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(str(e) for e in self.result.errors))
