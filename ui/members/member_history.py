"""The read-only parts of a member file: seats in each term, and duty records by year."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from app.common.text import day_text
from app.members.labels import MembershipStatus
from app.members.member_files import MembershipItem
from app.records.member_records import DutyRecordItem

MEMBERSHIP_COLUMNS = ("届次", "政协职务", "起始", "状态")
RECORD_COLUMNS = ("日期", "类别", "名称", "情况")
NO_RECORDS_TEXT = (
    "暂无履职记录。在“履职记录”页登记会议活动出席、社情民意信息、大会发言和"
    "调研视察报告后，会按年度显示在这里。"
)


def seat_status_text(item: MembershipItem) -> str:
    if item.status is MembershipStatus.ACTIVE or item.status_date is None:
        return item.status_label
    return f"{item.status_label}（{day_text(item.status_date)}）"


class MembershipsView(QTreeView):
    """One row per term the member sits (or sat) in, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("membershipsView")
        model = QStandardItemModel(0, len(MEMBERSHIP_COLUMNS), self)
        model.setHorizontalHeaderLabels(list(MEMBERSHIP_COLUMNS))
        self.setModel(model)
        self.setRootIsDecorated(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def show_memberships(self, items: tuple[MembershipItem, ...]) -> None:
        model = self.model()
        assert isinstance(model, QStandardItemModel)
        model.removeRows(0, model.rowCount())
        for item in items:
            start = f"{day_text(item.start_date)}（增补）" if item.start_date else "自本届开始"
            model.appendRow(
                [
                    QStandardItem(item.term_text),
                    QStandardItem(item.role_label),
                    QStandardItem(start),
                    QStandardItem(seat_status_text(item)),
                ]
            )


class RecordsByYear(QTreeView):
    """履职记录: a row per year (newest first) with what was done under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordsByYear")
        model = QStandardItemModel(0, len(RECORD_COLUMNS), self)
        model.setHorizontalHeaderLabels(list(RECORD_COLUMNS))
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setUniformRowHeights(True)
        header = self.header()
        header.resizeSection(0, 130)
        header.resizeSection(1, 110)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(3, 240)

    def show_records(self, records: list[DutyRecordItem]) -> None:
        model = self.model()
        assert isinstance(model, QStandardItemModel)
        model.removeRows(0, model.rowCount())
        ordered = sorted(records, key=lambda r: (r.year, r.day), reverse=True)
        for year, group in groupby(ordered, key=lambda r: r.year):
            model.appendRow(_year_row(year, list(group)))
        if not records:
            model.appendRow([_placeholder(NO_RECORDS_TEXT)])
        for row in range(model.rowCount()):
            self.setFirstColumnSpanned(row, QModelIndex(), True)
        self.expandAll()

    def year_titles(self) -> list[str]:
        model = self.model()
        return [model.index(row, 0).data() for row in range(model.rowCount())]


def year_title(year: int, records: list[DutyRecordItem]) -> str:
    """2025年　共 6 项：全体会议 1，视察 2，社情民意 3."""
    counts = Counter(r.kind_label for r in records)
    detail = "，".join(f"{kind} {n}" for kind, n in counts.items())
    return f"{year}年　共 {len(records)} 项：{detail}"


def _year_row(year: int, records: list[DutyRecordItem]) -> list[QStandardItem]:
    head = QStandardItem(year_title(year, records))
    font = head.font()
    font.setBold(True)
    head.setFont(font)
    for record in records:
        cells = [
            QStandardItem(day_text(record.day)),
            QStandardItem(record.kind_label),
            QStandardItem(record.title),
            QStandardItem(record.detail),
        ]
        for cell in cells[2:]:
            cell.setToolTip(cell.text())  # long titles and co-signer lists are cut short
        head.appendRow(cells)
    return [head, QStandardItem(), QStandardItem(), QStandardItem()]


def _placeholder(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setForeground(Qt.GlobalColor.darkGray)
    return item
