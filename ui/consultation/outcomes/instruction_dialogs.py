"""领导批示 on an outcome (leader, date, text) and a department's 落实情况, each in
its own small dialog; and the two lists of the outcome dialog that hold them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text
from app.consultation.outcomes import instructions
from app.consultation.outcomes.instructions import (
    FollowUpForm,
    FollowUpLine,
    InstructionForm,
    InstructionLine,
)
from ui.common.dates import date_edit, day_of
from ui.common.errors import report_error
from ui.common.office_filter import mark_read_only
from ui.common.record_dialog import RecordDialog
from ui.common.screen_fit import resize_to_fit
from ui.common.tables import Column, ColumnTableModel
from ui.common.widgets import confirm
from ui.consultation.fields import OptionalDate, section_title

INSTRUCTION_COLUMNS: tuple[Column[InstructionLine], ...] = (
    Column("批示领导", lambda i: i.leader),
    Column("批示日期", lambda i: day_text(i.instructed_on)),
    Column("批示内容", lambda i: i.text),
)
FOLLOW_UP_COLUMNS: tuple[Column[FollowUpLine], ...] = (
    Column("落实单位", lambda f: f.department),
    Column("反馈日期", lambda f: day_text(f.reported_on) if f.reported_on else ""),
    Column("落实情况", lambda f: f.text),
)


class _LineDialog(RecordDialog):
    def __init__(self, title: str, name: str, parent: QWidget | None) -> None:
        super().__init__(title, name, parent)
        resize_to_fit(self, 560, 380)
        self.who = QLineEdit()
        self.who.setObjectName(f"{name}Who")
        self.text = QPlainTextEdit()
        self.text.setObjectName(f"{name}Text")
        QVBoxLayout(self).addLayout(self.form_layout)

    def _place_text(self) -> None:
        """Below the rows, once they are added: Tab then goes 领导 (单位), 日期, 内容, 保存
        as they are shown (placed first, 内容 came first and the rows after 取消)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)


class InstructionDialog(_LineDialog):
    def __init__(
        self,
        database: Database,
        outcome_uuid: str,
        line: InstructionLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("修改领导批示" if line else "新增领导批示", "instruction", parent)
        self.database, self.outcome_uuid = database, outcome_uuid
        self.uuid = line.uuid if line else None
        self.who.setPlaceholderText("例如：县委书记 李明远")
        self.day = date_edit("instructionDate", line.instructed_on if line else date.today())
        self.text.setPlaceholderText("批示内容（必填；只圈阅的，填写“圈阅”）")
        self.form_layout.addRow("批示领导", self.who)
        self.form_layout.addRow("批示日期", self.day)
        self._place_text()
        if line is not None:
            self.who.setText(line.leader)
            self.text.setPlainText(line.text)

    def store(self) -> str:
        form = InstructionForm(self.who.text(), day_of(self.day), self.text.toPlainText())
        if self.uuid is None:
            self.uuid = instructions.add_instruction(self.database, self.outcome_uuid, form)
        else:
            instructions.update_instruction(self.database, self.uuid, form)
        return self.uuid


class FollowUpDialog(_LineDialog):
    def __init__(
        self,
        database: Database,
        outcome_uuid: str,
        line: FollowUpLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("修改落实情况" if line else "新增落实情况", "followUp", parent)
        self.database, self.outcome_uuid = database, outcome_uuid
        self.uuid = line.uuid if line else None
        self.who.setPlaceholderText("例如：县住房和城乡建设局")
        self.day = OptionalDate("followUpDate", "已反馈，日期")
        self.text.setPlaceholderText("落实情况")
        self.form_layout.addRow("落实单位", self.who)
        self.form_layout.addRow("反馈日期", self.day)
        self._place_text()
        if line is not None:
            self.who.setText(line.department)
            self.day.set_value(line.reported_on)
            self.text.setPlainText(line.text)
        else:
            self.day.set_value(date.today())

    def store(self) -> str:
        form = FollowUpForm(self.who.text(), self.day.value(), self.text.toPlainText())
        if self.uuid is None:
            self.uuid = instructions.add_follow_up(self.database, self.outcome_uuid, form)
        else:
            instructions.update_follow_up(self.database, self.uuid, form)
        return self.uuid


class LineList(QWidget):
    """批示 or 落实情况 of one outcome: a table with 新增 / 修改 / 删除."""

    changed = Signal()

    def __init__(
        self,
        title: str,
        name: str,
        columns: tuple[Column, ...],  # type: ignore[type-arg]
        make_dialog: Callable[[str, object | None], QDialog],
        delete: Callable[[str], None],
        save_first: Callable[[], str | None],
    ) -> None:
        super().__init__()
        self.setObjectName(name)
        self._make_dialog, self._delete, self._save_first = make_dialog, delete, save_first
        self.dialog: QDialog | None = None
        self.read_only = False
        self.model: ColumnTableModel = ColumnTableModel(columns, lambda r: r.uuid)  # type: ignore[type-arg]
        self.table = QTableView()
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(section_title(title), 1)
        self.add_button = self._button("新增", f"add_{name}", lambda: self.open(None))
        self.edit_button = self._button("修改", f"edit_{name}", self.edit_selected)
        self.delete_button = self._button("删除", f"delete_{name}", self.delete_selected)
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.table.doubleClicked.connect(self.edit_selected)

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def set_read_only(self) -> None:
        """A county's outcome at the city: its lines are shown, not changed."""
        self.read_only = True
        mark_read_only((self.add_button, self.edit_button, self.delete_button), True, {})

    def set_lines(self, lines: tuple[object, ...]) -> None:
        self.model.set_rows(list(lines))

    def _selected(self) -> object | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def open(self, line: object | None) -> QDialog | None:
        if self.read_only:
            return None
        outcome = self._save_first()
        if outcome is None:
            return None
        self.dialog = self._make_dialog(outcome, line)
        self.dialog.saved.connect(self.changed)  # type: ignore[attr-defined]
        self.dialog.open()
        return self.dialog

    def edit_selected(self) -> None:
        line = self._selected()
        if line is not None:
            self.open(line)

    def delete_selected(self) -> None:
        line = self._selected()
        if line is None or self.read_only:
            return
        if not confirm(self, "删除", "确定删除这一条吗？", "删除"):
            return
        try:
            self._delete(line.uuid)  # type: ignore[attr-defined]
        except KnownError as exc:
            report_error(self, exc)
        self.changed.emit()
