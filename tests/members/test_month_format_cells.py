"""A roster date cell formatted to show only year and month (Chinese Excel's 2023年5月)
is the month the clerk typed, not the 1st of it: the same rules as the typed text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.common.jobs import ProgressTracker
from app.members.labels import MembershipStatus
from app.members.member_files import get_member_in_full, list_members, update_member
from app.members.roster_import import apply_roster_import, plan_roster_import
from app.office.terms import list_terms, save_session
from tests.xlsx_files import ZHANG_ID, with_number_format, write_sheet

HEADER = ["姓名", "身份证号码", "任职起始日期", "任职状态", "状态变动日期"]
MONTH = 'yyyy"年"m"月"'
NOTE = (
    "（这一格的格式只显示年月；如果写的是具体日期，请把这一列的单元格格式改为显示年月日后再导入）"
)


def _plan(office_db, tmp_path, row, cells, code=MONTH):
    path = write_sheet(tmp_path / "roster.xlsx", [HEADER, row])
    return plan_roster_import(office_db, with_number_format(path, cells, code))


@pytest.mark.parametrize("code", [MONTH, "yyyy-mm", '[$-804]yyyy"年"m"月";@'])
def test_a_start_cell_showing_the_month_is_refused_as_typed_2023年5月(office_db, tmp_path, code):
    plan = _plan(
        office_db, tmp_path, ["张三", ZHANG_ID, date(2023, 5, 1), "在任", None], ["C2"], code
    )
    (error,) = plan.errors
    assert (error.row, error.column) == (2, "任职起始日期")
    assert error.reason == (
        "任职起始日期“2023年5月”只写到月份，请写明哪一天（如 2023-05-12，见增补时的常委会决定）；"
        "自本届开始就任职的可留空" + NOTE
    )
    assert list_members(office_db) == []


def test_a_start_day_hidden_by_a_month_format_is_named(office_db, tmp_path):
    plan = _plan(office_db, tmp_path, ["张三", ZHANG_ID, date(2023, 5, 9), "在任", None], ["C2"])
    (error,) = plan.errors
    assert (error.row, error.column) == (2, "任职起始日期")
    assert error.reason == (
        "任职起始日期单元格显示“2023年5月”，里面存的是 2023-05-09：单元格格式只显示年月，"
        "请选中这一列，把单元格格式改为显示年月日的日期（如 2025/3/12）后再导入"
    )
    assert list_members(office_db) == []


def test_a_hidden_start_day_other_than_the_terms_start_is_not_taken_for_it(office_db, tmp_path):
    """The term opened 2021-01-12; a cell shown as 2021年1月 that holds 2021-01-25 (a
    增补 that month) is not the term's start, though the month is the same."""
    (term,) = list_terms(office_db)
    save_session(office_db, term.uuid, 1, date(2021, 1, 12), None)
    plan = _plan(office_db, tmp_path, ["张三", ZHANG_ID, date(2021, 1, 25), "在任", None], ["C2"])
    (error,) = plan.errors
    assert "里面存的是 2021-01-25" in error.reason
    same = _plan(office_db, tmp_path, ["张三", ZHANG_ID, date(2021, 1, 12), "在任", None], ["C2"])
    assert same.ok, [str(e) for e in same.errors]  # the very day the term opened
    apply_roster_import(office_db, same, ProgressTracker())
    (member,) = list_members(office_db)
    assert member.start_date == date(2021, 1, 12)


def test_a_start_cell_showing_the_month_the_term_opened_is_the_terms_start(office_db, tmp_path):
    (term,) = list_terms(office_db)
    save_session(office_db, term.uuid, 1, date(2021, 1, 12), None)
    plan = _plan(office_db, tmp_path, ["张三", ZHANG_ID, date(2021, 1, 1), "在任", None], ["C2"])
    assert plan.ok, [str(e) for e in plan.errors]
    apply_roster_import(office_db, plan, ProgressTracker())
    (member,) = list_members(office_db)
    assert (member.start_date, member.status) == (date(2021, 1, 12), MembershipStatus.ACTIVE)


def test_a_leaving_cell_showing_the_month_is_refused(office_db, tmp_path):
    plan = _plan(office_db, tmp_path, ["张三", ZHANG_ID, None, "辞去", date(2024, 6, 1)], ["E2"])
    (error,) = plan.errors
    assert (error.row, error.column) == (2, "状态变动日期")
    assert error.reason == "状态变动日期“2024年6月”只写到月份，请写明哪一天（如 2024-06-12）" + NOTE


def test_a_leaving_day_hidden_by_a_month_format_is_named(office_db, tmp_path):
    plan = _plan(office_db, tmp_path, ["张三", ZHANG_ID, None, "辞去", date(2024, 6, 3)], ["E2"])
    (error,) = plan.errors
    assert (error.row, error.column) == (2, "状态变动日期")
    assert error.reason.startswith("状态变动日期单元格显示“2024年6月”，里面存的是 2024-06-03：")


def test_the_same_cells_showing_the_day_are_that_day(office_db, tmp_path):
    row = ["张三", ZHANG_ID, date(2023, 5, 1), "辞去", date(2024, 6, 1)]
    plan = _plan(office_db, tmp_path, row, ["C2", "E2"], 'yyyy"年"m"月"d"日"')
    assert plan.ok, [str(e) for e in plan.errors]
    apply_roster_import(office_db, plan, ProgressTracker())
    (member,) = list_members(office_db)
    assert (member.start_date, member.status_date) == (date(2023, 5, 1), date(2024, 6, 1))


def test_a_birth_cell_showing_the_month_is_that_month_and_keeps_a_stored_day(office_db, tmp_path):
    """出生年月 shown as 1975年3月 is read as shown (the day Excel hides is not taken);
    a member whose day is known keeps it, as with typed 1975年3月."""
    header = ["姓名", "身份证号码", "出生年月"]
    path = write_sheet(tmp_path / "roster.xlsx", [header, ["张三", ZHANG_ID, date(1975, 3, 12)]])
    plan = plan_roster_import(office_db, with_number_format(path, ["C2"], MONTH))
    assert plan.ok, [str(e) for e in plan.errors]
    apply_roster_import(office_db, plan, ProgressTracker())
    (member,) = list_members(office_db)
    assert member.birth_text == "1975-03"  # the month only
    update_member(
        office_db,
        member.uuid,
        replace(
            get_member_in_full(office_db, member.uuid).form,
            birth_date=date(1975, 3, 12),
            birth_day_known=True,
        ),
    )
    again = plan_roster_import(office_db, path, update=True)
    assert (again.ok, again.unchanged) == (True, 1), [str(e) for e in again.errors]
