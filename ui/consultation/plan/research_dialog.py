"""调研 of one plan topic (先调研再协商): the work plan (with its signed copy as an
attachment), the research groups, and the “1+N” reports.

Groups and reports are saved as each dialog closes; the work plan's text with
保存并关闭.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text
from app.consultation.plan import research
from app.consultation.plan.research import GroupLine, ReportLine, Research
from ui.common.errors import report_error, show_known_error
from ui.common.screen_fit import resize_to_fit
from ui.common.tables import CENTRE, Column, ColumnTableModel
from ui.common.unsaved import DiscardGuard
from ui.common.widgets import confirm, tab_leaves_text_boxes
from ui.consultation.attachment_list import AttachmentList
from ui.consultation.fields import section_title
from ui.consultation.plan.research_items import GroupDialog, ReportDialog

GROUP_COLUMNS: tuple[Column[GroupLine], ...] = (
    Column("调研组", lambda g: g.name),
    Column("分课题", lambda g: g.sub_topic),
    Column("组长", lambda g: g.leader),
    Column("委员", lambda g: "、".join(name for _, name in g.members)),
)
REPORT_COLUMNS: tuple[Column[ReportLine], ...] = (
    Column("类别", lambda r: "总报告" if r.general else "分报告", CENTRE),
    Column("题目", lambda r: r.title),
    Column("调研组", lambda r: r.group_name),
    Column("完成日期", lambda r: day_text(r.submitted_on) if r.submitted_on else ""),
    Column("附件", lambda r: str(r.attachments) if r.attachments else "", CENTRE),
)


def _table(name: str, model: ColumnTableModel, stretch: int) -> QTableView:  # type: ignore[type-arg]
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class ResearchDialog(QDialog):
    def __init__(self, database: Database, topic_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("researchDialog")
        resize_to_fit(self, 980, 640)
        self.database, self.topic_uuid = database, topic_uuid
        self.item_dialog: QDialog | None = None
        self.research: Research = research.get_research(database, topic_uuid)
        self.setWindowTitle(f"调研 — {self.research.topic_title}")
        self.pattern = QLabel()
        self.pattern.setObjectName("researchPattern")
        self.work_plan = QPlainTextEdit(self.research.work_plan)
        self.work_plan.setObjectName("workPlan")
        self.work_plan.setPlaceholderText("调研工作方案：目的、内容、时间安排、方式等")
        self.work_plan.setMaximumHeight(110)
        self.plan_files = AttachmentList(database, lambda: topic_uuid, rows=2)
        self.plan_files.set_parent(topic_uuid)
        self.groups: ColumnTableModel[GroupLine] = ColumnTableModel(GROUP_COLUMNS, lambda g: g.uuid)
        self.reports: ColumnTableModel[ReportLine] = ColumnTableModel(
            REPORT_COLUMNS, lambda r: r.uuid
        )
        self.group_table = _table("groupTable", self.groups, 3)
        self.report_table = _table("reportTable", self.reports, 1)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            "保存并关闭", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("primaryButton")
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pattern)
        layout.addWidget(section_title("调研工作方案"))
        layout.addWidget(self.work_plan)
        layout.addWidget(self.plan_files)
        layout.addLayout(self._list_bar("调研组", "Group", self.edit_group, self.delete_group))
        layout.addWidget(self.group_table, 1)
        layout.addLayout(
            self._list_bar("调研报告（“1+N”）", "Report", self.edit_report, self.delete_report)
        )
        layout.addWidget(self.report_table, 1)
        layout.addWidget(self.buttons)
        self.group_table.doubleClicked.connect(lambda: self.edit_group(False))
        self.report_table.doubleClicked.connect(lambda: self.edit_report(False))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.discard_guard = DiscardGuard(self)  # the groups and reports save at once
        tab_leaves_text_boxes(self)  # 调研工作方案: Tab goes on to its files and the lists
        self._show()

    def _list_bar(
        self,
        title: str,
        name: str,
        edit: Callable[[bool], None],
        delete: Callable[[], None],
    ) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(section_title(title), 1)
        for text, slot, key in (
            ("新增", lambda: edit(True), "add"),
            ("修改", lambda: edit(False), "edit"),
            ("删除", delete, "delete"),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{key}{name}")
            button.clicked.connect(slot)
            bar.addWidget(button)
        return bar

    def _show(self) -> None:
        self.groups.set_rows(list(self.research.groups))
        self.reports.set_rows(list(self.research.reports))
        reports = f"报告“{self.research.pattern}”" if self.research.reports else "尚无调研报告"
        self.pattern.setText(
            f"议题：{self.research.topic_title}（{self.research.year}年度）　"
            f"调研组 {len(self.research.groups)} 个　{reports}"
        )

    def reload(self) -> None:
        self.research = research.get_research(self.database, self.topic_uuid)
        self._show()

    def _chosen(self, table: QTableView, model: ColumnTableModel):  # type: ignore[no-untyped-def]
        rows = table.selectionModel().selectedRows()
        return model.row(rows[0].row()) if rows else None

    def edit_group(self, new: bool) -> None:
        group = None if new else self._chosen(self.group_table, self.groups)
        if new or group is not None:
            self._open(GroupDialog(self.database, self.topic_uuid, group, self))

    def edit_report(self, new: bool) -> None:
        report = None if new else self._chosen(self.report_table, self.reports)
        if new or report is not None:
            groups = self.research.groups
            self._open(ReportDialog(self.database, self.topic_uuid, groups, report, self))

    def _open(self, dialog: QDialog) -> None:
        self.item_dialog = dialog
        dialog.saved.connect(self.reload)  # type: ignore[attr-defined]
        dialog.open()

    def delete_group(self) -> None:
        group = self._chosen(self.group_table, self.groups)
        if group is not None and confirm(self, "删除调研组", f"确定删除“{group.name}”吗？", "删除"):
            self._delete(research.delete_group, group.uuid)

    def delete_report(self) -> None:
        report = self._chosen(self.report_table, self.reports)
        if report is not None and confirm(
            self, "删除调研报告", f"确定删除“{report.title}”吗？", "删除"
        ):
            self._delete(research.delete_report, report.uuid)

    def _delete(self, delete: Callable[[Database, str], None], uuid: str) -> None:
        try:
            delete(self.database, uuid)
        except KnownError as exc:
            report_error(self, exc)
        self.reload()

    def save(self) -> None:
        try:
            research.set_work_plan(self.database, self.topic_uuid, self.work_plan.toPlainText())
        except KnownError as exc:
            show_known_error(self, exc, "未能保存")
            return
        self.accept()

    def reject(self) -> None:
        """取消, Esc or the ×: a typed 调研工作方案 is not thrown away unasked."""
        if self.discard_guard.allows_close():
            super().reject()
