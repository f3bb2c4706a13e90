"""五个一考核 on a clerk's laptop: 1366×768 with display scaling at 125 % leaves the page
about 920×520 of Qt's pixels. The rules had a row of their own above the summary, and the
table showed only four members; they now share the buttons' row under the table."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.conftest import bottom_of, settled
from ui.five_ones.page import FiveOnesPage

PAGE_AREA = (920, 520)


def _top_of(widget, page) -> int:  # type: ignore[no-untyped-def]
    return widget.mapTo(page, widget.rect().topLeft()).y()


def test_the_rules_sit_beside_the_buttons_under_the_table(page: FiveOnesPage, qtbot: QtBot) -> None:
    page.resize(*PAGE_AREA)
    settled(qtbot, page)
    table_bottom = bottom_of(page.stack, page)
    for widget in (page.rules_text, page.rules_button, page.workbook_button, page.files_button):
        assert widget.isVisible()
        assert _top_of(widget, page) > table_bottom, widget.objectName()
        assert bottom_of(widget, page) < PAGE_AREA[1], widget.objectName()
    assert _top_of(page.rules_button, page) == _top_of(page.workbook_button, page)
    assert page.rules_text.text().startswith("考核规则：")
    # The summary follows the filters at once: the table starts higher up.
    assert _top_of(page.summary, page) < _top_of(page.notes, page) < _top_of(page.stack, page)
