"""协商 → 会议活动: the duty-record list of meetings and activities (ui.records'
ActivityTab, the same records as on 履职记录), with the city's 单位 filter: a county's
meetings listed read-only, opened in the meeting editor without a way to save."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QHBoxLayout

from app.common.storage import Database
from ui.common.office_filter import OfficeFilter
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.records.record_tabs import ActivityTab


class MeetingsTab(ActivityTab):
    def __init__(self, database: Database) -> None:
        super().__init__(database, MeetingEditor)
        self.office.changed.connect(self._office_changed)

    def add_filters(self, toolbar: QHBoxLayout) -> None:
        # The city: one county's meetings at a time (as on 履职记录), read-only there.
        self.office = OfficeFilter(with_all=False)
        toolbar.insertWidget(0, self.office)
        super().add_filters(toolbar)

    def refresh(self, select_uuid: str | None = None) -> None:
        self.office.load(self.database)
        self.office_code = self.office.code()
        super().refresh(select_uuid)

    def _office_changed(self) -> None:
        """What was said (and the undo) was about the list as it was shown."""
        self.status.clear()
        self.output.say("")
        self._deleted = None
        self.undo_button.hide()

    def make_dialog(self, uuid: str | None, day: date) -> QDialog:
        county = self.office.is_county()
        return MeetingEditor(self.database, uuid, day, self, read_only=county)

    # The list's keys (Ctrl+N, Delete) go through here, not through the buttons: a
    # county's list, where the buttons are disabled, changes nothing.
    def open_add_dialog(self) -> QDialog | None:
        return super().open_add_dialog() if self.add_button.isEnabled() else None

    def delete_selected(self) -> None:
        if self.delete_button.isEnabled():
            super().delete_selected()
