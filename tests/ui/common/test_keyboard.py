"""A clerk at the keyboard: a list's search box leads into the list, and a record
dialog opens on its first field (not on 保存, where typing does nothing and Enter saves)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

from app.demo.demo import load_demo
from tests.ui.conftest import type_text
from ui.main_window import MainWindow


def _window(qtbot, office_db) -> MainWindow:  # type: ignore[no-untyped-def]
    load_demo(office_db)
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _filled_table(qtbot, page) -> QTableView:  # type: ignore[no-untyped-def]
    """The page's shown list, once its rows are read (提案 reads on a worker thread)."""
    shown = lambda: [t for t in page.findChildren(QTableView) if t.isVisible()]  # noqa: E731
    qtbot.waitUntil(lambda: bool(shown()) and shown()[0].model().rowCount() > 0)
    return shown()[0]


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("委员档案", Qt.Key.Key_Down),
        ("履职记录", Qt.Key.Key_Return),
        ("提案", Qt.Key.Key_Down),
        ("协商", Qt.Key.Key_Return),
    ],
)
def test_down_or_enter_in_the_search_box_moves_into_the_list(qtbot, office_db, title, key):
    window = _window(qtbot, office_db)  # kept: the page lives in it
    page = window.open_page(title)
    table = _filled_table(qtbot, page)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = QApplication.focusWidget()
    assert isinstance(search, QLineEdit)
    qtbot.keyClick(search, key)
    assert QApplication.focusWidget() is table
    assert table.currentIndex().row() == 0  # on the first row, ready for Enter/Down


def test_a_new_topic_dialog_starts_on_its_title_and_saves_from_the_keyboard(qtbot, office_db):
    window = _window(qtbot, office_db)
    page = window.open_page("协商")
    table = _filled_table(qtbot, page)
    before = table.model().rowCount()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    title = dialog.findChild(QLineEdit, "topicTitle")
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is title
    type_text(qtbot, title, "键盘录入的议题")
    for _required in ("topicSource", "topicForm"):  # Tab to it, Down picks the first choice
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget().objectName() == _required
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the default: 保存
    qtbot.waitUntil(lambda: table.model().rowCount() == before + 1)
    names = [
        table.model().index(row, column).data()
        for row in range(table.model().rowCount())
        for column in range(table.model().columnCount())
    ]
    assert "键盘录入的议题" in names


def test_enter_on_a_confirmation_is_cancel(qtbot, modal) -> None:  # type: ignore[no-untyped-def]
    """Delete, then Enter out of habit, deleted: the question's own button was the default."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    from ui.common.widgets import confirm

    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []

    def press_enter(box: QMessageBox) -> None:
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    modal.then(press_enter)
    assert confirm(parent, "删除委员", "确定删除“张三”的档案吗？", "删除") is False
    assert seen == ["取消"]
