"""The exchange screens use the offices of tests/exchange (a city and two counties)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog

from tests.exchange.conftest import offices, offices_template  # noqa: F401 - fixtures
from tests.ui.conftest import ModalAnswers


class AnswersPastProgress(ModalAnswers):
    """Leaves run_job's progress dialog alone: on a slow machine it shows (modal) before
    the message the test waits for, and must not take that message's answer."""

    def _poll(self) -> None:
        if isinstance(QApplication.activeModalWidget(), QProgressDialog):
            return
        super()._poll()


@pytest.fixture
def modal() -> Iterator[ModalAnswers]:
    answers = AnswersPastProgress()
    yield answers
    answers._timer.stop()
    assert answers.done, "a dialog the test expected never opened"
