"""新增社情民意 / 大会发言: Esc asks before throwing typed data away, nothing is stored."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.records.record_items import list_social_info, list_works
from tests.ui.conftest import DISCARD_QUESTION, opened, press, type_text
from ui.records.item_dialogs import SocialInfoDialog, WorkDialog


def test_esc_in_a_typed_social_info_item_asks(qtbot, office_db, members, modal) -> None:
    dialog = opened(qtbot, SocialInfoDialog(office_db))
    type_text(qtbot, dialog.title_edit, "关于加强农村留守老人照护的建议")
    asked: list[str] = []
    modal.then(press(asked, "取消"))
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: modal.done)
    assert asked == [DISCARD_QUESTION]
    assert dialog.isVisible() and dialog.title_edit.text() == "关于加强农村留守老人照护的建议"

    modal.then(press(asked, "放弃"))
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert list_social_info(office_db) == []


def test_a_ticked_author_of_a_speech_counts_as_typed(qtbot, office_db, members, modal) -> None:
    dialog = opened(qtbot, WorkDialog(office_db))
    dialog.picker.toggle_row(dialog.picker.proxy.index(0, 0))
    asked: list[str] = []
    modal.then(press(asked, "取消"))
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: modal.done)
    assert asked == [DISCARD_QUESTION] and dialog.isVisible()
    modal.then(press(asked, "放弃"))
    assert dialog.close()  # the window's ×, answered 放弃
    assert list_works(office_db) == []


def test_an_untouched_item_closes_at_once(qtbot, office_db, members) -> None:
    dialog = opened(qtbot, SocialInfoDialog(office_db))
    type_text(qtbot, dialog.picker.search, "zz")  # looking for a member is not data
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
