"""新增账户: Esc asks before throwing a typed name and password away."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.security.accounts import list_accounts
from tests.security.helpers import ADMIN, staff_office
from tests.ui.conftest import press, type_text
from ui.settings_page import SettingsPage


def _add_dialog(qtbot, office_db):  # type: ignore[no-untyped-def]
    staffed = staff_office(office_db)
    staffed.as_user(ADMIN)
    page = SettingsPage(office_db)
    qtbot.addWidget(page)
    page.show()
    dialog = page.accounts.add()
    qtbot.waitExposed(dialog)
    dialog.page = page  # the settings page lives as long as its dialog
    return dialog


def test_esc_in_a_typed_new_account_asks(qtbot, office_db, modal) -> None:
    dialog = _add_dialog(qtbot, office_db)
    before = [a.name for a in list_accounts(office_db)]
    type_text(qtbot, dialog.fields.name, "赵敏")
    type_text(qtbot, dialog.fields.password, "Zhao2025x")
    asked: list[str] = []
    modal.then(press(asked, "取消"))
    qtbot.keyClick(dialog.fields.password, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: modal.done)
    assert asked == ["有未保存的内容，确定放弃吗？"]
    assert dialog.isVisible() and dialog.fields.name.text() == "赵敏"

    modal.then(press(asked, "放弃"))
    qtbot.keyClick(dialog.fields.name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [a.name for a in list_accounts(office_db)] == before


def test_an_untouched_new_account_closes_at_once(qtbot, office_db) -> None:
    dialog = _add_dialog(qtbot, office_db)
    qtbot.keyClick(dialog.fields.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
