"""离任: a member who leaves keeps the file and the records; only the seat's status changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.members.labels import MEMBERSHIP_STATUS_LABELS, MembershipStatus
from app.members.member_files import MemberRow, set_status
from app.office.terms import TermItem
from ui.common.dates import DateEdit
from ui.common.errors import show_known_error
from ui.common.widgets import enter_needs_button

LEAVING_STATUSES = (
    MembershipStatus.RESIGNED,
    MembershipStatus.REVOKED,
    MembershipStatus.TRANSFERRED,
    MembershipStatus.DECEASED,
)
RETIRE_NOTE = (
    "离任委员的档案和履职记录全部保留，名单默认只显示在任委员，可在“状态”中选“已离任”查看。"
    "五个一考核按离任日期判断：离任当年以前的年度照常考核。"
)


class RetireDialog(QDialog):
    """离任: how (辞去/撤销/调离/去世) and when, for the seat in the chosen term."""

    saved = Signal(str)  # the member's uuid

    def __init__(
        self,
        database: Database,
        member: MemberRow,
        term: TermItem | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.member = member
        self.term = term
        self.setObjectName("retireDialog")
        self.setWindowTitle(f"离任 — {member.name}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(420)
        self.status = QComboBox()
        self.status.setObjectName("retireStatus")
        for status in LEAVING_STATUSES:
            self.status.addItem(MEMBERSHIP_STATUS_LABELS[status], status)
        self.day = DateEdit(date.today())
        self.day.setObjectName("retireDate")
        self.day.setDateRange(QDate(1949, 10, 1), QDate.currentDate().addYears(1))
        note = QLabel(RETIRE_NOTE)
        note.setObjectName("pageHint")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("委员：", QLabel(f"{member.name}（{member.role_label}）"))
        if term is not None:
            form.addRow("届次：", QLabel(term.label))
        form.addRow("离任方式：", self.status)
        form.addRow("离任日期：", self.day)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("确定离任")
        ok.setObjectName("primaryButton")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        # Enter in 离任日期 retired the member at once: only 确定离任 itself does.
        enter_needs_button(self)

    def choose(self, status: MembershipStatus, day: date) -> None:
        self.status.setCurrentIndex(self.status.findData(status))
        self.day.setDate(QDate(day))

    def accept(self) -> None:
        status = MembershipStatus(self.status.currentData())  # Qt hands back a plain str
        try:
            set_status(
                self.database,
                self.member.uuid,
                status,
                self.day.date().toPython(),
                self.term.uuid if self.term else None,
            )
        except KnownError as exc:
            show_known_error(self, exc, "未能办理离任")
            return
        self.saved.emit(self.member.uuid)
        super().accept()
