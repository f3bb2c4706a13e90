"""转入下年: the year's topics still open (问题不解决，协商不停止), with what each still
lacks; the ticked ones are copied into next year's plan, all together or none."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation.plan.carry_over import carry_into_next_year, open_topics
from ui.common.errors import show_known_error
from ui.common.screen_fit import resize_to_fit

UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class CarryOverDialog(QDialog):
    carried = Signal(int)  # how many topics were carried

    def __init__(self, database: Database, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carryOverDialog")
        self.setWindowTitle(f"{year}年度未办结议题转入{year + 1}年度")
        resize_to_fit(self, 760, 420)
        self.database, self.year = database, year
        topics = open_topics(database, year)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["协商议题", "状态", "尚缺"])
        for topic in topics:
            title = QStandardItem(topic.title)
            title.setCheckable(True)
            title.setCheckState(Qt.CheckState.Checked)
            title.setData(topic.uuid, UUID_ROLE)
            cells = [title, QStandardItem(topic.status_label), QStandardItem(topic.reason)]
            for cell in cells:
                cell.setEditable(False)
            self.model.appendRow(cells)
        self.table = QTableView()
        self.table.setObjectName("openTopics")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        note = QLabel(
            f"勾选的议题将复制到{year + 1}年度协商计划（状态为“计划中”，注明由{year}年度转入），"
            "原议题标为“转入下年”。"
            if topics
            else f"{year}年度协商计划中没有尚未办结的议题。"
        )
        note.setObjectName("carryNote")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.carry_button = self.buttons.addButton(
            "转入下年", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.carry_button.setObjectName("primaryButton")
        self.carry_button.setEnabled(bool(topics))
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.carry)
        self.buttons.rejected.connect(self.reject)

    def chosen(self) -> list[str]:
        return [
            self.model.item(row, 0).data(UUID_ROLE)
            for row in range(self.model.rowCount())
            if self.model.item(row, 0).checkState() == Qt.CheckState.Checked
        ]

    def carry(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.reject()
            return
        try:
            carry_into_next_year(self.database, self.year, chosen)
        except KnownError as exc:
            show_known_error(self, exc, "未能转入")
            return
        self.carried.emit(len(chosen))
        self.accept()
