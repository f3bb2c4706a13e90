"""修改密码 shows the password rule before the first try."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.security.passwords import RULE_TEXT
from tests.security.helpers import STAFF, staff_office
from ui.security.login_dialog import NewPasswordDialog


def test_the_rule_is_shown_before_any_try(qtbot, office_db, host):
    staff_office(office_db).as_user(STAFF)
    dialog = NewPasswordDialog(office_db, parent=host)
    dialog.show()
    shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert RULE_TEXT in shown
    assert not dialog.problem.isVisible()
