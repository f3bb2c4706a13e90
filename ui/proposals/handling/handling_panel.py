"""交办与办理: every unit and round of a proposal (handed-back and reopened rounds
included) and the steps on the chosen one: 办前沟通, 答复, 延期, 退回调整, 评价; 交办
and 撤销交办 for the proposal; the unit's 交办通知 and its reply document."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.common.jobs import Progress
from app.common.storage import Database
from app.proposals.handling.assignment import cancel_assignment
from app.proposals.labels import ProposalState
from app.proposals.outputs.letters import write_assignment_notice
from app.proposals.views import AssignmentView, ProposalDetail
from ui.common.files import DOCX_FILTER
from ui.common.jobs import run_job
from ui.common.widgets import confirm
from ui.proposals.common import (
    HINT_STYLE,
    DetailHost,
    DetailPanel,
    make_button,
    make_label,
    open_attachment,
)
from ui.proposals.handling.assignment_dialog import AssignmentDialog
from ui.proposals.handling.handling_dialogs import (
    ContactDialog,
    ExtendDialog,
    HandBackDialog,
    RateDialog,
    ReplyDialog,
)
from ui.proposals.models import (
    ASSIGNMENT_COLUMNS,
    make_table,
    model_of,
    select_key,
    selected_row,
)


def unit_hint(unit: AssignmentView | None) -> str:
    if unit is None:
        return "选择一个承办单位后，可登记沟通、答复、延期、退回和评价。"
    if unit.returned_on is not None:
        return f"该单位已于{unit.returned_on:%Y-%m-%d}退回：{unit.return_reason}"
    if unit.reopened:
        return "提案人对这一轮答复不满意，已由该单位重新办理（见下一轮）。"
    if unit.replied_on is None:
        return "该单位尚未答复：可登记办前沟通、答复，或延期、退回调整。"
    if unit.satisfaction is None:
        return "该单位已答复：请登记提案人的评价（不满意将重新办理）。"
    return "该单位的办理已结束。"


class HandlingPanel(DetailPanel):
    def __init__(self, host: DetailHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.model = model_of(ASSIGNMENT_COLUMNS, lambda a: a.uuid)
        self.table, self.filter = make_table("assignmentTable", self.model, 0)
        self.assign_button = make_button("交办…", "assignProposal", self.assign)
        self.cancel_button = make_button("撤销交办", "cancelAssignment", self.cancel)
        self.contact_button = make_button("办前沟通…", "recordContact", self.contact)
        self.reply_button = make_button("登记答复…", "recordReply", self.reply)
        self.extend_button = make_button("延期…", "extendDeadline", self.extend)
        self.hand_back_button = make_button("退回调整…", "handBack", self.hand_back)
        self.rate_button = make_button("提案人评价…", "rateReply", self.rate)
        self.document_button = make_button("查看答复函", "openReply", self.open_reply)
        self.notice_button = make_button("交办通知…", "assignmentNotice", self.write_notice)
        self.notice_button.setToolTip("给所选单位的交办通知：列出本年度交给该单位办理的全部提案")
        self.hint = make_label("handlingHint", HINT_STYLE)
        self.state_hint = make_label("assignHint", HINT_STYLE)
        proposal_row = QHBoxLayout()
        proposal_row.addWidget(self.assign_button)
        proposal_row.addWidget(self.cancel_button)
        proposal_row.addWidget(self.state_hint, 1)
        proposal_row.addWidget(self.notice_button)
        unit_row = QHBoxLayout()
        for button in (
            self.contact_button,
            self.reply_button,
            self.extend_button,
            self.hand_back_button,
            self.rate_button,
            self.document_button,
        ):
            unit_row.addWidget(button)
        unit_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(proposal_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(unit_row)
        layout.addWidget(self.hint)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def writes(self) -> tuple[QWidget, ...]:
        steps = (self.assign_button, self.cancel_button, self.contact_button, self.reply_button)
        more = (self.extend_button, self.hand_back_button, self.rate_button, self.notice_button)
        return (*steps, *more, self.state_hint, self.hint)

    def show_detail(self, detail: ProposalDetail) -> None:
        chosen = self.selected()
        self.model.set_rows(list(detail.assignments))
        accepted = detail.row.state is ProposalState.ACCEPTED
        current = detail.current_assignments
        self.assign_button.setEnabled(accepted)
        live = [a for a in detail.assignments if a.returned_on is None]
        self.cancel_button.setEnabled(bool(live) and all(a.replied_on is None for a in live))
        if not accepted:
            self.state_hint.setText("提案立案后才能交办。")
        elif not current:
            self.state_hint.setText("尚未交办（或已全部退回）：请点“交办”选择承办单位。")
        else:
            self.state_hint.setText("")
        key = chosen.uuid if chosen is not None else (current[0].uuid if current else "")
        select_key(self.table, self.filter, self.model, key)
        self._update_buttons()

    def selected(self) -> AssignmentView | None:
        return selected_row(self.table, self.filter, self.model)

    def select_unit(self, unit_name: str) -> None:
        """The unit's current round (tests and the due lists choose by name)."""
        for row in range(self.model.rowCount()):
            unit = self.model.row(row)
            if unit.unit_name == unit_name and unit.active:
                select_key(self.table, self.filter, self.model, unit.uuid)

    def _update_buttons(self, *_args: object) -> None:
        unit = self.selected()
        active = unit is not None and unit.active
        open_ = active and unit.replied_on is None
        self.contact_button.setEnabled(open_)
        self.extend_button.setEnabled(open_)
        self.hand_back_button.setEnabled(open_)
        self.reply_button.setEnabled(active and unit.satisfaction is None)
        self.rate_button.setEnabled(
            active and unit.replied_on is not None and unit.satisfaction is None
        )
        self.document_button.setEnabled(unit is not None and unit.reply_attachment_uuid is not None)
        self.notice_button.setEnabled(active)
        self.hint.setText(unit_hint(unit))

    # --- steps ---------------------------------------------------------------------

    def assign(self) -> None:
        assert self.host.detail is not None
        dialog = AssignmentDialog(self.database, self.host.detail, self)
        self.open_step(dialog, "已交办。可生成交办通知。")

    def cancel(self) -> None:
        if confirm(
            self, "撤销交办", "确定撤销本提案的交办吗？各承办单位的交办记录将删除。", "撤销交办"
        ):
            self.step(partial(cancel_assignment, self.database, self.uuid), "已撤销交办。")

    def _unit_step(self, make, done_text: str) -> None:
        unit = self.selected()
        if unit is not None:
            self.open_step(make(self.database, self.uuid, unit, self), done_text)

    def contact(self) -> None:
        self._unit_step(ContactDialog, "已登记办前沟通。")

    def reply(self) -> None:
        unit = self.selected()
        if unit is not None:
            dialog = ReplyDialog(self.database, self.host.files, self.uuid, unit, self)
            self.open_step(dialog, f"已登记{unit.unit_name}的答复。")

    def extend(self) -> None:
        self._unit_step(ExtendDialog, "已延期。")

    def hand_back(self) -> None:
        self._unit_step(HandBackDialog, "已登记退回调整。请重新交办。")

    def rate(self) -> None:
        self._unit_step(RateDialog, "已登记提案人的评价。")

    def open_reply(self) -> None:
        unit = self.selected()
        if unit is not None and unit.reply_attachment_uuid is not None:
            open_attachment(self, self.database, unit.reply_attachment_uuid)

    def write_notice(self) -> None:
        unit = self.selected()
        if unit is None or self.host.detail is None:
            return
        year = self.host.detail.row.year
        name = f"交办通知（{unit.unit_name}，{year}年）.docx"
        path = self.host.files.save_path(self, "生成交办通知", name, DOCX_FILTER)
        if path is None:
            return
        job = partial(_write_notice, self.database, unit.unit_uuid, path, year)
        run_job(self, "正在生成交办通知…", job, self._written)

    def _written(self, path: Path) -> None:
        self.host.output.show_file(path, f"已生成交办通知：{path}")


def _write_notice(
    database: Database, unit_uuid: str, path: Path, year: int, progress: Progress
) -> Path:
    return write_assignment_notice(database, unit_uuid, path, year)
