"""The fields of the intake form (提案登记): how it was submitted, the session and
period, the number (the next free one offered), category, date, lead, title and body.
Proposers are picked beside it (intake_dialog)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.proposals.intake.intake import IntakeChoices, ProposalForm
from app.proposals.intake.numbering import offer_number
from app.proposals.labels import (
    COLLECTIVE_KINDS,
    PERIOD_LABELS,
    SUBMITTER_LABELS,
    Period,
    SubmitterKind,
)
from ui.common.dates import date_edit, day_of, set_day
from ui.proposals.common import HINT_STYLE, make_label

NO_SESSION = ""  # the session combo's "by year" choice
NO_SESSIONS_HINT = (
    "还没有登记全体会议，提案号无法按届次和会议编号：请在“系统设置 → 届次与会议”中"
    "选中本届，点“登记全体会议”；或在“系统设置 → 提案设置”中改用按年度编号的格式。"
)


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    return combo


class IntakeFields(QWidget):
    """Everything of ProposalForm except the signers."""

    kind_changed = Signal()
    text_changed = Signal()  # title or body: the duplicate check looks again

    def __init__(self, database: Database, choices: IntakeChoices, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self._keep_number = ""  # an edited proposal keeps its number when the field is left empty
        self.kind = _combo("submitterKind")
        for kind, label in SUBMITTER_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.submitter_name = QLineEdit()
        self.submitter_name.setObjectName("submitterName")
        self.submitter_name.setPlaceholderText("党派团体、界别、委员小组或专委会的名称")
        self.session = _combo("sessionChoice")
        for choice in choices.sessions:
            self.session.addItem(choice.label, choice.uuid)
        self.session.addItem("不属于全体会议（按年度编号）", NO_SESSION)
        self._session_years = {c.uuid: c.year for c in choices.sessions}
        self.period = _combo("period")
        for period, label in PERIOD_LABELS.items():
            self.period.addItem(label, period.value)
        self.year = QSpinBox()
        self.year.setObjectName("proposalYear")
        self.year.setRange(1980, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(" 年")
        self.number = QLineEdit()
        self.number.setObjectName("proposalNumber")
        self.number_hint = make_label("numberHint", HINT_STYLE)
        self.category = _combo("category")
        self.category.addItem("（未分类）", "")
        for name in choices.categories:
            self.category.addItem(name, name)
        self.submitted_on = date_edit("submittedOn")
        self.lead = _combo("leadChoice")
        self.lead.addItem("（不引用线索）", "")
        for uuid, title in choices.leads:
            self.lead.addItem(title, uuid)
        self.not_public = QCheckBox("不公开（不列入立案目录和办理结果公开）")
        self.not_public.setObjectName("notPublic")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("proposalTitle")
        self.title_edit.setPlaceholderText("例如：关于加强农村学校校舍安全管理的建议")
        self.body = QPlainTextEdit()
        self.body.setObjectName("proposalBody")
        self.body.setPlaceholderText("情况分析和具体建议（可从 Word 中复制粘贴）")
        self.note = QLineEdit()
        self.note.setObjectName("proposalNote")
        self.note.setPlaceholderText("可不填")
        self._lay_out()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.session.currentIndexChanged.connect(self._session_changed)
        self.year.valueChanged.connect(self.offer_number)
        self.title_edit.textChanged.connect(self.text_changed)
        self.body.textChanged.connect(self.text_changed)
        self._session_changed()
        self._kind_changed()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        pairs = (
            (0, "提出方式", self.kind, "提案单位", self.submitter_name),
            (1, "所属会议", self.session, "提出时间", self.period),
            (2, "提案号", self.number, "年度", self.year),
            (4, "类别", self.category, "提交日期", self.submitted_on),
        )
        for row, left, left_widget, right, right_widget in pairs:
            grid.addWidget(QLabel(left), row, 0)
            grid.addWidget(left_widget, row, 1)
            grid.addWidget(QLabel(right), row, 2)
            grid.addWidget(right_widget, row, 3)
        grid.addWidget(self.number_hint, 3, 1, 1, 3)
        wide = (
            (5, "提案线索", self.lead),
            (6, "案由", self.title_edit),
            (7, "提案内容", self.body),
            (8, "备注", self.note),
        )
        for row, text, widget in wide:
            grid.addWidget(QLabel(text), row, 0)
            grid.addWidget(widget, row, 1, 1, 3)
        grid.addWidget(self.not_public, 9, 1, 1, 3)
        grid.setRowStretch(7, 1)

    # --- reactions -----------------------------------------------------------

    @property
    def chosen_kind(self) -> SubmitterKind:
        return SubmitterKind(self.kind.currentData())

    @property
    def collective(self) -> bool:
        return self.chosen_kind in COLLECTIVE_KINDS

    def _kind_changed(self, *_args: object) -> None:
        self.submitter_name.setEnabled(self.collective)
        self.kind_changed.emit()

    def _session_changed(self, *_args: object) -> None:
        uuid = self.session.currentData()
        by_year = uuid == NO_SESSION
        if not by_year:
            self.year.blockSignals(True)
            self.year.setValue(self._session_years[uuid])
            self.year.blockSignals(False)
        self.year.setEnabled(by_year)
        self.offer_number()

    def offer_number(self, *_args: object) -> None:
        """The next free number as the placeholder: left empty, the proposal gets it."""
        session_uuid = self.session.currentData() or None
        try:
            offer = offer_number(self.database, session_uuid, self.year.value())
        except KnownError as exc:
            self.number.setPlaceholderText("")
            if not self._session_years:  # there is no session to choose
                self.number_hint.setText(NO_SESSIONS_HINT)
            else:
                self.number_hint.setText(f"{exc.what}{exc.todo}")
            return
        self.number.setPlaceholderText(offer.number)
        if self._keep_number:
            self.number_hint.setText(
                f"原编号 {self._keep_number}；清空则保持原编号"
                "（改到其他年度时编为下一个可用编号）。"
            )
        else:
            self.number_hint.setText(f"留空则编为下一个可用编号 {offer.number}；也可填写其他编号。")

    # --- the form ------------------------------------------------------------------

    def fill(self, form: ProposalForm, keep_number: bool = False) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(form.submitter_kind.value)))
        self.submitter_name.setText(form.submitter_name)
        index = self.session.findData(form.session_uuid or NO_SESSION)
        self.session.setCurrentIndex(max(0, index))
        if not form.session_uuid and form.year:
            self.year.setValue(form.year)
        self.period.setCurrentIndex(max(0, self.period.findData(form.period.value)))
        if keep_number:
            self._keep_number = form.number
            self.number.setText(form.number)
        self.offer_number()
        self.category.setCurrentIndex(max(0, self.category.findData(form.category)))
        if form.submitted_on is not None:
            set_day(self.submitted_on, form.submitted_on)
        self.lead.setCurrentIndex(max(0, self.lead.findData(form.lead_uuid or "")))
        self.not_public.setChecked(form.not_public)
        self.title_edit.setText(form.title)
        self.body.setPlainText(form.body)
        self.note.setText(form.note)

    def form(self, signers: tuple, **extra: object) -> ProposalForm:
        session_uuid = self.session.currentData() or None
        return ProposalForm(
            title=self.title_edit.text(),
            body=self.body.toPlainText(),
            submitter_kind=self.chosen_kind,
            submitter_name=self.submitter_name.text() if self.collective else "",
            signers=signers,
            period=Period(self.period.currentData()),
            session_uuid=session_uuid,
            year=None if session_uuid else self.year.value(),
            number=self.number.text().strip(),
            category=self.category.currentData() or "",
            submitted_on=day_of(self.submitted_on),
            lead_uuid=self.lead.currentData() or None,
            not_public=self.not_public.isChecked(),
            note=self.note.text(),
        )
