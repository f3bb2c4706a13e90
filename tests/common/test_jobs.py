"""app/common/jobs.py: progress and cancelling without Qt."""

from __future__ import annotations

import threading

import pytest

from app.common.jobs import Cancelled, ProgressTracker


def test_reports_reach_the_listener() -> None:
    seen: list[tuple[int, int, str]] = []
    tracker = ProgressTracker(lambda done, total, text: seen.append((done, total, text)))
    tracker.report(1, 3, "第一步")
    tracker.report(3, 3)
    assert seen == [(1, 3, "第一步"), (3, 3, "")]


def test_cancel_stops_the_next_report() -> None:
    seen: list[int] = []
    tracker = ProgressTracker(lambda done, total, text: seen.append(done))
    tracker.report(1, 3)
    assert not tracker.cancelled
    tracker.cancel()
    assert tracker.cancelled
    with pytest.raises(Cancelled):
        tracker.report(2, 3)
    with pytest.raises(Cancelled):
        tracker.check_cancelled()
    assert seen == [1]


def test_cancel_from_another_thread() -> None:
    tracker = ProgressTracker()
    started, stopped = threading.Event(), threading.Event()

    def job() -> None:
        started.set()
        try:
            while True:
                tracker.check_cancelled()
        except Cancelled:
            stopped.set()

    worker = threading.Thread(target=job)
    worker.start()
    assert started.wait(5)
    tracker.cancel()
    worker.join(5)
    assert stopped.is_set()
