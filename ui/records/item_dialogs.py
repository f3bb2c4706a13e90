"""新增/修改社情民意信息, and 大会发言 / 调研视察报告: title, date, members.

Each dialog saves through the service itself and stays open when the service
refuses, so the clerk can correct the input.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.common.storage import Database
from app.members.member_files import list_members
from app.records.labels import WORK_KIND_LABELS, WorkKind
from app.records.record_items import (
    MemberRef,
    SocialInfoForm,
    WorkForm,
    add_social_info,
    add_work,
    get_social_info,
    get_work,
    update_social_info,
    update_work,
)
from ui.common.record_dialog import RecordDialog
from ui.common.screen_fit import resize_to_fit
from ui.records.attendance_model import Candidate
from ui.records.fields import date_edit, day_of, set_day
from ui.records.member_picker import MemberPicker
from ui.security.guard import guard_writes


def _people(database: Database, already: tuple[MemberRef, ...]) -> list[Candidate]:
    """The term's members, plus anyone already chosen who is not among them."""
    people = [Candidate.from_member(m) for m in list_members(database)]
    known = {p.uuid for p in people}
    return people + [Candidate(ref.uuid, ref.name) for ref in already if ref.uuid not in known]


def _chosen_only(chosen: tuple[MemberRef, ...]) -> list[Candidate]:
    """A county's members at the city: those on the record (the city's own are not theirs)."""
    return [Candidate(ref.uuid, ref.name) for ref in chosen]


class _ItemDialog(RecordDialog):
    def __init__(self, title: str, noun: str, day: date | None, parent: QWidget | None) -> None:
        super().__init__(title, "", parent)
        resize_to_fit(self, 640, 600)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("itemTitle")
        self.day = date_edit("itemDate", day)
        self.note = QLineEdit()
        self.note.setObjectName("itemNote")
        self.note.setPlaceholderText("可不填")
        self.picker = MemberPicker(noun)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form_layout)
        self.picker_title = QLabel(f"{noun}（可多选：点击姓名勾选，再点一次取消）")
        self.picker_title.setObjectName("sectionTitle")
        self.picker_title.setStyleSheet("font-weight: bold;")
        self._noun = noun
        layout.addWidget(self.picker_title)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.buttons)

    def _show_read_only(self, title: str, inputs: tuple[QWidget, ...]) -> None:
        """A county's record at the city: its members only, nothing to change or save."""
        self.set_read_only(title, (self.title_edit, self.day, self.note, *inputs))
        self.picker.set_read_only()
        self.picker_title.setText(self._noun)  # no "点击姓名勾选": nothing is ticked here


class SocialInfoDialog(_ItemDialog):
    def __init__(
        self,
        database: Database,
        uuid: str | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
        read_only: bool = False,  # a county's record at the city: looked at, not changed
    ) -> None:
        super().__init__("修改社情民意信息" if uuid else "新增社情民意信息", "报送人", day, parent)
        self.setObjectName("socialInfoDialog")
        self.database = database
        guard_writes(database, self.save_button)
        self.uuid = uuid
        self.title_edit.setPlaceholderText("例如：关于加强农村留守老人照护的建议")
        self.adopted = QCheckBox("采用")
        self.adopted.setObjectName("adopted")
        self.instructed = QCheckBox("领导批示")
        self.instructed.setObjectName("instructed")
        outcome = QHBoxLayout()
        outcome.addWidget(self.adopted)
        outcome.addWidget(self.instructed)
        outcome.addStretch(1)
        self.form_layout.addRow("标题", self.title_edit)
        self.form_layout.addRow("报送日期", self.day)
        self.form_layout.addRow("办理情况", outcome)
        self.form_layout.addRow("备注", self.note)
        chosen: tuple[MemberRef, ...] = ()
        if uuid is not None:
            row = get_social_info(database, uuid)
            self.title_edit.setText(row.title)
            set_day(self.day, row.submitted_on)
            self.adopted.setChecked(row.adopted)
            self.instructed.setChecked(row.instructed)
            self.note.setText(row.note)
            chosen = row.submitters
        people = _chosen_only(chosen) if read_only else _people(database, chosen)
        self.picker.set_members(people, tuple(m.uuid for m in chosen))
        if read_only:
            self._show_read_only("查看社情民意信息", (self.adopted, self.instructed))
        else:
            self.title_edit.setFocus()  # typing starts in 标题, not in the member search

    def form(self) -> SocialInfoForm:
        return SocialInfoForm(
            title=self.title_edit.text(),
            submitted_on=day_of(self.day),
            submitters=self.picker.chosen(),
            adopted=self.adopted.isChecked(),
            instructed=self.instructed.isChecked(),
            note=self.note.text(),
        )

    def store(self) -> str:
        if self.uuid is None:
            self.uuid = add_social_info(self.database, self.form())
        else:
            update_social_info(self.database, self.uuid, self.form())
        return self.uuid


class WorkDialog(_ItemDialog):
    def __init__(
        self,
        database: Database,
        uuid: str | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
        read_only: bool = False,  # a county's record at the city: looked at, not changed
    ) -> None:
        super().__init__(
            "修改大会发言或调研视察报告" if uuid else "新增大会发言或调研视察报告",
            "委员",
            day,
            parent,
        )
        self.setObjectName("workDialog")
        self.database = database
        guard_writes(database, self.save_button)
        self.uuid = uuid
        self.kind = QComboBox()
        self.kind.setObjectName("workKind")
        for kind, label in WORK_KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.title_edit.setPlaceholderText("例如：关于全县中小学校舍安全情况的调研报告")
        self.form_layout.addRow("类别", self.kind)
        self.form_layout.addRow("题目", self.title_edit)
        self.form_layout.addRow("日期", self.day)
        self.form_layout.addRow("备注", self.note)
        chosen: tuple[MemberRef, ...] = ()
        if uuid is not None:
            row = get_work(database, uuid)
            self.kind.setCurrentIndex(self.kind.findData(row.kind.value))
            self.title_edit.setText(row.title)
            set_day(self.day, row.submitted_on)
            self.note.setText(row.note)
            chosen = row.authors
        people = _chosen_only(chosen) if read_only else _people(database, chosen)
        self.picker.set_members(people, tuple(m.uuid for m in chosen))
        if read_only:
            self._show_read_only("查看大会发言或调研视察报告", (self.kind,))
        else:
            self.title_edit.setFocus()  # typing starts in 题目, not in the member search

    def form(self) -> WorkForm:
        return WorkForm(
            kind=WorkKind(self.kind.currentData()),
            title=self.title_edit.text(),
            submitted_on=day_of(self.day),
            authors=self.picker.chosen(),
            note=self.note.text(),
        )

    def store(self) -> str:
        if self.uuid is None:
            self.uuid = add_work(self.database, self.form())
        else:
            update_work(self.database, self.uuid, self.form())
        return self.uuid
