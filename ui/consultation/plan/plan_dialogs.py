"""The plan's own details (title, approval, the linked-topic target, the opening
paragraphs of the printed plan) and one topic of it (新增/修改协商议题)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.common.storage import Database
from app.consultation.labels import (
    FORM_LABELS,
    QUARTER_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    ConsultationForm,
)
from app.consultation.plan.plans import PlanForm, get_plan, save_plan
from app.consultation.plan.topics import (
    TopicForm,
    add_topic,
    committee_names,
    get_topic_form,
    update_topic,
)
from app.consultation.rules import default_plan_title
from ui.common.office_filter import show_read_only
from ui.common.record_dialog import RecordDialog
from ui.common.screen_fit import resize_to_fit
from ui.consultation.fields import NONE_CHOSEN, ChoiceCombo, OptionalDate

# 计划时间: a month, a quarter, or neither (全年).
WHEN_CHOICES = {
    None: "全年",
    **{("month", m): f"{m}月" for m in range(1, 13)},
    **{("quarter", q): label for q, label in QUARTER_LABELS.items()},
}


class _FormDialog(RecordDialog):
    def __init__(self, title: str, name: str, parent: QWidget | None) -> None:
        super().__init__(title, name, parent)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form_layout, 1)
        layout.addWidget(self.buttons)


class PlanDialog(_FormDialog):
    def __init__(self, database: Database, year: int, parent: QWidget | None = None) -> None:
        super().__init__(f"{year}年度协商计划", "planDialog", parent)
        resize_to_fit(self, 620, 460)
        self.database, self.year = database, year
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("planTitle")
        self.title_edit.setPlaceholderText(default_plan_title(year))
        self.approved_on = OptionalDate("approvedOn", "已批准，日期")
        self.approved_by = QLineEdit()
        self.approved_by.setObjectName("approvedBy")
        self.approved_by.setPlaceholderText("例如：县委常委会会议")
        self.target = QSpinBox()
        self.target.setObjectName("linkedTarget")
        self.target.setRange(0, 100)
        self.target.setSuffix(" %")
        self.preamble = QPlainTextEdit()
        self.preamble.setObjectName("planPreamble")
        self.preamble.setPlaceholderText(
            "打印计划时正文开头的段落，每段一行（可不填，使用通用写法）。"
        )
        self.form_layout.addRow("标题", self.title_edit)
        self.form_layout.addRow("批准日期", self.approved_on)
        self.form_layout.addRow("批准机关", self.approved_by)
        self.form_layout.addRow("联接议题目标", self.target)
        self.form_layout.addRow("开头段落", self.preamble)
        plan = get_plan(database, year)
        form = plan.form if plan is not None else PlanForm()
        self.title_edit.setText(plan.title if plan is not None else "")
        self.approved_on.set_value(form.approved_on)
        self.approved_by.setText(form.approved_by)
        self.target.setValue(form.linked_target)
        self.preamble.setPlainText(form.preamble)

    def store(self) -> str:
        form = PlanForm(
            title=self.title_edit.text(),
            approved_on=self.approved_on.value(),
            approved_by=self.approved_by.text(),
            linked_target=self.target.value(),
            preamble=self.preamble.toPlainText(),
        )
        return save_plan(self.database, self.year, form)


class TopicDialog(_FormDialog):
    def __init__(
        self,
        database: Database,
        year: int,
        uuid: str | None = None,
        parent: QWidget | None = None,
        read_only: bool = False,  # a county's topic at the city: looked at, not changed
    ) -> None:
        title = "查看协商议题" if read_only else "修改协商议题" if uuid else "新增协商议题"
        super().__init__(title, "topicDialog", parent)
        resize_to_fit(self, 640, 520)
        self.database, self.year, self.uuid = database, year, uuid
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("topicTitle")
        self.title_edit.setPlaceholderText("例如：农村牧区人居环境整治")
        self.source = ChoiceCombo("topicSource", SOURCE_LABELS, NONE_CHOSEN)
        self.consultation_form = ChoiceCombo("topicForm", FORM_LABELS, NONE_CHOSEN)
        self.form_other = QLineEdit()
        self.form_other.setObjectName("topicFormOther")
        self.form_other.setPlaceholderText("其他形式的名称，例如：网络议政")
        self.committee = ChoiceCombo(
            "leadCommittee", {n: n for n in committee_names(database)}, "（无）"
        )
        self.leader = QLineEdit()
        self.leader.setObjectName("topicLeader")
        self.leader.setPlaceholderText("牵头的政协领导")
        self.when = ChoiceCombo("plannedWhen", WHEN_CHOICES)
        self.linked = QRadioButton("联接议题（市政协统一部署）")
        self.linked.setObjectName("linkedTopic")
        self.own = QRadioButton("自选议题")
        self.own.setObjectName("ownTopic")
        self.own.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.linked)
        group.addButton(self.own)
        self.status = ChoiceCombo("topicStatus", STATUS_LABELS)
        self.note = QPlainTextEdit()
        self.note.setObjectName("topicNote")
        self.note.setMaximumHeight(90)
        self._lay_out()
        self.consultation_form.currentIndexChanged.connect(self._form_changed)
        if uuid is not None:
            self._load(uuid)
        self._form_changed()
        if read_only:
            inputs = (
                self.title_edit, self.source, self.consultation_form, self.form_other,
                self.committee, self.leader, self.when, self.linked, self.own, self.status,
                self.note,
            )  # fmt: skip
            show_read_only(inputs, self.save_button, self.cancel_button)

    def _lay_out(self) -> None:
        form = QHBoxLayout()
        form.addWidget(self.consultation_form, 1)
        form.addWidget(self.form_other, 1)
        kind = QHBoxLayout()
        kind.addWidget(self.linked)
        kind.addWidget(self.own)
        kind.addStretch(1)
        self.form_layout.addRow("协商议题", self.title_edit)
        self.form_layout.addRow("议题来源", self.source)
        self.form_layout.addRow("协商形式", form)
        self.form_layout.addRow("牵头专委会", self.committee)
        self.form_layout.addRow("牵头领导", self.leader)
        self.form_layout.addRow("计划时间", self.when)
        self.form_layout.addRow("议题类别", kind)
        self.form_layout.addRow("状态", self.status)
        self.form_layout.addRow("备注", self.note)

    def _form_changed(self) -> None:
        self.form_other.setEnabled(self.consultation_form.value() is ConsultationForm.OTHER)

    def _load(self, uuid: str) -> None:
        _year, form = get_topic_form(self.database, uuid)
        self._loaded = form
        self.title_edit.setText(form.title)
        self.source.set_value(form.source)
        self.consultation_form.set_value(form.form)
        self.form_other.setText(form.form_other)
        if form.lead_committee and self.committee.findText(form.lead_committee) < 0:
            self.committee.addItem(form.lead_committee)  # a retired committee stays shown
        self.committee.choose_text(form.lead_committee or "（无）")
        self.leader.setText(form.leader)
        if form.planned_month is not None:
            self.when.set_value(("month", form.planned_month))
        elif form.planned_quarter is not None:
            self.when.set_value(("quarter", form.planned_quarter))
        (self.linked if form.linked else self.own).setChecked(True)
        self.status.set_value(form.status)
        self.note.setPlainText(form.note)

    def form(self) -> TopicForm:
        when = self.when.value()
        committee = self.committee.currentText()
        base = getattr(self, "_loaded", TopicForm())  # keeps the research plan as it was
        return replace(
            base,
            title=self.title_edit.text(),
            source=self.source.value(),
            form=self.consultation_form.value(),
            form_other=self.form_other.text(),
            lead_committee="" if committee == "（无）" else committee,
            leader=self.leader.text(),
            planned_month=when[1] if when and when[0] == "month" else None,
            planned_quarter=when[1] if when and when[0] == "quarter" else None,
            linked=self.linked.isChecked(),
            status=self.status.value(),
            note=self.note.toPlainText(),
        )

    def store(self) -> str:
        if self.uuid is None:
            return add_topic(self.database, self.year, self.form())
        update_topic(self.database, self.uuid, self.form())
        return self.uuid
