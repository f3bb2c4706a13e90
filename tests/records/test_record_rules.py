"""The shared checks of every duty record on their boundaries: today and 1949-10-01 are
taken, the day after and the day before are not; the longest title and note are taken."""

from __future__ import annotations

from datetime import date, timedelta

from app.records.record_rules import (
    EARLIEST_DAY,
    NOTE_MAX,
    TITLE_MAX,
    day_problem,
    note_problem,
    title_problem,
)


def test_today_is_taken_tomorrow_has_not_happened_yet() -> None:
    today = date.today()
    assert day_problem(today) is None
    tomorrow = today + timedelta(days=1)
    assert day_problem(tomorrow, "举办日期") == (
        f"举办日期：{tomorrow:%Y-%m-%d} 晚于今天，履职记录只登记已发生的事"
    )


def test_the_founding_day_is_the_earliest() -> None:
    assert date(1949, 10, 1) == EARLIEST_DAY
    assert day_problem(EARLIEST_DAY) is None
    assert day_problem(date(1949, 9, 30)) == "日期：1949-09-30 不合理"
    assert day_problem(None, "报送日期") == "报送日期：请填写"


def test_the_longest_title_and_note_are_taken() -> None:
    assert title_problem("题" * TITLE_MAX) is None
    assert title_problem("题" * (TITLE_MAX + 1)) == f"名称：过长（不超过{TITLE_MAX}字）"
    assert title_problem("", "标题") == "标题：不能为空"
    assert note_problem("注" * NOTE_MAX) is None
    assert (
        note_problem("注" * (NOTE_MAX + 1)) == f"备注：过长（{NOTE_MAX + 1}字，不超过{NOTE_MAX}字）"
    )
