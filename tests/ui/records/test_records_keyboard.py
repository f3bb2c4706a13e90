"""A clerk at the keyboard on the 履职记录 page: Tab follows the page as it is read,
top to bottom and left to right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.records.helpers import click


def _tab(qtbot, key: Qt.Key = Qt.Key.Key_Tab) -> object:
    qtbot.keyClick(QApplication.focusWidget(), key)
    return QApplication.focusWidget()


def test_the_corner_buttons_come_after_the_tabs_and_before_the_list(qtbot, page):
    """保存空白模板 and 从Excel导入 sit at the top right, on the row of the tabs: they
    came last, after 导出Excel at the foot of the chain."""
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.tabs.tabBar().setFocus()
    assert _tab(qtbot) is page.template_button
    assert _tab(qtbot) is page.import_button
    assert _tab(qtbot) is page.activities.year  # then the list's own row, left to right
    assert _tab(qtbot, Qt.Key.Key_Backtab) is page.import_button
    assert _tab(qtbot, Qt.Key.Key_Backtab) is page.template_button
    assert _tab(qtbot, Qt.Key.Key_Backtab) is page.tabs.tabBar()
    page.activities.export_button.setFocus()  # the last of the list's row: no corner after it
    assert _tab(qtbot) not in (page.template_button, page.import_button)


def test_a_new_meeting_opens_on_its_first_field(qtbot, page):
    """新增活动 opened the editor on its tab bar: the first key typed went nowhere."""
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    click(qtbot, page.activities.add_button)
    dialog = page.activities.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.kind  # 会议类别, the first field
    assert _tab(qtbot) is dialog.title_edit
    assert _tab(qtbot, Qt.Key.Key_Backtab) is dialog.kind
    assert _tab(qtbot, Qt.Key.Key_Backtab) is dialog.tabs.tabBar()  # still reachable
    dialog.reject()
