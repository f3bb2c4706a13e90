"""新增/修改会议活动: the one editor of a meeting or activity, opened from the 协商
page and from 履职记录 → 会议活动 alike (a meeting is the duty-record activity).

Pages: 基本情况 (kind, name, date, venue, chair, consultation form, plan topic,
agenda, invited guests), 出席情况 (the member checklist and the sign-in sheet read
back), 发言, 纪要与共识, 会议材料 (Word files, print preview, PDF).
At the city, a county's meeting opens read-only (`read_only`): looked at, never saved.

保存 writes the details and the list of members in one transaction and closes.
Speeches, reading a sign-in sheet and the materials need the meeting saved: they
save it first (the editor stays open, and says so).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation.meetings.meetings import (
    MeetingForm,
    add_meeting,
    get_meeting,
    update_meeting,
)
from app.records.labels import ActivityKind, AttendanceStatus
from ui.common.dates import day_of
from ui.common.errors import show_known_error
from ui.common.office_filter import READ_ONLY_TIP
from ui.common.screen_fit import resize_to_fit
from ui.common.widgets import add_save_shortcut, confirm, tab_leaves_lists, tab_leaves_text_boxes
from ui.consultation.meetings.attendance_panel import AttendancePanel
from ui.consultation.meetings.materials_panel import MaterialsPanel
from ui.consultation.meetings.meeting_details import MeetingDetails, MinutesPage
from ui.consultation.meetings.read_only import freeze
from ui.consultation.meetings.speeches_panel import SpeechesPanel
from ui.security.guard import guard_writes


class MeetingEditor(QDialog):
    saved = Signal(str)  # the meeting's UUID

    def __init__(
        self,
        database: Database,
        uuid: str | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
        draft: MeetingForm | None = None,
        read_only: bool = False,
    ) -> None:
        """`draft`: a new meeting's form filled in beforehand (from a plan topic);
        `read_only`: a county's meeting at the city, shown without a way to save."""
        super().__init__(parent)
        self.database = database
        self.uuid = uuid
        self.read_only = read_only and uuid is not None
        self.setObjectName("meetingEditor")
        resize_to_fit(self, 1100, 640)
        self.details = MeetingDetails(database, day)
        self.attendance = AttendancePanel(database, self.save_first)
        self.speeches = SpeechesPanel(database, self.save_first, self.members_on_list)
        self.minutes = MinutesPage()
        self.materials = MaterialsPanel(database, self.save_first)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        self.tabs.addTab(self.details, "基本情况")
        self.tabs.addTab(self.attendance, "出席情况")
        self.tabs.addTab(self.speeches, "发言")
        self.tabs.addTab(self.minutes, "纪要与共识")
        self.tabs.addTab(self.materials, "会议材料")
        # What the lists and tests reach for, as on the dialog it replaced.
        self.kind = self.details.kind
        self.title_edit = self.details.title_edit
        self.day = self.details.day
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        self.cancel_button = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        add_save_shortcut(self, self.save_button.click)
        guard_writes(database, self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        bottom = QVBoxLayout()
        bottom.addWidget(self.status)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.details.day.dateChanged.connect(self._day_changed)
        self.details.kind.currentIndexChanged.connect(self._kind_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._load(draft)
        self._stored = self._state()
        tab_leaves_text_boxes(self)  # 纪要, 共识
        tab_leaves_lists(self)  # 出席情况: Tab went through every member's every cell
        # Typing starts in 会议类别, not on the tab bar above the form (one Tab more).
        self.details.kind.setFocus()
        if self.read_only:
            self._show_read_only()

    def _show_read_only(self) -> None:
        for page in (self.details, self.minutes, self.materials):
            freeze(page)
        self.attendance.set_read_only()
        self.speeches.set_read_only()
        self.save_button.setEnabled(False)
        self.save_button.hide()
        self.cancel_button.setText("关闭")
        self.status.setText(READ_ONLY_TIP)

    def _load(self, draft: MeetingForm | None) -> None:
        if self.uuid is None:
            form = draft or MeetingForm()
            if form.held_on is None:
                form = replace(form, held_on=day_of(self.details.day))
            self.details.set_form(form)
            self.minutes.set_form(form)
            self.attendance.load((), day_of(self.details.day))
            self.speeches.show_speeches(None, ())
            self._kind_changed()
        else:
            detail = get_meeting(self.database, self.uuid)
            self.details.set_form(detail.form, detail.topic_title, detail.topic_year)
            self.minutes.set_form(detail.form)
            self.attendance.load(detail.attendees, day_of(self.details.day))
            # Who is on the list first; unticking 只看名单内 shows everyone to add.
            self.attendance.listed_only.setChecked(bool(detail.attendees))
            self.speeches.show_speeches(self.uuid, detail.speeches)
        self._show_title()

    def _show_title(self) -> None:
        if self.read_only:
            self.setWindowTitle("查看会议活动")
        else:
            self.setWindowTitle("修改会议活动" if self.uuid else "新增会议活动")

    def _day_changed(self) -> None:
        self.attendance.set_day(day_of(self.details.day))

    def _kind_changed(self) -> None:
        if self.uuid is None:  # a new 常委会会议 lists the standing committee
            standing = self.details.kind.value() is ActivityKind.STANDING_MEETING
            self.attendance.standing_only.setChecked(standing)

    def members_on_list(self) -> dict[str, str]:
        """UUID → name of the members on the list (the speakers to choose from)."""
        model = self.attendance.model
        return {
            model.candidate(row).uuid: model.candidate(row).name
            for row in range(model.rowCount())
            if model.status_of(model.candidate(row).uuid) is not None
        }

    # --- saving ----------------------------------------------------------------------

    def form(self) -> MeetingForm:
        return self.minutes.form(self.details.form(MeetingForm()))

    def attendance_list(self) -> dict[str, AttendanceStatus]:
        return self.attendance.attendance()

    def _state(self) -> tuple[MeetingForm, dict[str, AttendanceStatus]]:
        return self.form(), self.attendance_list()

    def has_changes(self) -> bool:
        return not self.read_only and self._state() != self._stored

    def reject(self) -> None:
        """取消, Esc or the window's ×: what was typed is not thrown away unasked."""
        if self.has_changes() and not confirm(
            self,
            "放弃修改",
            "会议有尚未保存的修改（基本情况、出席情况或纪要），确定放弃吗？",
            "放弃修改",
        ):
            return
        super().reject()

    def store(self) -> bool:
        """Save the details and the list together; False after saying why not."""
        if self.read_only:  # a county's meeting: nothing here writes it
            return False
        try:
            if self.uuid is None:
                self.uuid = add_meeting(self.database, self.form(), self.attendance_list())
            else:
                update_meeting(self.database, self.uuid, self.form(), self.attendance_list())
        except KnownError as exc:
            show_known_error(self, exc, "未能保存")
            return False
        self._stored = self._state()
        self._show_title()
        self.saved.emit(self.uuid)
        return True

    def save(self) -> None:
        if self.store():
            self.accept()

    def save_first(self) -> str | None:
        """Save before work that needs the stored meeting; its UUID, or None if refused."""
        if not self.store():
            return None
        self.status.setText("会议已保存。")
        self.cancel_button.setText("关闭")
        return self.uuid
