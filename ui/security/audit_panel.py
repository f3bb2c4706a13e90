"""系统设置 → 审计日志 (administrators): search by date, person and action; export to Excel."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.common.audit import ACTION_LABELS, Action
from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.storage import Database
from app.security.audit_trail import (
    HEADERS,
    MAX_ROWS,
    AuditQuery,
    AuditRow,
    audit_users,
    export_audit,
    search_audit,
)
from ui.common.dates import DateEdit
from ui.common.errors import show_known_error
from ui.common.files import XLSX_FILTER, FileFolders, ask_save_path
from ui.common.jobs import run_job
from ui.common.outputs import OutputBar

# 用户 holds names like “Administrator（操作系统用户）” (the command line's): room for them.
WIDTHS = (150, 190, 100, 250, 60)


class AuditPanel(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("auditPanel")
        self.rows: list[AuditRow] = []
        self.folders = FileFolders.of(database)
        today = date.today()
        self.since = DateEdit(today - timedelta(days=30))
        self.since.setObjectName("auditSince")
        self.until = DateEdit(today)
        self.until.setObjectName("auditUntil")
        self.user = QComboBox()
        self.user.setObjectName("auditUser")
        self.user.setMinimumWidth(140)
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.addItem("全部操作", None)
        for action, label in ACTION_LABELS.items():
            self.action.addItem(label, action.value)
        self.search_button = QPushButton("查询")
        self.search_button.setObjectName("primaryButton")
        self.search_button.clicked.connect(self.search)
        self.export_button = QPushButton("导出Excel")
        self.export_button.setObjectName("exportAudit")
        self.export_button.clicked.connect(self.export)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        # 对象 and 说明 share the room left: with 对象 fixed at 250, 说明 kept a few characters
        # at 1366×768 and 125 % display scaling (the panel about 860 wide).
        for column in (3, len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        self.output = OutputBar()
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        for label, widget in (
            ("日期：", self.since),
            ("至", self.until),
            ("用户：", self.user),
            ("操作：", self.action),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search_button)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        note = QLabel("审计日志只增不改：任何人（包括管理员）都不能修改或删除其中的记录。")
        note.setObjectName("pageHint")
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.output)

    def refresh(self) -> None:
        chosen = self.user.currentData()
        self.user.blockSignals(True)
        self.user.clear()
        self.user.addItem("全部用户", "")
        for name in audit_users(self.database):
            self.user.addItem(name, name)
        self.user.setCurrentIndex(max(self.user.findData(chosen), 0))
        self.user.blockSignals(False)
        self.search()

    def query(self) -> AuditQuery:
        action = self.action.currentData()
        return AuditQuery(
            since=self.since.date().toPython(),
            until=self.until.date().toPython(),
            user=self.user.currentData() or "",
            action=Action(action) if action else None,
        )

    def set_range(self, since: date, until: date) -> None:
        self.since.setDate(QDate(since))
        self.until.setDate(QDate(until))

    def search(self) -> None:
        query = self.query()
        if query.since and query.until and query.since > query.until:
            # Nothing can match: say why instead of a silent 共 0 条.
            self.rows = []
            self.table.setRowCount(0)
            self.count.setText(
                f"起始日期 {query.since:%Y-%m-%d} 晚于截止日期 {query.until:%Y-%m-%d}，"
                "请调整日期范围后再查询。"
            )
            self.export_button.setEnabled(False)
            return
        try:
            page = search_audit(self.database, query)
        except KnownError as exc:
            show_known_error(self, exc, "无法查询")
            return
        self.rows = page.rows
        self.table.setRowCount(len(page.rows))
        for row, entry in enumerate(page.rows):
            for column, text in enumerate(entry.cells()):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        more = f"（只显示最近的 {MAX_ROWS} 条，请缩小日期范围）" if page.more else ""
        self.count.setText(f"共 {len(page.rows)} 条{more}")
        self.export_button.setEnabled(bool(page.rows))

    def export(self) -> None:
        if not self.rows:
            return
        suggested = f"审计日志-{date.today():%Y%m%d}.xlsx"
        path = ask_save_path(self, self.folders, "audit", "导出审计日志", suggested, XLSX_FILTER)
        if path is None:
            return
        run_job(
            self,
            "正在导出审计日志…",
            partial(_export_job, self.database, list(self.rows), path),
            self._exported,
            cancellable=False,
        )

    def _exported(self, path: Path) -> None:
        self.output.show_file(path, f"已导出 {len(self.rows)} 条到“{path.name}”。")


def _export_job(database: Database, rows: list[AuditRow], path: Path, _progress: Progress) -> Path:
    return export_audit(database, rows, path)
