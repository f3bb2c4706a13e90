"""Lists on every screen: a read-only table model built from columns, and a filter
that searches all columns and sorts by the clicked header.

A screen describes its columns once (`Column`: header, text, alignment, tooltip,
and how the column sorts); search and sort then work the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableView, QWidget

from app.common.text import clean_text
from ui.common.unsaved import not_form_data

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    text: Callable[[Row], str]
    alignment: int | None = None
    tooltip: Callable[[Row], str] | None = None
    sort_value: Callable[[Row], Any] | None = None  # numbers sort as numbers; default: the text


class ColumnTableModel(QAbstractTableModel, Generic[Row]):
    """Read-only lines; screens edit through dialogs and reload."""

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
        if role == SORT_ROLE:
            return column.sort_value(row) if column.sort_value else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else column.text(row)
        return None


def search_text(text: str) -> str:
    """What searching compares: full-width folded to half-width, case ignored."""
    return clean_text(text).casefold()


class SearchFilter(QSortFilterProxyModel):
    """Shows the rows where any column contains the search text; sorts by the
    clicked header (by each column's sort value), the loaded order until then."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted = ""
        # Each source row's searched text, made once: each keystroke read and folded every
        # cell again (3,000 rows: a third of a second a key). Forgotten when the rows change.
        self._haystacks: dict[int, str] = {}
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        old = self.sourceModel()
        if old is not None:
            for signal in _changes(old):
                signal.disconnect(self._forget_haystacks)
        # Connected before the proxy connects itself: the texts are forgotten before it
        # filters the changed rows again.
        for signal in _changes(model):
            signal.connect(self._forget_haystacks)
        self._haystacks.clear()
        super().setSourceModel(model)

    def _forget_haystacks(self, *_args: object) -> None:
        self._haystacks.clear()

    def set_search(self, text: str) -> None:
        wanted = search_text(text)
        if wanted == self._wanted:
            return
        self.beginFilterChange()
        self._wanted = wanted
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._wanted:
            return True
        haystack = self._haystacks.get(source_row)
        if haystack is None:
            model = self.sourceModel()
            # Cells apart by a control character, which search_text removes from what is
            # typed: a match is within one cell, never across two.
            haystack = "\x1f".join(
                search_text(str(model.index(source_row, column, source_parent).data()))
                for column in range(model.columnCount(source_parent))
            )
            self._haystacks[source_row] = haystack
        return self._wanted in haystack

    def visible_rows(self) -> list[list[str]]:
        """The lines as the clerk sees them now: filtered, in the shown order."""
        return [
            [str(self.index(row, column).data() or "") for column in range(self.columnCount())]
            for row in range(self.rowCount())
        ]

    def headers(self) -> list[str]:
        return [
            str(self.headerData(column, Qt.Orientation.Horizontal))
            for column in range(self.columnCount())
        ]


def _changes(model: QAbstractItemModel) -> tuple[Any, ...]:
    """The signals after which a source row's texts may be other ones."""
    return (
        model.modelAboutToBeReset,
        model.layoutAboutToBeChanged,
        model.rowsAboutToBeInserted,
        model.rowsAboutToBeRemoved,
        model.rowsAboutToBeMoved,
        model.dataChanged,
    )


def search_box(placeholder: str, parent: QWidget | None = None) -> QLineEdit:
    box = QLineEdit(parent)
    box.setObjectName("searchBox")
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    # It widens where there is room; 200 made 履职记录 scroll sideways at 125 % scaling.
    box.setMinimumWidth(150)
    not_form_data(box)  # looking something up is not an entry to keep (ui.common.unsaved)
    return box


class _ReadableStretch(QObject):
    """Keeps a stretching column at least `minimum` wide (see `stretch_readable`)."""

    def __init__(self, table: QTableView, column: int, minimum: int) -> None:
        super().__init__(table)
        self.table, self.column, self.minimum = table, column, minimum
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._other_resized)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _other_resized(self, column: int, _old: int, _new: int) -> None:
        if column != self.column:
            self.fit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self.column and not header.isSectionHidden(c)
        )
        if self.table.viewport().width() - others >= self.minimum:
            header.setSectionResizeMode(self.column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(self.column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(self.column, self.minimum)


def stretch_readable(table: QTableView, column: int, minimum: int) -> None:
    """`column` takes the room the other columns leave, but never less than `minimum`:
    then the list scrolls sideways instead. In a narrow window (1366×768 at 125 %
    display scaling) the fixed columns left the key one a few pixels ("县…")."""
    _ReadableStretch(table, column, minimum)
