"""The consultation checks on their boundaries: the longest text, today, and the same day
as the date a step may not precede are all taken; one more is not."""

from __future__ import annotations

from datetime import date, timedelta

from app.consultation.rules import (
    SHORT_MAX,
    in_year_problem,
    length_problem,
    not_before_problem,
    past_problem,
)
from app.records.record_rules import EARLIEST_DAY


def test_the_longest_text_is_taken() -> None:
    assert length_problem("字" * SHORT_MAX, "地点") is None
    assert length_problem("字" * (SHORT_MAX + 1), "地点") == f"地点：过长（不超过{SHORT_MAX}字）"


def test_today_has_happened_tomorrow_has_not() -> None:
    today = date.today()
    assert past_problem(today, "批示日期") is None
    tomorrow = today + timedelta(days=1)
    assert past_problem(tomorrow, "批示日期") == (
        f"批示日期：{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日晚于今天"
    )


def test_a_step_on_the_day_it_may_not_precede_is_taken() -> None:
    sent = date(2025, 6, 3)
    assert not_before_problem(sent, sent, "批示日期", "报送日期") is None
    assert not_before_problem(date(2025, 6, 2), sent, "批示日期", "报送日期") == (
        "批示日期：2025年6月2日早于报送日期（2025年6月3日）"
    )


def test_a_plan_years_dates_run_from_its_first_to_its_last_day() -> None:
    assert in_year_problem(date(2025, 1, 1), 2025, "召开日期") is None
    assert in_year_problem(date(2025, 12, 31), 2025, "召开日期") is None
    assert in_year_problem(None, 2025, "召开日期") is None
    for day in (date(2024, 12, 31), date(2026, 1, 1)):
        assert in_year_problem(day, 2025, "召开日期") == (
            f"召开日期：{day.year}年{day.month}月{day.day}日不在2025年内"
            "（2025年度协商计划的事项应在当年）"
        )


def test_the_founding_day_is_the_earliest_that_has_happened() -> None:
    assert past_problem(EARLIEST_DAY, "报送日期") is None
    assert past_problem(date(1949, 9, 30), "报送日期") == "报送日期：1949年9月30日不合理"
