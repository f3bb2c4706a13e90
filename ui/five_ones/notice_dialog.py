"""通报的设置: what the clerk sets before the notice is made — 发文机关, 发文机关标志,
发文字号, the date, 抄送, 印发机关, and whether the 考核表 goes with it as 附件.
The page remembers the choices (app.five_ones.notice_options)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.five_ones.notice_options import (
    ATTACHMENT_LABELS,
    Attachment,
    NoticeOptions,
    split_copy_to,
)

NUMBER_EXAMPLE = "如 示政协办发〔2025〕3号（年份用六角括号，序号不加“第”）"
NOTE = (
    "留空的项目使用框中灰字所示的默认值。版头（红色发文机关标志、发文字号、红色分隔线）和"
    "版记（抄送、印发机关和印发日期）按 GB/T 9704 排版。这些设置会被记住，下次沿用。"
)


class NoticeDialog(QDialog):
    def __init__(self, options: NoticeOptions, defaults: NoticeOptions, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("noticeDialog")
        self.setWindowTitle("生成通报")
        self._defaults = defaults
        self.issuer = self._line("noticeIssuer", options.issuer, f"默认：{defaults.issuer}")
        self.organ_mark = self._line(
            "noticeOrganMark", options.organ_mark, f"默认：{defaults.organ_mark}"
        )
        self.number = self._line("noticeNumber", options.number, NUMBER_EXAMPLE)
        self.issued_on = QDateEdit()
        self.issued_on.setObjectName("noticeDate")
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setDisplayFormat("yyyy年M月d日")
        day = options.issued_on or defaults.issued_on or date.today()
        self.issued_on.setDate(QDate(day.year, day.month, day.day))
        self.copy_to = QPlainTextEdit("\n".join(options.copy_to))
        self.copy_to.setObjectName("noticeCopyTo")
        self.copy_to.setPlaceholderText("每行一个抄送机关，如：\n县委办公室\n县政府办公室")
        self.copy_to.setFixedHeight(76)
        self.printer = self._line("noticePrinter", options.printer, f"默认：{defaults.printer}")
        self.attachment = QComboBox()
        self.attachment.setObjectName("noticeAttachment")
        for value, label in ATTACHMENT_LABELS.items():
            self.attachment.addItem(label, value.value)
        self.attachment.setCurrentIndex(self.attachment.findData(options.attachment.value))

        form = QFormLayout()
        form.addRow("发文机关署名", self.issuer)
        form.addRow("发文机关标志", self.organ_mark)
        form.addRow("发文字号", self.number)
        form.addRow("成文和印发日期", self.issued_on)
        form.addRow("抄送", self.copy_to)
        form.addRow("印发机关", self.printer)
        form.addRow("附件", self.attachment)
        note = QLabel(NOTE)
        note.setObjectName("pageHint")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成通报…")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _line(self, name: str, text: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        return edit

    def options(self) -> NoticeOptions:
        """What the dialog says; empty fields stay empty (defaults apply when made)."""
        day = self.issued_on.date()
        return replace(
            NoticeOptions(),
            issuer=self.issuer.text(),
            organ_mark=self.organ_mark.text(),
            number=self.number.text(),
            issued_on=date(day.year(), day.month(), day.day()),
            copy_to=split_copy_to(self.copy_to.toPlainText()),
            printer=self.printer.text(),
            attachment=Attachment(self.attachment.currentData()),
        )


def ask_notice_options(
    parent: QWidget, options: NoticeOptions, defaults: NoticeOptions
) -> NoticeOptions | None:
    """The settings the clerk confirms, or None when cancelled."""
    dialog = NoticeDialog(options, defaults, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options()
