"""The proposal page over a county office with sessions, units and members
(tests/proposals/helpers.py), its duplicate-check index ready."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from app.common.storage import Database
from tests.proposals.helpers import Office, set_up
from ui.common.jobs import wait_for_running_jobs
from ui.proposals.page import ProposalsPage


@pytest.fixture
def office(office_db: Database) -> Office:
    return set_up(office_db)


@pytest.fixture
def page(qtbot, office: Office) -> Iterator[ProposalsPage]:
    widget = ProposalsPage(office.database)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.refresh()
    qtbot.waitUntil(lambda: widget.index_ready)
    listed(qtbot, widget.proposals)
    yield widget
    wait_for_running_jobs()  # a list still being read when the test ends


class Reading(Protocol):
    def loading(self) -> bool: ...


Tab = TypeVar("Tab", bound=Reading)


def listed(qtbot, tab: Tab) -> Tab:
    """`tab` (the list, 催办, 督办台账) once its rows are read (on a worker thread)."""
    qtbot.waitUntil(lambda: not tab.loading())
    return tab


def click(qtbot, widget: QWidget) -> None:
    assert widget.isEnabled(), f"{widget.objectName()} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def shown(view: QAbstractItemView, column: int) -> list[str]:
    model = view.model()
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def save_into(page: ProposalsPage, folder: Path, asked: list[str] | None = None) -> None:
    """Every save dialog answers with the suggested name in `folder`."""

    def save_path(parent, title, suggested, filters) -> Path:
        if asked is not None:
            asked.append(suggested)
        return folder / suggested

    page.files.save_path = save_path  # type: ignore[method-assign]


def open_gives(page: ProposalsPage, path: Path | None) -> None:
    page.files.open_path = lambda parent, title, filters: path  # type: ignore[method-assign]
