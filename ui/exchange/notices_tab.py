"""The 通知 tab of 文件交换: the city writes notices to its counties (they travel with the
next file it sends); a county reads the ones it received. Plain widgets, no SQL."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text
from app.exchange.notices import NoticeForm, NoticeRow, delete_notice, list_notices, save_notice
from ui.common.dates import date_edit, day_of, set_day
from ui.common.errors import report_error
from ui.common.record_dialog import RecordDialog
from ui.common.screen_fit import resize_to_fit
from ui.common.tables import Column, ColumnTableModel
from ui.common.widgets import confirm, push_button
from ui.exchange.models import list_table
from ui.security.guard import guard_writes

COLUMNS: tuple[Column[NoticeRow], ...] = (
    Column("发文日期", lambda n: day_text(n.issued_on)),
    Column("发文单位", lambda n: n.office_name),
    Column("文号", lambda n: n.doc_number),
    Column("标题", lambda n: n.title),
)
OFFICE_COLUMN, TITLE_COLUMN = 1, 3  # the title last: it takes the room left, cut if long


class NoticesTab(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticesTab")
        self.database = database
        self.writes = False  # a city office: it writes notices
        self.dialog: NoticeDialog | None = None
        self.model: ColumnTableModel[NoticeRow] = ColumnTableModel(COLUMNS, lambda n: n.uuid)
        self.table = list_table(self.model, "noticeTable", stretch=TITLE_COLUMN)
        self.body = QPlainTextEdit()
        self.body.setObjectName("noticeBody")
        self.body.setReadOnly(True)
        self.hint = QLabel("")
        self.hint.setObjectName("pageHint")
        self.hint.setWordWrap(True)
        self.new_button = push_button("新建通知…", "newNotice", self.new_notice)
        self.edit_button = push_button("修改…", "editNotice", self.edit_selected)
        self.delete_button = push_button("删除", "deleteNotice", self.delete_selected)
        # The buttons beside the hint, not in a column of their own: the column made the
        # tab (and the 文件交换 page with it) too tall for 1366×768 at 125 %.
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        shown = QSplitter()
        shown.addWidget(self.table)
        shown.addWidget(self.body)
        shown.setSizes([700, 300])  # the list wide enough for its four columns
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)  # the tab's frame has its own padding
        layout.addLayout(top)
        layout.addWidget(shown, 1)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        # A 查看 account reads the notices; the buttons stay greyed, saying why.
        guard_writes(database, self.new_button, self.edit_button, self.delete_button)

    def sizeHint(self) -> QSize:
        """Small: the page's splitter gives the other tab and the counties' list their
        room at 1366×768; the lists here grow with whatever the tab gets."""
        return QSize(480, 160)

    def refresh(self, writes: bool) -> None:
        self.writes = writes
        chosen = self.selected()
        rows = list_notices(self.database)
        self.model.set_rows(rows)
        for button in (self.new_button, self.edit_button, self.delete_button):
            button.setVisible(writes)
        if writes:
            self.hint.setText(
                "在此起草发给所辖县（市、区）政协的通知；通知随下一次“发送到U盘”的交换文件送达。"
                if rows
                else "尚未发出通知。点“新建通知…”起草，通知随下一次发送的交换文件送达各县。"
            )
        else:
            self.hint.setText(
                "市政协发来的通知随交换文件收到，在此查看。"
                if rows
                else "尚未收到市政协的通知。导入市政协发来的交换文件后，通知显示在这里。"
            )
        keys = [r.uuid for r in rows]
        if chosen is not None and chosen.uuid in keys:
            self.table.selectRow(keys.index(chosen.uuid))
        elif rows:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> NoticeRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        notice = self.selected()
        if notice is None:
            self.body.clear()
        else:
            heading = "\n".join(t for t in (notice.title, notice.doc_number) if t)
            self.body.setPlainText(
                f"{heading}\n{notice.office_name}  {day_text(notice.issued_on)}\n\n{notice.body}"
            )
        own = notice is not None and notice.own
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)

    def new_notice(self) -> None:
        self._open(NoticeDialog(self.database, None, self))

    def edit_selected(self) -> None:
        notice = self.selected()
        if notice is not None and notice.own and self.writes:
            self._open(NoticeDialog(self.database, notice, self))

    def _open(self, dialog: NoticeDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(lambda _uuid: self.refresh(self.writes))
        dialog.open()

    def delete_selected(self) -> None:
        notice = self.selected()
        if notice is None or not notice.own:
            return
        question = f"确定删除通知“{notice.title}”吗？已发出的通知，各县会随下一次交换文件一并删除。"
        if not confirm(self, "删除通知", question, "删除"):
            return
        try:
            delete_notice(self.database, notice.uuid)
        except KnownError as exc:
            report_error(self, exc)
        self.refresh(self.writes)


class NoticeDialog(RecordDialog):
    def __init__(self, database: Database, notice: NoticeRow | None, parent: QWidget) -> None:
        super().__init__("修改通知" if notice else "新建通知", "noticeDialog", parent)
        self.database = database
        self.uuid = notice.uuid if notice else None
        self.title_edit = QLineEdit(notice.title if notice else "")
        self.title_edit.setObjectName("noticeTitle")
        self.title_edit.setPlaceholderText("例如：关于报送2026年度协商议题建议的通知")
        self.number = QLineEdit(notice.doc_number if notice else "")
        self.number.setObjectName("noticeNumber")
        self.number.setPlaceholderText("可不填，例如：示政协办发〔2026〕3号")
        self.day = date_edit("noticeDay")
        if notice is not None:
            set_day(self.day, notice.issued_on)
        self.text = QPlainTextEdit(notice.body if notice else "")
        self.text.setObjectName("noticeText")
        self.form_layout.addRow("标题", self.title_edit)
        self.form_layout.addRow("文号", self.number)
        self.form_layout.addRow("发文日期", self.day)
        self.form_layout.addRow("正文", self.text)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form_layout, 1)
        layout.addWidget(self.buttons)
        resize_to_fit(self, 640, 480)
        self.title_edit.setFocus()

    def store(self) -> str:
        form = NoticeForm(
            title=self.title_edit.text(),
            issued_on=day_of(self.day),
            doc_number=self.number.text(),
            body=self.text.toPlainText(),
        )
        return save_notice(self.database, form, self.uuid)
