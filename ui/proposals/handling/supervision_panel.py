"""督办 of one proposal: the supervising leader of a key proposal and the supervision
records (date, form, content, leader)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.common.storage import Database
from app.proposals.handling.supervision import add_supervision, delete_supervision, set_supervisor
from app.proposals.labels import SUPERVISION_FORMS, ProposalState
from app.proposals.views import ProposalDetail, SupervisionEntry
from ui.common.dates import date_edit, day_of
from ui.common.widgets import confirm
from ui.proposals.common import (
    HINT_STYLE,
    ActionDialog,
    DetailHost,
    DetailPanel,
    make_button,
    make_label,
)
from ui.proposals.models import SUPERVISION_COLUMNS, make_table, model_of, selected_row


class SupervisionDialog(ActionDialog):
    def __init__(self, database: Database, detail: ProposalDetail, parent: QWidget) -> None:
        about = f"{detail.row.number}　{detail.row.title}"
        super().__init__("新增督办记录", "supervisionDialog", about, parent)
        self.database, self.uuid = database, detail.row.uuid
        self.day = date_edit("supervisionDate")
        self.kind = QComboBox()
        self.kind.setObjectName("supervisionForm")
        self.kind.setEditable(True)
        self.kind.addItems(SUPERVISION_FORMS)
        self.leader = QLineEdit(detail.supervisor)
        self.leader.setObjectName("supervisionLeader")
        self.leader.setPlaceholderText("可不填（默认为该提案的督办领导）")
        self.content = QPlainTextEdit()
        self.content.setObjectName("supervisionContent")
        self.content.setPlaceholderText("督办情况：参加人员、听取汇报、提出的要求……")
        self.content.setMinimumHeight(120)
        self.form.addRow("日期", self.day)
        self.form.addRow("督办形式", self.kind)
        self.form.addRow("督办领导", self.leader)
        self.form.addRow("督办情况", self.content)

    def act(self) -> None:
        add_supervision(
            self.database,
            self.uuid,
            day_of(self.day),
            self.kind.currentText(),
            self.content.toPlainText(),
            self.leader.text(),
        )


class SupervisionPanel(DetailPanel):
    def __init__(self, host: DetailHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.leader = QLineEdit()
        self.leader.setObjectName("supervisorName")
        self.leader.setPlaceholderText("领衔督办的领导，例如：县政协副主席 李明")
        self.save_leader_button = make_button("保存督办领导", "saveSupervisor", self.save_leader)
        self.leader_hint = make_label("supervisorHint", HINT_STYLE)
        self.model = model_of(SUPERVISION_COLUMNS, lambda s: s.uuid)
        self.table, self.filter = make_table("supervisionTable", self.model, 3)
        self.add_button = make_button("新增督办记录…", "addSupervision", self.add_record)
        self.delete_button = make_button("删除", "deleteSupervision", self.delete_record)
        self.empty = make_label("supervisionEmpty")  # an empty table says so
        leader_row = QHBoxLayout()
        leader_row.addWidget(QLabel("督办领导"))
        leader_row.addWidget(self.leader, 1)
        leader_row.addWidget(self.save_leader_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(leader_row)
        layout.addWidget(self.leader_hint)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def writes(self) -> tuple[QWidget, ...]:
        buttons = (self.save_leader_button, self.add_button, self.delete_button)
        return (*buttons, self.leader_hint)

    def show_read_only(self) -> None:
        super().show_read_only()
        self.leader.setReadOnly(True)
        self.leader.setPlaceholderText("")  # the example speaks to someone typing

    def show_detail(self, detail: ProposalDetail) -> None:
        self.leader.setText(detail.supervisor)
        key = detail.row.is_key
        self.leader.setEnabled(key)
        self.save_leader_button.setEnabled(key)
        self.leader_hint.setText(
            "重点提案由督办领导领衔督办；督办记录也会记入提案的办理过程。"
            if key
            else "只有重点提案设督办领导（在“审查”中列为重点提案）。已立案的提案都可登记督办记录。"
        )
        self.add_button.setEnabled(detail.row.state is ProposalState.ACCEPTED)
        self.model.set_rows(list(detail.supervision))
        self.empty.setText("" if detail.supervision else "尚无督办记录。")
        self.empty.setVisible(not detail.supervision)
        self._update_buttons()

    def selected(self) -> SupervisionEntry | None:
        return selected_row(self.table, self.filter, self.model)

    def _update_buttons(self, *_args: object) -> None:
        self.delete_button.setEnabled(self.selected() is not None)

    def save_leader(self) -> None:
        leader = self.leader.text()
        text = f"已确定督办领导：{leader.strip()}。" if leader.strip() else "已取消督办领导。"
        self.step(partial(set_supervisor, self.database, self.uuid, leader), text)

    def add_record(self) -> None:
        assert self.host.detail is not None
        self.open_step(SupervisionDialog(self.database, self.host.detail, self), "已登记督办记录。")

    def delete_record(self) -> None:
        record = self.selected()
        if record is None:
            return
        question = f"确定删除{record.on_date:%Y-%m-%d}的督办记录（{record.form}）吗？"
        if confirm(self, "删除督办记录", question, "删除"):
            self.step(partial(delete_supervision, self.database, record.uuid), "已删除督办记录。")
