"""The plainer tabs of a proposal's window: what was registered (with 修改), the attached
files (opened with the system viewer), and the history of every step."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.common.text import day_text
from app.proposals.attachments import attach_file, remove_attachment
from app.proposals.labels import ATTACHMENT_LABELS, COLLECTIVE_KINDS, AttachmentPurpose
from app.proposals.views import AttachmentView, ProposalDetail
from ui.common.unsaved import not_form_data
from ui.common.widgets import confirm
from ui.proposals.common import (
    ATTACHMENT_FILTER,
    DetailHost,
    DetailPanel,
    make_button,
    make_label,
    open_attachment,
)
from ui.proposals.models import (
    ATTACHMENT_COLUMNS,
    HISTORY_COLUMNS,
    make_table,
    model_of,
    selected_row,
)


def signers_text(detail: ProposalDetail) -> str:
    names = [s.name + ("" if s.member_uuid else "（非委员）") for s in detail.signers]
    if detail.row.submitter_kind in COLLECTIVE_KINDS:
        return detail.submitter_name + (f"（执笔：{'、'.join(names)}）" if names else "")
    if len(names) > 1:
        return f"{names[0]}（第一提案人）；联名：{'、'.join(names[1:])}"
    return "、".join(names)


class ContentPanel(DetailPanel):
    """What was registered; 修改 opens the intake form (the window's edit())."""

    FIELDS = ("提案号", "提出方式", "提案人", "届次会议", "类别", "提交日期", "提案线索", "备注")

    def __init__(self, host: DetailHost, edit, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.values = {name: make_label(f"field_{n}") for n, name in enumerate(self.FIELDS)}
        self.body = QPlainTextEdit()
        self.body.setObjectName("bodyText")
        self.body.setReadOnly(True)
        self.edit_button = make_button("修改登记信息…", "editProposal", edit)
        form = QFormLayout()
        for name, label in self.values.items():
            form.addRow(name, label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("提案内容"))
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)

    def writes(self) -> tuple[QWidget, ...]:
        return (self.edit_button,)

    def show_detail(self, detail: ProposalDetail) -> None:
        row = detail.row
        session = f"政协{detail.term_text}{detail.session_text}" if detail.session_text else ""
        flags = [f for f, on in (("不公开", row.not_public), ("往年导入", row.imported)) if on]
        texts = {
            "提案号": f"{row.number}（{row.year}年）"
            + (f"　[{'、'.join(flags)}]" if flags else ""),
            "提出方式": f"{row.submitter_label}，{detail.period_label}",
            "提案人": signers_text(detail),
            "届次会议": session or "—",
            "类别": row.category or "未分类",
            "提交日期": day_text(row.submitted_on) or "—",
            "提案线索": detail.lead_title or "—",
            "备注": detail.note or "—",
        }
        if row.imported:
            texts["备注"] = f"承办单位：{detail.imported_units or '—'}；办理结果：" + (
                detail.imported_result or "—"
            )
        for name, text in texts.items():
            self.values[name].setText(text)
        self.body.setPlainText(detail.body or "（未录入提案内容）")


class AttachmentsPanel(DetailPanel):
    def __init__(self, host: DetailHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.model = model_of(ATTACHMENT_COLUMNS, lambda a: a.uuid)
        self.table, self.filter = make_table("attachmentTable", self.model, 1)
        self.purpose = QComboBox()
        self.purpose.setObjectName("attachmentPurpose")
        not_form_data(self.purpose)  # what the next file added is, saved with it
        for purpose, label in ATTACHMENT_LABELS.items():
            self.purpose.addItem(label, purpose.value)
        self.add_button = make_button("添加附件…", "addAttachment", self.add)
        self.open_button = make_button("打开", "openAttachment", self.open_selected)
        self.delete_button = make_button("删除", "deleteAttachment", self.delete)
        self.empty = make_label("attachmentsEmpty")
        self.purpose_label = QLabel("用途")
        buttons = QHBoxLayout()
        buttons.addWidget(self.purpose_label)
        buttons.addWidget(self.purpose)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def writes(self) -> tuple[QWidget, ...]:
        return (self.purpose_label, self.purpose, self.add_button, self.delete_button)

    def show_detail(self, detail: ProposalDetail) -> None:
        self.model.set_rows(list(detail.attachments))
        self.empty.setText(
            "" if detail.attachments else "尚无附件。可添加提案原件（扫描件或 Word 文件）和答复函。"
        )
        self.empty.setVisible(not detail.attachments)
        self._update_buttons()

    def selected(self) -> AttachmentView | None:
        return selected_row(self.table, self.filter, self.model)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def add(self) -> None:
        path = self.host.files.open_path(self, "选择要添加的附件", ATTACHMENT_FILTER)
        if path is not None:
            purpose = AttachmentPurpose(self.purpose.currentData())
            action = partial(attach_file, self.database, self.uuid, path, purpose)
            done = f"已添加附件：{path.name}（已复制到数据文件夹）。"
            self.background_step(f"正在复制附件“{path.name}”…", action, done)

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            open_attachment(self, self.database, chosen.uuid)

    def delete(self) -> None:
        chosen = self.selected()
        if chosen is not None and confirm(
            self, "删除附件", f"确定删除附件“{chosen.original_name}”吗？", "删除"
        ):
            self.step(partial(remove_attachment, self.database, chosen.uuid), "已删除附件。")


class HistoryPanel(DetailPanel):
    """Every step with its date and the person at the keyboard."""

    def __init__(self, host: DetailHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.model = model_of(HISTORY_COLUMNS, lambda h: f"{h.recorded_at}{h.text}")
        self.table, self.filter = make_table("historyTable", self.model, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_detail(self, detail: ProposalDetail) -> None:
        self.model.set_rows(list(detail.history))

    def lines(self) -> list[list[str]]:
        return self.filter.visible_rows()
