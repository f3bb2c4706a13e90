"""The login at start (and the first administrator of an upgraded office), lockout
in the login window, the idle lock and its unlock — driven as a clerk would."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from app.common.operator import sign_out
from app.common.storage import Database
from app.security.login import log_in
from tests.security.helpers import PASSWORDS, STAFF, audit_lines, staff_office
from tests.ui.conftest import fill_first_admin, type_text
from ui.application import run_gui
from ui.main_window import MainWindow
from ui.security.lock_screen import Cover, IdleLock, LockDialog


def _args(database: Database) -> argparse.Namespace:
    return argparse.Namespace(
        data_dir=str(database.location.data_dir), self_test=False, command=None
    )


def _close_main_window_when_shown(seen: list[str]) -> QTimer:
    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.database:
                seen.append(widget.findChild(QLabel, "currentUser").text())
                widget.close()
                timer.stop()

    timer = QTimer()
    timer.timeout.connect(close)
    timer.start(20)
    return timer


def _staffed_file(office_db: Database) -> Database:
    staff_office(office_db)
    sign_out()
    office_db.close()
    return office_db


def test_the_window_opens_only_after_a_login(qtbot, office_db, modal):
    database = _staffed_file(office_db)
    seen: list[str] = []

    def log_in_as_clerk(dialog) -> None:
        assert dialog.objectName() == "loginDialog"
        # No window shows the office's data before the login (windows of earlier tests
        # may linger, closed, until Qt deletes them).
        assert not any(
            isinstance(w, MainWindow) and w.isVisible() and w.database
            for w in QApplication.topLevelWidgets()
        )
        type_text(qtbot, dialog.name, STAFF)
        type_text(qtbot, dialog.password, "Wrong2025")
        dialog.login_button.click()
        assert (
            "用户名或密码不正确" in dialog.problem.text()
            and "还可再试 4 次" in dialog.problem.text()
        )
        assert dialog.password.text() == ""
        type_text(qtbot, dialog.password, PASSWORDS[STAFF])
        dialog.login_button.click()

    modal.then(log_in_as_clerk)
    timer = _close_main_window_when_shown(seen)
    assert run_gui(_args(database), []) == 0
    timer.stop()
    assert seen == [f"当前用户：{STAFF}（工作人员）"]
    reopened = _reopen(database)
    actions = [line[1] for line in audit_lines(reopened) if line[0] == STAFF]
    assert actions[-3:] == ["login_failed", "login", "logout"]
    reopened.close()


def test_five_wrong_passwords_lock_the_account_and_quit_closes_the_program(qtbot, office_db, modal):
    database = _staffed_file(office_db)
    messages: list[str] = []

    def guess(dialog) -> None:
        type_text(qtbot, dialog.name, STAFF)
        for _ in range(5):
            type_text(qtbot, dialog.password, "Wrong2025")
            dialog.login_button.click()
        messages.append(dialog.problem.text())
        type_text(qtbot, dialog.password, PASSWORDS[STAFF])  # right, but too late
        dialog.login_button.click()
        messages.append(dialog.problem.text())
        dialog.reject()  # 退出程序

    modal.then(guess)
    assert run_gui(_args(database), []) == 0
    assert "已被锁定" in messages[0] and "管理员" in messages[0]
    assert "已被锁定" in messages[1]
    assert not any(
        isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
    reopened = _reopen(database)
    assert "account_locked" in [line[1] for line in audit_lines(reopened)]
    reopened.close()


def test_an_office_without_accounts_is_asked_for_its_first_administrator(qtbot, office_db, modal):
    """An office set up by an earlier version: its first start after the upgrade."""
    office_db.close()
    seen: list[str] = []

    def make_admin(dialog) -> None:
        assert dialog.objectName() == "firstAdminDialog"
        fill_first_admin(qtbot, dialog.fields, name="张红")
        dialog.accept()

    modal.then(make_admin)
    timer = _close_main_window_when_shown(seen)
    assert run_gui(_args(office_db), []) == 0
    timer.stop()
    assert seen == ["当前用户：张红（管理员）"]


def _reopen(database: Database) -> Database:
    from app.common.storage import open_database

    return open_database(database.location)


def test_idle_lock_covers_every_window_and_only_the_users_password_opens_it(qtbot, office_db):
    staff_office(office_db)
    log_in(office_db, STAFF, PASSWORDS[STAFF])
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    quits: list[bool] = []
    lock = IdleLock(office_db, 15, lambda: quits.append(True), interval_ms=150)
    try:
        qtbot.waitUntil(lambda: lock.locked and lock.dialog is not None, timeout=10_000)
        dialog = lock.dialog
        assert isinstance(dialog, LockDialog) and dialog.isVisible()
        covers = window.findChildren(Cover)
        assert covers and covers[0].isVisible() and covers[0].geometry() == window.rect()
        assert STAFF in dialog.findChild(QLabel, "pageHint").text()

        type_text(qtbot, dialog.password, PASSWORDS["张红"])  # someone else's password
        dialog.unlock_button.click()
        assert dialog.isVisible() and f"“{STAFF}”的密码不正确" in dialog.problem.text()
        type_text(qtbot, dialog.password, PASSWORDS[STAFF])
        # The count starts again at the unlock: after 150 ms a busy machine locked anew
        # before the test had looked. Counting stays what is checked, not how long.
        lock.timer.setInterval(60_000)
        dialog.unlock_button.click()
        qtbot.waitUntil(lambda: not lock.locked)
        qtbot.waitUntil(lambda: not window.findChildren(Cover))
        assert quits == []
        assert lock.timer.isActive()  # counting again
        actions = [line[1] for line in audit_lines(office_db)]
        assert actions[-3:] == ["screen_locked", "login_failed", "screen_unlocked"]

        # Locked again; 退出程序 closes the program.
        lock.lock(idle=False)
        lock.dialog.quit_button.click()
        qtbot.waitUntil(lambda: quits == [True])
    finally:
        lock.stop()


IDLE_MS = 1000


def test_input_restarts_the_idle_count(qtbot, office_db):
    staff_office(office_db)
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(office_db, 15, lambda: None, interval_ms=IDLE_MS)
    try:
        # A key after a quarter of the time idle, five times: longer than the interval in
        # all, and each key counts from the start again. The test looks at the time left,
        # not at 100 ms sleeps, which a busy machine stretched past the interval.
        for _ in range(5):
            qtbot.waitUntil(lambda: lock.timer.remainingTime() < IDLE_MS * 3 // 4)
            left = lock.timer.remainingTime()
            qtbot.keyClick(window.navigation, "a")
            assert lock.timer.remainingTime() > left, "a key did not restart the idle count"
        assert not lock.locked
        qtbot.waitUntil(lambda: lock.locked, timeout=IDLE_MS + 10_000)  # left idle: locked
    finally:
        if lock.dialog is not None:
            lock.dialog.done(1)
        lock.stop()
