"""Values a roster brings that the office's lists do not have, and what to do with each:
take it as another name of an existing entry (中国共产党 → 中共), add it to the list,
or leave it for now. A value close to an existing entry is offered as that entry first,
and adding it anyway is flagged as a likely duplicate.
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
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.members.roster_import import UnknownValue
from app.office.dictionaries import ValueChoice

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
WARNING = QColor("#b26a00")
LEAVE, ADD = "暂不处理", "作为新条目加入名录"


@dataclass(frozen=True)
class Option:
    label: str
    target: str | None  # None: leave it; "": add it; a name: an alias of that entry


@dataclass
class UnknownLine:
    value: UnknownValue
    options: list[Option]
    chosen: int

    @property
    def option(self) -> Option:
        return self.options[self.chosen]

    @property
    def choice(self) -> ValueChoice | None:
        target = self.option.target
        if target is None:
            return None
        return ValueChoice(self.value.kind, self.value.value, target)

    @property
    def note(self) -> str:
        target, near = self.option.target, self.value.near
        if target == "" and near:
            return f"与已有的“{'”“'.join(near)}”相近，请确认不是同一个"
        if target:
            return f"以后“{self.value.value}”都视为“{target}”（成为它的别名）"
        if target == "":
            return f"在{self.value.kind_label}名录中新增“{self.value.value}”"
        return "本次不导入用到它的行"


def options_for(value: UnknownValue, entries: list[str]) -> tuple[list[Option], int]:
    """The choices for one value and the one taken first: the nearest entry if any,
    else adding it."""
    near = [n for n in value.near if n in entries]
    options = [
        *(Option(f"对应到“{n}”（相近）", n) for n in near),
        Option(ADD, ""),
        *(Option(f"对应到“{n}”", n) for n in entries if n not in near),
        Option(LEAVE, None),
    ]
    return options, 0


class UnknownValueModel(QAbstractTableModel):
    HEADERS = ("名录", "表中的值", "行数", "处理方式", "说明")
    KIND, VALUE, ROWS, ACTION, NOTE = range(5)

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[UnknownLine] = []

    def set_values(self, values: tuple[UnknownValue, ...], entries: dict) -> None:
        """`entries`: kind → the names of its live entries, in the list's order."""
        self.beginResetModel()
        self.lines = []
        for value in values:
            options, chosen = options_for(value, entries.get(value.kind, []))
            self.lines.append(UnknownLine(value, options, chosen))
        self.endResetModel()

    def choices(self) -> list[ValueChoice]:
        return [line.choice for line in self.lines if line.choice is not None]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._text(line, column)
        if role == EDIT and column == self.ACTION:
            return line.chosen
        if role == Qt.ItemDataRole.ForegroundRole and column == self.NOTE:
            warn = line.option.target == "" and line.value.near
            return QBrush(WARNING) if warn else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NOTE:
            return line.note
        return None

    def _text(self, line: UnknownLine, column: int) -> str:
        if column == self.KIND:
            return line.value.kind_label
        if column == self.VALUE:
            return line.value.value
        if column == self.ROWS:
            return str(line.value.rows)
        if column == self.ACTION:
            return line.option.label
        return line.note

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.ACTION else flags

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or index.column() != self.ACTION or not index.isValid():
            return False
        line = self.lines[index.row()]
        if not isinstance(value, int) or not 0 <= value < len(line.options):
            return False
        line.chosen = value
        row = index.row()
        self.dataChanged.emit(self.index(row, self.ACTION), self.index(row, self.NOTE))
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of the line's options, always open (a persistent editor)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        assert isinstance(model, UnknownValueModel)
        combo = QComboBox(parent)
        combo.setObjectName("valueChoice")
        for item in model.lines[index.row()].options:
            combo.addItem(item.label)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _changed(self, _index: int) -> None:
        editor = self.sender()
        if isinstance(editor, QComboBox):
            self.commitData.emit(editor)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        wanted = index.data(EDIT)
        if editor.currentIndex() != wanted:
            editor.blockSignals(True)
            editor.setCurrentIndex(wanted)
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentIndex(), EDIT)


class UnknownValueTable(QTableView):
    """The values with a drop-down each; tall enough to show many lines."""

    def __init__(self, model: UnknownValueModel) -> None:
        super().__init__()
        self.setObjectName("unknownValues")
        self.setModel(model)
        self.setItemDelegateForColumn(UnknownValueModel.ACTION, ChoiceDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(30)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UnknownValueModel.ACTION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(UnknownValueModel.NOTE, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(UnknownValueModel.ACTION, 260)
        model.modelReset.connect(self._open_editors)

    def _open_editors(self) -> None:
        model = self.model()
        for row in range(model.rowCount()):
            self.openPersistentEditor(model.index(row, UnknownValueModel.ACTION))

    def combo(self, row: int) -> QComboBox:
        """The drop-down of one line."""
        editor = self.indexWidget(self.model().index(row, UnknownValueModel.ACTION))
        assert isinstance(editor, QComboBox)
        return editor
