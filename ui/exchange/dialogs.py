"""Dialogs of the exchange page: trusting an office card, and the dry-run summary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.exchange.cards import Card
from app.exchange.labels import CATEGORY_LABELS, table_label
from app.exchange.receiving.result import ImportResult
from app.office.office import LEVEL_LABELS
from ui.common.screen_fit import resize_to_fit

MAX_DETAIL_ROWS = 2000  # the summary counts them all; the list shows this many


def _big(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fingerprint")
    font = label.font()
    font.setPointSize(font.pointSize() + 6)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class TrustDialog(QDialog):
    """Shows a card's fingerprint; trusting needs the clerk to confirm the phone check."""

    def __init__(self, card: Card, old_fingerprint: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("trustDialog")
        self.setWindowTitle("导入单位名片")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(f"{card.name}（{LEVEL_LABELS[card.level]}，代码 {card.code}）的单位名片")
        )
        if old_fingerprint is not None:
            warning = QLabel(
                f"注意：该单位的密钥已变更。原指纹：{old_fingerprint}。\n"
                "只有在确认对方确实重装了电脑或更换了密钥时，才可替换。"
            )
            warning.setObjectName("keyChanged")
            warning.setWordWrap(True)
            layout.addWidget(warning)
        layout.addWidget(QLabel("新指纹：" if old_fingerprint else "指纹："))
        layout.addWidget(_big(card.fingerprint))
        advice = QLabel(
            "请打电话给对方，请对方打开“文件交换”页，读出其屏幕上的“本单位指纹”，"
            "与上面的数字逐组核对。完全一致才可信任。"
        )
        advice.setWordWrap(True)
        layout.addWidget(advice)
        self.checked = QCheckBox("已与对方电话核对，指纹完全一致")
        self.checked.setObjectName("phoneChecked")
        layout.addWidget(self.checked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.trust_button = self.buttons.addButton(
            "替换为新密钥" if old_fingerprint else "信任此单位",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.trust_button.setEnabled(False)
        self.checked.toggled.connect(self.trust_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


class DryRunDialog(QDialog):
    """What the import would do, per table and record; nothing is written yet."""

    def __init__(self, result: ImportResult, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("dryRunDialog")
        self.setWindowTitle("导入前核对")
        resize_to_fit(self, 900, 620)
        layout = QVBoxLayout(self)
        since = f"自第 {result.base} 号以来的变化" if result.base else "全部记录"
        heading = QLabel(
            f"来自“{result.sender_name}”的第 {result.sequence} 号交换文件（{since}）。"
            "以下是导入后会发生的变化，现在还没有写入任何内容。"
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.note = QLabel(result.note)
        self.note.setObjectName("takenInBefore")
        self.note.setWordWrap(True)
        bold = self.note.font()
        bold.setBold(True)
        self.note.setFont(bold)
        self.note.setVisible(bool(result.note))
        layout.addWidget(self.note)
        totals = result.totals()
        self.totals = QLabel(
            "合计：" + "，".join(f"{CATEGORY_LABELS[k]} {totals[k]} 条" for k in CATEGORY_LABELS)
        )
        self.totals.setObjectName("dryRunTotals")
        layout.addWidget(self.totals)
        self.tables = self._table_counts(result)
        layout.addWidget(self.tables, 2)
        self.details_heading = QLabel("新增、更新和冲突的记录：")
        self.details_heading.setObjectName("dryRunDetailsHeading")
        self.details_heading.setWordWrap(True)
        if not any(totals.values()):
            # An empty file (nothing changed at the sender) is new here, not a repeat.
            self.details_heading.setText(
                "这份文件没有记录：对方自上次发送以来没有新的变化。导入不会改动本单位的数据，"
                "只写一份回执，告诉对方已经收到。"
            )
        elif not (totals["new"] or totals["changed"] or totals["conflicts"]):
            # The same file a second time: say why the list below is empty.
            self.details_heading.setText(
                f"文件中的 {totals['unchanged']} 条记录本单位都已有，导入后不会有任何变化。"
                + ("" if result.taken_in else "可以取消；导入只会把回执写到U盘，告诉对方已经收到。")
            )
        layout.addWidget(self.details_heading)
        self.details = self._details(result)
        layout.addWidget(self.details, 3)
        self.skip = QCheckBox("跳过冲突记录，只导入其余记录（冲突记录不会导入）")
        self.skip.setObjectName("skipConflicts")
        self.skip.setVisible(totals["conflicts"] > 0)
        layout.addWidget(self.skip)
        if totals["conflicts"]:
            warn = QLabel(
                f"有 {totals['conflicts']} 条冲突记录：这些记录不属于发送单位，或与本机记录不符。"
                "默认整份文件都不导入；确需导入其余记录时，请勾选上面的选项。"
            )
            warn.setObjectName("conflictWarning")
            warn.setWordWrap(True)
            layout.addWidget(warn)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("confirmImport")
        self.import_button.setEnabled(totals["conflicts"] == 0)
        self.skip.toggled.connect(self.import_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @property
    def skip_conflicts(self) -> bool:
        return self.skip.isChecked()

    def _table_counts(self, result: ImportResult) -> QTableWidget:
        headers = ["数据", *CATEGORY_LABELS.values()]
        table = QTableWidget(len(result.counts), len(headers))
        table.setObjectName("dryRunTables")
        table.setHorizontalHeaderLabels(headers)
        for row, (name, counts) in enumerate(result.counts.items()):
            table.setItem(row, 0, QTableWidgetItem(table_label(name)))
            for column, key in enumerate(CATEGORY_LABELS, start=1):
                item = QTableWidgetItem(str(counts[key]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        _read_only(table, stretch=0)
        return table

    def _details(self, result: ImportResult) -> QTableWidget:
        shown = result.details[:MAX_DETAIL_ROWS]
        table = QTableWidget(len(shown), 3)
        table.setObjectName("dryRunDetails")
        table.setHorizontalHeaderLabels(["类型", "记录", "说明"])
        order = {"conflicts": 0, "new": 1, "changed": 2}
        for row, item in enumerate(sorted(shown, key=lambda i: order[i.category])):
            table.setItem(row, 0, QTableWidgetItem(CATEGORY_LABELS[item.category]))
            table.setItem(row, 1, QTableWidgetItem(item.reference))
            table.setItem(row, 2, QTableWidgetItem(item.reason))
        _read_only(table, stretch=2)
        return table


def _read_only(table: QTableWidget, stretch: int) -> None:
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setAlternatingRowColors(True)
