"""The columns of every proposal list, and one way to make a list's table.

Each list is a ColumnTableModel behind a SearchFilter (search over every column,
sort by a header click); a row dataclass from app.proposals per line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.common.text import day_text
from app.proposals.duplicates.similar import SimilarProposal
from app.proposals.handling.handling import DueItem
from app.proposals.handling.supervision import LedgerItem
from app.proposals.intake.leads import LeadRow
from app.proposals.views import (
    AssignmentView,
    AttachmentView,
    HistoryEntry,
    ProposalRow,
    SupervisionEntry,
)
from ui.common.tables import (
    CENTRE,
    RIGHT,
    AnyIndex,
    Column,
    ColumnTableModel,
    SearchFilter,
    stretch_readable,
)

Row = TypeVar("Row")
WARNING = QColor("#b3261e")
WIDEST_COLUMN = 220  # pixels; a longer text is elided (the tooltip shows it whole)
FITTED_ROWS = 200  # beyond those on screen, the rows a column's width is fitted to


def _units(units: tuple[str, ...]) -> str:
    return "、".join(units)


def _proposers(row: ProposalRow) -> str:
    if not row.co_signers:
        return row.proposer
    return f"{row.proposer}等{len(row.co_signers) + 1}人"


def local_time(moment: datetime) -> str:
    """A stored UTC moment as the clerk's clock shows it."""
    return f"{moment.astimezone():%Y-%m-%d %H:%M}"


PROPOSAL_COLUMNS: tuple[Column[ProposalRow], ...] = (
    Column("提案号", lambda r: r.number),
    Column("案由", lambda r: r.title),
    Column("提案人", _proposers, tooltip=lambda r: r.signers_text),
    Column("提出方式", lambda r: r.submitter_label),
    Column("类别", lambda r: r.category),
    Column("状态", lambda r: r.stage),
    Column("承办单位", lambda r: _units(r.units)),
    Column("结果", lambda r: r.result, CENTRE, tooltip=lambda r: f"办理结果：{r.result}"),
    Column("重点", lambda r: "★" if r.is_key else "", CENTRE),
)
# The list's narrower columns (pixels): the title gets the room.
PROPOSAL_LIMITS = {2: 110, 3: 80, 4: 80, 5: 120, 6: 190, 7: 56, 8: 44}

SIMILAR_COLUMNS: tuple[Column[SimilarProposal], ...] = (
    Column("", lambda r: "可能重复" if r.likely_duplicate else ""),
    Column("年度", lambda r: str(r.year), CENTRE, sort_value=lambda r: r.year),
    Column("提案号", lambda r: r.number),
    Column("案由", lambda r: r.title),
    Column("提案人", lambda r: r.proposer),
    Column("办理情况", lambda r: "、".join(t for t in (r.stage, r.result) if t)),
    Column("相似度", lambda r: f"{r.score:.2f}", RIGHT, sort_value=lambda r: r.score),
)


def _days_left(item: DueItem) -> str:
    if item.days_left < 0:
        return f"逾期{-item.days_left}天"
    return "今天到期" if item.days_left == 0 else f"剩{item.days_left}天"


DUE_COLUMNS: tuple[Column[DueItem], ...] = (
    Column("提案号", lambda r: r.number),
    Column("案由", lambda r: r.title),
    Column("提案人", lambda r: r.proposer),
    Column("承办单位", lambda r: r.unit_name),
    Column("方式", lambda r: r.role_label, CENTRE),
    Column("交办日期", lambda r: day_text(r.assigned_on)),
    Column("办理期限", lambda r: day_text(r.due)),
    Column("状态", _days_left, RIGHT, sort_value=lambda r: r.days_left),
    Column("重点", lambda r: "★" if r.is_key else "", CENTRE),
)

LEDGER_COLUMNS: tuple[Column[LedgerItem], ...] = (
    Column("年度", lambda r: str(r.year), CENTRE, sort_value=lambda r: r.year),
    Column("提案号", lambda r: r.number),
    Column("案由", lambda r: r.title),
    Column("承办单位", lambda r: r.unit_name),
    Column("列入原因", lambda r: r.reason),
    Column("结果", lambda r: r.result_class, CENTRE),
    Column("评价", lambda r: r.satisfaction),
    Column("督办领导", lambda r: r.supervisor),
    Column("最近督办", lambda r: day_text(r.last_supervised)),
    Column(
        "结转",
        lambda r: f"{r.years_carried}年" if r.years_carried else "",
        RIGHT,
        sort_value=lambda r: r.years_carried,
    ),
    Column("销号", lambda r: day_text(r.closed_on), tooltip=lambda r: r.closing_note),
)

LEAD_COLUMNS: tuple[Column[LeadRow], ...] = (
    Column("年度", lambda r: str(r.year), CENTRE, sort_value=lambda r: r.year),
    Column("线索题目", lambda r: r.title, tooltip=lambda r: r.content or r.title),
    Column(
        "来源", lambda r: r.source_label + (f"（{r.source_detail}）" if r.source_detail else "")
    ),
    Column("收集日期", lambda r: day_text(r.collected_on)),
    Column("列入参考题目", lambda r: "✓" if r.published else "", CENTRE),
    Column("引用提案", lambda r: str(r.proposals or ""), RIGHT, sort_value=lambda r: r.proposals),
)


def _rating(a: AssignmentView) -> str:
    if a.satisfaction is None:
        return ""
    return a.satisfaction_label + (
        f"（{a.satisfaction_comment}）" if a.satisfaction_comment else ""
    )


def _status(a: AssignmentView) -> str:
    """办理中 past its deadline says so where the reply is entered (as 催办 words it)."""
    today = date.today()
    if a.overdue_on(today):
        return f"{a.status_label}（逾期{(today - a.due).days}天）"
    return a.status_label


def _deadline(a: AssignmentView) -> str:
    return day_text(a.due) + ("（已延期）" if a.extended_to else "")


ASSIGNMENT_COLUMNS: tuple[Column[AssignmentView], ...] = (
    Column("承办单位", lambda r: r.unit_name),
    Column("方式", lambda r: r.role_label, CENTRE),
    Column("轮次", lambda r: f"第{r.round}轮", CENTRE, sort_value=lambda r: r.round),
    Column("交办日期", lambda r: day_text(r.assigned_on)),
    Column(
        "办理期限",
        _deadline,
        tooltip=lambda r: f"延期理由：{r.extension_reason}" if r.extended_to else _deadline(r),
    ),
    Column(
        "办前沟通", lambda r: " ".join(t for t in (day_text(r.contacted_on), r.contact_way) if t)
    ),
    Column("答复日期", lambda r: day_text(r.replied_on)),
    Column("结果", lambda r: r.result_class, CENTRE, tooltip=lambda r: r.result_label),
    Column("提案人评价", _rating),
    Column(
        "状态",
        _status,
        tooltip=lambda r: f"退回理由：{r.return_reason}" if r.returned_on else _status(r),
    ),
)

SUPERVISION_COLUMNS: tuple[Column[SupervisionEntry], ...] = (
    Column("日期", lambda r: day_text(r.on_date)),
    Column("督办形式", lambda r: r.form),
    Column("督办领导", lambda r: r.leader),
    Column("督办情况", lambda r: r.content),
)


def _size(view: AttachmentView) -> str:
    if view.size < 1024 * 1024:
        return f"{max(1, round(view.size / 1024))} KB"
    return f"{view.size / 1024 / 1024:.1f} MB"


ATTACHMENT_COLUMNS: tuple[Column[AttachmentView], ...] = (
    Column("用途", lambda r: r.purpose_label),
    Column("文件名", lambda r: r.original_name),
    Column("大小", _size, RIGHT, sort_value=lambda r: r.size),
)

HISTORY_COLUMNS: tuple[Column[HistoryEntry], ...] = (
    Column(
        "日期",
        lambda r: day_text(r.on_date) or f"{r.recorded_at.astimezone():%Y-%m-%d}",
        sort_value=lambda r: (r.on_date or r.recorded_at.date(), r.recorded_at),
    ),
    Column("事项", lambda r: r.text),
    Column("操作人", lambda r: r.operator or "（未填写）"),
    Column("记录时间", lambda r: local_time(r.recorded_at)),
)


class SimilarTableModel(ColumnTableModel[SimilarProposal]):
    """Likely duplicates stand out in red."""

    def __init__(self) -> None:
        super().__init__(SIMILAR_COLUMNS, key=lambda r: r.uuid)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(WARNING) if self.row(index.row()).likely_duplicate else None
        return super().data(index, role)


def model_of(columns: tuple[Column[Row], ...], key: Callable[[Row], str]) -> ColumnTableModel[Row]:
    return ColumnTableModel(columns, key=key)


# 案由 and the like keep this much room ("关…" at 125 % display scaling before).
STRETCH_MINIMUM = 240


def make_table(
    name: str,
    model: ColumnTableModel[Any],
    stretch: int,
    parent_filter: SearchFilter | None = None,
    widest: int = WIDEST_COLUMN,
    limits: dict[int, int] | None = None,
) -> tuple[QTableView, SearchFilter]:
    """A read-only, row-selecting table over `model`, sortable by a header click. Columns
    fit their contents up to `widest` pixels (the full text in the tooltip); the
    `stretch` column (the title, mostly) takes the rest. `limits`: narrower caps for
    some columns."""
    search = parent_filter or SearchFilter()
    search.setSourceModel(model)
    table = QTableView()
    table.setObjectName(name)
    table.setModel(search)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    stretch_readable(table, stretch, STRETCH_MINIMUM)  # a narrow window scrolls sideways
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the loaded order first
    table.setSortingEnabled(True)

    # Fitted to the rows on screen and FITTED_ROWS more: with Qt's 1,000 the city's
    # 20,000-row list spent 0.3–0.6 s in fitting each time its rows came.
    header.setResizeContentsPrecision(FITTED_ROWS)

    def fit() -> None:
        for column in range(model.columnCount()):
            if column != stretch:
                table.resizeColumnToContents(column)
                cap = (limits or {}).get(column, widest)
                table.setColumnWidth(column, min(table.columnWidth(column), cap))

    if model.parent() is None:
        model.setParent(table)  # the fitting goes with the table
    model.modelReset.connect(fit)
    fit()
    return table, search


def selected_row(
    table: QTableView, search: SearchFilter, model: ColumnTableModel[Row]
) -> Row | None:
    rows = table.selectionModel().selectedRows()
    return model.row(search.mapToSource(rows[0]).row()) if rows else None


def select_key(
    table: QTableView, search: SearchFilter, model: ColumnTableModel[Any], key: str
) -> None:
    row = model.row_of(key)
    if row < 0:
        return
    shown = search.mapFromSource(model.index(row, 0))
    if shown.isValid():
        table.selectRow(shown.row())
        table.scrollTo(shown)
