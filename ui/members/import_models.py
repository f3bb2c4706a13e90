"""The preview table of the roster import wizard (its error list is ui.common.problem_table)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.members.roster_import import Action, PreviewRow

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole

ACTION_COLOURS = {
    Action.NEW: QColor("#1e7b34"),
    Action.UPDATE: QColor("#1a5fb4"),
    Action.UNCHANGED: QColor("#6b7280"),
    Action.ERROR: QColor("#b3261e"),
}
ERROR_ROW = QColor("#fdecea")


class PreviewTableModel(QAbstractTableModel):
    """Every row of the file and what the import would do with it; numbers masked."""

    COLUMNS = (
        ("行", "row"),
        ("结果", "action_label"),
        ("序号", "roster_number"),
        ("姓名", "name"),
        ("性别", "sex"),
        ("出生年月", "birth"),
        ("政治面貌", "party"),
        ("界别", "sector"),
        ("工作单位及职务", "employer"),
        ("政协职务", "role"),
        ("专委会", "committees"),
        ("联系电话", "phone_masked"),
        ("身份证号码", "id_masked"),
        ("问题", "problems"),
    )
    ROW, ACTION, NUMBER = 0, 1, 2
    PROBLEMS = len(COLUMNS) - 1

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[PreviewRow] = []
        self._several_sheets = False

    def set_rows(self, rows: tuple[PreviewRow, ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._several_sheets = len({r.sheet for r in rows}) > 1
        self.endResetModel()

    def preview_row(self, row: int) -> PreviewRow:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.COLUMNS[section][0]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.ACTION, self.PROBLEMS):
            return QBrush(ACTION_COLOURS[item.action])
        if role == Qt.ItemDataRole.BackgroundRole and item.action is Action.ERROR:
            return QBrush(ERROR_ROW)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PROBLEMS and item.problems:
            return "\n".join(item.problems)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ROW, self.NUMBER):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, item: PreviewRow, column: int) -> str:
        if column == self.ROW:
            return f"{item.sheet} {item.row}" if self._several_sheets else str(item.row)
        if column == self.PROBLEMS:
            return "；".join(item.problems)
        return str(getattr(item, self.COLUMNS[column][1]))
