"""Who is at the keyboard, for the GUI start: the login (or the first administrator of
an upgraded office), then the idle lock and the user's corner of the status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

from app.common.operator import operator_of, signed_in
from app.common.settings import load_settings
from app.common.storage import Database
from app.security.accounts import has_accounts
from app.security.login import record_logout
from ui.security.lock_screen import IdleLock
from ui.security.login_dialog import FirstAdminDialog, LoginDialog, NewPasswordDialog


def ask_who(database: Database, office_name: str, parent: QWidget | None = None) -> bool:
    """True once someone is signed in: already (the setup wizard's administrator), by
    logging in, or by making the first administrator. False: the user chose to quit."""
    if signed_in(database) is not None:
        return True
    if has_accounts(database):
        dialog: QDialog = LoginDialog(database, office_name, parent)
    else:
        dialog = FirstAdminDialog(database, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted and signed_in(database) is not None


class UserCorner(QWidget):
    """当前用户 in the status bar, with 修改密码 and 锁定."""

    def __init__(self, database: Database, lock: IdleLock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        operator = operator_of(database)
        self.setObjectName("userCorner")
        self.label = QLabel(f"当前用户：{operator.name}（{operator.role_label}）")
        self.label.setObjectName("currentUser")
        self.password_button = QPushButton("修改密码")
        self.password_button.setObjectName("changePassword")
        self.password_button.setFlat(True)
        self.password_button.clicked.connect(self.change_password)
        self.lock_button = QPushButton("锁定")
        self.lock_button.setObjectName("lockNow")
        self.lock_button.setFlat(True)
        self.lock_button.setToolTip("离开座位时锁定窗口，回来后输入密码继续")
        self.lock_button.clicked.connect(lambda: lock.lock(idle=False))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.password_button)
        layout.addWidget(self.lock_button)

    def change_password(self) -> NewPasswordDialog:
        dialog = NewPasswordDialog(self.database, parent=self.window())
        dialog.open()
        return dialog


class SignedInSession:
    """What the window keeps while a user is signed in: the idle lock and the status-bar corner."""

    def __init__(
        self, database: Database, window: QMainWindow, on_quit: Callable[[], None]
    ) -> None:
        self.database = database
        minutes = load_settings(database).idle_lock_minutes
        self.lock = IdleLock(database, minutes, on_quit)
        self.corner = UserCorner(database, self.lock)
        window.statusBar().addPermanentWidget(self.corner)

    def end(self) -> None:
        """The program closes: the idle lock stops and the logout is audited."""
        self.lock.stop()
        record_logout(self.database)
