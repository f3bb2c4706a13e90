"""系统设置 → 名单排序: the one order of members in every list, picker, export and printout.

Saved as soon as the clerk picks it (app.members.member_order); screens show it
the next time they load, and keep it until a column header is clicked.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.common.people.name_order import NameOrder
from app.common.storage import Database
from app.members.member_order import ORDER_HINTS, chosen_order, first_names, set_member_order

SAMPLE_SIZE = 8
APPLIES_TO = (
    "适用于：委员档案列表、选择委员（出席名单、报送人、提案人）、委员名单导出、五个一考核表和通报、"
    "会议签到表和参会人员名单等。在列表中点击列标题可临时按该列排序。"
)


class NameOrderPanel(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.buttons: dict[NameOrder, QRadioButton] = {}
        self.group = QButtonGroup(self)
        box = QGroupBox("委员姓名的排列顺序")
        box_layout = QVBoxLayout(box)
        for order in NameOrder:
            label = order.label + ("（默认）" if order is NameOrder.STROKE else "")
            button = QRadioButton(label)
            button.setObjectName(f"order_{order.value}")
            self.buttons[order] = button
            self.group.addButton(button)
            hint = QLabel(ORDER_HINTS[order])
            hint.setObjectName("pageHint")
            hint.setWordWrap(True)
            hint.setContentsMargins(24, 0, 0, 6)
            box_layout.addWidget(button)
            box_layout.addWidget(hint)
        self.sample = QLabel()
        self.sample.setObjectName("orderSample")
        self.sample.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("orderStatus")
        self.status.setWordWrap(True)
        applies = QLabel(APPLIES_TO)
        applies.setObjectName("pageHint")
        applies.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(applies)
        layout.addSpacing(8)
        layout.addWidget(self.sample)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._toggled)
        self.refresh()

    def refresh(self) -> None:
        self.status.clear()
        button = self.buttons[chosen_order(self.database)]
        self.group.blockSignals(True)
        button.setChecked(True)
        self.group.blockSignals(False)
        self._show_sample()

    @property
    def order(self) -> NameOrder:
        return next(o for o, b in self.buttons.items() if b.isChecked())

    def choose(self, order: NameOrder) -> None:
        self.buttons[order].setChecked(True)

    def _toggled(self, button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        order = self.order
        set_member_order(self.database, order)
        self.status.setText(f"已保存：按“{order.label}”排列。各处名单在下次打开时按此排序。")
        self._show_sample()

    def _show_sample(self) -> None:
        names = first_names(self.database, SAMPLE_SIZE)
        if not names:
            self.sample.setText("本届还没有委员；导入或新增委员后，这里显示排列示例。")
            return
        more = "……" if len(names) == SAMPLE_SIZE else ""
        self.sample.setText(f"本届委员按此顺序排列：{'、'.join(names)}{more}")
