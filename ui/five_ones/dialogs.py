"""Dialogs of the five-ones screen: the records behind a cell, and the rules in force."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.text import day_text
from app.five_ones.check import Criterion, Evidence, FiveOnesRules, MemberResult
from ui.common.screen_fit import resize_to_fit

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
_ROOT = QModelIndex()
NOT_COUNTED_COLOUR = QColor("#8a8f98")


@dataclass(frozen=True)
class EvidenceRow:
    criterion: Criterion
    evidence: Evidence
    counted: bool


class EvidenceTableModel(QAbstractTableModel):
    """The records behind one member's results: counted first, then those not counted."""

    CRITERION, DAY, KIND, TITLE, DETAIL = range(5)
    HEADERS = ("项目", "日期", "类别", "名称", "情况")

    def __init__(self, rows: list[EvidenceRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def row(self, row: int) -> EvidenceRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == DISPLAY:
            evidence = row.evidence
            return (
                row.criterion.label,
                evidence.day_text,
                evidence.kind,
                evidence.title,
                evidence.detail if row.counted else f"未计入：{evidence.detail}",
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not row.counted:
            return QBrush(NOT_COUNTED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.TITLE:
            return row.evidence.title
        return None


def evidence_rows(member: MemberResult, criterion: Criterion | None) -> list[EvidenceRow]:
    criteria = [criterion] if criterion is not None else list(Criterion)
    rows = []
    for c in criteria:
        result = member.result(c)
        rows += [EvidenceRow(c, e, True) for e in result.evidence]
        rows += [EvidenceRow(c, e, False) for e in result.not_counted]
    return rows


class EvidenceDialog(QDialog):
    """What a ✓ or ✗ rests on: the member's records, with those not counted greyed."""

    def __init__(
        self, member: MemberResult, criterion: Criterion | None, year: int, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceDialog")
        subject = criterion.label if criterion is not None else "五个一"
        self.setWindowTitle(f"{member.name} · {subject}")
        resize_to_fit(self, 760, 420)
        self.summary = QLabel(self._summary(member, criterion, year))
        self.summary.setObjectName("evidenceSummary")
        self.summary.setWordWrap(True)
        self.model = EvidenceTableModel(evidence_rows(member, criterion), self)
        self.table = QTableView()
        self.table.setObjectName("evidenceTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setColumnHidden(EvidenceTableModel.CRITERION, criterion is not None)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EvidenceTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(_empty_text(criterion))
        self.empty.setWordWrap(True)
        self.empty.setObjectName("evidenceEmpty")
        self.empty.setVisible(self.model.rowCount() == 0)
        self.table.setVisible(self.model.rowCount() > 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(buttons)

    @staticmethod
    def _summary(member: MemberResult, criterion: Criterion | None, year: int) -> str:
        if criterion is None:
            done = (
                "五项全部达到"
                if member.all_met
                else "未达到：" + "、".join(c.label for c in member.shortfalls)
            )
            head = f"{member.name} {year}年度：{done}。"
        else:
            result = member.result(criterion)
            verdict = result.verdict
            if not result.applicable:
                verdict += "（考核期间内未召开全体会议）"
            scope = "本届以来" if criterion is Criterion.SPEECH_OR_REPORT else f"{year}年度"
            head = f"{member.name} {scope}“{criterion.label}”：{verdict}（{result.count} 项）。"
        window = f"考核期间：{day_text(member.judged_from)} 至 {day_text(member.judged_to)}。"
        notes = f"{member.notes}。" if member.notes else ""
        rows = evidence_rows(member, criterion)
        grey = "灰色记录未计入，原因见“情况”列。" if any(not r.counted for r in rows) else ""
        return f"{head}{window}{notes}{grey}"


# Where a clerk records what a duty counts (the records of 会议活动 also come from 协商).
ENTERED_IN = {
    Criterion.PROPOSAL: "“提案”",
    Criterion.SOCIAL_INFO: "“履职记录 → 社情民意”",
    Criterion.SPEECH_OR_REPORT: "“履职记录 → 大会发言与调研视察报告”",
}


def _empty_text(criterion: Criterion | None) -> str:
    place = (
        "“履职记录”和“提案”"
        if criterion is None
        else ENTERED_IN.get(criterion, "“履职记录 → 会议活动”")
    )
    return f"考核期间内没有相关记录。如有遗漏，请在{place}中补录，回到本页即按新记录重新考核。"


class RulesDialog(QDialog):
    """The three rules an office decides; 缺席 never counts."""

    def __init__(self, rules: FiveOnesRules, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("rulesDialog")
        self.setWindowTitle("五个一考核规则")
        self.cosigned = QCheckBox("联名提案计入每位联名委员（不勾选：只计入第一提案人）")
        self.cosigned.setObjectName("cosignedCounts")
        self.cosigned.setChecked(rules.cosigned_counts)
        self.unaccepted = QCheckBox("未立案的提案也计入（不勾选：只计入已立案的提案）")
        self.unaccepted.setObjectName("unacceptedCounts")
        self.unaccepted.setChecked(rules.unaccepted_counts)
        self.leave = QCheckBox("请假视为出席（全体会议和其他活动）")
        self.leave.setObjectName("leaveCounts")
        self.leave.setChecked(rules.leave_counts)
        note = QLabel("缺席一律不计。规则保存后立即重新考核，已导出的文件不会自动更新。")
        note.setObjectName("pageHint")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.cosigned, self.unaccepted, self.leave, note):
            layout.addWidget(widget)
        layout.addWidget(buttons)

    def rules(self) -> FiveOnesRules:
        return FiveOnesRules(
            cosigned_counts=self.cosigned.isChecked(),
            unaccepted_counts=self.unaccepted.isChecked(),
            leave_counts=self.leave.isChecked(),
        )


def ask_print_scope(parent: QWidget, selected: MemberResult | None, listed: int) -> str | None:
    """ "one" (the selected member), "all" (everyone listed) or None (cancelled)."""
    if selected is None:
        return "all"
    box = QMessageBox(QMessageBox.Icon.Question, "打印履职档案", "打印哪些委员的履职档案？")
    box.setParent(parent, box.windowFlags())
    box.setObjectName("printScopeBox")
    one = box.addButton(f"所选委员（{selected.name}）", QMessageBox.ButtonRole.AcceptRole)
    every = box.addButton(f"列表中全部委员（{listed} 人）", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is one:
        return "one"
    if clicked is every:
        return "all"
    return None
