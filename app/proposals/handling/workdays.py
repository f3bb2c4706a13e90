"""Deadlines: calendar months, or working days with China's holidays and 调休.

chinese-calendar knows the State Council's holiday arrangements up to its
release; for later years the office enters holidays and make-up working days
in the settings (ProposalSettings.extra_holidays / extra_workdays), and until
it does, weekends are the only days off there (calendar_gap says so).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from app.proposals.settings import ProposalSettings

KNOWN_UNTIL = date(max(d.year for d in chinese_calendar.holidays), 12, 31)


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = frozenset()  # entered by the office: days off
    workdays: frozenset[date] = frozenset()  # entered by the office: 调休 working days

    @classmethod
    def of(cls, settings: ProposalSettings) -> WorkCalendar:
        return cls(settings.holidays, settings.workdays)

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if day <= KNOWN_UNTIL:
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5

    def add_workdays(self, start: date, count: int) -> date:
        """The count-th working day after start (start itself is not counted)."""
        day = start
        while count > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_after(self, start: date, end: date) -> int:
        """Working days in (start, end]."""
        return sum(
            1 for n in range(1, (end - start).days + 1) if self.is_workday(start + timedelta(n))
        )


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def default_deadline(assigned_on: date, settings: ProposalSettings) -> date:
    """办理期限: by default 3 months (or the set working days) from the assignment date."""
    if settings.count_working_days:
        return WorkCalendar.of(settings).add_workdays(assigned_on, settings.deadline_working_days)
    return add_months(assigned_on, settings.deadline_months)


def latest_deadline(assigned_on: date, settings: ProposalSettings) -> date:
    """The furthest an extension may go: by default 6 months from the assignment date."""
    if settings.count_working_days:
        return WorkCalendar.of(settings).add_workdays(
            assigned_on, settings.deadline_max_working_days
        )
    return add_months(assigned_on, settings.deadline_max_months)


def hand_back_deadline(assigned_on: date, settings: ProposalSettings) -> date | None:
    """The last day a unit may hand the proposal back (退回调整); None: no limit.

    Counted in working days whichever way the handling deadline is counted: the days
    off after that working day still fall within it."""
    if settings.hand_back_working_days == 0:
        return None
    return WorkCalendar.of(settings).add_workdays(assigned_on, settings.hand_back_working_days)


def hand_back_in_time(assigned_on: date, on_date: date, settings: ProposalSettings) -> bool:
    if settings.hand_back_working_days == 0:
        return True
    passed = WorkCalendar.of(settings).workdays_after(assigned_on, on_date)
    return passed <= settings.hand_back_working_days


def deadline_rule_text(settings: ProposalSettings) -> str:
    if settings.count_working_days:
        return (
            f"自交办之日起{settings.deadline_working_days}个工作日内办复，"
            f"延期最长不超过{settings.deadline_max_working_days}个工作日"
        )
    return (
        f"自交办之日起{settings.deadline_months}个月内办复，"
        f"延期最长不超过{settings.deadline_max_months}个月"
    )


def calendar_gap(settings: ProposalSettings, until: date) -> str:
    """A warning when working days are counted into years nobody has entered holidays for."""
    if not settings.count_working_days or until <= KNOWN_UNTIL:
        return ""
    entered_years = {d.year for d in settings.holidays}
    missing = [y for y in range(KNOWN_UNTIL.year + 1, until.year + 1) if y not in entered_years]
    if not missing:
        return ""
    years = "、".join(f"{y}年" for y in missing)
    return (
        f"{years}的法定节假日和调休安排尚未录入，期限只扣除了周末。"
        "请在“提案设置 → 节假日”中录入国务院公布的安排。"
    )
