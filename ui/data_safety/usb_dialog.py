"""备份到U盘: the folder on the stick and the password, typed twice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.data_safety.sealed import MIN_PASSWORD

USB_HINT = (
    "备份包括数据库和全部附件文件（提案原件、答复函等），合成一个文件。"
    "备份文件用您设置的密码加密，可在另一台电脑上用同一密码恢复。"
    "请牢记密码：忘记密码后，这份备份无法打开，任何人都无法找回。"
)


class UsbBackupDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usbBackupDialog")
        self.setWindowTitle("备份到U盘")
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("usbFolder")
        self.folder_edit.setPlaceholderText("选择U盘上的文件夹")
        choose = QPushButton("选择…")
        choose.setObjectName("chooseUsbFolder")
        choose.clicked.connect(self._choose_folder)
        self.password = _password_edit("usbPassword")
        self.password_again = _password_edit("usbPasswordAgain")
        self.problem = QLabel()
        self.problem.setObjectName("usbProblem")
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        hint = QLabel(USB_HINT)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("开始备份")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        form = QFormLayout()
        form.addRow("保存到：", folder_row)
        form.addRow("加密密码：", self.password)
        form.addRow("再输入一次：", self.password_again)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip())

    def chosen_password(self) -> str:
        return self.password.text()

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择U盘上的文件夹")
        if chosen:
            self.folder_edit.setText(chosen)

    def _check_and_accept(self) -> None:
        problem = self._problem()
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        self.accept()

    def _problem(self) -> str:
        if not self.folder_edit.text().strip():
            return "请选择保存备份的文件夹（U盘）。"
        if len(self.password.text()) < MIN_PASSWORD:
            return f"加密密码至少需要 {MIN_PASSWORD} 个字符。"
        if self.password.text() != self.password_again.text():
            return "两次输入的密码不一致，请重新输入。"
        return ""


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
