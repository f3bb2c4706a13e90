"""The meeting editor's first pages: what the meeting is (kind, name, date, time,
venue, chair, consultation form, plan topic), its agenda and invited guests; and
the page of minutes (纪要) and consensus points."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation.labels import FORM_LABELS, GUEST_KIND_LABELS, GuestKind
from app.consultation.meetings.meetings import AgendaItem, Guest, MeetingForm, meeting_from_topic
from app.consultation.plan.plans import get_plan
from app.records.labels import ACTIVITY_KIND_LABELS
from ui.common.dates import date_edit, day_of, set_day
from ui.common.errors import report_error
from ui.consultation.fields import NONE_CHOSEN, ChoiceCombo, section_title
from ui.consultation.meetings.row_editor import RowColumn, RowEditor

NO_TOPIC = "（不属于年度协商计划的议题）"
AGENDA_COLUMNS = (RowColumn("议程内容"), RowColumn("汇报人或发言人", 200))
GUEST_COLUMNS = (
    RowColumn("姓名（或单位）", 150),
    RowColumn("单位及职务"),
    RowColumn("类别", 70, tuple((t, k) for k, t in GUEST_KIND_LABELS.items()), GuestKind.LEADER),
)


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class MeetingDetails(QWidget):
    def __init__(self, database: Database, day: date | None) -> None:
        super().__init__()
        self.database = database
        self.kind = ChoiceCombo("meetingKind", ACTIVITY_KIND_LABELS, NONE_CHOSEN)
        self.title_edit = _line("meetingTitle", "例如：专题协商会：农村牧区人居环境整治")
        # A meeting may be entered ahead of the day: its notice is printed before.
        latest = date(date.today().year + 1, 12, 31)
        self.day = date_edit("meetingDate", day, latest=latest)
        self.time_edit = _line("meetingTime", "例如：上午9:00")
        self.time_edit.setMaximumWidth(140)
        self.venue = _line("meetingVenue", "例如：县政协三楼会议室")
        self.chair = _line("meetingChair", "主持人姓名")
        self.consultation_form = ChoiceCombo("consultationForm", FORM_LABELS, "（不是协商活动）")
        self.topic = ChoiceCombo("meetingTopic", {}, NO_TOPIC)
        self.note = _line("meetingNote", "可不填")
        self.agenda = RowEditor("agenda", AGENDA_COLUMNS)
        self.guests = RowEditor("guests", GUEST_COLUMNS)
        self._topic_year: int | None = None
        self._layout()
        self.topic.activated.connect(self._topic_chosen)
        self.day.dateChanged.connect(self._year_maybe_changed)
        self.load_topics(day_of(self.day).year)

    def _layout(self) -> None:
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(QLabel("时间"))
        when.addWidget(self.time_edit)
        when.addStretch(1)
        form = QFormLayout()
        form.addRow("会议类别", self.kind)
        form.addRow("会议名称", self.title_edit)
        form.addRow("日期", when)
        form.addRow("地点", self.venue)
        form.addRow("主持人", self.chair)
        form.addRow("协商形式", self.consultation_form)
        form.addRow("协商议题", self.topic)
        form.addRow("备注", self.note)
        hint = QLabel("选择年度协商计划中的议题后，会议日期应在该计划年度内。")
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(hint)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(section_title("会议议程"))
        right.addWidget(self.agenda, 1)
        right.addWidget(section_title("列席人员（受邀领导、部门、专家，可直接填写）"))
        right.addWidget(self.guests, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 5)
        layout.addSpacing(12)
        layout.addLayout(right, 6)

    # --- topics of the plan --------------------------------------------------------

    def load_topics(self, year: int, keep: tuple[str, str] | None = None) -> None:
        """The topics of the year's plan; `keep` (uuid, title) stays choosable if from
        another year (saving then says the date is outside its plan year)."""
        plan = get_plan(self.database, year)
        labels = {t.uuid: f"{t.number}. {t.title}" for t in plan.topics} if plan else {}
        if keep is not None and keep[0] not in labels:
            labels[keep[0]] = keep[1]
        self._topic_year = year
        self.topic.set_choices(labels)

    def _year_maybe_changed(self) -> None:
        year = day_of(self.day).year
        if year != self._topic_year:
            uuid = self.topic.value()
            keep = (uuid, self.topic.currentText()) if uuid else None
            self.load_topics(year, keep)

    def _topic_chosen(self) -> None:
        """A new meeting on a topic takes its name, kind, form and chair from the topic."""
        uuid = self.topic.value()
        if uuid is None or self.title_edit.text().strip():
            return
        try:
            draft = meeting_from_topic(self.database, uuid)
        except KnownError as exc:
            report_error(self, exc)
            return
        self.kind.set_value(draft.kind)
        self.title_edit.setText(draft.title)
        self.consultation_form.set_value(draft.consultation_form)
        if not self.chair.text().strip():
            self.chair.setText(draft.chair)

    # --- the form --------------------------------------------------------------------

    def set_form(self, form: MeetingForm, topic_title: str = "", topic_year: int | None = None):
        self.kind.set_value(form.kind)
        self.title_edit.setText(form.title)
        if form.held_on is not None:
            self.day.blockSignals(True)
            set_day(self.day, form.held_on)
            self.day.blockSignals(False)
        self.time_edit.setText(form.time_text)
        self.venue.setText(form.venue)
        self.chair.setText(form.chair)
        self.consultation_form.set_value(form.consultation_form)
        keep = None
        if form.topic_uuid is not None:
            label = f"{topic_title}（{topic_year}年度计划）" if topic_year else topic_title
            keep = (form.topic_uuid, label)
        self.load_topics(day_of(self.day).year, keep)
        self.topic.set_value(form.topic_uuid)
        self.note.setText(form.note)
        self.agenda.set_rows([(a.content, a.presenter) for a in form.agenda])
        self.guests.set_rows([(g.name, g.unit_title, g.kind) for g in form.guests])

    def form(self, base: MeetingForm) -> MeetingForm:
        """`base` (minutes, consensus) with what this page holds."""
        return replace(
            base,
            kind=self.kind.value(),
            title=self.title_edit.text(),
            held_on=day_of(self.day),
            time_text=self.time_edit.text(),
            venue=self.venue.text(),
            chair=self.chair.text(),
            consultation_form=self.consultation_form.value(),
            topic_uuid=self.topic.value(),
            note=self.note.text(),
            agenda=tuple(AgendaItem(c, p) for c, p in self.agenda.rows()),
            guests=tuple(Guest(n, u, k) for n, u, k in self.guests.rows()),
        )


class MinutesPage(QWidget):
    """纪要 and the consensus points, one a line (numbers typed before them are dropped)."""

    def __init__(self) -> None:
        super().__init__()
        self.minutes = QPlainTextEdit()
        self.minutes.setObjectName("meetingMinutes")
        self.minutes.setPlaceholderText("会议的主要内容，每段一行。打印会议纪要时使用。")
        self.consensus = QPlainTextEdit()
        self.consensus.setObjectName("meetingConsensus")
        self.consensus.setPlaceholderText("每行一条共识，例如：加大农村人居环境整治投入")
        layout = QVBoxLayout(self)
        layout.addWidget(section_title("会议纪要"))
        layout.addWidget(self.minutes, 3)
        layout.addWidget(section_title("达成的共识（每行一条，打印时自动编号：一是、二是……）"))
        layout.addWidget(self.consensus, 2)

    def set_form(self, form: MeetingForm) -> None:
        self.minutes.setPlainText(form.minutes)
        self.consensus.setPlainText("\n".join(form.consensus))

    def form(self, base: MeetingForm) -> MeetingForm:
        return replace(
            base,
            minutes=self.minutes.toPlainText(),
            consensus=tuple(self.consensus.toPlainText().splitlines()),
        )
