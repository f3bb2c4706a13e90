"""审查: accept (立案), reject (不予立案), merge (并案), convert (转办), undo a decision;
key proposal (重点提案) and not public; the 提案处理回复函; similar proposals of every
year beside it. Buttons that cannot apply in the proposal's state are disabled, and
a line says why."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.common.jobs import Progress
from app.common.storage import Database
from app.common.text import day_text
from app.proposals.handling.review import (
    accept_proposal,
    reopen_review,
    set_key_proposal,
    set_not_public,
)
from app.proposals.labels import ProposalState
from app.proposals.outputs.letters import write_reply_letter
from app.proposals.views import ProposalDetail
from ui.common.dates import date_edit, day_of, set_day
from ui.common.files import DOCX_FILTER
from ui.common.jobs import run_job
from ui.common.unsaved import not_form_data
from ui.proposals.common import (
    HINT_STYLE,
    DetailHost,
    DetailPanel,
    make_button,
    make_label,
)
from ui.proposals.handling.review_dialogs import ConvertDialog, MergeDialog, RejectDialog
from ui.proposals.similar_panel import SimilarPanel


def decision_text(detail: ProposalDetail) -> str:
    """What review decided, in a sentence."""
    state = detail.row.state
    when = f"（{day_text(detail.reviewed_on)}）" if detail.reviewed_on else ""
    passed = f"；转{detail.passed_to}" if detail.passed_to else ""
    if state is ProposalState.SUBMITTED:
        return "待审查。"
    if state is ProposalState.ACCEPTED:
        merged = f"；{'、'.join(detail.merged_here)}并入本提案" if detail.merged_here else ""
        return f"已立案{when}{merged}。"
    if state is ProposalState.REJECTED:
        return f"不予立案{when}：{detail.rejection_label}{passed}。"
    if state is ProposalState.MERGED:
        return f"已并入提案{detail.merged_into}{when}。"
    return f"{detail.conversion_label}{when}{passed}。"


def why_not(detail: ProposalDetail) -> str:
    state = detail.row.state
    if state is ProposalState.SUBMITTED:
        return "立案后才能列为重点提案、交办。"
    if detail.assignments:
        return "提案已经交办：如需改变审查结果，请先在“交办与办理”中撤销交办。"
    return "审查已有结果；如有误，可“撤销审查结果”后重新审查。"


class ReviewPanel(DetailPanel):
    def __init__(self, host: DetailHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.decision = make_label("reviewDecision")
        self.decision.setStyleSheet("font-weight: bold;")
        self.why = make_label("reviewWhy", HINT_STYLE)
        self.day = date_edit("reviewDay")
        not_form_data(self.day)  # the date for the next step, saved with it
        self.day_label = QLabel("审查日期")
        self.accept_button = make_button("立案", "acceptProposal", self.accept_proposal)
        self.reject_button = make_button("不予立案…", "rejectProposal", self.reject_proposal)
        self.merge_button = make_button("并案…", "mergeProposal", self.merge_proposal)
        self.convert_button = make_button("转办…", "convertProposal", self.convert_proposal)
        self.convert_button.setToolTip("转为社情民意信息，或转为意见建议交有关单位参考")
        self.reopen_button = make_button("撤销审查结果", "reopenReview", self.reopen_review)
        self.key = QCheckBox("重点提案")
        self.key.setObjectName("keyProposal")
        self.not_public = QCheckBox("不公开")
        self.not_public.setObjectName("notPublicFlag")
        self.letter_button = make_button("生成回复函…", "replyLetter", self.write_letter)
        self.letter_button.setToolTip("提案处理回复函：告知提案人不予立案或转办的原因和去向")
        self.similar = SimilarPanel(host.database, host.index_ready)
        self._lay_out()
        self.key.clicked.connect(self._key_clicked)
        self.not_public.clicked.connect(self._not_public_clicked)

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.addWidget(QLabel("审查结果"), 0, 0)
        grid.addWidget(self.decision, 0, 1, 1, 3)
        grid.addWidget(self.day_label, 1, 0)
        grid.addWidget(self.day, 1, 1)
        grid.setColumnStretch(3, 1)
        actions = QHBoxLayout()
        for button in (
            self.accept_button,
            self.reject_button,
            self.merge_button,
            self.convert_button,
            self.reopen_button,
        ):
            actions.addWidget(button)
        actions.addSpacing(16)
        actions.addWidget(self.key)
        actions.addWidget(self.not_public)
        actions.addStretch(1)
        actions.addWidget(self.letter_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(actions)
        layout.addWidget(self.why)
        layout.addWidget(self.similar, 1)

    def writes(self) -> tuple[QWidget, ...]:
        # The duplicate check goes too: it compares with this office's register.
        steps = (self.accept_button, self.reject_button, self.merge_button, self.convert_button)
        flags = (self.reopen_button, self.key, self.not_public, self.letter_button)
        return (self.day_label, self.day, *steps, *flags, self.why, self.similar)

    def show_read_only(self) -> None:
        super().show_read_only()
        self.layout().addStretch(1)  # the result at the top, not alone in the middle

    def show_detail(self, detail: ProposalDetail) -> None:
        state = detail.row.state
        submitted = state is ProposalState.SUBMITTED
        assigned = bool(detail.assignments)
        self.decision.setText(decision_text(detail))
        self.why.setText(why_not(detail))
        if detail.row.submitted_on is not None and day_of(self.day) < detail.row.submitted_on:
            set_day(self.day, min(date.today(), detail.row.submitted_on))
        self.day.setEnabled(submitted)
        for button in (self.accept_button, self.reject_button, self.convert_button):
            button.setEnabled(submitted)
        self.merge_button.setEnabled(
            state in (ProposalState.SUBMITTED, ProposalState.ACCEPTED) and not assigned
        )
        self.reopen_button.setEnabled(not submitted and not assigned)
        self.key.setChecked(detail.row.is_key)
        self.key.setEnabled(state is ProposalState.ACCEPTED or detail.row.is_key)
        self.not_public.setChecked(detail.row.not_public)
        self.letter_button.setEnabled(state in (ProposalState.REJECTED, ProposalState.CONVERTED))

    def refresh_similar(self) -> None:
        self.similar.show_for(self.uuid)

    # --- steps ---------------------------------------------------------------------

    def accept_proposal(self) -> None:
        self.step(partial(accept_proposal, self.database, self.uuid, day_of(self.day)), "已立案。")

    def reject_proposal(self) -> None:
        assert self.host.detail is not None
        dialog = RejectDialog(self.database, self.host.detail, day_of(self.day), self)
        self.open_step(dialog, "已登记不予立案。可生成回复函告知提案人。")

    def convert_proposal(self) -> None:
        assert self.host.detail is not None
        dialog = ConvertDialog(self.database, self.host.detail, day_of(self.day), self)
        self.open_step(dialog, "已转办。可生成回复函告知提案人。")

    def merge_proposal(self) -> None:
        assert self.host.detail is not None
        dialog = MergeDialog(
            self.database, self.host.detail, day_of(self.day), self.similar.found, self
        )
        self.open_step(dialog, "已并案。")

    def reopen_review(self) -> None:
        self.step(
            partial(reopen_review, self.database, self.uuid), "已撤销审查结果，提案回到待审查。"
        )

    def _key_clicked(self, checked: bool) -> None:
        text = "已列为重点提案。" if checked else "已取消重点提案。"
        if not self.step(partial(set_key_proposal, self.database, self.uuid, checked), text):
            self.key.setChecked(not checked)

    def _not_public_clicked(self, checked: bool) -> None:
        text = "已标记为不公开。" if checked else "已取消不公开标记。"
        if not self.step(partial(set_not_public, self.database, self.uuid, checked), text):
            self.not_public.setChecked(not checked)

    def write_letter(self) -> None:
        assert self.host.detail is not None
        row = self.host.detail.row
        name = f"提案处理回复函（{row.number}）.docx"
        path = self.host.files.save_path(self, "生成提案处理回复函", name, DOCX_FILTER)
        if path is None:
            return
        job = partial(_write_letter, self.database, self.uuid, path)
        run_job(self, "正在生成回复函…", job, self._written)

    def _written(self, path: Path) -> None:
        self.host.output.show_file(path, f"已生成提案处理回复函：{path}")


def _write_letter(database: Database, uuid: str, path: Path, progress: Progress) -> Path:
    return write_reply_letter(database, uuid, path)
