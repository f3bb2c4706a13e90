"""Windows and pages on a county clerk's laptop: 1366×768 at 125 % display scaling leaves
Qt 1093×576 pixels less the task bar (tests/ui/conftest.py: clerk_laptop)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialog, QScrollArea, QTableView, QWidget

from tests.ui.conftest import settled
from ui.common import screen_fit
from ui.common.screen_fit import resize_to_fit
from ui.common.widgets import Page


def test_a_large_dialog_is_fitted_to_the_clerks_screen(qtbot, clerk_laptop):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    resize_to_fit(dialog, 1240, 680)
    # The screen less the frame (16×40): the title bar and the buttons stay on screen.
    assert dialog.size().toTuple() == (1077, 536)


def test_a_dialog_keeps_its_preferred_size_where_there_is_room(qtbot, monkeypatch):
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _w: QRect(0, 0, 1920, 1040))
    dialog = QDialog()
    qtbot.addWidget(dialog)
    resize_to_fit(dialog, 1240, 680)
    assert dialog.size().toTuple() == (1240, 680)


def _shown(qtbot, page: Page, width: int, height: int) -> tuple[QWidget, QScrollArea]:  # type: ignore[no-untyped-def]
    """`page` shown at width×height in a plain holder (like the main window's page stack:
    no minimum forced on the page); the holder (keep it: qtbot holds it weakly) and the
    page's scroll area."""
    holder = QWidget()
    qtbot.addWidget(holder)
    page.setParent(holder)
    holder.resize(width, height)
    page.setGeometry(0, 0, width, height)
    holder.show()
    qtbot.waitExposed(holder)
    scroll = page.findChild(QScrollArea, "pageScroll")
    assert scroll is not None
    return holder, scroll


class _TallPage(Page):
    title = "示例"

    def __init__(self) -> None:
        super().__init__()
        self.form = QWidget()
        self.form.setMinimumHeight(700)
        self.page_layout.addWidget(self.form)


def test_a_page_taller_than_the_window_scrolls_instead_of_squeezing(qtbot):
    """A page squeezed below its minimum drew its fields over each other (系统设置 →
    提案设置 at 1366×768 and 125 %); now it keeps its size and scrolls."""
    page = _TallPage()
    _holder, scroll = _shown(qtbot, page, 900, 500)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().isVisible())
    assert page.form.height() >= 700


def test_a_page_with_room_neither_scrolls_nor_changes(qtbot):
    page = _TallPage()
    holder, scroll = _shown(qtbot, page, 900, 900)
    settled(qtbot, holder)
    assert not scroll.verticalScrollBar().isVisible()
    assert not scroll.horizontalScrollBar().isVisible()
    assert page.form.width() == 900 - 40  # the page's own margins only


class _ListPage(Page):
    title = "示例"
    hint = "一段很长的说明文字，" * 12  # wraps: Qt then took the preferred height for the minimum

    def __init__(self) -> None:
        super().__init__()
        self.lists = [QTableView() for _ in range(3)]  # each prefers some 190 pixels
        for view in self.lists:
            self.page_layout.addWidget(view)


def test_a_page_with_a_wrapped_hint_scrolls_only_below_its_minimum(qtbot):
    """提案 and 协商 scrolled at 1366×768 and 125 % with room to spare: their lists were
    given their preferred height and cut off below, under a second scroll bar."""
    page = _ListPage()
    holder, scroll = _shown(qtbot, page, 900, 500)
    settled(qtbot, holder)
    content = scroll.widget()
    assert content.minimumSizeHint().height() < 500 < content.sizeHint().height()
    assert not scroll.verticalScrollBar().isVisible()
    assert page.lists[-1].mapTo(page, page.lists[-1].rect().bottomLeft()).y() < 500


def test_a_page_that_grows_after_it_is_shown_scrolls_to_its_new_end(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    page = _TallPage()
    page.setParent(holder)
    page.setGeometry(0, 0, 900, 500)
    holder.show()
    scroll = page.findChild(QScrollArea, "pageScroll")
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().isVisible())
    before = scroll.verticalScrollBar().maximum()
    page.form.setMinimumHeight(1000)  # rows read, a box shown…
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() >= before + 300)
    assert page.form.height() >= 1000
