"""A seat's dates: 增补 and leaving lie within the term's years and in order.

New input that breaks this is refused with a Chinese message and changes nothing;
dates an older version let in stay readable and the rest of the file stays editable.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.common.errors import KnownError
from app.common.jobs import ProgressTracker
from app.members.labels import MembershipStatus
from app.members.member_files import (
    MemberForm,
    add_member,
    get_member,
    get_member_in_full,
    list_members,
    set_status,
    update_member,
)
from app.members.member_form import TermSpan, start_date_problems, status_date_problems
from app.members.roster_import import apply_roster_import, plan_roster_import
from app.office.terms import list_terms, save_session
from db.member_models import Membership
from tests.xlsx_files import LI_ID, ZHANG_ID, write_sheet

TENTH = TermSpan(2021, 2026, "第十届（2021—2026）")
RESIGNED = MembershipStatus.RESIGNED


def _seat(office_db) -> tuple[date | None, MembershipStatus, date | None]:
    (row,) = list_members(office_db)
    return row.start_date, row.status, row.status_date


def _store_seat(office_db, **values: object) -> None:
    """Seat dates as an older version (or another program) left them: no checks."""
    with office_db.begin() as session:
        seat = session.scalars(select(Membership)).one()
        for name, value in values.items():
            setattr(seat, name, value)


# --- the rule itself -------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2021, 1, 1), date(2026, 12, 31)])
def test_the_terms_first_and_last_day_are_within_it(day):
    assert start_date_problems(TENTH, day, MembershipStatus.ACTIVE, None) == []
    assert status_date_problems(TENTH, None, RESIGNED, day) == []


@pytest.mark.parametrize("day", [date(2020, 12, 31), date(2027, 1, 1)])
def test_a_day_outside_the_terms_years_is_a_problem(day):
    (start,) = start_date_problems(TENTH, day, MembershipStatus.ACTIVE, None)
    assert start.field == "start_date"
    assert start.message == f"任职起始日期 {day:%Y-%m-%d} 不在第十届（2021—2026）的起止年份之内"
    (leaving,) = status_date_problems(TENTH, None, RESIGNED, day)
    assert leaving.field == "status_date"
    assert leaving.message == f"辞去日期 {day:%Y-%m-%d} 不在第十届（2021—2026）的起止年份之内"


def test_leaving_on_the_day_the_seat_began_is_fine_a_day_earlier_is_not():
    start = date(2023, 5, 1)
    assert status_date_problems(TENTH, start, RESIGNED, start) == []
    assert start_date_problems(TENTH, start, RESIGNED, start) == []
    (leaving,) = status_date_problems(TENTH, start, RESIGNED, date(2023, 4, 30))
    assert leaving.message == "辞去日期 2023-04-30 早于任职起始日期 2023-05-01"
    (moved,) = start_date_problems(TENTH, date(2023, 5, 2), RESIGNED, start)
    assert moved.message == "任职起始日期 2023-05-02 晚于辞去日期 2023-05-01"


def test_a_seat_back_in_office_has_no_leaving_date_to_check():
    assert status_date_problems(TENTH, date(2023, 5, 1), MembershipStatus.ACTIVE, None) == []
    assert start_date_problems(TENTH, date(2023, 5, 1), MembershipStatus.ACTIVE, None) == []


# --- the member file -------------------------------------------------------------------


def test_a_new_member_starting_outside_the_term_is_refused_and_nothing_is_written(office_db):
    with pytest.raises(KnownError) as caught:
        add_member(office_db, MemberForm(name="张三", start_date=date(2019, 3, 1)))
    assert "任职起始日期 2019-03-01 不在第十届（2021—2026）的起止年份之内" in caught.value.what
    assert list_members(office_db) == []


def test_moving_the_start_outside_the_term_is_refused_and_nothing_changes(office_db):
    uuid = add_member(office_db, MemberForm(name="张三", start_date=date(2023, 3, 1)))
    form = get_member_in_full(office_db, uuid).form
    with pytest.raises(KnownError) as caught:
        update_member(
            office_db, uuid, replace(form, employer="县水利局", start_date=date(2027, 1, 1))
        )
    assert "不在第十届（2021—2026）的起止年份之内" in caught.value.what
    assert get_member(office_db, uuid).form.employer == ""
    assert _seat(office_db)[0] == date(2023, 3, 1)


def test_moving_the_start_after_the_leaving_is_refused(office_db):
    uuid = add_member(office_db, MemberForm(name="张三", start_date=date(2023, 3, 1)))
    set_status(office_db, uuid, RESIGNED, date(2024, 6, 30))
    form = get_member_in_full(office_db, uuid).form
    with pytest.raises(KnownError) as caught:
        update_member(office_db, uuid, replace(form, start_date=date(2024, 7, 1)))
    assert "任职起始日期 2024-07-01 晚于辞去日期 2024-06-30" in caught.value.what
    assert _seat(office_db) == (date(2023, 3, 1), RESIGNED, date(2024, 6, 30))


def test_leaving_before_the_seat_began_is_refused_and_nothing_changes(office_db):
    uuid = add_member(office_db, MemberForm(name="张三", start_date=date(2023, 3, 1)))
    with pytest.raises(KnownError) as caught:
        set_status(office_db, uuid, RESIGNED, date(2023, 2, 28))
    assert caught.value.what == "未能办理辞去：辞去日期 2023-02-28 早于任职起始日期 2023-03-01。"
    assert _seat(office_db) == (date(2023, 3, 1), MembershipStatus.ACTIVE, None)
    set_status(office_db, uuid, RESIGNED, date(2023, 3, 1))
    assert _seat(office_db) == (date(2023, 3, 1), RESIGNED, date(2023, 3, 1))


@pytest.mark.parametrize("day", [date(2020, 12, 31), date(2027, 1, 1)])
def test_leaving_outside_the_term_is_refused(office_db, day):
    uuid = add_member(office_db, MemberForm(name="张三"))
    with pytest.raises(KnownError) as caught:
        set_status(office_db, uuid, MembershipStatus.DECEASED, day)
    assert "去世日期" in caught.value.what and "不在第十届（2021—2026）" in caught.value.what
    assert _seat(office_db) == (None, MembershipStatus.ACTIVE, None)


def test_dates_an_older_version_stored_stay_readable_and_the_file_editable(office_db):
    uuid = add_member(office_db, MemberForm(name="张三"))
    _store_seat(
        office_db, start_date=date(2019, 3, 1), status=RESIGNED, status_date=date(2018, 1, 1)
    )
    assert _seat(office_db) == (date(2019, 3, 1), RESIGNED, date(2018, 1, 1))
    form = get_member_in_full(office_db, uuid).form
    assert form.start_date == date(2019, 3, 1)
    update_member(office_db, uuid, replace(form, employer="县水利局"))  # start unchanged
    assert get_member(office_db, uuid).form.employer == "县水利局"
    assert _seat(office_db) == (date(2019, 3, 1), RESIGNED, date(2018, 1, 1))
    set_status(office_db, uuid, MembershipStatus.ACTIVE, None)  # back in office: no date
    assert _seat(office_db) == (date(2019, 3, 1), MembershipStatus.ACTIVE, None)


# --- the roster import -----------------------------------------------------------------

HEADER = ["姓名", "身份证号码", "任职起始日期", "任职状态", "状态变动日期"]


def _plan(office_db, tmp_path, rows, update=False):
    path = write_sheet(tmp_path / "roster.xlsx", [HEADER, *rows])
    return plan_roster_import(office_db, path, update=update)


def test_a_roster_row_starting_outside_the_term_is_refused_by_cell(office_db, tmp_path):
    plan = _plan(office_db, tmp_path, [["张三", ZHANG_ID, "2019-03-01", "在任", None]])
    (error,) = plan.errors
    assert (error.row, error.column) == (2, "任职起始日期")
    assert error.reason == "任职起始日期 2019-03-01 不在第十届（2021—2026）的起止年份之内"
    assert not plan.ok


def test_a_roster_row_leaving_before_it_began_is_refused_once_on_the_leaving_date(
    office_db, tmp_path
):
    plan = _plan(office_db, tmp_path, [["张三", ZHANG_ID, "2023-05-01", "辞去", "2023-04-30"]])
    (error,) = plan.errors
    assert (error.row, error.column) == (2, "状态变动日期")
    assert error.reason == "辞去日期 2023-04-30 早于任职起始日期 2023-05-01"


def test_a_roster_row_leaving_after_the_term_is_refused(office_db, tmp_path):
    plan = _plan(office_db, tmp_path, [["张三", ZHANG_ID, None, "调离", "2027-01-05"]])
    (error,) = plan.errors
    assert error.column == "状态变动日期" and "调离日期 2027-01-05 不在" in error.reason


def test_a_roster_in_order_imports(office_db, tmp_path):
    plan = _plan(office_db, tmp_path, [["张三", ZHANG_ID, "2023-05-01", "辞去", "2023-05-01"]])
    assert plan.ok, [str(e) for e in plan.errors]
    apply_roster_import(office_db, plan, ProgressTracker())
    assert _seat(office_db) == (date(2023, 5, 1), RESIGNED, date(2023, 5, 1))


def test_an_old_seats_stored_dates_do_not_stop_its_row(office_db, tmp_path):
    """A member whose stored dates an older version let in: the file's other cells
    still update the member, and an unchanged row stays unchanged."""
    add_member(office_db, MemberForm(name="张三", id_number=ZHANG_ID))
    _store_seat(
        office_db, start_date=date(2019, 3, 1), status=RESIGNED, status_date=date(2018, 1, 1)
    )
    path = tmp_path / "a.xlsx"
    same = plan_roster_import(
        office_db, write_sheet(path, [["姓名", "身份证号码"], ["张三", ZHANG_ID]])
    )
    assert (same.ok, same.unchanged) == (True, 1)
    phone = write_sheet(
        path, [["姓名", "身份证号码", "联系电话"], ["张三", ZHANG_ID, "13800138000"]]
    )
    plan = plan_roster_import(office_db, phone, update=True)
    assert (plan.ok, plan.updated) == (True, 1), [str(e) for e in plan.errors]
    apply_roster_import(office_db, plan, ProgressTracker())
    assert _seat(office_db) == (date(2019, 3, 1), RESIGNED, date(2018, 1, 1))


def test_a_new_leaving_date_in_the_roster_is_checked_against_the_stored_start(office_db, tmp_path):
    add_member(office_db, MemberForm(name="张三", id_number=ZHANG_ID, start_date=date(2023, 5, 1)))
    plan = _plan(office_db, tmp_path, [["张三", ZHANG_ID, None, "辞去", "2022-12-31"]], update=True)
    (error,) = plan.errors
    assert error.reason == "辞去日期 2022-12-31 早于任职起始日期 2023-05-01"
    assert _seat(office_db) == (date(2023, 5, 1), MembershipStatus.ACTIVE, None)


# --- a start or leaving typed to the month ---------------------------------------------


def _term_opened(office_db, day: date) -> None:
    """The office records when the term's 第一次会议 opened (系统设置 → 届次与会议)."""
    (term,) = list_terms(office_db)
    save_session(office_db, term.uuid, 1, day, None)


@pytest.mark.parametrize("typed", ["2023年5月", "2023.5", "2023.05", "202305"])
def test_a_start_typed_to_the_month_is_refused_naming_the_cell(office_db, tmp_path, typed):
    """It used to become the 1st silently: a 增补 member is judged from that day on."""
    plan = _plan(office_db, tmp_path, [["张三", ZHANG_ID, typed, "在任", None]])
    (error,) = plan.errors
    assert (error.row, error.column) == (2, "任职起始日期")
    assert error.reason == (
        f"任职起始日期“{typed}”只写到月份，请写明哪一天（如 2023-05-12，见增补时的常委会决定）；"
        "自本届开始就任职的可留空"
    )
    assert len(list_members(office_db)) == 0


def test_a_start_in_the_month_the_term_opened_is_the_terms_start(office_db, tmp_path):
    _term_opened(office_db, date(2021, 1, 12))
    plan = _plan(office_db, tmp_path, [["张三", ZHANG_ID, "2021年1月", "在任", None]])
    assert plan.ok, [str(e) for e in plan.errors]
    apply_roster_import(office_db, plan, ProgressTracker())
    assert _seat(office_db) == (date(2021, 1, 12), MembershipStatus.ACTIVE, None)
    # Another month of the same year is still refused.
    (error,) = _plan(office_db, tmp_path, [["李四", LI_ID, "2021年3月", "在任", None]]).errors
    assert error.column == "任职起始日期" and "只写到月份" in error.reason


def test_a_start_typed_to_the_month_keeps_the_stored_day_of_that_month(office_db, tmp_path):
    add_member(office_db, MemberForm(name="张三", id_number=ZHANG_ID, start_date=date(2023, 5, 12)))
    plan = _plan(office_db, tmp_path, [["张三", ZHANG_ID, "2023.05", "在任", None]])
    assert (plan.ok, plan.unchanged) == (True, 1), [str(e) for e in plan.errors]


@pytest.mark.parametrize("cell", [date(2023, 5, 1), 45047, "45047", "2023-05-01", "2023年5月1日"])
def test_a_start_on_the_first_written_as_a_day_is_that_day(office_db, tmp_path, cell):
    """A real date cell (or its day number) and a typed day are whole dates, 1st or not."""
    plan = _plan(office_db, tmp_path, [["张三", ZHANG_ID, cell, "在任", None]])
    assert plan.ok, [str(e) for e in plan.errors]
    apply_roster_import(office_db, plan, ProgressTracker())
    assert _seat(office_db)[0] == date(2023, 5, 1)


def test_a_leaving_typed_to_the_month_is_refused(office_db, tmp_path):
    plan = _plan(office_db, tmp_path, [["张三", ZHANG_ID, None, "辞去", "2024年6月"]])
    (error,) = plan.errors
    assert (error.row, error.column) == (2, "状态变动日期")
    assert error.reason == "状态变动日期“2024年6月”只写到月份，请写明哪一天（如 2024-06-12）"


def test_a_month_only_start_outside_the_term_is_asked_for_its_day_only(office_db, tmp_path):
    """The month is refused before the term is checked: no made-up 1st (2019-05-01) is
    then judged against the term, which would add a second error about a day nobody
    wrote. Nor is a leaving compared with it."""
    rows = [
        ["张三", ZHANG_ID, "2019年5月", "在任", None],
        ["李四", LI_ID, "2023年6月", "辞去", "2023-05-20"],
    ]
    plan = _plan(office_db, tmp_path, rows)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "任职起始日期"), (3, "任职起始日期")]
    assert all("只写到月份" in e.reason for e in plan.errors)
