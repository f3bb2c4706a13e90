"""The proposal list's model for a city's 20,000 rows: its texts made once, off the GUI thread.

`prepare` runs on the loader's worker thread and makes every cell's text and each
row's search text; the model then only looks them up. A header click sorts the
model's own rows (pinyin order, ties in the loaded order) and the filter only
searches: with the comparisons in the proxy, sorting 20,000 rows or typing in the
search box took 2–3 s on the GUI thread, each comparison a call into Python
(bench/bench_proposal_list.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCollator, QLocale, Qt

from ui.common.tables import DISPLAY, AnyIndex, Column, ColumnTableModel, SearchFilter, search_text

Row = TypeVar("Row")
# The pinyin order Qt's locale-aware sort gave under the program's Chinese locale.
CHINESE = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


@dataclass(frozen=True)
class Prepared(Generic[Row]):
    """Rows with what the table shows of them: each cell's text, each row's search text."""

    rows: list[Row]
    texts: list[tuple[str, ...]]
    haystacks: list[str]

    def where(self, keeps: Callable[[Row], bool]) -> Prepared[Row]:
        kept = [i for i, row in enumerate(self.rows) if keeps(row)]
        return Prepared(
            [self.rows[i] for i in kept],
            [self.texts[i] for i in kept],
            [self.haystacks[i] for i in kept],
        )


def prepare(columns: tuple[Column[Row], ...], rows: list[Row]) -> Prepared[Row]:
    """The texts of `rows` (on a worker thread: no Qt here). Columns are searched one by
    one, so their texts are joined by a line break no search text can hold."""
    texts = [tuple(column.text(row) for column in columns) for row in rows]
    return Prepared(list(rows), texts, [search_text("\n".join(t)) for t in texts])


class PreparedTableModel(ColumnTableModel[Row]):
    """A ColumnTableModel over prepared texts that sorts its own rows."""

    def __init__(self, columns: tuple[Column[Row], ...], key: Callable[[Row], str]) -> None:
        super().__init__(columns, key)
        self._loaded: Prepared[Row] = Prepared([], [], [])
        self._order: list[int] = []  # shown row i is loaded row _order[i]
        self._keys: dict[int, list[Any]] = {}  # sort keys by column, of the loaded rows
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: list[Row]) -> None:
        self.set_prepared(prepare(self.columns, rows))

    def set_prepared(self, prepared: Prepared[Row]) -> None:
        """Show `prepared` in the order the clerk chose by a header click, if any."""
        self.beginResetModel()
        self._loaded, self._keys = prepared, {}
        self._show_in(self._sorted(*self._sorted_by))
        self.endResetModel()

    def haystack(self, row: int) -> str:
        return self._loaded.haystacks[self._order[row]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows (column -1: the loaded order); selections follow their rows."""
        if (column, order) == self._sorted_by:
            return  # already so (QTableView.sortByColumn may ask twice)
        self._sorted_by = (column, order)
        new_order = self._sorted(column, order)
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        new_row_of = [0] * len(new_order)  # by loaded row
        for new_row, loaded_row in enumerate(new_order):
            new_row_of[loaded_row] = new_row
        moved = [self.index(new_row_of[self._order[i.row()]], i.column()) for i in kept]
        self._show_in(new_order)
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[int]:
        """The loaded rows sorted by `column`: ties keep the loaded order, in a descending
        sort too (as the proxy's stable sort kept them)."""
        rows = range(len(self._loaded.rows))
        if column < 0:
            return list(rows)
        keys = self._keys.get(column)
        if keys is None:
            value = self.columns[column].sort_value
            if value is not None:
                keys = [value(row) for row in self._loaded.rows]
            else:
                keys = [CHINESE.sortKey(texts[column]) for texts in self._loaded.texts]
            self._keys[column] = keys
        return sorted(rows, key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    def _show_in(self, order: list[int]) -> None:
        self._order = order
        self._rows = [self._loaded.rows[i] for i in order]

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if index.isValid() and role == DISPLAY:
            return self._loaded.texts[self._order[index.row()]][index.column()]
        return super().data(index, role)


class PreparedFilter(SearchFilter):
    """Searches the prepared texts; a header click sorts the model itself."""

    def __init__(self) -> None:
        super().__init__()
        self.setDynamicSortFilter(False)  # the model is reset on reload, never edited

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        wanted = self._wanted
        if not wanted:
            return True
        model = self.sourceModel()
        assert isinstance(model, PreparedTableModel)
        return wanted in model.haystack(source_row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, PreparedTableModel):
            model.sort(column, order)
