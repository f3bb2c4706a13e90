"""The three lists of the 履职记录 page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QWidget

from app.common.storage import Database
from app.common.text import day_text
from app.records import activities as records
from app.records import record_items
from app.records.activities import ActivityRow
from app.records.labels import ACTIVITY_KIND_LABELS, WORK_KIND_LABELS, ActivityKind, WorkKind
from app.records.record_items import WorkRow
from ui.records.item_dialogs import SocialInfoDialog, WorkDialog
from ui.records.record_tab import Reader, RecordTab
from ui.records.table_models import activity_model, social_info_model, work_model

ALL_KINDS = ""

# Makes the meeting editor: (database, the activity's UUID or None for a new one, the
# day a new one starts on, parent). The one editor is ui.consultation's (a meeting is
# the duty-record activity); the shell hands it in, as screens below may not import it.
# The dialog has `saved = Signal(str)` and its date field as `day`.
MeetingEditorFactory = Callable[[Database, str | None, date, QWidget], QDialog]


def _kind_filter(labels: dict) -> QComboBox:  # type: ignore[type-arg]
    combo = QComboBox()
    combo.setObjectName("kindFilter")
    combo.addItem("全部类别", ALL_KINDS)
    for kind, label in labels.items():
        combo.addItem(label, kind.value)
    return combo


class ActivityTab(RecordTab):
    noun = "活动"
    add_text = "新增活动"
    empty_text = (
        "{year}尚未登记会议活动。\n点击“新增活动”登记一次会议或活动及出席情况，或用“从Excel导入”。"
    )
    stretch_column = 2

    def __init__(self, database: Database, editor: MeetingEditorFactory) -> None:
        self._editor = editor
        super().__init__(database, activity_model())

    def add_filters(self, toolbar: QHBoxLayout) -> None:
        self.kind = _kind_filter(ACTIVITY_KIND_LABELS)
        self.kind.currentIndexChanged.connect(self._filter_changed)
        toolbar.addWidget(QLabel("类别"))
        toolbar.addWidget(self.kind)

    def reader(self) -> Reader:
        kind = self.kind.currentData()
        database, chosen, office = (
            self.database,
            ActivityKind(kind) if kind else None,
            self.office_code,
        )
        return lambda year: records.list_activities(database, year, chosen, office)

    def make_dialog(self, uuid: str | None, day: date) -> QDialog:
        if self.office_code is not None:  # a county's meeting at the city: to read only
            return self._editor(self.database, uuid, day, self, read_only=True)
        return self._editor(self.database, uuid, day, self)

    def delete(self, uuid: str) -> None:
        records.delete_activity(self.database, uuid)

    def undelete(self, uuid: str) -> None:
        records.undelete_activity(self.database, uuid)

    def describe(self, row: ActivityRow) -> str:
        return f"“{row.title}”（{day_text(row.held_on)}）"


class SocialInfoTab(RecordTab):
    noun = "社情民意信息"
    add_text = "新增社情民意信息"
    empty_text = (
        "{year}尚未登记社情民意信息。\n点击“新增社情民意信息”登记标题、报送人及采用、批示情况。"
    )
    stretch_column = 1

    def __init__(self, database: Database) -> None:
        super().__init__(database, social_info_model())

    def reader(self) -> Reader:
        database, office = self.database, self.office_code
        return lambda year: record_items.list_social_info(database, year, office)

    def make_dialog(self, uuid: str | None, day: date) -> QDialog:
        return SocialInfoDialog(self.database, uuid, day, self, self.office_code is not None)

    def delete(self, uuid: str) -> None:
        record_items.delete_social_info(self.database, uuid)

    def undelete(self, uuid: str) -> None:
        record_items.undelete_social_info(self.database, uuid)


class WorkTab(RecordTab):
    noun = ""
    list_title = "大会发言与调研视察报告"
    add_text = "新增发言或报告"
    empty_text = "{year}尚未登记大会发言或调研视察报告。\n点击“新增发言或报告”登记。"
    stretch_column = 2

    def __init__(self, database: Database) -> None:
        super().__init__(database, work_model())

    def add_filters(self, toolbar: QHBoxLayout) -> None:
        self.kind = _kind_filter(WORK_KIND_LABELS)
        self.kind.currentIndexChanged.connect(self._filter_changed)
        toolbar.addWidget(QLabel("类别"))
        toolbar.addWidget(self.kind)

    def reader(self) -> Reader:
        kind = self.kind.currentData()
        database, chosen, office = self.database, WorkKind(kind) if kind else None, self.office_code
        return lambda year: record_items.list_works(database, year, chosen, office)

    def make_dialog(self, uuid: str | None, day: date) -> QDialog:
        return WorkDialog(self.database, uuid, day, self, self.office_code is not None)

    def delete(self, uuid: str) -> None:
        record_items.delete_work(self.database, uuid)

    def undelete(self, uuid: str) -> None:
        record_items.undelete_work(self.database, uuid)

    def describe(self, row: WorkRow) -> str:
        return f"{row.kind_label}“{row.title}”"
