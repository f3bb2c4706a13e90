"""A 日期 cell formatted to show only year and month (2025年3月) names no day: refused
as the typed text is, not stored as the 1st."""

from __future__ import annotations

from datetime import date

import pytest

from app.members.member_files import MemberForm, add_member
from app.office.office import record_counts
from app.records.activities import list_activities
from app.records.records_import import import_records
from tests.records.test_records_import import YEAR, write_book
from tests.xlsx_files import with_number_format

NOTE = (
    "（这一格的格式只显示年月；如果写的是具体日期，请把这一列的单元格格式改为显示年月日后再导入）"
)


@pytest.fixture
def members(office_db) -> None:
    for name in ("张建国", "李秀英"):
        add_member(office_db, MemberForm(name=name))


def test_a_day_cell_showing_the_month_is_refused_as_typed(office_db, members, tmp_path):
    rows: list[list[object]] = [
        [1, "张建国", None, date(YEAR, 3, 1), "全体会议", "第五次会议", "出席"],
        [2, "李秀英", None, f"{YEAR}年3月", "全体会议", "第五次会议", "请假"],
    ]
    path = with_number_format(write_book(tmp_path / "日期.xlsx", rows), ["D2"], 'yyyy"年"m"月"')
    before = record_counts(office_db)
    result = import_records(office_db, path)
    where = "工作表“履职登记”第{}行“日期”列（D列）："
    message = f"“{YEAR}年3月”没有写到日，请写成 2025-03-12"
    assert [str(e) for e in result.errors] == [
        where.format(2) + message + NOTE,  # the cell may hold a day its format hides
        where.format(3) + message,  # typed text
    ]
    assert record_counts(office_db) == before


def test_a_whole_day_hidden_by_a_month_format_is_named_with_how_to_show_it(
    office_db, members, tmp_path
):
    """The clerk typed 2025-03-12 into a column formatted 2025年3月: the day is there but
    unseen, so 没有写到日 would be wrong; the message names the day and the format."""
    rows: list[list[object]] = [
        [1, "张建国", None, date(YEAR, 3, 12), "全体会议", "第五次会议", "出席"],
    ]
    path = with_number_format(write_book(tmp_path / "日期.xlsx", rows), ["D2"], 'yyyy"年"m"月"')
    before = record_counts(office_db)
    (error,) = import_records(office_db, path).errors
    assert error.reason == (
        f"单元格显示“{YEAR}年3月”，里面存的是 {YEAR}-03-12：单元格格式只显示年月，"
        "请选中这一列，把单元格格式改为显示年月日的日期（如 2025/3/12）后再导入"
    )
    assert record_counts(office_db) == before


def test_the_same_cell_showing_the_day_is_that_day(office_db, members, tmp_path):
    rows: list[list[object]] = [
        [1, "张建国", None, date(YEAR, 3, 1), "全体会议", "第五次会议", "出席"]
    ]
    path = with_number_format(write_book(tmp_path / "日期.xlsx", rows), ["D2"], "yyyy-m-d")
    assert import_records(office_db, path).errors == ()
    (meeting,) = list_activities(office_db)
    assert meeting.held_on == date(YEAR, 3, 1)
