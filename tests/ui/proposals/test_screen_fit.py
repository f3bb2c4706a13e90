"""The proposal windows on a county clerk's laptop (1366×768 at 125 % display scaling):
they opened 1240×680 on a screen with 1093×576 free, 关闭 and 保存 below its edge."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.proposals.intake.intake import add_proposal
from tests.proposals.helpers import form
from tests.ui.conftest import bottom_of, fits_on, settled
from tests.ui.proposals.conftest import listed
from ui.proposals.models import STRETCH_MINIMUM


def test_the_proposal_window_fits_with_every_tab(qtbot, office_look, clerk_laptop, page, office):  # type: ignore[no-untyped-def]
    detail = page.open_proposal(add_proposal(office.database, form(office)))
    qtbot.waitExposed(detail)
    close = next(
        box.button(QDialogButtonBox.StandardButton.Close)
        for box in detail.findChildren(QDialogButtonBox)
        if box.button(QDialogButtonBox.StandardButton.Close) is not None
    )
    for tab in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(tab)
        assert fits_on(clerk_laptop, detail), detail.tabs.tabText(tab)
        assert close.isVisible() and bottom_of(close, detail) < detail.height()
    QDialog.done(detail, 0)


def test_the_intake_form_fits_with_its_save_button(qtbot, office_look, clerk_laptop, page):  # type: ignore[no-untyped-def]
    intake = page.new_proposal()
    qtbot.waitExposed(intake)
    assert fits_on(clerk_laptop, intake)
    assert bottom_of(intake.save_button, intake) < intake.height()
    QDialog.done(intake, 0)


def test_the_title_column_keeps_room_in_a_narrow_window(qtbot, page, office):  # type: ignore[no-untyped-def]
    """At 125 % the page gets about 900 pixels; the columns fitted to their contents left
    案由 two characters ("关…"). Now it keeps its room and the list scrolls sideways."""
    add_proposal(office.database, form(office))
    page.resize(700, 510)
    page.refresh()
    page.proposals.show_year(2025)
    table = listed(qtbot, page.proposals).table
    assert table.model().rowCount() == 1
    qtbot.waitUntil(lambda: table.columnWidth(1) >= STRETCH_MINIMUM)
    assert table.horizontalScrollBar().maximum() > 0  # the rest is reached by scrolling


def test_the_deadline_settings_keep_their_height_in_the_scrolling_tab(qtbot, office_look, office):  # type: ignore[no-untyped-def]
    """系统设置 → 提案设置 at 125 % scrolls, laid out at its least height: the numbering
    hint took two lines where one was counted, and the 办理期限 boxes below were squeezed
    to 20 pixels, their “3 个月” cut off at the bottom."""
    from PySide6.QtWidgets import QSpinBox

    from ui.common.screen_fit import scrolling
    from ui.proposals.settings_panel import ProposalSettingsPanel

    panel = ProposalSettingsPanel(office.database)
    scroll = scrolling(panel)
    qtbot.addWidget(scroll)
    scroll.resize(880, 380)  # the tab's room at 1366×768 and 125 %
    scroll.show()
    qtbot.waitExposed(scroll)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().isVisible())
    spins = panel.findChildren(QSpinBox)
    assert len(spins) == 7
    for spin in spins:
        assert spin.height() >= spin.sizeHint().height(), spin.objectName()


def test_the_proposal_settings_fit_the_tab_at_100_percent(qtbot, office_look, office):  # type: ignore[no-untyped-def]
    """At 1366×768 and 100 % the tab has about 1150×530: 保存设置 under both columns made
    the form scroll there; under the holidays' lists it fits."""
    from ui.common.screen_fit import scrolling
    from ui.proposals.settings_panel import ProposalSettingsPanel

    panel = ProposalSettingsPanel(office.database)
    scroll = scrolling(panel)
    qtbot.addWidget(scroll)
    scroll.resize(1150, 530)
    scroll.show()
    qtbot.waitExposed(scroll)
    settled(qtbot, scroll)
    assert not scroll.verticalScrollBar().isVisible()
    assert panel.save_button.isVisible()
    assert bottom_of(panel.save_button, scroll) < 530
