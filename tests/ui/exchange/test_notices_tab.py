"""The 通知 tab: the city clerk writes a notice, changes and deletes it; the county clerk
reads the one received, with nothing to change."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.exchange.notices import NoticeForm, list_notices, save_notice
from tests.exchange.conftest import Offices
from tests.ui.conftest import ModalAnswers, type_text
from tests.ui.exchange.test_exchange_page import click
from tests.ui.exchange.test_exchange_page_clerk import open_page
from ui.common.dates import set_day
from ui.exchange.notices_tab import OFFICE_COLUMN, NoticeDialog

TITLE = "关于报送2026年度协商议题建议的通知"


def test_the_city_writes_changes_and_deletes_a_notice(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    page = open_page(qtbot, offices.city, offices.stick)
    page.tabs.setCurrentWidget(page.notices)
    tab = page.notices
    assert tab.new_button.isVisible() and "尚未发出通知" in tab.hint.text()
    click(qtbot, tab.new_button)
    dialog = tab.dialog
    assert isinstance(dialog, NoticeDialog) and dialog.isVisible()
    type_text(qtbot, dialog.title_edit, TITLE)
    type_text(qtbot, dialog.number, "示政协办发〔2026〕3号")
    set_day(dialog.day, date(2026, 3, 2))
    dialog.text.setPlainText("各县（市、区）政协：\n请于3月20日前报送。")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert tab.model.rowCount() == 1 and tab.model.row(0).title == TITLE
    assert tab.body.toPlainText().startswith(f"{TITLE}\n示政协办发〔2026〕3号\n")
    assert "请于3月20日前报送。" in tab.body.toPlainText()
    assert tab.edit_button.isEnabled() and tab.delete_button.isEnabled()

    click(qtbot, tab.edit_button)
    edit = tab.dialog
    assert isinstance(edit, NoticeDialog) and edit.title_edit.text() == TITLE
    edit.title_edit.setText("关于延期报送协商议题建议的通知")
    click(qtbot, edit.save_button)
    qtbot.waitUntil(lambda: not edit.isVisible())
    [changed] = list_notices(offices.city.database)
    assert changed.title == "关于延期报送协商议题建议的通知"

    def delete(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and "随下一次交换文件一并删除" in box.text()
        [button] = [b for b in box.findChildren(QPushButton) if b.text() == "删除"]
        button.click()

    modal.then(delete, QMessageBox)
    click(qtbot, tab.delete_button)
    qtbot.waitUntil(lambda: modal.done)
    assert tab.model.rowCount() == 0 and list_notices(offices.city.database) == []


def test_a_blank_title_is_refused_and_the_dialog_keeps_what_was_typed(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    page = open_page(qtbot, offices.city, offices.stick)
    page.tabs.setCurrentWidget(page.notices)
    click(qtbot, page.notices.new_button)
    dialog = page.notices.dialog
    assert dialog is not None
    dialog.text.setPlainText("正文")
    messages: list[str] = []
    modal.then(lambda box: (messages.append(box.text()), box.accept()), QMessageBox)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "请填写通知标题" in messages[0]
    assert dialog.isVisible() and dialog.text.toPlainText() == "正文"
    assert list_notices(offices.city.database) == []
    # Closing with typed text asks first (DiscardGuard); the clerk chooses 放弃.
    asked: list[str] = []
    modal.then(
        lambda box: (
            asked.append(box.text()),
            next(b for b in box.buttons() if b.text() == "放弃").click(),
        )
    )
    dialog.reject()
    qtbot.waitUntil(lambda: modal.done)
    assert "未保存" in asked[0] and not dialog.isVisible()
    assert list_notices(offices.city.database) == []


def test_the_county_reads_the_notice_it_received(offices: Offices, qtbot: QtBot) -> None:
    save_notice(offices.city.database, NoticeForm(title=TITLE, issued_on=date(2026, 3, 2)))
    offices.send(offices.city, offices.county)
    page = open_page(qtbot, offices.county, offices.stick)
    page.tabs.setCurrentWidget(page.notices)
    tab = page.notices
    assert not tab.new_button.isVisible() and not tab.edit_button.isVisible()
    assert "市政协发来的通知" in tab.hint.text()
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, OFFICE_COLUMN).data() == offices.city.name
    assert tab.body.toPlainText().startswith(TITLE)
    tab.edit_selected()  # a double-click: nothing to edit here
    assert tab.dialog is None
