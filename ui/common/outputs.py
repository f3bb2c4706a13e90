"""After a file is written: say where, and offer 打开文件, 打开所在文件夹 and, on
Windows, 打印 (sent straight to the default printer by the program that opens the
file: WPS, Word or Excel). Each says plainly what to do when the system cannot.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QProcess, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QWidget

from app.common.audit import Result, file_printed
from ui.common.widgets import push_button

log = logging.getLogger(__name__)

CAN_PRINT = sys.platform == "win32"
BAR_STYLE = "#outputBar { background: #eef6ee; border: 1px solid #b9dbb9; border-radius: 4px; }"
PROGRAMS = {
    ".docx": "WPS 文字或 Microsoft Word",
    ".xlsx": "WPS 表格或 Microsoft Excel",
}


def open_file(path: Path) -> bool:
    """Open the file in the program the system uses for it; False if there is none."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path) -> bool:
    """Show the file in its folder (selected, on Windows); False without a file manager."""
    if sys.platform == "win32":
        started = QProcess.startDetached("explorer.exe", ["/select,", str(path)])
        return bool(started[0] if isinstance(started, tuple) else started)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def print_file(path: Path) -> None:
    """Windows only: the program registered for the file prints it. OSError if none."""
    start = getattr(os, "startfile", None)
    if start is None:
        raise OSError("printing from the program needs Windows")
    start(str(path), "print")


class OutputBar(QFrame):
    """A bar under a screen's buttons: a message, or a written file with its actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outputBar")
        self.path: Path | None = None
        self.label = QLabel()
        self.label.setObjectName("outputText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = push_button("打开文件", "openOutput", self.open_file)
        self.folder_button = push_button("打开所在文件夹", "openOutputFolder", self.open_folder)
        self.print_button = push_button("打印", "printOutput", self.print_file)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.label, 1)
        for button in (self.open_button, self.folder_button, self.print_button):
            layout.addWidget(button)
        self.say("")

    def text(self) -> str:
        return self.label.text()

    def say(self, text: str) -> None:
        """A plain message (or nothing): no file, no buttons."""
        self.path = None
        self.label.setText(text)
        self.label.setToolTip("")
        self.setStyleSheet("")
        for button in (self.open_button, self.folder_button, self.print_button):
            button.hide()
        self.setVisible(bool(text))

    def show_file(self, path: Path, text: str) -> None:
        """`text` says what was written; the buttons act on `path`."""
        self.path = Path(path)
        self.label.setText(text)
        self.label.setToolTip(str(path))
        self.setStyleSheet(BAR_STYLE)
        self.show()
        self.open_button.show()
        self.folder_button.show()
        self.print_button.setVisible(CAN_PRINT)
        self.print_button.setToolTip("用默认打印机直接打印（由打开该文件的程序打印）")

    # --- actions ---------------------------------------------------------------

    def open_file(self) -> bool:
        path = self._still_there()
        if path is None:
            return False
        if open_file(path):
            return True
        program = PROGRAMS.get(path.suffix.lower(), "能打开该文件的程序")
        self._explain(
            f"无法打开“{path.name}”：这台电脑上没有可以打开 {path.suffix} 文件的程序。",
            f"请安装{program}后再试。文件已保存在：\n{path}",
        )
        return False

    def open_folder(self) -> bool:
        path = self._still_there()
        if path is None:
            return False
        if open_folder(path):
            return True
        self._explain(
            "无法打开文件夹：这台电脑上没有可用的文件管理器。",
            f"文件已保存在：\n{path}\n可以在“此电脑”或文件管理器中按这个位置找到它。",
        )
        return False

    def print_file(self) -> bool:
        path = self._still_there()
        if path is None:
            return False
        try:
            print_file(path)
        except OSError as exc:
            log.warning("printing %s failed: %s", path.name, exc)
            file_printed(path, Result.FAILED, "没有能打印该文件的程序或打印机")
            self._explain(
                f"无法直接打印“{path.name}”：没有找到能打印该文件的程序或打印机。",
                "请点“打开文件”，在 WPS 或 Office 中检查打印机后再打印。",
            )
            return False
        file_printed(path)  # in the audit trail
        self.label.setText(f"已发送到打印机：{path.name}")
        return True

    def _still_there(self) -> Path | None:
        if self.path is None:
            return None
        if not self.path.exists():
            self._explain(
                f"“{self.path.name}”已不在原处（可能已被移动、改名或删除）。",
                "请重新导出或生成该文件。",
            )
            return None
        return self.path

    def _explain(self, what: str, todo: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, "无法完成", what, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("outputProblemBox")
        box.setInformativeText(todo)
        box.exec()
