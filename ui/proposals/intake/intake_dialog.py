"""登记提案 / 修改提案: the form, the proposers picked from the members, the original
files to attach, and — while the clerk types — similar proposals of every year."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.proposals.attachments import attach_file
from app.proposals.intake.intake import (
    IntakeChoices,
    ProposalForm,
    SignerInput,
    add_proposal,
    intake_choices,
    update_proposal,
)
from app.proposals.labels import AttachmentPurpose
from app.proposals.views import ProposalDetail
from ui.common.errors import show_known_error
from ui.common.jobs import JobRunner, run_job
from ui.common.screen_fit import resize_to_fit
from ui.common.unsaved import DiscardGuard
from ui.common.widgets import add_save_shortcut, tab_leaves_text_boxes
from ui.proposals.common import (
    ATTACHMENT_FILTER,
    HINT_STYLE,
    ProposalFiles,
    make_button,
    make_label,
)
from ui.proposals.intake.intake_fields import IntakeFields
from ui.proposals.similar_panel import SimilarPanel
from ui.records.attendance_model import Candidate
from ui.records.member_picker import MemberPicker

TEXT_NAME = "name:"  # picker key of a proposer kept as text (not a member of the term)
Store = Callable[[ProposalForm], str]


def detail_form(detail: ProposalDetail) -> ProposalForm:
    """What an edit starts from."""
    row = detail.row
    return ProposalForm(
        title=row.title,
        body=detail.body,
        submitter_kind=row.submitter_kind,
        submitter_name=detail.submitter_name,
        signers=tuple(SignerInput(s.name, s.member_uuid) for s in detail.signers),
        period=detail.period,
        session_uuid=detail.session_uuid,
        year=row.year,
        number=row.number,
        category=row.category,
        submitted_on=row.submitted_on,
        lead_uuid=detail.lead_uuid,
        not_public=row.not_public,
        note=detail.note,
    )


NO_MEMBERS_HINT = (
    "本届还没有委员名单，无法勾选提案人：请先在“委员档案”中导入或添加委员。"
    "以党派团体、界别或专委会名义提出的，可改选提出方式后填写提案单位。"
)


class IntakeDialog(QDialog):
    saved = Signal(str)  # the proposal's uuid

    def __init__(
        self,
        database: Database,
        files: ProposalFiles,
        uuid: str | None = None,
        start: ProposalForm | None = None,
        notes: tuple[str, ...] = (),
        store: Store | None = None,
        index_ready: Callable[[], bool] = lambda: True,
        parent: QWidget | None = None,
        renote: Callable[[str | None, int | None], tuple[str, ...]] | None = None,
    ) -> None:
        """`renote`: the notes for another session (or year, by year), when they depend
        on it (a Word form's year); the first of `notes` then heads them all the time."""
        super().__init__(parent)
        self.setObjectName("intakeDialog")
        self.setWindowTitle("修改提案登记信息" if uuid else "登记提案")
        resize_to_fit(self, 1240, 680)
        self.database = database
        self.files = files
        self.uuid = uuid
        self._store = store
        self.pending: list[Path] = []  # files to attach on saving
        self.runner: JobRunner | None = None  # copying the originals after saving
        choices = intake_choices(database)
        self.notes = make_label("draftNotes", "color: #a15c00;")
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.fields = IntakeFields(database, choices)
        self.picker = MemberPicker("提案人")
        self.picker_hint = make_label("pickerHint", HINT_STYLE)
        self.similar = SimilarPanel(database, index_ready)
        self.similar.hide_proposer()
        self.attachments = QListWidget()
        self.attachments.setObjectName("pendingAttachments")
        self.attachments.setMaximumHeight(64)
        self.add_file_button = make_button("添加原件…", "addOriginal", self.add_file)
        self.remove_file_button = make_button("移除", "removeOriginal", self.remove_file)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        add_save_shortcut(self, self.save_button.click)
        self._lay_out()
        self._fill(choices, start, keep_number=uuid is not None)
        self.fields.kind_changed.connect(self._kind_changed)
        self.fields.text_changed.connect(self._text_changed)
        if renote is not None:
            self._renote = renote
            self._notes_heading = notes[:1]
            self.fields.session.currentIndexChanged.connect(self._notes_again)
            self.fields.year.valueChanged.connect(self._notes_again)
        self._kind_changed()
        if start is not None and start.title:
            self._text_changed()
        self.discard_guard = DiscardGuard(self)  # the form as filled in counts as unchanged
        tab_leaves_text_boxes(self)  # 提案内容: Tab goes on to the proposers and 保存

    def _lay_out(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.fields, 1)
        files = QHBoxLayout()
        files.addWidget(QLabel("提案原件"))
        files.addWidget(self.attachments, 1)
        side = QVBoxLayout()
        side.addWidget(self.add_file_button)
        side.addWidget(self.remove_file_button)
        files.addLayout(side)
        left_layout.addLayout(files)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        title = QLabel("提案人（点击姓名勾选；先勾选的为第一提案人）")
        title.setStyleSheet("font-weight: bold;")
        right_layout.addWidget(title)
        right_layout.addWidget(self.picker_hint)
        right_layout.addWidget(self.picker, 3)
        right_layout.addWidget(self.similar, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def _fill(self, choices: IntakeChoices, start: ProposalForm | None, keep_number: bool) -> None:
        people = [Candidate(m.uuid, m.name, m.sector) for m in choices.members]
        chosen: list[str] = []
        if start is not None:
            known = {p.uuid for p in people}
            for signer in start.signers:
                key = signer.member_uuid or TEXT_NAME + signer.name
                if key not in known:
                    label = "非本届委员" if signer.member_uuid else "未对应到委员，按文字保存"
                    people.append(Candidate(key, signer.name, left_label=label))
                    known.add(key)
                chosen.append(key)
            self.fields.fill(start, keep_number)
        self.picker.set_members(people, tuple(chosen))
        self._names = {p.uuid: p.name for p in people}

    # --- reactions -------------------------------------------------------------

    def _kind_changed(self) -> None:
        if not self._names and not self.fields.collective:
            self.picker_hint.setText(NO_MEMBERS_HINT)
        elif self.fields.collective:
            self.picker_hint.setText(
                "以党派团体、界别或专委会名义提出：可不选委员，或勾选执笔委员。"
            )
        else:
            self.picker_hint.setText("委员联名提案请勾选第一提案人和全部联名人。")

    def _text_changed(self) -> None:
        self.similar.check_text(
            self.fields.title_edit.text(), self.fields.body.toPlainText(), exclude=self.uuid
        )

    def add_file(self) -> None:
        path = self.files.open_path(self, "选择提案原件（扫描件或 Word 文件）", ATTACHMENT_FILTER)
        if path is not None and path not in self.pending:
            self.pending.append(path)
            QListWidgetItem(path.name, self.attachments).setToolTip(str(path))

    def remove_file(self) -> None:
        row = self.attachments.currentRow()
        if row >= 0:
            self.attachments.takeItem(row)
            del self.pending[row]

    # --- saving ------------------------------------------------------------------

    def signers(self) -> tuple[SignerInput, ...]:
        """In the order ticked: the first proposer first."""
        return tuple(
            SignerInput(self._names[key], None if key.startswith(TEXT_NAME) else key)
            for key in self.picker.chosen()
        )

    def form(self) -> ProposalForm:
        return self.fields.form(self.signers())

    def _notes_again(self) -> None:
        form = self.form()
        lines = [*self._notes_heading, *self._renote(form.session_uuid, form.year)]
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))

    def form_value(self) -> tuple[Path, ...]:
        """What no field shows, for the DiscardGuard: the originals chosen to attach."""
        return tuple(self.pending)

    def reject(self) -> None:
        """取消, Esc or the window's close button: what the clerk typed, pasted, ticked or
        chose to attach is not thrown away without asking."""
        if self.discard_guard.allows_close():
            super().reject()

    def save(self) -> None:
        form = self.form()
        try:
            if self._store is not None:
                uuid = self._store(form)
            elif self.uuid is None:
                uuid = add_proposal(self.database, form)
            else:
                update_proposal(self.database, self.uuid, form)
                uuid = self.uuid
        except KnownError as exc:
            show_known_error(self, exc, "未能保存")
            return
        self.uuid = uuid
        if not self.pending:
            self._saved()
            return
        # The originals (up to 200 MB each, maybe on a USB stick) are copied on a worker
        # thread behind a progress dialog, so the window never freezes.
        self.save_button.setEnabled(False)
        files = list(self.pending)
        self.runner = run_job(
            self,
            "正在复制提案原件…",
            lambda _progress: _attach_all(self.database, uuid, files),
            self._attached,
            cancellable=False,
        )

    def _attached(self, failures: list[tuple[Path, KnownError]]) -> None:
        """The proposal is saved; a file that could not be copied is said, not lost silently."""
        self.pending.clear()
        for path, exc in failures:
            show_known_error(
                self,
                KnownError(
                    f"提案已保存，但附件“{path.name}”未能添加：{exc.what}",
                    "可在提案详情的“附件”中再次添加。",
                ),
                "附件未添加",
            )
        self._saved()

    def _saved(self) -> None:
        assert self.uuid is not None
        self.saved.emit(self.uuid)
        self.accept()


def _attach_all(database: Database, uuid: str, files: list[Path]) -> list[tuple[Path, KnownError]]:
    """Each file as an original of the proposal; the ones refused, with why."""
    failures = []
    for path in files:
        try:
            attach_file(database, uuid, path, AttachmentPurpose.ORIGINAL)
        except KnownError as exc:
            failures.append((path, exc))
    return failures
