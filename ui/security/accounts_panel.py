"""系统设置 → 账户 (administrators): add, set the role, reset a password, unlock,
disable; and the idle minutes before the window locks."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.operator import ROLE_LABELS, Role
from app.common.settings import load_settings, save_settings
from app.common.storage import Database
from app.security.accounts import (
    AccountRow,
    add_account,
    list_accounts,
    reset_password,
    set_disabled,
    set_role,
    unlock_account,
)
from ui.common.errors import show_known_error
from ui.common.unsaved import DiscardGuard
from ui.common.widgets import push_button
from ui.security.fields import (
    AccountFields,
    new_password_problems,
    password_line,
    problem_label,
    show_problems,
)

HEADERS = ("用户名", "角色", "状态", "上次登录")
ROLE_HELP = "管理员：全部功能，含账户、恢复备份和审计日志；工作人员：日常工作；只读：查看和打印。"


def _role_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for role in (Role.STAFF, Role.READONLY, Role.ADMIN):
        combo.addItem(ROLE_LABELS[role], role.value)
    return combo


def _state(account: AccountRow) -> str:
    if account.disabled:
        return "已停用"
    if account.locked():
        return f"已锁定至 {account.locked_until.astimezone():%H:%M}"  # type: ignore[union-attr]
    return "须修改密码" if account.must_change_password else "正常"


class AccountsPanel(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("accountsPanel")
        self.accounts: list[AccountRow] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("accountsTable")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = push_button("新增账户…", "addAccount", self.add)
        self.add_button.setObjectName("primaryButton")
        self.role = _role_combo("accountRole")
        self.role_button = push_button("修改角色", "setRole", self.change_role)
        self.reset_button = push_button("重置密码…", "resetPassword", self.reset)
        self.unlock_button = push_button("解除锁定", "unlockAccount", self.unlock)
        self.disable_button = push_button("停用", "disableAccount", self.toggle_disabled)
        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(0, 240)
        self.idle.setSuffix(" 分钟")
        self.idle.setSpecialValueText("不自动锁定")
        self.idle_button = push_button("保存", "saveIdleMinutes", self.save_idle)
        self.status = QLabel()
        self.status.setObjectName("accountsStatus")
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addSpacing(16)
        # The selected account's role: a new account chooses its own in its dialog.
        actions.addWidget(QLabel("所选账户的角色改为："))
        actions.addWidget(self.role)
        for button in (
            self.role_button,
            self.reset_button,
            self.unlock_button,
            self.disable_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        idle = QHBoxLayout()
        idle.addWidget(QLabel("闲置多久后锁定窗口："))
        idle.addWidget(self.idle)
        idle.addWidget(self.idle_button)
        idle.addStretch(1)
        help_label = QLabel(ROLE_HELP)
        help_label.setObjectName("pageHint")
        help_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(help_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(idle)
        layout.addWidget(self.status)

    # --- showing ----------------------------------------------------------------------

    def refresh(self) -> None:
        self.accounts = list_accounts(self.database)
        self.table.setRowCount(len(self.accounts))
        for row, account in enumerate(self.accounts):
            last = (
                account.last_login_at.astimezone().strftime("%Y-%m-%d %H:%M")
                if account.last_login_at
                else "从未登录"
            )
            for column, text in enumerate(
                (account.name, account.role_label, _state(account), last)
            ):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.idle.setValue(load_settings(self.database).idle_lock_minutes)
        self._update_buttons()

    def selected(self) -> AccountRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for row, account in enumerate(self.accounts):
            if account.name == name:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        account = self.selected()
        for button in (
            self.role_button,
            self.reset_button,
            self.unlock_button,
            self.disable_button,
        ):
            button.setEnabled(account is not None)
        if account is not None:
            self.role.setCurrentIndex(self.role.findData(account.role.value))
            self.disable_button.setText("重新启用" if account.disabled else "停用")
            self.unlock_button.setEnabled(account.locked())

    # --- actions ----------------------------------------------------------------------

    def _do(self, done: str, action: object, *args: object) -> bool:
        try:
            action(*args)  # type: ignore[operator]
        except KnownError as exc:
            show_known_error(self, exc, "未能完成")
            return False
        name = self.selected().name if self.selected() else ""
        self.refresh()
        self.select(name)
        self.status.setText(done)
        return True

    def add(self) -> AddAccountDialog:
        dialog = AddAccountDialog(self.database, self)
        dialog.accepted.connect(lambda: self._added(dialog.added))
        dialog.open()
        return dialog

    def _added(self, name: str) -> None:
        self.refresh()
        self.select(name)
        self.status.setText(f"已新增账户“{name}”。请把密码告诉本人；其首次登录时须改成自己的密码。")

    def change_role(self) -> None:
        account = self.selected()
        if account is not None:
            role = Role(self.role.currentData())
            self._do(
                f"已将“{account.name}”的角色改为{ROLE_LABELS[role]}。",
                set_role,
                self.database,
                account.id,
                role,
            )

    def reset(self) -> ResetPasswordDialog | None:
        account = self.selected()
        if account is None:
            return None
        dialog = ResetPasswordDialog(self.database, account, self)
        dialog.accepted.connect(
            lambda: (
                self.refresh(),
                self.status.setText(f"已重置“{account.name}”的密码，其下次登录时须修改。"),
            )
        )
        dialog.open()
        return dialog

    def unlock(self) -> None:
        account = self.selected()
        if account is not None:
            self._do(f"已解除“{account.name}”的锁定。", unlock_account, self.database, account.id)

    def toggle_disabled(self) -> None:
        account = self.selected()
        if account is not None:
            text = "重新启用" if account.disabled else "停用"
            self._do(
                f"已{text}“{account.name}”。",
                set_disabled,
                self.database,
                account.id,
                not account.disabled,
            )

    def save_idle(self) -> None:
        settings = replace(load_settings(self.database), idle_lock_minutes=self.idle.value())
        try:
            save_settings(self.database, settings)
        except KnownError as exc:
            show_known_error(self, exc, "未保存")
            return
        self.status.setText("已保存。下次登录起生效。")


class AddAccountDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.added = ""
        self.setObjectName("addAccountDialog")
        self.setWindowTitle("新增账户")
        self.setMinimumWidth(460)
        self.fields = AccountFields()
        self.role = _role_combo("newAccountRole")
        form = QFormLayout()
        form.addRow("角色：", self.role)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新增")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.discard_guard = DiscardGuard(self)

    def reject(self) -> None:
        """取消, Esc or the ×: a typed name and password are not thrown away unasked."""
        if self.discard_guard.allows_close():
            super().reject()

    def accept(self) -> None:
        if not self.fields.check():
            return
        try:
            account = add_account(
                self.database,
                self.fields.name.text(),
                Role(self.role.currentData()),
                self.fields.password.text(),
            )
        except KnownError as exc:
            show_problems(self.fields.problems, [exc.message])
            return
        self.added = account.name
        super().accept()


class ResetPasswordDialog(QDialog):
    def __init__(
        self, database: Database, account: AccountRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.account = account
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(f"重置密码 — {account.name}")
        self.setMinimumWidth(440)
        self.password = password_line("resetPassword")
        self.again = password_line("resetPasswordAgain")
        self.problem = problem_label()
        note = QLabel(
            f"为“{account.name}”设置一个临时密码，当面告诉本人；其下次登录时须改为自己的密码。"
        )
        note.setObjectName("pageHint")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("新密码：", self.password)
        form.addRow("再次输入：", self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("重置")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        problems = new_password_problems(self.password.text(), self.again.text(), self.account.name)
        if not show_problems(self.problem, problems):
            return
        try:
            reset_password(self.database, self.account.id, self.password.text())
        except KnownError as exc:
            show_problems(self.problem, [exc.message])
            return
        super().accept()
