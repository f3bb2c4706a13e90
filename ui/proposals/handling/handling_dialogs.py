"""One unit's steps: 办前沟通, 答复 (date, result class, reply document), 延期 (with a
reason), 退回调整 (date and reason), and the proposer's 评价 — 不满意 reopens handling
with a new deadline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text
from app.office.dictionaries import list_entries
from app.office.labels import DictionaryKind
from app.proposals.handling.assignment import hand_back, proposed_deadline
from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import extend_deadline, record_contact, record_reply
from app.proposals.handling.workdays import add_months, hand_back_deadline, latest_deadline
from app.proposals.labels import CONTACT_WAYS, SATISFACTION_LABELS, Satisfaction
from app.proposals.settings import load_proposal_settings
from app.proposals.views import AssignmentView
from ui.common.dates import date_edit, day_of, set_day
from ui.proposals.common import (
    ATTACHMENT_FILTER,
    FAR_FUTURE,
    HINT_STYLE,
    ActionDialog,
    ProposalFiles,
    make_label,
)


def _about(unit: AssignmentView) -> str:
    return (
        f"承办单位：{unit.unit_name}（{unit.role_label}，第{unit.round}轮；"
        f"办理期限{day_text(unit.due)}）"
    )


class _UnitStep(ActionDialog):
    def __init__(
        self, title: str, name: str, database: Database, uuid: str, unit: AssignmentView, parent
    ) -> None:
        super().__init__(title, name, _about(unit), parent)
        self.database, self.uuid, self.unit = database, uuid, unit


class ContactDialog(_UnitStep):
    def __init__(self, database: Database, uuid: str, unit: AssignmentView, parent: QWidget):
        super().__init__("办前沟通", "contactDialog", database, uuid, unit, parent)
        self.way = QComboBox()
        self.way.setObjectName("contactWay")
        self.way.setEditable(True)
        self.way.addItems(CONTACT_WAYS)
        self.day = date_edit("contactDate")
        self.form.addRow("沟通方式", self.way)
        self.form.addRow("沟通日期", self.day)

    def act(self) -> None:
        record_contact(
            self.database, self.uuid, self.unit.unit_uuid, self.way.currentText(), day_of(self.day)
        )


class ReplyDialog(_UnitStep):
    def __init__(
        self,
        database: Database,
        files: ProposalFiles,
        uuid: str,
        unit: AssignmentView,
        parent: QWidget,
    ):
        super().__init__("登记答复", "replyDialog", database, uuid, unit, parent)
        self.files = files
        self.document: Path | None = None
        self.day = date_edit("replyDate", unit.replied_on)
        self.result = QComboBox()
        self.result.setObjectName("resultClass")
        for entry in list_entries(database, DictionaryKind.RESULT_CLASS, include_retired=False):
            text = f"{entry.name}类　{entry.description}" if entry.description else entry.name
            self.result.addItem(text, entry.name)
        if unit.result_class:
            self.result.setCurrentIndex(max(0, self.result.findData(unit.result_class)))
        self.document_label = make_label("replyDocument", HINT_STYLE)
        self.document_label.setText("未选择（可不附）")
        choose = QPushButton("选择答复函…")
        choose.setObjectName("chooseReplyDocument")
        choose.clicked.connect(self.choose_document)
        row = QHBoxLayout()
        row.addWidget(self.document_label, 1)
        row.addWidget(choose)
        self.form.addRow("答复日期", self.day)
        self.form.addRow("办理结果", self.result)
        self.form.addRow("答复函", row)

    def choose_document(self) -> None:
        path = self.files.open_path(self, "选择答复函（扫描件或 Word 文件）", ATTACHMENT_FILTER)
        if path is not None:
            self.document = path
            self.document_label.setText(path.name)

    def act(self) -> None:
        record_reply(
            self.database,
            self.uuid,
            self.unit.unit_uuid,
            day_of(self.day),
            self.result.currentData() or "",
            self.document,
        )


class ExtendDialog(_UnitStep):
    button_only = True  # a deadline once extended is not shortened again

    def __init__(self, database: Database, uuid: str, unit: AssignmentView, parent: QWidget):
        super().__init__("延期", "extendDialog", database, uuid, unit, parent)
        latest = latest_deadline(unit.assigned_on, load_proposal_settings(database))
        self.day = date_edit("newDeadline", min(add_months(unit.due, 1), latest), FAR_FUTURE)
        self.reason = QLineEdit()
        self.reason.setObjectName("extensionReason")
        self.reason.setPlaceholderText("例如：涉及多个部门，需进一步协调")
        limit = make_label("extensionLimit", HINT_STYLE)
        limit.setText(f"最长可延至{day_text(latest)}（自交办之日起算）。")
        self.form.addRow("延至", self.day)
        self.form.addRow("", limit)
        self.form.addRow("延期理由", self.reason)

    def act(self) -> None:
        extend_deadline(
            self.database, self.uuid, self.unit.unit_uuid, day_of(self.day), self.reason.text()
        )


class HandBackDialog(_UnitStep):
    button_only = True

    def __init__(self, database: Database, uuid: str, unit: AssignmentView, parent: QWidget):
        super().__init__("退回调整", "handBackDialog", database, uuid, unit, parent)
        self.day = date_edit("handBackDate")
        self.reason = QLineEdit()
        self.reason.setObjectName("handBackReason")
        self.reason.setPlaceholderText("例如：不属于本单位职责，建议由县水利局办理")
        note = make_label("handBackNote", HINT_STYLE)
        note.setText(_hand_back_rule(database, unit) + "退回后请重新交办给其他单位。")
        self.form.addRow("退回日期", self.day)
        self.form.addRow("退回理由", self.reason)
        self.form.addRow("", note)

    def act(self) -> None:
        hand_back(
            self.database, self.uuid, self.unit.unit_uuid, day_of(self.day), self.reason.text()
        )


def _hand_back_rule(database: Database, unit: AssignmentView) -> str:
    settings = load_proposal_settings(database)
    last = hand_back_deadline(unit.assigned_on, settings)
    if last is None:
        return ""
    return f"应在交办后{settings.hand_back_working_days}个工作日内提出（最晚{day_text(last)}）。"


class RateDialog(_UnitStep):
    """满意 / 基本满意 / 不满意; 不满意 asks for the deadline of the new round."""

    button_only = True  # a rating is given once

    def __init__(self, database: Database, uuid: str, unit: AssignmentView, parent: QWidget):
        super().__init__("提案人评价", "rateDialog", database, uuid, unit, parent)
        self.choice = QButtonGroup(self)
        row = QHBoxLayout()
        self.buttons_by_value: dict[Satisfaction, QRadioButton] = {}
        for value, label in SATISFACTION_LABELS.items():
            radio = QRadioButton(label)
            radio.setObjectName(f"rate_{value.value}")
            self.choice.addButton(radio)
            self.buttons_by_value[value] = radio
            row.addWidget(radio)
        row.addStretch(1)
        # Nothing chosen at first: the rating is the member's, a reported figure; a
        # preset 满意 would be recorded by a clerk who only clicked 确定.
        self.ok_button.setEnabled(False)
        self.comment = QLineEdit()
        self.comment.setObjectName("rateComment")
        self.comment.setPlaceholderText("提案人的意见，可不填")
        self.day = date_edit("rateDate", max(date.today(), unit.replied_on or date.today()))
        self.new_deadline = date_edit("reopenDeadline", latest=FAR_FUTURE)
        self.reopen_note = make_label("reopenNote", HINT_STYLE)
        self.reopen_note.setText("不满意：该单位重新办理（新一轮），请确定新的办理期限。")
        self.form.addRow("评价", row)
        self.form.addRow("意见", self.comment)
        self.form.addRow("评价日期", self.day)
        self.form.addRow("", self.reopen_note)
        self.form.addRow("重新办理期限", self.new_deadline)
        self.choice.buttonToggled.connect(self._choice_changed)
        self.day.dateChanged.connect(self._day_changed)
        self._day_changed()
        self._choice_changed()

    def chosen(self) -> Satisfaction | None:
        return next((v for v, b in self.buttons_by_value.items() if b.isChecked()), None)

    def choose(self, value: Satisfaction) -> None:
        self.buttons_by_value[value].setChecked(True)

    def _day_changed(self, *_args: object) -> None:
        set_day(self.new_deadline, proposed_deadline(self.database, day_of(self.day)))

    def _choice_changed(self, *_args: object) -> None:
        self.ok_button.setEnabled(self.chosen() is not None)
        reopening = self.chosen() is Satisfaction.DISSATISFIED
        self.reopen_note.setVisible(reopening)
        self.new_deadline.setVisible(reopening)
        label = self.form.labelForField(self.new_deadline)
        if label is not None:
            label.setVisible(reopening)

    def act(self) -> None:
        satisfaction = self.chosen()
        if satisfaction is None:
            raise KnownError("还没有选择评价。", "请按提案人的意见选择满意、基本满意或不满意。")
        rate_reply(
            self.database,
            self.uuid,
            self.unit.unit_uuid,
            satisfaction,
            self.comment.text(),
            day_of(self.day),
            day_of(self.new_deadline) if satisfaction is Satisfaction.DISSATISFIED else None,
        )
