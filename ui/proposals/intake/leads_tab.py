"""提案线索: leads collected from the public, departments and research; the published
ones form the year's 参考题目 list (Word) for the members. A proposal cites its lead
in the intake form."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.storage import Database
from app.proposals.intake.leads import (
    LeadForm,
    LeadRow,
    add_lead,
    delete_lead,
    list_leads,
    set_published,
    update_lead,
    write_reference_topics,
)
from app.proposals.labels import LEAD_SOURCE_LABELS, LeadSource
from ui.common.dates import date_edit, day_of, set_day
from ui.common.errors import report_error
from ui.common.files import DOCX_FILTER
from ui.common.jobs import run_job
from ui.common.outputs import OutputBar
from ui.common.screen_fit import resize_to_fit
from ui.common.tables import search_box
from ui.common.widgets import add_list_shortcuts, confirm
from ui.proposals.common import ActionDialog, ProposalFiles, make_button, make_label
from ui.proposals.models import LEAD_COLUMNS, make_table, model_of, select_key, selected_row


class LeadDialog(ActionDialog):
    def __init__(self, database: Database, year: int, row: LeadRow | None, parent: QWidget):
        super().__init__("修改提案线索" if row else "新增提案线索", "leadDialog", "", parent)
        resize_to_fit(self, 620, 460)
        self.database = database
        self.uuid = row.uuid if row else None
        self.year = QSpinBox()
        self.year.setObjectName("leadYear")
        self.year.setRange(1949, 2100)
        self.year.setValue(year)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("leadTitle")
        self.title_edit.setPlaceholderText("例如：关于加快城区停车设施建设的建议")
        self.source = QComboBox()
        self.source.setObjectName("leadSource")
        for source, label in LEAD_SOURCE_LABELS.items():
            self.source.addItem(label, source.value)
        self.source_detail = QLineEdit()
        self.source_detail.setObjectName("leadSourceDetail")
        self.source_detail.setPlaceholderText("可不填，例如：县住房和城乡建设局")
        self.content = QPlainTextEdit()
        self.content.setObjectName("leadContent")
        self.collected_on = date_edit("leadCollectedOn")
        self.published = QCheckBox("列入参考题目（公布给委员）")
        self.published.setObjectName("leadPublished")
        for text, widget in (
            ("年度", self.year),
            ("线索题目", self.title_edit),
            ("来源", self.source),
            ("来源说明", self.source_detail),
            ("收集日期", self.collected_on),
            ("主要内容", self.content),
            ("", self.published),
        ):
            self.form.addRow(text, widget)
        if row is not None:
            self.title_edit.setText(row.title)
            self.source.setCurrentIndex(max(0, self.source.findData(row.source.value)))
            self.source_detail.setText(row.source_detail)
            self.content.setPlainText(row.content)
            if row.collected_on:
                set_day(self.collected_on, row.collected_on)
            self.published.setChecked(row.published)
            self.year.setValue(row.year)

    def lead_form(self) -> LeadForm:
        return LeadForm(
            year=self.year.value(),
            title=self.title_edit.text(),
            source=LeadSource(self.source.currentData()),
            source_detail=self.source_detail.text(),
            content=self.content.toPlainText(),
            collected_on=day_of(self.collected_on),
            published=self.published.isChecked(),
        )

    def act(self) -> None:
        if self.uuid is None:
            self.uuid = add_lead(self.database, self.lead_form())
        else:
            update_lead(self.database, self.uuid, self.lead_form())


class LeadsTab(QWidget):
    def __init__(self, database: Database, files: ProposalFiles, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self.files = files
        self.dialog: LeadDialog | None = None
        self.year = QSpinBox()
        self.year.setObjectName("leadsYear")
        self.year.setRange(1949, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(" 年")
        self.search = search_box("搜索线索题目、来源…")
        self.add_button = make_button("新增线索", "addLead", self.add)
        self.edit_button = make_button("修改", "editLead", self.edit_selected)
        self.publish_button = make_button("列入参考题目", "publishLead", self.toggle_published)
        self.delete_button = make_button("删除", "deleteLead", self.delete_selected)
        self.topics_button = make_button("生成参考题目…", "writeTopics", self.write_topics)
        self.topics_button.setToolTip("把本年度列入参考题目的线索印发给委员（Word）")
        self.model = model_of(LEAD_COLUMNS, lambda r: r.uuid)
        self.table, self.filter = make_table("leadTable", self.model, 1)
        self.empty = make_label("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.output = OutputBar()
        top = QHBoxLayout()
        top.addWidget(QLabel("年度"))
        top.addWidget(self.year)
        top.addWidget(self.search, 1)
        for button in (
            self.add_button,
            self.edit_button,
            self.publish_button,
            self.delete_button,
            self.topics_button,
        ):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.output)
        self.year.valueChanged.connect(lambda _year: self.refresh())
        self.search.textChanged.connect(self.filter.set_search)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        add_list_shortcuts(
            self, search=self.search, new=self.add, delete=self.delete_selected, view=self.table
        )
        self._update_buttons()

    def refresh(self, select_uuid: str | None = None) -> None:
        chosen = select_uuid or (row.uuid if (row := self.selected()) else None)
        rows = list_leads(self.database, self.year.value())
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self.empty.setText(
            f"{self.year.value()}年尚未收集提案线索。\n点“新增线索”登记从群众、部门和调研中收集的题目；"
            "列入参考题目的线索可“生成参考题目”印发给委员。"
        )
        if chosen:
            select_key(self.table, self.filter, self.model, chosen)
        self._update_buttons()

    def selected(self) -> LeadRow | None:
        return selected_row(self.table, self.filter, self.model)

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        for button in (self.edit_button, self.publish_button, self.delete_button):
            button.setEnabled(row is not None)
        self.publish_button.setText("取消参考题目" if row and row.published else "列入参考题目")
        rows = (self.model.row(n) for n in range(self.model.rowCount()))
        self.topics_button.setEnabled(any(r.published for r in rows))

    def add(self) -> None:
        self._open(None)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(row)

    def _open(self, row: LeadRow | None) -> None:
        dialog = LeadDialog(self.database, self.year.value(), row, self)
        dialog.accepted.connect(lambda: self._saved(dialog))
        self.dialog = dialog
        dialog.open()

    def _saved(self, dialog: LeadDialog) -> None:
        self.year.setValue(dialog.year.value())
        self.refresh(select_uuid=dialog.uuid)
        self.output.say("已保存线索。")

    def toggle_published(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            set_published(self.database, row.uuid, not row.published)
        except KnownError as exc:
            report_error(self, exc)
            return
        self.refresh()

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or not confirm(self, "删除线索", f"确定删除线索“{row.title}”吗？", "删除"):
            return
        try:
            delete_lead(self.database, row.uuid)
        except KnownError as exc:
            report_error(self, exc)
            return
        self.refresh()
        self.output.say(f"已删除线索“{row.title}”。")

    def write_topics(self) -> None:
        year = self.year.value()
        path = self.files.save_path(
            self, "生成提案参考题目", f"{year}年提案参考题目.docx", DOCX_FILTER
        )
        if path is not None:
            job = partial(_write_topics, self.database, year, path)
            run_job(self, "正在生成参考题目…", job, self._written)

    def _written(self, path: Path) -> None:
        self.output.show_file(path, f"已生成提案参考题目：{path}")


def _write_topics(database: Database, year: int, path: Path, progress: Progress) -> Path:
    return write_reference_topics(database, year, path)
