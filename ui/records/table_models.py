"""Table models of the three record lists: each a row dataclass per line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.common.text import day_text
from app.records.activities import ActivityRow
from app.records.record_items import SocialInfoRow, WorkRow

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
_ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    text: Callable[[Row], str]
    alignment: int | None = None
    tooltip: Callable[[Row], str] | None = None


class RecordTableModel(QAbstractTableModel, Generic[Row]):
    """Read-only lines; the tab edits through dialogs and reloads."""

    def __init__(self, columns: tuple[Column[Row], ...], key: Callable[[Row], str]) -> None:
        super().__init__()
        self.columns = columns
        self._key = key
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> Row:
        return self._rows[number]

    def row_of(self, key: str) -> int:
        return next((i for i, row in enumerate(self._rows) if self._key(row) == key), -1)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if role == DISPLAY:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else column.text(row)
        return None


def _count(n: int) -> str:
    return str(n) if n else "—"


def _yes(flag: bool) -> str:
    return "✓" if flag else ""


ACTIVITY_COLUMNS: tuple[Column[ActivityRow], ...] = (
    Column("日期", lambda r: day_text(r.held_on)),
    Column("类别", lambda r: r.kind_label),
    Column("名称", lambda r: r.title),
    Column("出席", lambda r: _count(r.present), RIGHT),
    Column("请假", lambda r: _count(r.leave), RIGHT),
    Column("缺席", lambda r: _count(r.absent), RIGHT),
)

SOCIAL_INFO_COLUMNS: tuple[Column[SocialInfoRow], ...] = (
    Column("报送日期", lambda r: day_text(r.submitted_on)),
    Column("标题", lambda r: r.title),
    Column("报送人", lambda r: r.submitter_names),
    Column("采用", lambda r: _yes(r.adopted), CENTRE),
    Column("领导批示", lambda r: _yes(r.instructed), CENTRE),
)

WORK_COLUMNS: tuple[Column[WorkRow], ...] = (
    Column("日期", lambda r: day_text(r.submitted_on)),
    Column("类别", lambda r: r.kind_label),
    Column("题目", lambda r: r.title),
    Column("委员", lambda r: r.author_names),
)


def activity_model() -> RecordTableModel[ActivityRow]:
    return RecordTableModel(ACTIVITY_COLUMNS, key=lambda r: r.uuid)


def social_info_model() -> RecordTableModel[SocialInfoRow]:
    return RecordTableModel(SOCIAL_INFO_COLUMNS, key=lambda r: r.uuid)


def work_model() -> RecordTableModel[WorkRow]:
    return RecordTableModel(WORK_COLUMNS, key=lambda r: r.uuid)
