"""The attendance list of one activity: every member of the current term with
出席 / 请假 / 缺席 or not on the list; a click on a status cell sets it.

Members who were not in office on the activity's date (joined later through
增补, or left before) are greyed and left out of “全部出席”.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.common.text import day_text
from app.members.labels import MembershipStatus
from app.members.member_files import MemberRow
from app.records.activities import AttendanceLine
from app.records.labels import ATTENDANCE_LABELS, AttendanceStatus

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
_ROOT = QModelIndex()
MARK = "●"
GREY = QColor("#8a8f98")
STATUS_COLOURS = {
    AttendanceStatus.PRESENT: QColor("#1e7b34"),
    AttendanceStatus.LEAVE: QColor("#b26a00"),
    AttendanceStatus.ABSENT: QColor("#b3261e"),
}


@dataclass(frozen=True)
class Candidate:
    """A member who can be put on the list."""

    uuid: str
    name: str
    sector: str = ""
    employer: str = ""
    is_standing: bool = False
    joined: date | None = None
    left: date | None = None
    left_label: str = ""  # 调离 / 辞去 …
    committees: tuple[str, ...] = ()  # 专委会, for the checklist's filter

    @classmethod
    def from_member(cls, row: MemberRow) -> Candidate:
        left = row.status is not MembershipStatus.ACTIVE
        return cls(
            uuid=row.uuid,
            name=row.name,
            sector=row.sector,
            employer=row.employer,
            is_standing=row.is_standing,
            joined=row.start_date,
            left=row.status_date if left else None,
            left_label=row.status_label if left else "",
            committees=row.committees,
        )

    def serves_on(self, day: date) -> bool:
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day < self.left
        )

    @property
    def search_text(self) -> str:
        return f"{self.name}\n{self.sector}\n{self.employer}".lower()


def candidates(members: list[MemberRow], listed: tuple[AttendanceLine, ...]) -> list[Candidate]:
    """The term's members, plus anyone already on the list from elsewhere (an earlier term)."""
    found = [Candidate.from_member(m) for m in members]
    known = {c.uuid for c in found}
    found += [
        Candidate(line.member_uuid, line.name) for line in listed if line.member_uuid not in known
    ]
    return found


class AttendanceModel(QAbstractTableModel):
    NAME, SECTOR, EMPLOYER, PRESENT, LEAVE, ABSENT = range(6)
    HEADERS = ("姓名", "界别", "工作单位及职务", "出席", "请假", "缺席")
    STATUS_OF_COLUMN: ClassVar[dict[int, AttendanceStatus]] = {
        PRESENT: AttendanceStatus.PRESENT,
        LEAVE: AttendanceStatus.LEAVE,
        ABSENT: AttendanceStatus.ABSENT,
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._people: list[Candidate] = []
        self._status: dict[str, AttendanceStatus] = {}
        self._day = date.today()

    def set_candidates(self, people: list[Candidate], status: dict[str, AttendanceStatus]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self._status = dict(status)
        self.endResetModel()

    def set_day(self, day: date) -> None:
        self._day = day
        self._changed_all()

    def candidate(self, row: int) -> Candidate:
        return self._people[row]

    def attendance(self) -> dict[str, AttendanceStatus]:
        return dict(self._status)

    def status_of(self, uuid: str) -> AttendanceStatus | None:
        return self._status.get(uuid)

    def counts(self) -> dict[AttendanceStatus | None, int]:
        counts: dict[AttendanceStatus | None, int] = dict.fromkeys([*AttendanceStatus, None], 0)
        for person in self._people:
            counts[self._status.get(person.uuid)] += 1
        return counts

    def toggle(self, row: int, status: AttendanceStatus) -> None:
        """Set the status; the same status again takes the member off the list."""
        uuid = self._people[row].uuid
        if self._status.get(uuid) is status:
            del self._status[uuid]
        else:
            self._status[uuid] = status
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def fill(self, rows: list[int], status: AttendanceStatus | None, only_unmarked: bool) -> int:
        """Set many rows at once; members not in office that day are skipped. Returns how many."""
        changed = 0
        for row in rows:
            person = self._people[row]
            if status is not None and not person.serves_on(self._day):
                continue
            if only_unmarked and person.uuid in self._status:
                continue
            if status is None:
                changed += self._status.pop(person.uuid, None) is not None
            elif self._status.get(person.uuid) is not status:
                self._status[person.uuid] = status
                changed += 1
        self._changed_all()
        return changed

    def _changed_all(self) -> None:
        if self._people:
            last = self.index(len(self._people) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        person = self._people[index.row()]
        column = index.column()
        status = self._status.get(person.uuid)
        column_status = self.STATUS_OF_COLUMN.get(column)
        if role == DISPLAY:
            if column_status is not None:
                return MARK if status is column_status else ""
            return self._text(person, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column_status is not None and status is column_status:
                return QBrush(STATUS_COLOURS[column_status])
            if not person.serves_on(self._day):
                return QBrush(GREY)
        if role == Qt.ItemDataRole.TextAlignmentRole and column_status is not None:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(person, column_status)
        return None

    def _text(self, person: Candidate, column: int) -> str:
        if column == self.NAME:
            return person.name + (f"（{person.left_label}）" if person.left_label else "")
        return person.sector if column == self.SECTOR else person.employer

    def _tooltip(self, person: Candidate, column_status: AttendanceStatus | None) -> str:
        if column_status is not None:
            return f"点击设为“{ATTENDANCE_LABELS[column_status]}”，再点一次移出名单"
        if person.joined is not None and person.joined > self._day:
            return f"{day_text(person.joined)} 增补为委员，活动时尚未任职"
        if person.left is not None and person.left <= self._day:
            return f"已于 {day_text(person.left)} {person.left_label}"
        return person.employer


def choices(people: list[Candidate]) -> tuple[list[str], list[str]]:
    """The sectors and committees the checklist can be filtered by, as they occur."""
    sectors = dict.fromkeys(p.sector for p in people if p.sector)
    committees = dict.fromkeys(c for p in people for c in p.committees)
    return list(sectors), list(committees)


class AttendanceFilter(QSortFilterProxyModel):
    """Search by name, sector or unit; by 界别 or 专委会; optionally only standing
    members (常委会会议) or only those on the list."""

    def __init__(self, source: AttendanceModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self._source = source
        self._text = ""
        self._standing_only = False
        self._listed_only = False
        self._sector = ""
        self._committee = ""

    def set_sector(self, sector: str) -> None:
        """Only members of this 界别 ("" for all)."""
        self.beginFilterChange()
        self._sector = sector
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_committee(self, committee: str) -> None:
        """Only members of this 专委会 ("" for all)."""
        self.beginFilterChange()
        self._committee = committee
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_standing_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._standing_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_listed_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._listed_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def source_rows(self) -> list[int]:
        return [self.mapToSource(self.index(r, 0)).row() for r in range(self.rowCount())]

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        person = self._source.candidate(source_row)
        if self._standing_only and not person.is_standing:
            return False
        if self._listed_only and self._source.status_of(person.uuid) is None:
            return False
        if self._sector and person.sector != self._sector:
            return False
        if self._committee and self._committee not in person.committees:
            return False
        return not self._text or self._text in person.search_text
