"""协商 → 会议活动: the duty-record list of meetings and activities (ui.records'
ActivityTab, the same records as on 履职记录), with the city's 单位 filter: a county's
meetings listed read-only, opened in the meeting editor without a way to save."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from app.common.storage import Database
from ui.common.office_filter import OfficeFilter
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.records.record_tabs import ActivityTab


class MeetingsTab(ActivityTab):
    # 从Excel导入 is a button of 履职记录, not of this tab: say where it is.
    empty_text = (
        "{year}尚未登记会议活动。\n点击“新增活动”登记一次会议或活动及出席情况；"
        "已有的出席情况表格可在“履职记录 → 会议活动”中“从Excel导入”。"
    )

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
        self.office_name = self.office.county_name()
        super().refresh(select_uuid)

    def _office_changed(self) -> None:
        """What was said (and the undo) was about the list as it was shown."""
        self.status.clear()
        self.output.say("")
        self._deleted = None
        self.undo_button.hide()
