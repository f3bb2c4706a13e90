"""The meeting editor's 发言 page: who spoke, on what, with the text or an
attachment; in the order they spoke. A speaker is a member on the meeting's list,
or anyone else typed in (a department head, an expert)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation.meetings import speeches
from app.consultation.meetings.meetings import SpeechLine, get_meeting
from app.consultation.meetings.speeches import SpeechForm
from ui.common.errors import report_error, show_known_error
from ui.common.office_filter import READ_ONLY_TIP, show_read_only
from ui.common.screen_fit import resize_to_fit
from ui.common.tables import CENTRE, Column, ColumnTableModel
from ui.common.unsaved import DiscardGuard
from ui.common.widgets import add_save_shortcut, confirm, push_button
from ui.consultation.attachment_list import AttachmentList
from ui.consultation.fields import ChoiceCombo, section_title

NOT_A_MEMBER = "（不是委员：在右边填写姓名）"
COLUMNS: tuple[Column[SpeechLine], ...] = (
    Column("发言人", lambda s: s.speaker),
    Column("题目", lambda s: s.title),
    Column("附件", lambda s: str(s.attachments) if s.attachments else "", CENTRE),
)


class SpeechDialog(QDialog):
    saved = Signal(str)

    def __init__(
        self,
        database: Database,
        meeting_uuid: str,
        members: dict[str, str],  # UUID → name: the members on the meeting's list
        uuid: str | None = None,
        parent: QWidget | None = None,
        read_only: bool = False,  # a county's speech at the city: read, not changed
    ) -> None:
        super().__init__(parent)
        self.setObjectName("speechDialog")
        self.setWindowTitle("修改发言" if uuid else "新增发言")
        resize_to_fit(self, 720, 560)
        self.database, self.meeting_uuid, self.uuid = database, meeting_uuid, uuid
        self._members = dict(members)
        self.member = ChoiceCombo("speechMember", members, NOT_A_MEMBER)
        self.speaker = QLineEdit()
        self.speaker.setObjectName("speechSpeaker")
        self.speaker.setPlaceholderText("非委员发言人的姓名及职务")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("speechTitle")
        self.text = QPlainTextEdit()
        self.text.setObjectName("speechText")
        self.text.setPlaceholderText("发言内容（也可只添加附件）")
        self.attachments = AttachmentList(database, self.store)
        who = QHBoxLayout()
        who.addWidget(self.member, 1)
        who.addWidget(self.speaker, 1)
        form = QFormLayout()
        form.addRow("发言人", who)
        form.addRow("发言题目", self.title_edit)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        cancel = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        add_save_shortcut(self, self.save_button.click)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(section_title("附件（发言稿等）"))
        layout.addWidget(self.attachments)
        layout.addWidget(self.buttons)
        self.member.currentIndexChanged.connect(self._member_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.discard_guard = DiscardGuard(self)
        if uuid is not None:
            self._load(uuid)
        self._member_changed()
        if read_only:
            self.setWindowTitle("查看发言")
            inputs = (self.member, self.speaker, self.title_edit, self.text)
            show_read_only(inputs, self.save_button, cancel)
            self.attachments.set_read_only()

    def _load(self, uuid: str) -> None:
        form = speeches.get_speech_form(self.database, uuid)
        if form.member_uuid is not None and form.member_uuid not in self._members:
            # taken off the meeting's list since: still the speaker of this speech
            self.member.set_choices({**self._members, form.member_uuid: form.speaker})
        self.member.set_value(form.member_uuid)
        self.speaker.setText("" if form.member_uuid else form.speaker)
        self.title_edit.setText(form.title)
        self.text.setPlainText(form.text)
        self.attachments.set_parent(uuid)

    def _member_changed(self) -> None:
        self.speaker.setEnabled(self.member.value() is None)

    def form(self) -> SpeechForm:
        member = self.member.value()
        return SpeechForm(
            title=self.title_edit.text(),
            member_uuid=member,
            speaker="" if member else self.speaker.text(),
            text=self.text.toPlainText(),
        )

    def store(self) -> str | None:
        """Save; the speech's UUID, or None after saying why not."""
        try:
            if self.uuid is None:
                self.uuid = speeches.add_speech(self.database, self.meeting_uuid, self.form())
            else:
                speeches.update_speech(self.database, self.uuid, self.form())
        except KnownError as exc:
            show_known_error(self, exc, "未能保存")
            return None
        self.discard_guard.remember()  # saved before an attachment: nothing left to lose
        self.saved.emit(self.uuid)
        return self.uuid

    def save(self) -> None:
        if self.store() is not None:
            self.accept()

    def reject(self) -> None:
        """取消, Esc or the ×: what was typed is not thrown away unasked."""
        if self.discard_guard.allows_close():
            super().reject()


class SpeechesPanel(QWidget):
    def __init__(
        self,
        database: Database,
        save_first: Callable[[], str | None],
        members: Callable[[], dict[str, str]],
    ) -> None:
        super().__init__()
        self.database = database
        self._save_first = save_first
        self._members = members  # the members on the list now (UUID → name)
        self.meeting_uuid: str | None = None
        self.dialog: SpeechDialog | None = None
        self._deleted: str | None = None
        self.read_only = False
        self.model: ColumnTableModel[SpeechLine] = ColumnTableModel(COLUMNS, lambda s: s.uuid)
        self.table = QTableView()
        self.table.setObjectName("speechTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 160)
        self.add_button = push_button("新增发言", "primaryButton", self.add)
        self.edit_button = push_button("修改", "editSpeech", self.edit_selected)
        self.delete_button = push_button("删除", "deleteSpeech", self.delete_selected)
        self.undo_button = push_button("撤销删除", "undoSpeech", self.undo_delete)
        self.undo_button.hide()
        self.up_button = push_button("上移", "speechUp", lambda: self.move(-1))
        self.down_button = push_button("下移", "speechDown", lambda: self.move(1))
        self.status = QLabel()
        self.status.setObjectName("speechStatus")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.table.doubleClicked.connect(self.edit_selected)

    def set_read_only(self) -> None:
        """A county's meeting at the city: its speeches are read (查看, or a double click),
        never changed."""
        self.read_only = True
        for button in (
            self.add_button, self.delete_button, self.undo_button, self.up_button,
            self.down_button,
        ):  # fmt: skip
            button.setEnabled(False)
            button.setToolTip(READ_ONLY_TIP)
        self.edit_button.setText("查看")
        self.edit_button.setToolTip("查看所选发言的内容和附件（只读）")

    def show_speeches(self, meeting_uuid: str | None, lines: tuple[SpeechLine, ...]) -> None:
        self.meeting_uuid = meeting_uuid
        self.model.set_rows(list(lines))
        if not lines:
            self.status.setText("尚未登记发言。点击“新增发言”登记发言人、题目和内容。")

    def reload(self, select: str | None = None) -> None:
        if self.meeting_uuid is None:
            return
        self.show_speeches(
            self.meeting_uuid, get_meeting(self.database, self.meeting_uuid).speeches
        )
        row = self.model.row_of(select) if select else -1
        if row >= 0:
            self.table.selectRow(row)

    def _selected(self) -> SpeechLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def add(self) -> None:
        self._open(None)

    def edit_selected(self) -> None:
        line = self._selected()
        if line is not None:
            self._open(line.uuid)

    def _open(self, uuid: str | None) -> None:
        if self.read_only and uuid is None:
            return  # nothing is added to a county's meeting
        # A county's meeting is not saved first: the city only reads it.
        meeting = self.meeting_uuid if self.read_only else self._save_first()
        if meeting is None:
            return
        self.meeting_uuid = meeting
        try:
            self.dialog = SpeechDialog(
                self.database, meeting, self._members(), uuid, self, self.read_only
            )
        except KnownError as exc:
            report_error(self, exc)
            return
        self.dialog.saved.connect(self._saved)
        self.dialog.open()

    def _saved(self, uuid: str) -> None:
        self.reload(select=uuid)
        self.status.setText("发言已保存。")

    def move(self, offset: int) -> None:
        line = self._selected()
        if line is not None:
            speeches.move_speech(self.database, line.uuid, offset)
            self.reload(select=line.uuid)

    def delete_selected(self) -> None:
        line = self._selected()
        if line is None or not confirm(
            self,
            "删除发言",
            f"确定删除{line.speaker}的发言“{line.title}”吗？删除后可以撤销。",
            "删除",
        ):
            return
        speeches.delete_speech(self.database, line.uuid)
        self._deleted = line.uuid
        self.undo_button.show()
        self.reload()
        self.status.setText(f"已删除{line.speaker}的发言。如属误删，请点“撤销删除”。")

    def undo_delete(self) -> None:
        uuid, self._deleted = self._deleted, None
        self.undo_button.hide()
        if uuid is not None:
            speeches.undelete_speech(self.database, uuid)
            self.reload(select=uuid)
            self.status.setText("已恢复该发言。")
