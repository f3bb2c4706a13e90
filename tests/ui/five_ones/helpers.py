"""Helpers the 五个一考核 screen tests share."""

from __future__ import annotations


def loaded(qtbot, page):  # type: ignore[no-untyped-def]
    """The page (a FiveOnesPage) once its newest read has ended: the check runs off the
    GUI thread. Returns the page."""
    if page.loading():
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            pass
    return page
