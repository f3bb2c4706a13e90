"""The member list's table model and the proxy that searches and filters it.

All members of the chosen term are loaded once into MemberTableModel; typing
in the search box and choosing filters only re-filters the proxy, so nothing
is queried per keystroke. Personal numbers arrive masked (MemberRow).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.common.text import clean_text, day_text
from app.members.labels import MembershipStatus
from app.members.member_files import MemberRow

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
_ROOT = QModelIndex()
LEFT_COLOUR = QColor("#8a8f98")  # members who left stay listed, greyed
# Columns other than 姓名 sort by pinyin whatever the system's locale (ICU on Linux, the
# Windows collation on Windows).
CHINESE = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


class MemberTableModel(QAbstractTableModel):
    """One row per member of the term; never edited in place."""

    (
        NAME,
        SEX,
        SECTOR,
        PARTY,
        EMPLOYER,
        ROLE,
        COMMITTEES,
        LIAISON_GROUP,
        PHONE,
        STATUS,
    ) = range(10)
    HEADERS = (
        "姓名",
        "性别",
        "界别",
        "政治面貌",
        "工作单位及职务",
        "政协职务",
        "专委会",
        "联络组",
        "联系电话",
        "状态",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MemberRow] = []
        self._search_texts: list[str] = []  # built once per load, not per keystroke
        self._ranks: dict[int, list[int]] = {}
        self._name_ranks: list[int] = []  # each row's place in the service's order
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Iterable[MemberRow]) -> None:
        """Members in the order the service gives: the office's chosen order (姓氏笔画,
        拼音 or 名单顺序, app.members.member_order). Sorting by 姓名 is that order."""
        self.beginResetModel()
        self._rows = list(rows)
        self._search_texts = [member.search_text for member in self._rows]
        self._name_ranks = list(range(len(self._rows)))
        self._ranks = {}
        if self._sorted_by[0] >= 0:  # a reload keeps the order the clerk chose
            self._reorder(self._new_order(*self._sorted_by))
        self.endResetModel()

    def ranks(self, column: int) -> list[int]:
        """Each row's place when sorted by the column: 姓名 in the chosen order, the other
        columns by their text's pinyin, ties in the chosen order."""
        if column == self.NAME:
            return self._name_ranks
        ranks = self._ranks.get(column)
        if ranks is None:
            keys: list[Any] = [CHINESE.sortKey(self.text(m, column)) for m in self._rows]
            keys = list(zip(keys, self._name_ranks, strict=True))
            ranks = [0] * len(keys)
            for place, row in enumerate(sorted(range(len(keys)), key=keys.__getitem__)):
                ranks[row] = place
            self._ranks[column] = ranks
        return ranks

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows themselves (column -1: by name).

        Sorting here rather than in the proxy keeps filtering free of
        comparisons: clearing the search over 5,000 sorted members would
        otherwise compare rows through Python some 60,000 times.
        """
        self._sorted_by = (column, order)
        new_order = self._new_order(column, order)
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        place = [0] * len(new_order)
        for new_row, old_row in enumerate(new_order):
            place[old_row] = new_row
        self._reorder(new_order)
        self.changePersistentIndexList(kept, [self.index(place[i.row()], i.column()) for i in kept])
        self.layoutChanged.emit()

    def _new_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        ranks = self.ranks(column if column >= 0 else self.NAME)
        ascending = sorted(range(len(ranks)), key=ranks.__getitem__)
        if order == Qt.SortOrder.AscendingOrder or column < 0:
            return ascending
        # Descending by the column, but members with the same value stay in name order.
        runs: list[list[int]] = []
        for row in ascending:
            text = self.text(self._rows[row], column)
            if runs and self.text(self._rows[runs[-1][0]], column) == text:
                runs[-1].append(row)
            else:
                runs.append([row])
        return [row for run in reversed(runs) for row in run]

    def _reorder(self, new_order: list[int]) -> None:
        self._rows = [self._rows[i] for i in new_order]
        self._search_texts = [self._search_texts[i] for i in new_order]
        self._ranks = {c: [r[i] for i in new_order] for c, r in self._ranks.items()}
        self._name_ranks = [self._name_ranks[i] for i in new_order]

    @property
    def rows(self) -> list[MemberRow]:
        return self._rows

    @property
    def search_texts(self) -> list[str]:
        return self._search_texts

    def member(self, row: int) -> MemberRow:
        return self._rows[row]

    def row_of(self, uuid: str) -> int:
        return next((i for i, member in enumerate(self._rows) if member.uuid == uuid), -1)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        member = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self.text(member, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(member, column)
        if role == Qt.ItemDataRole.ForegroundRole and member.status is not MembershipStatus.ACTIVE:
            return QBrush(LEFT_COLOUR)
        return None

    def text(self, member: MemberRow, column: int) -> str:
        if column == self.NAME:
            return member.name
        if column == self.SEX:
            return member.sex
        if column == self.SECTOR:
            return member.sector
        if column == self.PARTY:
            return member.party
        if column == self.EMPLOYER:
            return member.employer
        if column == self.ROLE:
            return member.role_label
        if column == self.COMMITTEES:
            return "、".join(member.committees)
        if column == self.LIAISON_GROUP:
            return member.liaison_group
        if column == self.PHONE:
            return member.phone_masked
        return status_text(member)

    def _tooltip(self, member: MemberRow, column: int) -> str | None:
        if column in (self.EMPLOYER, self.COMMITTEES):
            return self.text(member, column) or None
        if column == self.STATUS and member.status is not MembershipStatus.ACTIVE:
            return "已离任：仍保留档案和履职记录。"
        return None


def status_text(member: MemberRow) -> str:
    """在任, or how and when the member left: 调离（2025.06.30）."""
    if member.status is MembershipStatus.ACTIVE or member.status_date is None:
        return member.status_label
    return f"{member.status_label}（{day_text(member.status_date)}）"


class StatusFilter(enum.Enum):
    ACTIVE = "在任"
    LEFT = "已离任"
    ALL = "全部"


@dataclass(frozen=True)
class MemberFilter:
    """What the clerk asked to see; empty strings mean "any"."""

    text: str = ""
    sector: str = ""
    committee: str = ""
    liaison_group: str = ""
    standing_only: bool = False
    status: StatusFilter = StatusFilter.ACTIVE

    @property
    def words(self) -> list[str]:
        """Search words, all of which must occur (full-width typed text accepted)."""
        return clean_text(self.text).lower().split()

    @property
    def narrows(self) -> bool:
        """True when anything beyond the default (在任, everyone) is asked for."""
        return self != MemberFilter()

    def accepts(self, member: MemberRow) -> bool:
        return self.matcher()(member, member.search_text)

    def matcher(self) -> Callable[[MemberRow, str], bool]:
        """A test for one row, with the words and choices worked out once."""
        words = self.words
        status, sector, committee = self.status, self.sector, self.committee
        group, standing_only = self.liaison_group, self.standing_only
        active = MembershipStatus.ACTIVE

        def accepts(member: MemberRow, text: str) -> bool:
            if status is not StatusFilter.ALL and (member.status is active) != (
                status is StatusFilter.ACTIVE
            ):
                return False
            if sector and member.sector != sector:
                return False
            if committee and committee not in member.committees:
                return False
            if group and member.liaison_group != group:
                return False
            if standing_only and not member.is_standing:
                return False
            return all(word in text for word in words)

        return accepts


class MemberFilterProxy(QSortFilterProxyModel):
    """Search (name, unit) and filters over MemberTableModel.

    The accepted rows are worked out in one Python pass when the filter
    changes; filterAcceptsRow then only looks them up.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = MemberFilter()
        self._accepted: list[bool] | None = None  # None: to be worked out again
        self.setDynamicSortFilter(False)  # the model is reset on reload, never edited

    @property
    def current_filter(self) -> MemberFilter:
        return self._filter

    def set_filter(self, wanted: MemberFilter) -> None:
        if wanted == self._filter:
            return
        self.beginFilterChange()
        self._filter = wanted
        self._accepted = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.set_filter(replace(self._filter, text=text))

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        old = self.sourceModel()
        if old is not None:
            old.modelAboutToBeReset.disconnect(self._forget)
            old.layoutAboutToBeChanged.disconnect(self._forget)
        self._accepted = None
        # Connected before the proxy's own handling of the change that follows.
        model.modelAboutToBeReset.connect(self._forget)
        model.layoutAboutToBeChanged.connect(self._forget)
        super().setSourceModel(model)

    def _forget(self, *_change: object) -> None:
        self._accepted = None

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._accepted is None:
            model = self.sourceModel()
            assert isinstance(model, MemberTableModel)
            accepts = self._filter.matcher()
            self._accepted = list(map(accepts, model.rows, model.search_texts))
        return self._accepted[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks sort the source model; the proxy itself only filters."""
        model = self.sourceModel()
        if isinstance(model, MemberTableModel):
            model.sort(column, order)

    def member(self, proxy_row: int) -> MemberRow:
        model = self.sourceModel()
        assert isinstance(model, MemberTableModel)
        return model.member(self.mapToSource(self.index(proxy_row, 0)).row())

    def proxy_row_of(self, uuid: str) -> int:
        model = self.sourceModel()
        assert isinstance(model, MemberTableModel)
        source_row = model.row_of(uuid)
        if source_row < 0:
            return -1
        return self.mapFromSource(model.index(source_row, 0)).row()
