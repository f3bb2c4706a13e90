"""Fields the security screens share: a password line, a new password typed twice,
and the first administrator's name and password."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.security.accounts import name_problems
from app.security.passwords import MAX_LENGTH, RULE_TEXT, password_problems

PROBLEM_STYLE = "color: #b3261e;"


def password_line(name: str, placeholder: str = "") -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    line.setEchoMode(QLineEdit.EchoMode.Password)
    line.setMaxLength(MAX_LENGTH)
    line.setPlaceholderText(placeholder)
    return line


def problem_label(name: str = "problems") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(PROBLEM_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_problems(label: QLabel, problems: list[str]) -> bool:
    """True when there are none."""
    label.setText("\n".join(problems))
    label.setVisible(bool(problems))
    return not problems


def new_password_problems(password: str, again: str, user_name: str) -> list[str]:
    problems = password_problems(password, user_name)
    if password != again:
        problems.append("两次输入的密码不一致。")
    return problems


class AccountFields(QWidget):
    """用户名, 密码, 再次输入密码 — with the rule shown and problems underneath."""

    def __init__(self, name_hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setObjectName("accountName")
        self.name.setMaxLength(30)
        self.name.setPlaceholderText(name_hint or "可用本人姓名，如 张红")
        self.password = password_line("accountPassword")
        self.again = password_line("accountPasswordAgain")
        rule = QLabel(RULE_TEXT)
        rule.setObjectName("pageHint")
        rule.setWordWrap(True)
        self.problems = problem_label()
        form = QFormLayout()
        form.addRow("用户名：", self.name)
        form.addRow("密码：", self.password)
        form.addRow("再次输入密码：", self.again)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(rule)
        layout.addWidget(self.problems)

    def check(self) -> bool:
        name = self.name.text()
        problems = name_problems(name) + new_password_problems(
            self.password.text(), self.again.text(), name
        )
        return show_problems(self.problems, problems)
