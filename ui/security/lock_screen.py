"""The lock screen: after N idle minutes (a setting, default 15) every window of the
program is covered and only the same user's password opens it again (or 退出程序).

Covers, not hiding: a form left half-filled keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.operator import operator_of
from app.common.storage import Database
from app.security.login import record_screen_lock, unlock_screen
from ui.security.fields import password_line, problem_label, show_problems

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class Cover(QWidget):
    """An opaque sheet over one window's contents while the program is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockCover { background: #2f3b4c; }")
        label = QLabel("政协履职工作台 · 已锁定", self)
        label.setStyleSheet("color: #dfe6ee; font-size: 20px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 80, 0, 0)
        layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        return False


class LockDialog(QDialog):
    """已锁定: the user's password, or 退出程序."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        operator = operator_of(database)
        self.setObjectName("lockDialog")
        self.setWindowTitle("已锁定")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(420)
        self.password = password_line("unlockPassword")
        self.problem = problem_label("unlockProblem")
        title = QLabel("程序已锁定")
        title.setObjectName("pageTitle")
        who = QLabel(
            f"当前用户：{operator.name}（{operator.role_label}）。\n"
            "请输入该用户的密码解除锁定；其他人请点“退出程序”。"
        )
        who.setObjectName("pageHint")
        who.setWordWrap(True)
        form = QFormLayout()
        form.addRow("密码：", self.password)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton("解除锁定", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("primaryButton")
        self.quit_button = buttons.addButton("退出程序", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("cancelButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.password.setFocus()

    def accept(self) -> None:
        try:
            unlock_screen(self.database, self.password.text())
        except KnownError as exc:
            show_problems(self.problem, [exc.message])
            self.password.clear()
            return
        super().accept()

    def keyPressEvent(self, event: object) -> None:  # Esc must not unlock
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]


class IdleLock(QObject):
    """Counts idle time across the whole application; locks when it runs out.

    `on_quit` is called when the user chooses 退出程序 at the lock screen."""

    def __init__(
        self,
        database: Database,
        minutes: int,
        on_quit: Callable[[], None],
        interval_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.database = database
        self.minutes = minutes
        self.on_quit = on_quit
        self.locked = False
        self.dialog: LockDialog | None = None
        self._covers: list[Cover] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms if interval_ms is not None else minutes * 60_000)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        if minutes > 0 or interval_ms is not None:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in INPUT_EVENTS and self.timer.interval() > 0:
            self.timer.start()  # restarts the count
        return False

    def lock(self, idle: bool = True) -> None:
        """Cover every window and ask for the password (the lock is audited)."""
        if self.locked:
            return
        self.locked = True
        self.timer.stop()
        record_screen_lock(self.database, self.minutes if idle else None)
        self._covers = [
            Cover(window)
            for window in QApplication.topLevelWidgets()
            if window.isVisible() and not isinstance(window, LockDialog)
        ]
        self.dialog = LockDialog(self.database)
        self.dialog.finished.connect(self._finished)
        self.dialog.open()

    def _finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            self.on_quit()
            return
        for cover in self._covers:
            cover.deleteLater()
        self._covers = []
        self.locked = False
        self.timer.start()
