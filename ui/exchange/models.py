"""The columns of the exchange page's lists (partners, files on the stick, history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.common.text import day_text
from app.exchange.history import HistoryRow, PartnerStatus
from ui.common.tables import CENTRE, RIGHT, Column, ColumnTableModel

KIND_OF_SUFFIX = {".cppccx": "交换文件", ".cppccr": "回执", ".cppcccard": "单位名片"}
RESULT_LABELS = {"sent": "已写入", "applied": "已导入", "read": "已读取", "refused": "未导入"}
CHECKING = "正在核对…"  # a stick file's 状态 until its hash is compared with the history


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "—"


def _day(value: datetime | None) -> str:
    return day_text(value.astimezone().date()) if value else "—"


def partner_model() -> ColumnTableModel[PartnerStatus]:
    columns: tuple[Column[PartnerStatus], ...] = (
        Column("单位", lambda p: p.name),
        Column("代码", lambda p: p.code, CENTRE),
        Column("指纹", lambda p: p.fingerprint),
        Column(
            "已发出",
            lambda p: (
                f"第 {p.last_sent} 号（{_day(p.last_sent_at)}）" if p.last_sent else "尚未发出"
            ),
        ),
        Column(
            "待对方回执",
            lambda p: "、".join(f"第 {n} 号" for n in p.waiting) if p.waiting else "无",
            tooltip=lambda p: "对方导入后会给回执；带回并导入回执后，下次只发送新的变化。",
        ),
        Column("已收到", lambda p: f"第 {p.applied} 号" if p.applied else "尚未收到", CENTRE),
        Column(
            "对方最新文件",
            lambda p: _day(p.last_file_created),
            CENTRE,
            tooltip=lambda p: "对方制作最近一份已导入文件的日期",
        ),
    )
    return ColumnTableModel(columns, key=lambda p: p.uuid)


@dataclass(frozen=True)
class StickFile:
    path: Path
    shown_name: str  # relative to the stick
    note: str = ""  # whose file it is, by its name
    state: str = CHECKING  # taken in here already? (app.exchange.history.file_states)
    new: bool = False  # … not yet: the file the clerk is looking for

    @property
    def kind(self) -> str:
        return KIND_OF_SUFFIX.get(self.path.suffix.lower(), "")

    @property
    def size_text(self) -> str:
        try:
            size = self.path.stat().st_size
        except OSError:
            return "—"
        return (
            f"{max(1, round(size / 1024))} KB" if size < 1 << 20 else f"{size / (1 << 20):.1f} MB"
        )


def stick_model() -> ColumnTableModel[StickFile]:
    columns: tuple[Column[StickFile], ...] = (
        Column("文件", lambda f: f.shown_name),
        Column("类型", lambda f: f.kind, CENTRE),
        Column("说明", lambda f: f.note),
        Column(
            "状态",
            lambda f: f.state,
            CENTRE,
            tooltip=lambda f: (
                f"{f.state}：再次导入不会重复添加记录，也不会多写回执（沿用U盘上已有的回执）。"
                if f.state.startswith("已导入")
                else f.state
            ),
        ),
        Column("大小", lambda f: f.size_text, RIGHT),
    )
    return ColumnTableModel(columns, key=lambda f: str(f.path))


def history_model() -> ColumnTableModel[HistoryRow]:
    columns: tuple[Column[HistoryRow], ...] = (
        Column("时间", lambda h: _when(h.recorded_at), sort_value=lambda h: h.recorded_at),
        Column("类型", lambda h: h.kind_label, CENTRE),
        Column("单位", lambda h: h.partner),
        Column("编号", lambda h: f"第 {h.sequence} 号" if h.sequence else "", CENTRE),
        Column("结果", lambda h: RESULT_LABELS.get(h.result, h.result), CENTRE),
        Column("内容", lambda h: h.summary),
        Column("文件", lambda h: h.file_name, tooltip=lambda h: f"SHA-256：{h.file_sha256}"),
    )
    return ColumnTableModel(columns, key=lambda h: f"{h.recorded_at}{h.file_name}{h.kind}")


def list_table(model: object, name: str, stretch: int) -> QTableView:
    """A read-only list: whole rows, one at a time, columns fitted, `stretch` taking the rest."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
