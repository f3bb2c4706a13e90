"""从Word批量登记: a folder of 提案表 (.docx) read into drafts; the clerk checks each in
the intake form and registers it (the Word file attached as the original), or skips
it. Files that could not be read are listed with the reason."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.common.storage import Database
from app.proposals.intake.intake import ProposalForm, intake_choices
from app.proposals.intake.word_intake import (
    ProposalDraft,
    WordBatch,
    confirm_draft,
    form_for_draft,
    notes_for_draft,
)
from ui.common.screen_fit import resize_to_fit
from ui.common.tables import Column, ColumnTableModel
from ui.proposals.common import HINT_STYLE, WARNING_STYLE, ProposalFiles, make_button, make_label
from ui.proposals.intake.intake_dialog import IntakeDialog
from ui.proposals.models import make_table, select_key, selected_row

PENDING = "待核对"
SKIPPED = "已跳过"


class DraftLine:
    """A draft and what became of it."""

    def __init__(self, draft: ProposalDraft) -> None:
        self.draft = draft
        self.status = PENDING
        self.key = str(draft.path)


DRAFT_COLUMNS: tuple[Column[DraftLine], ...] = (
    Column("文件", lambda d: d.draft.file_name),
    Column("案由", lambda d: d.draft.title or "（未识别）"),
    Column("提案人", lambda d: "、".join(n for n in (d.draft.proposer, *d.draft.co_signers) if n)),
    Column("识别提示", lambda d: "；".join(d.draft.notes)),
    Column("状态", lambda d: d.status),
)


class WordIntakeDialog(QDialog):
    registered = Signal(str)  # each proposal's uuid

    def __init__(
        self,
        database: Database,
        files: ProposalFiles,
        batch: WordBatch,
        index_ready: Callable[[], bool] = lambda: True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wordIntakeDialog")
        self.setWindowTitle("从 Word 批量登记提案")
        resize_to_fit(self, 1100, 620)
        self.database, self.files, self._index_ready = database, files, index_ready
        self.intake: IntakeDialog | None = None
        self.lines = [DraftLine(d) for d in batch.drafts]
        self.summary = make_label("wordSummary")
        self.summary.setStyleSheet("font-weight: bold;")
        self.session = QComboBox()
        self.session.setObjectName("wordSession")
        for choice in intake_choices(database).sessions:
            self.session.addItem(choice.label, choice.uuid)
        self.session.addItem("不属于全体会议（按年度编号）", "")
        self.model: ColumnTableModel[DraftLine] = ColumnTableModel(DRAFT_COLUMNS, lambda d: d.key)
        self.table, self.filter = make_table("draftTable", self.model, 1)
        self.model.set_rows(self.lines)
        self.confirm_button = make_button("核对并登记…", "primaryButton", self.check_selected)
        self.skip_button = make_button("跳过", "skipDraft", self.skip_selected)
        self.failed_title = make_label("failedTitle", WARNING_STYLE + "font-weight: bold;")
        self.failed = make_label("failedFiles", WARNING_STYLE)
        self.failed.setText("\n".join(f"{f.path.name}：{f.reason}" for f in batch.failed))
        self.failed_title.setText(
            f"无法读取的文件（{len(batch.failed)}）：" if batch.failed else ""
        )
        for label in (self.failed_title, self.failed):
            label.setVisible(bool(batch.failed))
        hint = make_label("wordHint", HINT_STYLE)
        hint.setText(
            "逐份核对：点“核对并登记”在登记表中检查识别结果（提案人、类别等），保存后登记；"
            "原 Word 文件作为提案原件保存。"
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("登记到"))
        top.addWidget(self.session)
        top.addStretch(1)
        top.addWidget(self.confirm_button)
        top.addWidget(self.skip_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.failed_title)
        layout.addWidget(self.failed)
        layout.addWidget(close)
        self.table.doubleClicked.connect(lambda _index: self.check_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._select_next()
        self._show_summary()

    def selected(self) -> DraftLine | None:
        return selected_row(self.table, self.filter, self.model)

    def _update_buttons(self, *_args: object) -> None:
        line = self.selected()
        pending = line is not None and line.status == PENDING
        self.confirm_button.setEnabled(pending)
        self.skip_button.setEnabled(pending)

    def _select_next(self) -> None:
        line = next((ln for ln in self.lines if ln.status == PENDING), None)
        if line is not None:
            select_key(self.table, self.filter, self.model, line.key)
        else:
            self.table.clearSelection()
        self._update_buttons()

    def _show_summary(self) -> None:
        done = sum(1 for ln in self.lines if ln.status not in (PENDING, SKIPPED))
        left = sum(1 for ln in self.lines if ln.status == PENDING)
        self.summary.setText(
            f"读取 {len(self.lines)} 份提案表：已登记 {done} 份，待核对 {left} 份。"
        )

    def check_selected(self) -> IntakeDialog | None:
        line = self.selected()
        if line is None or line.status != PENDING:
            return None
        session_uuid = self.session.currentData() or None
        form, notes = form_for_draft(self.database, line.draft, session_uuid)
        store = partial(self._store, line)
        dialog = IntakeDialog(
            self.database,
            self.files,
            start=form,
            notes=(f"从“{line.draft.file_name}”读取，请核对：", *notes),
            store=store,
            index_ready=self._index_ready,
            parent=self,
            renote=partial(notes_for_draft, self.database, line.draft),
        )
        dialog.finished.connect(self._intake_closed)
        self.intake = dialog
        dialog.open()
        return dialog

    def _store(self, line: DraftLine, form: ProposalForm) -> str:
        uuid = confirm_draft(self.database, line.draft, form)
        line.status = "已登记"
        self.registered.emit(uuid)
        return uuid

    def _intake_closed(self, _result: int) -> None:
        if self.intake is not None:
            self.intake.deleteLater()
        self.intake = None
        self.model.set_rows(self.lines)
        self._select_next()
        self._show_summary()

    def skip_selected(self) -> None:
        line = self.selected()
        if line is not None and line.status == PENDING:
            line.status = SKIPPED
            self.model.set_rows(self.lines)
            self._select_next()
            self._show_summary()
