"""离任 needs a deliberate 确定离任: Enter in 离任日期 does not retire the member."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.members.labels import MembershipStatus
from app.members.member_files import MemberForm, add_member, get_member, list_members
from app.office.terms import list_terms
from ui.members.member_actions import RetireDialog


def _dialog(qtbot, office_db, host) -> tuple[RetireDialog, str]:  # type: ignore[no-untyped-def]
    uuid = add_member(office_db, MemberForm(name="张三", start_date=date(2023, 5, 1)))
    (row,) = list_members(office_db)
    dialog = RetireDialog(office_db, row, list_terms(office_db)[0], host)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.choose(MembershipStatus.TRANSFERRED, date(2024, 6, 1))
    return dialog, uuid


def test_enter_in_the_date_does_not_retire(qtbot, office_db, host) -> None:
    dialog, uuid = _dialog(qtbot, office_db, host)
    dialog.day.setFocus()
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClick(dialog.status, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert get_member(office_db, uuid).memberships[0].status is MembershipStatus.ACTIVE


def test_enter_on_the_button_itself_retires(qtbot, office_db, host) -> None:
    dialog, uuid = _dialog(qtbot, office_db, host)
    button = dialog.findChild(QPushButton, "primaryButton")
    assert button.text() == "确定离任"
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert get_member(office_db, uuid).memberships[0].status is MembershipStatus.TRANSFERRED
