"""Qt's own texts are Chinese: message-box buttons, file dialogs, the calendar."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
)


def test_standard_buttons_are_chinese(qtbot):
    box = QMessageBox(QMessageBox.Icon.Information, "提示", "已保存。")
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    texts = {button.text().replace("&", "") for button in box.findChildren(QPushButton)}
    assert {"确定", "取消"} <= {t.split("(")[0] for t in texts}


def test_file_dialog_labels_are_chinese(qtbot):
    dialog = QFileDialog(None, "选择文件")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Look in" not in labels and "File name" not in labels
    assert "文件名" in labels
    buttons = dialog.findChild(QDialogButtonBox).buttons()
    assert "Cancel" not in {b.text() for b in buttons}


def test_dates_and_calendar_speak_chinese(qtbot):
    assert QLocale().language() == QLocale.Language.Chinese
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    calendar.setSelectedDate(QDate(2026, 12, 1))
    assert QLocale().monthName(12) == "十二月"
    assert QLocale().dayName(1, QLocale.FormatType.ShortFormat) in ("周一", "一")
