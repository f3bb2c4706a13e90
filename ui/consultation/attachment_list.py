"""Attachments (附件) of one record — a work plan, a report, a speech, an outcome —
kept in the database (so a backup holds them): 添加, 打开 (a copy, in the
program the system uses for it) and 删除.

A record not saved yet is saved first (`save_first`), so a file always has a
record to belong to.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text
from app.consultation.attachments import (
    AttachmentRow,
    add_attachment,
    delete_attachment,
    list_attachments,
    save_copy,
)
from ui.common.errors import report_error
from ui.common.files import FileFolders, ask_open_path
from ui.common.jobs import JobRunner, run_job
from ui.common.office_filter import mark_read_only
from ui.common.outputs import open_file
from ui.common.tables import RIGHT, Column, ColumnTableModel
from ui.common.widgets import confirm, push_button

ALL_FILES = "所有文件 (*)"
COLUMNS: tuple[Column[AttachmentRow], ...] = (
    Column("文件名", lambda r: r.file_name),
    Column("大小", lambda r: r.size_text, RIGHT, sort_value=lambda r: r.size),
    Column("添加日期", lambda r: day_text(r.added_at.date())),
)


class AttachmentList(QWidget):
    def __init__(
        self, database: Database, save_first: Callable[[], str | None], rows: int = 3
    ) -> None:
        super().__init__()
        self.setObjectName("attachmentList")
        self.database = database
        self._save_first = save_first  # the record's UUID (saved now if new), or None
        self.parent_uuid: str | None = None
        self.runner: JobRunner | None = None  # the copy under way (tests wait for it)
        self.folders = FileFolders.of(database)
        self.choose_file: Callable[[], Path | None] = self._ask_file
        self.open_copy: Callable[[Path], bool] = open_file  # tests look instead
        self.model: ColumnTableModel[AttachmentRow] = ColumnTableModel(COLUMNS, lambda r: r.uuid)
        self.table = QTableView()
        self.table.setObjectName("attachmentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(40 + 26 * rows)
        self.add_button = push_button("添加附件…", "addAttachment", self.add)
        self.open_button = push_button("打开", "openAttachment", self.open_selected)
        self.delete_button = push_button("删除附件", "deleteAttachment", self.delete_selected)
        self.note = QLabel("附件保存在数据库中，随数据一起备份（每个不超过 50 MB）。")
        self.note.setObjectName("pageHint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        for button in (self.add_button, self.open_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.doubleClicked.connect(self.open_selected)

    def set_read_only(self) -> None:
        """A county's record at the city: its files open, nothing is added or deleted."""
        mark_read_only((self.add_button, self.delete_button), True, {})

    def set_parent(self, uuid: str | None) -> None:
        self.parent_uuid = uuid
        self.refresh()

    def refresh(self) -> None:
        rows = list_attachments(self.database, self.parent_uuid) if self.parent_uuid else []
        self.model.set_rows(rows)

    def file_names(self) -> list[str]:
        return [self.model.row(i).file_name for i in range(self.model.rowCount())]

    def _ask_file(self) -> Path | None:
        return ask_open_path(self, self.folders, "attachments", "选择要添加的附件", ALL_FILES)

    def add(self) -> None:
        path = self.choose_file()
        if path is None:
            return
        uuid = self._save_first()
        if uuid is None:
            return
        self.parent_uuid = uuid
        # Up to 50 MB, maybe from a USB stick: copied on a worker thread, so the window
        # never freezes; a refusal (too big, unreadable) is shown and adds nothing.
        self.runner = run_job(
            self,
            f"正在添加附件“{path.name}”…",
            lambda _progress: add_attachment(self.database, uuid, path),
            lambda _result: self.refresh(),
            cancellable=False,
        )

    def _selected(self) -> AttachmentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="cppcc-"))
        self.runner = run_job(
            self,
            f"正在打开附件“{row.file_name}”…",
            lambda _progress: save_copy(self.database, row.uuid, folder),
            self._open_copy,
            cancellable=False,
        )

    def _open_copy(self, copy: Path) -> None:
        if not self.open_copy(copy):
            report_error(
                self,
                KnownError(
                    f"这台电脑上没有能打开“{copy.name}”的程序。",
                    f"附件的副本已保存在：{copy}",
                ),
            )

    def delete_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        if confirm(self, "删除附件", f"确定删除附件“{row.file_name}”吗？", "删除"):
            delete_attachment(self.database, row.uuid)
            self.refresh()
