"""The problems an import found, one line per sheet, column and problem (see
app.common.sheets.problem_groups): 工作表 | 第5、6、7…行等共 300 行 | 日期（D列） | 原因.

Every import preview shows its errors (and notes) with this table; the row numbers
a line stands for are in its tooltip and in what is copied, every one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.common.sheets.problem_groups import ProblemGroup, group_problems, rows_text
from app.common.sheets.reader import RowError

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
# Rows fitted to their wrapped reason cost about half a millisecond each: a list of
# thousands froze the window for seconds. The copy has them all.
SHOWN_GROUPS = 500
BREAKDOWN = 20  # lines of which rows say what, in a reason's tooltip


class ProblemTableModel(QAbstractTableModel):
    SHEET, ROWS, COLUMN, REASON = range(4)

    def __init__(self, reason_header: str = "原因", shown: int = SHOWN_GROUPS) -> None:
        super().__init__()
        self.headers = ("工作表", "行", "列", reason_header)
        self._shown = shown
        self.groups: tuple[ProblemGroup, ...] = ()

    def set_problems(self, problems: Sequence[RowError]) -> None:
        self.beginResetModel()
        self.groups = group_problems(problems)
        self.endResetModel()

    @property
    def cut_short(self) -> bool:
        """More lines than the table shows (the copy has them all)."""
        return len(self.groups) > self._shown

    def as_text(self, rows: Sequence[int] | None = None) -> str:
        """The lines (all, or the given ones) tab-separated under a header line, pasted
        into Excel or WPS they fill one column each. Nothing is summarised: a line per
        reason as the rows give it (“上午” and “下午” apart), with every row."""
        wanted = [self.groups[i] for i in sorted(rows)] if rows is not None else self.groups
        lines = ["\t".join(self.headers)]
        for group in wanted:
            lines += [
                "\t".join((group.sheet, rows_text(found), _column(group), reason))
                for reason, found in group.exact()
            ]
        return "\n".join(lines)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else min(len(self.groups), self._shown)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        group = self.groups[index.row()]
        column = index.column()
        if role == DISPLAY:
            return (group.sheet, group.rows_brief(), _column(group), group.reason)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ROWS and group.truncated:
                return group.rows_text()
            if column == self.REASON:
                return "\n".join([group.reason, *group.breakdown(BREAKDOWN)])
        return None


def problem_view(name: str, model: ProblemTableModel) -> QTableView:
    """A read-only table of the lines; the reason wraps and takes the spare width."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    model.setParent(table)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(ProblemTableModel.REASON, QHeaderView.ResizeMode.Stretch)
    # Rows follow the reason's wrapped height as the window is resized.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def problem_table(name: str, problems: Sequence[RowError], reason: str = "原因") -> QTableView:
    model = ProblemTableModel(reason)
    model.set_problems(problems)
    return problem_view(name, model)


def _column(group: ProblemGroup) -> str:
    return f"{group.column}（{group.letter}列）" if group.column else "整行"
