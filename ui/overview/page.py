"""概况: the office, its current term and plenary sessions, lists, partner offices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.common.storage import Database
from app.common.text import day_text
from app.overview.overview import Overview, load_overview
from ui.common.widgets import Page


class OverviewPage(Page):
    title = "概况"
    hint = "本单位的基本情况、当前届次和各项基础名录。"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.office_box = QGroupBox("本单位")
        self.office_form = QFormLayout(self.office_box)
        self.term_box = QGroupBox("当前届次与全体会议")
        self.term_layout = QVBoxLayout(self.term_box)
        self.duty_box = QGroupBox("委员与履职")
        self.duty_grid = QGridLayout(self.duty_box)
        self.lists_box = QGroupBox("基础名录（在用条目数）")
        self.lists_grid = QGridLayout(self.lists_box)
        self.partners_box = QGroupBox("往来单位")
        self.partners_layout = QVBoxLayout(self.partners_box)

        # The boxes scroll: squeezed into the 1200×688 window a 1366×768 screen with a
        # task bar opens, they cut their own text (a city lists ten partner offices).
        content = QWidget()
        content.setObjectName("overviewContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.office_box, 1)
        top.addWidget(self.term_box, 1)
        column.addLayout(top)
        column.addWidget(self.duty_box)
        column.addWidget(self.lists_box)
        column.addWidget(self.partners_box)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("overviewScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        self.scroll.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        self.page_layout.addWidget(self.scroll, 1)

    def refresh(self) -> None:
        self.show_overview(load_overview(self.database))

    def show_overview(self, overview: Overview) -> None:
        _clear(self.office_form)
        info = overview.office
        self.office_form.addRow("单位名称：", _value(info.name))
        self.office_form.addRow("级别：", _value(info.level_label))
        self.office_form.addRow("行政区划代码：", _value(info.division_code))
        backup = overview.last_backup
        self.office_form.addRow(
            "最近备份：", _value(f"{backup:%Y-%m-%d %H:%M}" if backup else "尚无备份")
        )
        self.office_form.addRow("数据文件：", _value(str(overview.database_path)))

        _clear(self.term_layout)
        term = overview.current_term
        self.term_layout.addWidget(_value(term.label if term else "尚未设置届次", bold=True))
        if term and term.sessions:
            for plenary in term.sessions:
                dates = (
                    f"{day_text(plenary.start_date)} 至 {day_text(plenary.end_date)}"
                    if plenary.start_date and plenary.end_date
                    else "日期未填"
                )
                self.term_layout.addWidget(QLabel(f"{plenary.label}　{dates}"))
        else:
            empty = QLabel("本届尚未登记全体会议。可在“系统设置 → 届次与会议”中登记。")
            empty.setObjectName("pageHint")
            empty.setWordWrap(True)
            self.term_layout.addWidget(empty)
        self.term_layout.addStretch(1)

        _clear(self.duty_grid)
        for index, (label, count) in enumerate(overview.duty_figures.items()):
            self.duty_grid.addWidget(_stat_card(label, count), 0, index)

        _clear(self.lists_grid)
        # Compact: the lists matter less than the members, and the page must fit 768 px.
        for index, (label, count) in enumerate(overview.dictionary_sizes.items()):
            self.lists_grid.addWidget(QLabel(f"{label}：{count} 项"), index // 4, index % 4)

        _clear(self.partners_layout)
        if overview.partners:
            for partner in overview.partners:
                self.partners_layout.addWidget(
                    QLabel(f"{partner.name}　{partner.level_label}　{partner.division_code}")
                )
        else:
            empty = QLabel("尚无往来单位。与市政协交换数据文件后，对方单位会出现在这里。")
            empty.setObjectName("pageHint")
            self.partners_layout.addWidget(empty)


def _value(text: str, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    if bold:
        font = label.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 2)
        label.setFont(font)
    return label


def _stat_card(label: str, count: int) -> QFrame:
    card = QFrame()
    card.setObjectName("statCard")
    card.setMinimumHeight(78)
    layout = QVBoxLayout(card)
    number = QLabel(str(count))
    number.setObjectName("statNumber")
    caption = QLabel(label)
    caption.setObjectName("statLabel")
    layout.addWidget(number)
    layout.addWidget(caption)
    return card


def _clear(layout: QFormLayout | QGridLayout | QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
