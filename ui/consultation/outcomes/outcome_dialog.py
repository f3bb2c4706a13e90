"""新增/修改协商成果: what it is and where it went (type, name, topic, the meeting it
came from, sent to whom and when), the members who raised it and the feedback to
them, what it turned into (成果转化); the leaders' 批示 and the departments' 落实
情况; attachments. Instructions, follow-ups and files need the outcome saved:
they save it first."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text
from app.consultation.labels import OUTCOME_KIND_LABELS
from app.consultation.meetings.meetings import list_meetings
from app.consultation.outcomes import instructions
from app.consultation.outcomes.outcomes import (
    MOST_CONVERSIONS,
    OutcomeForm,
    add_outcome,
    get_outcome,
    outcome_from_meeting,
    update_outcome,
)
from app.consultation.plan.plans import get_plan
from app.members.member_files import list_members
from ui.common.errors import report_error, show_known_error
from ui.common.office_filter import show_read_only
from ui.common.screen_fit import resize_to_fit
from ui.common.unsaved import DiscardGuard
from ui.common.widgets import add_save_shortcut, tab_leaves_text_boxes
from ui.consultation.attachment_list import AttachmentList
from ui.consultation.fields import (
    NONE_CHOSEN,
    ChoiceCombo,
    OptionalDate,
    section_title,
)
from ui.consultation.outcomes.instruction_dialogs import (
    FOLLOW_UP_COLUMNS,
    INSTRUCTION_COLUMNS,
    FollowUpDialog,
    InstructionDialog,
    LineList,
)
from ui.records.attendance_model import Candidate
from ui.records.member_picker import MemberPicker


def _count(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(0, MOST_CONVERSIONS)
    return box


class OutcomeDialog(QDialog):
    saved = Signal(str)

    def __init__(
        self,
        database: Database,
        year: int,
        uuid: str | None = None,
        parent: QWidget | None = None,
        read_only: bool = False,  # a county's outcome at the city: looked at, not changed
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeDialog")
        resize_to_fit(self, 1000, 640)
        self.database, self.year, self.uuid = database, year, uuid
        self.read_only = read_only
        self.kind = ChoiceCombo("outcomeKind", OUTCOME_KIND_LABELS, NONE_CHOSEN)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("outcomeTitle")
        self.title_edit.setPlaceholderText("例如：关于农村牧区人居环境整治的建议案")
        self.topic = ChoiceCombo("outcomeTopic", {}, "（无）")
        self.meeting = ChoiceCombo("outcomeMeeting", {}, "（无）")
        self.sent_to = QLineEdit("县委、县政府")
        self.sent_to.setObjectName("sentTo")
        self.sent_on = OptionalDate("sentOn", "已报送，日期")
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("outcomeSummary")
        self.summary.setPlaceholderText("成果的主要内容（可不填；全文可作为附件添加）")
        self.feedback_on = OptionalDate("feedbackOn", "已反馈，日期")
        self.feedback_note = QLineEdit()
        self.feedback_note.setObjectName("feedbackNote")
        self.feedback_note.setPlaceholderText("反馈方式、情况（可不填）")
        self.proposals = _count("proposalsMade")
        self.social_info = _count("socialInfoMade")
        self.speeches = _count("speechesMade")
        self.picker = MemberPicker("委员")
        self.instructions = LineList(
            "领导批示", "instructions", INSTRUCTION_COLUMNS,
            lambda o, line: InstructionDialog(database, o, line, self),  # type: ignore[arg-type]
            lambda u: instructions.delete_instruction(database, u), self.save_first,
        )  # fmt: skip
        self.follow_ups = LineList(
            "落实情况", "followUps", FOLLOW_UP_COLUMNS,
            lambda o, line: FollowUpDialog(database, o, line, self),  # type: ignore[arg-type]
            lambda u: instructions.delete_follow_up(database, u), self.save_first,
        )  # fmt: skip
        self.attachments = AttachmentList(database, self.save_first, rows=6)
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        self.cancel_button = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        add_save_shortcut(self, self.save_button.click)
        self._lay_out()
        self.meeting.activated.connect(self._meeting_chosen)
        for lines in (self.instructions, self.follow_ups):
            lines.changed.connect(self._reload_lines)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.discard_guard = DiscardGuard(self)
        self._load()
        tab_leaves_text_boxes(self)
        self.kind.setFocus()  # typing starts in 成果类型, not on the tab bar above it
        if read_only:
            self._show_read_only()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("成果类型", self.kind)
        form.addRow("成果名称", self.title_edit)
        form.addRow("协商议题", self.topic)
        form.addRow("来自会议", self.meeting)
        form.addRow("报送对象", self.sent_to)
        form.addRow("报送日期", self.sent_on)
        form.addRow("反馈委员", self.feedback_on)
        form.addRow("反馈情况", self.feedback_note)
        made = QHBoxLayout()
        for label, box, unit in (
            ("提案", self.proposals, "件"),
            ("社情民意", self.social_info, "条"),
            ("大会发言", self.speeches, "篇"),
        ):
            made.addWidget(QLabel(label))
            made.addWidget(box)
            made.addWidget(QLabel(unit))
            made.addSpacing(8)
        made.addStretch(1)
        form.addRow("成果转化", made)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(section_title("主要内容"))
        left.addWidget(self.summary, 1)
        right = QVBoxLayout()
        right.addWidget(section_title("提出意见建议的委员（办理情况反馈给他们）"))
        right.addWidget(self.picker, 1)
        main = QWidget()
        columns = QHBoxLayout(main)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        follow = QWidget()
        follow_layout = QVBoxLayout(follow)
        follow_layout.addWidget(self.instructions, 1)
        follow_layout.addWidget(self.follow_ups, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("outcomeTabs")
        self.tabs.addTab(main, "成果与反馈")
        self.tabs.addTab(follow, "批示与落实")
        self.tabs.addTab(self.attachments, "附件")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    # --- loading -----------------------------------------------------------------------

    def _load(self) -> None:
        form = OutcomeForm(year=self.year)
        chosen: tuple[tuple[str, str], ...] = ()
        meeting = None
        if self.uuid is not None:
            detail = get_outcome(self.database, self.uuid)
            form, chosen = detail.form, detail.members
            if form.meeting_uuid is not None:
                meeting = (form.meeting_uuid, detail.meeting_title)
            self.instructions.set_lines(detail.instructions)
            self.follow_ups.set_lines(detail.follow_ups)
            self.attachments.set_parent(self.uuid)
            self.year = form.year or self.year
        if self.read_only:  # its own topic and meeting only: nothing else is choosable
            assert self.uuid is not None
            topic = {form.topic_uuid: detail.row.topic_title} if form.topic_uuid else {}
            self.topic.set_choices(topic)
            self.meeting.set_choices(dict([meeting]) if meeting else {})
        else:
            self._fill_choices(meeting)
        people = [] if self.read_only else self._people()
        known = {p.uuid for p in people}
        people += [Candidate(uuid, name) for uuid, name in chosen if uuid not in known]
        self.picker.set_members(people, tuple(uuid for uuid, _ in chosen))
        self.set_form(form)
        title = "查看协商成果" if self.read_only else "修改协商成果"
        self.setWindowTitle(title if self.uuid else "新增协商成果")

    def _show_read_only(self) -> None:
        inputs = (
            self.kind, self.title_edit, self.topic, self.meeting, self.sent_to, self.sent_on,
            self.summary, self.feedback_on, self.feedback_note, self.proposals,
            self.social_info, self.speeches, self.picker,
        )  # fmt: skip
        show_read_only(inputs, self.save_button, self.cancel_button)
        for lines in (self.instructions, self.follow_ups):
            lines.set_read_only()
        self.attachments.set_read_only()

    def _fill_choices(self, meeting: tuple[str, str] | None) -> None:
        """The year's topics and meetings; `meeting` (uuid, title): the outcome's own, kept
        choosable when held in another year (early next year, say)."""
        plan = get_plan(self.database, self.year)
        topics = {t.uuid: f"{t.number}. {t.title}" for t in plan.topics} if plan else {}
        self.topic.set_choices(topics)
        rows = list_meetings(self.database, self.year)
        meetings = {m.uuid: f"{day_text(m.held_on)} {m.title}" for m in rows}
        if meeting is not None and meeting[0] not in meetings:
            meetings[meeting[0]] = meeting[1]
        self.meeting.set_choices(meetings)

    def set_form(self, form: OutcomeForm) -> None:
        self.kind.set_value(form.kind)
        self.title_edit.setText(form.title)
        self.topic.set_value(form.topic_uuid)
        self.meeting.set_value(form.meeting_uuid)
        if form.sent_to:
            self.sent_to.setText(form.sent_to)
        self.sent_on.set_value(form.sent_on)
        self.summary.setPlainText(form.summary)
        self.feedback_on.set_value(form.feedback_on)
        self.feedback_note.setText(form.feedback_note)
        self.proposals.setValue(form.proposals_made)
        self.social_info.setValue(form.social_info_made)
        self.speeches.setValue(form.speeches_made)

    def _meeting_chosen(self) -> None:
        """An outcome of a meeting takes its topic, type, name and speakers from it."""
        uuid = self.meeting.value()
        if uuid is None or self.title_edit.text().strip():
            return
        try:
            draft = outcome_from_meeting(self.database, uuid)
        except KnownError as exc:
            report_error(self, exc)
            return
        self.kind.set_value(draft.kind)
        self.title_edit.setText(draft.title)
        self.topic.set_value(draft.topic_uuid)
        self.picker.set_members(self._people(), draft.member_uuids)

    def _people(self) -> list[Candidate]:
        return [Candidate.from_member(m) for m in list_members(self.database)]

    def _reload_lines(self) -> None:
        if self.uuid is not None:
            detail = get_outcome(self.database, self.uuid)
            self.instructions.set_lines(detail.instructions)
            self.follow_ups.set_lines(detail.follow_ups)
            self.saved.emit(self.uuid)

    # --- saving ------------------------------------------------------------------------

    def form(self) -> OutcomeForm:
        return replace(
            OutcomeForm(),
            kind=self.kind.value(),
            title=self.title_edit.text(),
            year=self.year,
            topic_uuid=self.topic.value(),
            meeting_uuid=self.meeting.value(),
            sent_to=self.sent_to.text(),
            sent_on=self.sent_on.value(),
            summary=self.summary.toPlainText(),
            member_uuids=self.picker.chosen(),
            feedback_on=self.feedback_on.value(),
            feedback_note=self.feedback_note.text(),
            proposals_made=self.proposals.value(),
            social_info_made=self.social_info.value(),
            speeches_made=self.speeches.value(),
        )

    def store(self) -> bool:
        try:
            if self.uuid is None:
                self.uuid = add_outcome(self.database, self.form())
            else:
                update_outcome(self.database, self.uuid, self.form())
        except KnownError as exc:
            show_known_error(self, exc, "未能保存")
            return False
        self.setWindowTitle("修改协商成果")
        self.discard_guard.remember()  # saved before a 批示 or an attachment: nothing to lose
        self.saved.emit(self.uuid)
        return True

    def reject(self) -> None:
        """取消, Esc or the ×: what was typed is not thrown away unasked."""
        if self.discard_guard.allows_close():
            super().reject()

    def save(self) -> None:
        if self.store():
            self.accept()

    def save_first(self) -> str | None:
        if not self.store():
            return None
        self.status.setText("协商成果已保存。")
        self.cancel_button.setText("关闭")
        return self.uuid
