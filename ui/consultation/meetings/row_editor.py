"""A short list typed in place (a meeting's agenda, its invited guests): a table
whose cells are edited where they are, with 添加 / 删除 / 上移 / 下移.

A column is free text or a choice from a few values (a combo in the cell).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
_ROOT = QModelIndex()


@dataclass(frozen=True)
class RowColumn:
    header: str
    width: int = 0  # pixels; 0 stretches
    choices: tuple[tuple[str, Any], ...] = ()  # (label, value): a combo instead of text
    default: Any = ""

    def label(self, value: Any) -> str:
        if self.choices:
            return next((text for text, v in self.choices if v == value), "")
        return str(value)


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: tuple[RowColumn, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._rows: list[list[Any]] = []

    def set_rows(self, rows: list[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self._rows = [list(row) for row in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._rows]

    def add_row(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(_ROOT, row, row)
        self._rows.append([c.default for c in self.columns])
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(_ROOT, row, row)
        del self._rows[row]
        self.endRemoveRows()

    def move_row(self, row: int, offset: int) -> int:
        """Swap with the neighbour above (-1) or below (+1); returns the row's new place."""
        other = row + offset
        if not 0 <= other < len(self._rows):
            return row
        self._rows[row], self._rows[other] = self._rows[other], self._rows[row]
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(min(row, other), 0), self.index(max(row, other), last))
        return other

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.columns[section].header
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == DISPLAY:
            return self.columns[index.column()].label(value)
        if role == EDIT:
            return value
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = EDIT) -> bool:
        if not index.isValid() or role != EDIT:
            return False
        column = self.columns[index.column()]
        self._rows[index.row()][index.column()] = value if column.choices else str(value)
        self.dataChanged.emit(index, index)
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box in the cells of choice columns; text editing elsewhere."""

    def __init__(self, columns: tuple[RowColumn, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = columns

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        column = self._columns[index.column()]
        if not column.choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for text, value in column.choices:
            combo.addItem(text, value)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(EDIT)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), EDIT)
        else:
            super().setModelData(editor, model, index)


class RowEditor(QWidget):
    def __init__(
        self, name: str, columns: tuple[RowColumn, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.model = RowsModel(columns, self)
        self.table = QTableView()
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChoiceDelegate(columns, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for number, column in enumerate(columns):
            if column.width:
                self.table.setColumnWidth(number, column.width)
            else:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        self.add_button = self._button("添加", "addRow", self.add)
        self.remove_button = self._button("删除", "removeRow", self.remove)
        self.up_button = self._button("上移", "moveUp", lambda: self.move(-1))
        self.down_button = self._button("下移", "moveDown", lambda: self.move(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def set_rows(self, rows: list[tuple[Any, ...]]) -> None:
        self.model.set_rows(rows)

    def rows(self) -> list[tuple[Any, ...]]:
        """The lines as typed, including a cell still being edited."""
        self.commit_edit()
        return self.model.rows()

    def commit_edit(self) -> None:
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is not None:
            self.table.commitData(editor)
            self.table.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def add(self) -> None:
        self.commit_edit()
        row = self.model.add_row()
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove(self) -> None:
        self.commit_edit()
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())

    def move(self, offset: int) -> None:
        self.commit_edit()
        index = self.table.currentIndex()
        if index.isValid():
            row = self.model.move_row(index.row(), offset)
            self.table.setCurrentIndex(self.model.index(row, index.column()))
