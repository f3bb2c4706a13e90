"""U盘上的文件: what is on the stick, and whether each file was taken in here already.

Whether a file was imported is told by its SHA-256 in the exchange history; hashing a
slow stick's files takes a while, so the 状态 column is filled in off the GUI thread.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.common.storage import Database
from app.exchange import history, usb
from ui.common.jobs import run_job, when_ended
from ui.exchange.models import CHECKING, StickFile, list_table, stick_model

NOT_CHECKED = "未核对"


class StickFilesTab(QWidget):
    picked = Signal()  # the clerk chose another file (not a list shown again)
    checked = Signal()  # the 状态 column is filled in

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._asked = 0  # the latest listing: an earlier check arriving late is dropped
        self._runner: object = None
        self._quiet = False  # choosing a file again after the list was shown anew
        layout = QHBoxLayout(self)
        self.model = stick_model()
        self.view = list_table(self.model, "stickFiles", stretch=0)
        # A long name loses its middle, not the end that tells the files apart
        # (政协交换文件/150500-…-20261203.cppccx at 1366×768 and 125 %).
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        buttons = QVBoxLayout()
        self.import_button = QPushButton("导入所选文件…")
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def show_files(self, stick: Path | None) -> int:
        """List the stick's files at once, their 状态 as it is worked out; how many."""
        self._asked += 1
        if stick is None:
            self._set_rows([])
            return 0
        paths = usb.exchange_files_on(stick)
        notes = history.describe_files(self.database, paths)
        self._set_rows([StickFile(p, p.relative_to(stick).as_posix(), notes[p]) for p in paths])
        asked = self._asked
        runner = run_job(
            self,
            "正在核对U盘上的文件…",
            lambda progress: history.file_states(self.database, paths, progress),
            lambda states: self._show_states(states) if asked == self._asked else None,
        )
        when_ended(runner, self, lambda: self._ended(asked))
        self._runner = runner
        return len(paths)

    def selected(self) -> StickFile | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _show_states(self, states: dict[Path, history.FileState]) -> None:
        rows = [self.model.row(r) for r in range(self.model.rowCount())]
        self._set_rows(
            [
                replace(
                    f,
                    state=states[f.path].text,
                    new=states[f.path].new,
                    note=states[f.path].note or f.note,
                )
                if f.path in states
                else f
                for f in rows
            ]
        )

    def _ended(self, asked: int) -> None:
        """Cancelled or failed: the files not checked say so instead of 正在核对."""
        if asked != self._asked:
            return
        rows = [self.model.row(r) for r in range(self.model.rowCount())]
        if any(f.state == CHECKING for f in rows):
            unchecked = [replace(f, state=NOT_CHECKED) if f.state == CHECKING else f for f in rows]
            self._set_rows(unchecked)
        self.checked.emit()

    def _set_rows(self, rows: list[StickFile]) -> None:
        """Show `rows`, the file chosen before still chosen (after an import it is the one
        the clerk just imported, now 已导入)."""
        chosen = self.selected()
        self._quiet = True
        try:
            self.model.set_rows(rows)
            row = self.model.row_of(str(chosen.path)) if chosen is not None else -1
            if row >= 0:
                self.view.selectRow(row)
        finally:
            self._quiet = False
        self.import_button.setEnabled(self.selected() is not None)

    def _selection_changed(self) -> None:
        self.import_button.setEnabled(self.selected() is not None)
        if not self._quiet:
            self.picked.emit()
