"""Table model of one editable list (界别, 民族 …) for the dictionary editor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.office.dictionaries import DictionaryItem

Index = QModelIndex | QPersistentModelIndex
# Called when the user edits a cell: (item, column, new text) -> accepted?
EditHandler = Callable[[DictionaryItem, int, str], bool]

RETIRED_COLOUR = QColor("#8a8f98")


class DictionaryTableModel(QAbstractTableModel):
    NAME, ALIASES, DESCRIPTION, STATUS, USAGE = range(5)

    def __init__(self, on_edit: EditHandler | None = None) -> None:
        super().__init__()
        self._items: list[DictionaryItem] = []
        self._description_label: str | None = None
        self._on_edit = on_edit

    def set_items(self, items: list[DictionaryItem], description_label: str | None) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._description_label = description_label
        self.endResetModel()

    def item(self, row: int) -> DictionaryItem:
        return self._items[row]

    def items(self) -> list[DictionaryItem]:
        return list(self._items)

    def row_of(self, uuid: str) -> int:
        return next((i for i, item in enumerate(self._items) if item.uuid == uuid), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = ("名称", "别名（导入时视为同一条目）", self._description_label or "说明")
        return (*headers, "状态", "使用次数")[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and item.retired:
            return QBrush(RETIRED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATUS and item.retired:
            return "已停用：新记录中不再出现，已有记录保持不变。"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ALIASES:
            return "导入名单等表格时，这些写法都视为本条目；多个别名用顿号分隔。双击修改。"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.USAGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, item: DictionaryItem, column: int) -> str:
        if column == self.NAME:
            return item.name
        if column == self.ALIASES:
            return item.aliases_text
        if column == self.DESCRIPTION:
            return item.description
        if column == self.STATUS:
            return "已停用" if item.retired else "在用"
        return str(item.usage)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        editable = index.column() in (self.NAME, self.ALIASES) or (
            index.column() == self.DESCRIPTION and self._description_label is not None
        )
        return flags | Qt.ItemFlag.ItemIsEditable if editable else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._on_edit is None:
            return False
        item = self._items[index.row()]
        text = str(value)
        if text == self._text(item, index.column()):
            return False
        return self._on_edit(item, index.column(), text)
