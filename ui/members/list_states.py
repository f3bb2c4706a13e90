"""What the member list shows instead of the table: no members yet, nothing
matching the filters; and the notice bar over the table (with 撤销删除)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.common.newest_read import LOADING

EMPTY_HEADING = "本届还没有委员档案"
EMPTY_TEXT = (
    "可以点“新增委员”逐个录入，也可以点“从Excel导入”直接导入办公室现有的委员名册"
    "（常见的标题行、合并单元格、各种日期写法都能识别）。"
)
NO_MATCH_TEXT = "没有符合条件的委员。"
NOTICE_STYLE = "#noticeBar { background: #fff7e0; border: 1px solid #f0d58a; border-radius: 4px; }"


def make_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    pushed = QPushButton(text)
    pushed.setObjectName(name)
    pushed.clicked.connect(slot)
    return pushed


def notice_bar(notice: QLabel, undo: QPushButton) -> QFrame:
    bar = QFrame()
    bar.setObjectName("noticeBar")
    bar.setStyleSheet(NOTICE_STYLE)
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(10, 4, 6, 4)
    layout.addWidget(notice, 1)
    layout.addWidget(undo)
    bar.hide()
    return bar


def empty_state(add: Callable[[], object], load: Callable[[], object]) -> QWidget:
    """No members in the term: how to start (add one, or import the office's roster)."""
    box = QFrame()
    box.setObjectName("emptyState")
    heading = QLabel(EMPTY_HEADING)
    heading.setObjectName("emptyHeading")
    heading.setStyleSheet("font-size: 13pt; font-weight: bold; color: #1f2329;")
    text = QLabel(EMPTY_TEXT)
    text.setObjectName("emptyText")
    text.setWordWrap(True)
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    text.setFixedWidth(520)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    buttons.addWidget(make_button("新增委员", "primaryButton", add))
    buttons.addWidget(make_button("从Excel导入", "emptyImport", load))
    buttons.addStretch(1)
    centred = QHBoxLayout()  # an aligned word-wrapped label would lose its second line
    centred.addStretch(1)
    centred.addWidget(text)
    centred.addStretch(1)
    layout = QVBoxLayout(box)
    layout.addStretch(1)
    layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addLayout(centred)
    layout.addSpacing(12)
    layout.addLayout(buttons)
    layout.addStretch(2)
    return box


def no_match_state(clear: Callable[[], object]) -> QWidget:
    box = QFrame()
    text = QLabel(NO_MATCH_TEXT)
    text.setObjectName("noMatchText")
    layout = QVBoxLayout(box)
    layout.addStretch(1)
    layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addWidget(
        make_button("清除筛选", "clearFiltersEmpty", clear), 0, Qt.AlignmentFlag.AlignHCenter
    )
    layout.addStretch(2)
    return box


def loading_state() -> QWidget:
    """The first rows of a term (or county) are still being read."""
    text = QLabel(LOADING)
    text.setObjectName("loadingText")
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return text
