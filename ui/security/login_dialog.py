"""登录 at start, the first administrator of an office upgraded from an earlier version,
and a user's own new password (asked right after logging in with a reset one)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.security.accounts import create_first_admin
from app.security.login import change_own_password, log_in
from app.security.passwords import RULE_TEXT
from ui.security.fields import (
    AccountFields,
    new_password_problems,
    password_line,
    problem_label,
    show_problems,
)


def _heading(text: str, name: str = "pageTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def _buttons(ok_text: str, cancel_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName("primaryButton")
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(cancel_text)
    cancel.setObjectName("cancelButton")
    return box


class LoginDialog(QDialog):
    """用户名 and 密码; 退出程序 closes the program. A refusal is shown in red, the
    password cleared; the service has counted and audited the try."""

    def __init__(
        self, database: Database, office_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.result_ = None
        self.setObjectName("loginDialog")
        self.setWindowTitle("登录")
        self.setMinimumWidth(420)
        self.name = QLineEdit()
        self.name.setObjectName("loginName")
        self.name.setMaxLength(50)
        self.password = password_line("loginPassword")
        self.problem = problem_label("loginProblem")
        form = QFormLayout()
        form.addRow("用户名：", self.name)
        form.addRow("密码：", self.password)
        buttons = _buttons("登录", "退出程序")
        self.login_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(office_name or "政协履职工作台"))
        layout.addWidget(_heading("请登录。本程序含委员个人信息，请勿将密码告诉他人。", "pageHint"))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.name.setFocus()

    def accept(self) -> None:
        if not self.name.text().strip() or not self.password.text():
            show_problems(self.problem, ["请输入用户名和密码。"])
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = log_in(self.database, self.name.text(), self.password.text())
        except KnownError as exc:
            show_problems(self.problem, [exc.message])
            self.password.clear()
            self.password.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.result_ = result
        if result.must_change_password:
            dialog = NewPasswordDialog(self.database, self.password.text(), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return  # stays at the login; the user is signed in only once it is changed
        super().accept()


class NewPasswordDialog(QDialog):
    """修改密码: the old one (given when it was just typed at the login), the new one twice."""

    def __init__(
        self, database: Database, old_password: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("newPasswordDialog")
        self.setWindowTitle("修改密码")
        self.setMinimumWidth(440)
        self.old = password_line("oldPassword")
        self.old.setText(old_password)
        self.new = password_line("newPassword")
        self.again = password_line("newPasswordAgain")
        self.problem = problem_label()
        form = QFormLayout()
        if not old_password:
            form.addRow("原密码：", self.old)
        form.addRow("新密码：", self.new)
        form.addRow("再次输入新密码：", self.again)
        buttons = _buttons("保存新密码", "取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = "管理员已重置您的密码，请设置一个只有您知道的新密码。" if old_password else ""
        layout.addWidget(_heading("修改密码"))
        if hint:
            layout.addWidget(_heading(hint, "pageHint"))
        layout.addLayout(form)
        # The rule before the first try, not only in the refusal after it.
        layout.addWidget(_heading(RULE_TEXT, "pageHint"))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        from app.common.operator import operator_of

        name = operator_of(self.database).name
        if not show_problems(
            self.problem, new_password_problems(self.new.text(), self.again.text(), name)
        ):
            return
        try:
            change_own_password(self.database, self.old.text(), self.new.text())
        except KnownError as exc:
            show_problems(self.problem, [exc.message])
            return
        super().accept()


class FirstAdminDialog(QDialog):
    """An office with no accounts yet (set up by an earlier version, or on the command
    line): its first administrator."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle("设置管理员账户")
        self.setMinimumWidth(480)
        self.fields = AccountFields()
        buttons = _buttons("建立并登录", "退出程序")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading("设置管理员账户"))
        layout.addWidget(
            _heading(
                "使用本程序需要登录，本单位还没有账户。请先设置一个管理员账户：管理员可以"
                "新增其他工作人员的账户、查看审计日志。请牢记密码。",
                "pageHint",
            )
        )
        layout.addWidget(self.fields)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.fields.check():
            return
        try:
            create_first_admin(self.database, self.fields.name.text(), self.fields.password.text())
        except KnownError as exc:
            show_problems(self.fields.problems, [exc.message])
            return
        super().accept()
