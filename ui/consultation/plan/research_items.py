"""One research group (调研组: name, sub-topic, leader, members, staff) and one
report of the “1+N” (the general report or a sub-report, with attachments)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.common.storage import Database
from app.consultation.plan import research
from app.consultation.plan.research import GroupForm, GroupLine, ReportForm, ReportLine
from app.members.member_files import list_members
from ui.common.record_dialog import RecordDialog
from ui.common.screen_fit import resize_to_fit
from ui.consultation.attachment_list import AttachmentList
from ui.consultation.fields import ChoiceCombo, OptionalDate, section_title
from ui.records.attendance_model import Candidate
from ui.records.member_picker import MemberPicker


class _ItemDialog(RecordDialog):
    def __init__(self, title: str, name: str, parent: QWidget | None) -> None:
        super().__init__(title, name, parent)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form_layout)

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit


class GroupDialog(_ItemDialog):
    def __init__(
        self,
        database: Database,
        topic_uuid: str,
        group: GroupLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("修改调研组" if group else "新增调研组", "groupDialog", parent)
        resize_to_fit(self, 640, 600)
        self.database, self.topic_uuid = database, topic_uuid
        self.uuid = group.uuid if group else None
        self.name = self._line("groupName", "例如：第一调研组")
        self.sub_topic = self._line("groupSubTopic", "本组调研的分课题（可不填）")
        self.leader = self._line("groupLeader", "组长")
        self.staff = self._line("groupStaff", "随组工作人员（非委员），用顿号分隔")
        self.picker = MemberPicker("组员")
        self.form_layout.addRow("调研组", self.name)
        self.form_layout.addRow("分课题", self.sub_topic)
        self.form_layout.addRow("组长", self.leader)
        self.form_layout.addRow("工作人员", self.staff)
        self.body.addWidget(section_title("参加调研的委员（点击姓名勾选）"))
        self.body.addWidget(self.picker, 1)
        self.body.addWidget(self.buttons)
        people = [Candidate.from_member(m) for m in list_members(database)]
        known = {p.uuid for p in people}
        chosen = group.members if group else ()
        people += [Candidate(uuid, name) for uuid, name in chosen if uuid not in known]
        self.picker.set_members(people, tuple(uuid for uuid, _ in chosen))
        if group is not None:
            self.name.setText(group.name)
            self.sub_topic.setText(group.sub_topic)
            self.leader.setText(group.leader)
            self.staff.setText(group.staff)

    def store(self) -> str:
        form = GroupForm(
            name=self.name.text(),
            sub_topic=self.sub_topic.text(),
            leader=self.leader.text(),
            staff=self.staff.text(),
            member_uuids=self.picker.chosen(),
        )
        if self.uuid is None:
            self.uuid = research.add_group(self.database, self.topic_uuid, form)
        else:
            research.update_group(self.database, self.uuid, form)
        return self.uuid


class ReportDialog(_ItemDialog):
    def __init__(
        self,
        database: Database,
        topic_uuid: str,
        groups: tuple[GroupLine, ...],
        report: ReportLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("修改调研报告" if report else "新增调研报告", "reportDialog", parent)
        resize_to_fit(self, 680, 560)
        self.database, self.topic_uuid = database, topic_uuid
        self.uuid = report.uuid if report else None
        self.title_edit = self._line("reportTitle", "报告题目")
        self.general = QCheckBox("总报告（“1+N”中的“1”；不勾选为分报告）")
        self.general.setObjectName("generalReport")
        self.group = ChoiceCombo(
            "reportGroup", {g.uuid: g.name for g in groups}, "（不属于某个调研组）"
        )
        self.submitted_on = OptionalDate("submittedOn", "已完成，日期")
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("reportSummary")
        self.summary.setPlaceholderText("报告要点（可不填；报告全文可作为附件添加）")
        self.attachments = AttachmentList(database, self.store)
        self.form_layout.addRow("题目", self.title_edit)
        self.form_layout.addRow("", self.general)
        self.form_layout.addRow("调研组", self.group)
        self.form_layout.addRow("完成日期", self.submitted_on)
        self.body.addWidget(self.summary, 1)
        self.body.addWidget(section_title("附件（报告全文、报送稿等）"))
        self.body.addWidget(self.attachments)
        self.body.addWidget(self.buttons)
        if report is not None:
            self.title_edit.setText(report.title)
            self.general.setChecked(report.general)
            self.group.set_value(report.group_uuid)
            self.submitted_on.set_value(report.submitted_on)
            self.summary.setPlainText(report.summary)
            self.attachments.set_parent(report.uuid)

    def store(self) -> str:
        form = ReportForm(
            title=self.title_edit.text(),
            general=self.general.isChecked(),
            group_uuid=self.group.value(),
            submitted_on=self.submitted_on.value(),
            summary=self.summary.toPlainText(),
        )
        if self.uuid is None:
            self.uuid = research.add_report(self.database, self.topic_uuid, form)
        else:
            research.update_report(self.database, self.uuid, form)
        self.discard_guard.remember()  # saved before an attachment: nothing left to lose
        return self.uuid
