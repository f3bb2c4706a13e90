"""五个一考核 table: members × the five duties (✓/✗ with counts), and its filters.

The year's results are loaded once into FiveOnesTableModel; the filters
(界别, 专委会, 联络组, 只看未达标) only re-filter the proxy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
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

from app.five_ones.check import Criterion, MemberResult

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
MISSED_TEXT = QColor("#b3261e")
MISSED_BACKGROUND = QColor("#fbe3e4")
MET_TEXT = QColor("#1e7b34")
NOT_APPLICABLE_TEXT = QColor("#8a8f98")  # 不适用: neither met nor missed
# Text columns other than 姓名 sort by pinyin whatever the system's locale.
CHINESE = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))

CRITERIA = tuple(Criterion)
# Two-line headers keep eleven columns readable at 1,000 pixels.
CRITERION_HEADERS = {
    Criterion.PLENARY: "参加\n全体会议",
    Criterion.PROPOSAL: "提交\n提案",
    Criterion.SOCIAL_INFO: "报送\n社情民意",
    Criterion.ACTIVITY: "参加\n政协活动",
    Criterion.SPEECH_OR_REPORT: "大会发言或\n调研视察报告",
}


def mark(met: bool) -> str:
    return "✓" if met else "✗"


class FiveOnesTableModel(QAbstractTableModel):
    NAME, SECTOR, COMMITTEES, LIAISON_GROUP = range(4)
    FIRST_CRITERION = 4
    ALL_MET = FIRST_CRITERION + len(CRITERIA)
    NOTES = ALL_MET + 1
    HEADERS = (
        "姓名",
        "界别",
        "专委会",
        "联络组",
        *(CRITERION_HEADERS[c] for c in CRITERIA),
        "全部达到",
        "备注",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._members: list[MemberResult] = []
        self._places: dict[int, int] = {}

    def set_members(self, members: Iterable[MemberResult]) -> None:
        """Members in the order the check gives: the office's chosen order (姓氏笔画, 拼音
        or 名单顺序, app.members.member_order); sorting by 姓名 is that order too."""
        self.beginResetModel()
        self._members = list(members)
        self._places = {id(m): place for place, m in enumerate(self._members)}
        self.endResetModel()

    @property
    def members(self) -> list[MemberResult]:
        return self._members

    def member(self, row: int) -> MemberResult:
        return self._members[row]

    def criterion(self, column: int) -> Criterion | None:
        offset = column - self.FIRST_CRITERION
        return CRITERIA[offset] if 0 <= offset < len(CRITERIA) else None

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            criterion = self.criterion(section)
            return f"{criterion.label}：双击单元格查看依据" if criterion else None
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        member = self._members[index.row()]
        column = index.column()
        met = self._met(member, column)
        if role == DISPLAY:
            return self.text(member, column)
        if role == SORT_ROLE:
            return self._sort_value(member, column)
        if role == Qt.ItemDataRole.ForegroundRole and met is not None:
            if not self._applies(member, column):
                return QBrush(NOT_APPLICABLE_TEXT)
            return QBrush(MET_TEXT if met else MISSED_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole and met is False:
            return QBrush(MISSED_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and met is not None:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(member, column)
        return None

    def text(self, member: MemberResult, column: int) -> str:
        criterion = self.criterion(column)
        if criterion is not None:
            result = member.result(criterion)
            if not result.applicable:
                return result.verdict
            return f"{mark(result.met)} {result.count}"
        return {
            self.NAME: member.name,
            self.SECTOR: member.sector,
            self.COMMITTEES: "、".join(member.committees),
            self.LIAISON_GROUP: member.liaison_group,
            self.ALL_MET: "是" if member.all_met else "否",
            self.NOTES: member.notes,
        }[column]

    def _met(self, member: MemberResult, column: int) -> bool | None:
        if column == self.ALL_MET:
            return member.all_met
        criterion = self.criterion(column)
        return member.result(criterion).met if criterion is not None else None

    def _applies(self, member: MemberResult, column: int) -> bool:
        criterion = self.criterion(column)
        return criterion is None or member.result(criterion).applicable

    def _sort_value(self, member: MemberResult, column: int) -> Any:
        criterion = self.criterion(column)
        if criterion is not None:
            result = member.result(criterion)
            return (int(result.met), result.count)
        if column == self.ALL_MET:
            return (int(member.all_met), 5 - len(member.shortfalls))
        if column == self.NAME:
            return self._places[id(member)]
        return CHINESE.sortKey(self.text(member, column))

    def _tooltip(self, member: MemberResult, column: int) -> str | None:
        criterion = self.criterion(column)
        if criterion is None:
            return member.notes or None if column == self.NOTES else None
        result = member.result(criterion)
        lines = [f"{e.day_text} {e.title}" for e in result.evidence[:5]]
        if len(result.evidence) > 5:
            lines.append(f"……共 {len(result.evidence)} 项")
        head = f"{member.name} · {criterion.label}：{result.verdict}"
        return "\n".join([head, *lines, "（双击查看依据）"])


@dataclass(frozen=True)
class FiveOnesFilter:
    sector: str = ""  # "" = all
    committee: str = ""
    liaison_group: str = ""
    only_short: bool = False

    @property
    def active(self) -> bool:
        return bool(self.sector or self.committee or self.liaison_group or self.only_short)

    def accepts(self, member: MemberResult) -> bool:
        return (
            (not self.sector or member.sector == self.sector)
            and (not self.committee or self.committee in member.committees)
            and (not self.liaison_group or member.liaison_group == self.liaison_group)
            and (not self.only_short or not member.all_met)
        )


class FiveOnesFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = FiveOnesFilter()
        self.setSortRole(SORT_ROLE)

    @property
    def current_filter(self) -> FiveOnesFilter:
        return self._filter

    def set_filter(self, value: FiveOnesFilter) -> None:
        self.beginFilterChange()
        self._filter = value
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def table(self) -> FiveOnesTableModel:
        model = self.sourceModel()
        assert isinstance(model, FiveOnesTableModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        return self._filter.accepts(self.table().member(source_row))

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))

    def visible_members(self) -> list[MemberResult]:
        table = self.table()
        return [
            table.member(self.mapToSource(self.index(r, 0)).row()) for r in range(self.rowCount())
        ]

    def member_at(self, index: AnyIndex) -> tuple[MemberResult, Criterion | None]:
        source = self.mapToSource(index) if isinstance(index, QModelIndex) else index
        table = self.table()
        return table.member(source.row()), table.criterion(source.column())


def sorted_choices(values: Iterable[str]) -> list[str]:
    return sorted({v for v in values if v}, key=CHINESE.sortKey)
