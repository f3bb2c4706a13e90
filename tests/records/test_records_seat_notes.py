"""Records dated when the member held no seat: the file imports, the clerk is told."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.members.labels import MembershipStatus
from app.members.member_files import MemberForm, add_member, set_status
from app.records.activities import get_activity, list_activities
from app.records.records_import import import_records
from tests.records.test_records_import import YEAR, write_book
from ui.entry import main

LEFT = date(YEAR, 3, 10)  # 赵海涛 resigned
JOINED = date(YEAR, 6, 1)  # 钱卫东 joined mid-term (增补)


@pytest.fixture
def seated(office_db) -> dict[str, str]:
    uuids = {
        "张建国": add_member(office_db, MemberForm(name="张建国")),
        "赵海涛": add_member(office_db, MemberForm(name="赵海涛")),
        "钱卫东": add_member(office_db, MemberForm(name="钱卫东", start_date=JOINED)),
    }
    set_status(office_db, uuids["赵海涛"], MembershipStatus.RESIGNED, LEFT)
    return uuids


def meeting(day: date, *names: str) -> list[list[object]]:
    return [[n, name, None, day, "视察", f"视察{day:%m%d}", "出席"] for n, name in enumerate(names)]


def test_attendance_after_leaving_or_before_joining_is_named_and_still_imported(
    office_db, seated, tmp_path
):
    late, early = LEFT + timedelta(days=30), JOINED - timedelta(days=20)
    path = write_book(
        tmp_path / "履职.xlsx", meeting(late, "张建国", "赵海涛") + meeting(early, "钱卫东")
    )
    result = import_records(office_db, path)

    assert result.ok and result.attendance_new == 3  # not refused: the clerk decides
    assert [(w.row, w.column, w.reason) for w in result.row_warnings] == [
        (
            3,
            "姓  名",
            f"赵海涛于 {late:%Y-%m-%d} 已不是委员（{LEFT:%Y-%m-%d} 辞去），请核对日期或姓名",
        ),
        (
            4,
            "姓  名",
            f"钱卫东于 {early:%Y-%m-%d} 还不是委员（{JOINED:%Y-%m-%d} 增补为第十届"
            "（2021—2026）委员），请核对日期或姓名",
        ),
    ]
    names = {
        line.name
        for activity in list_activities(office_db)
        for line in get_activity(office_db, activity.uuid).attendance
    }
    assert names == {"张建国", "赵海涛", "钱卫东"}


def test_the_day_of_leaving_and_the_day_of_joining_are_within_the_seat(office_db, seated, tmp_path):
    path = write_book(
        tmp_path / "履职.xlsx",
        meeting(LEFT, "赵海涛")
        + meeting(LEFT + timedelta(days=1), "赵海涛")
        + meeting(JOINED, "钱卫东")
        + meeting(JOINED - timedelta(days=1), "钱卫东"),
    )
    result = import_records(office_db, path, dry_run=True)
    assert [w.row for w in result.row_warnings] == [3, 5]


def test_a_record_before_the_term_began_is_named_with_the_term(office_db, seated, tmp_path):
    path = write_book(tmp_path / "履职.xlsx", meeting(date(2020, 5, 6), "张建国"))
    (note,) = import_records(office_db, path, dry_run=True).row_warnings
    assert note.reason == (
        "张建国于 2020-05-06 还不是委员（自第十届（2021—2026）起任委员），请核对日期或姓名"
    )


def test_social_info_and_speeches_are_checked_too(office_db, seated, tmp_path):
    late = LEFT + timedelta(days=5)
    rows = [
        [1, "赵海涛", None, late, "社情民意", "关于校车安全的建议", None],
        [2, "赵海涛", None, late, "大会发言", "关于县域经济的发言", None],
    ]
    result = import_records(office_db, write_book(tmp_path / "履职.xlsx", rows), dry_run=True)
    assert [w.row for w in result.row_warnings] == [2, 3]


def test_a_file_with_errors_names_the_members_who_had_left_as_well(office_db, seated, tmp_path):
    rows = [
        *meeting(LEFT + timedelta(days=3), "赵海涛"),
        [9, "张建国", None, LEFT, "茶话会", "茶话会", "出席"],
    ]
    result = import_records(office_db, write_book(tmp_path / "履职.xlsx", rows))
    assert not result.ok and [w.row for w in result.row_warnings] == [2]


def test_the_command_line_says_each_member_once(office_db, seated, tmp_path, capsys):
    days = [LEFT + timedelta(days=d) for d in (5, 20, 40, 60)]
    rows = [row for day in days for row in meeting(day, "赵海涛", "张建国")]
    path = write_book(tmp_path / "履职.xlsx", rows)
    code = main(["--data-dir", str(office_db.location.data_dir), "records", "import", str(path)])
    out = capsys.readouterr().out
    assert code == 0 and "导入完成" in out
    notes = out.split("提示（不影响导入，请核对；工作表 / 行 / 列 / 说明）：\n")[1].splitlines()
    assert notes == [
        f"  履职登记\t第2、4、6…行等共 4 行\t姓  名（B列）\t赵海涛于 "
        f"{days[0]:%Y-%m-%d}、{days[1]:%Y-%m-%d}、{days[2]:%Y-%m-%d}等 已不是委员"
        f"（{LEFT:%Y-%m-%d} 辞去），请核对日期或姓名",
        "    全部 4 行：第2、4、6、8行",
        *(f"    {day:%Y-%m-%d}：第{row}行" for day, row in zip(days, (2, 4, 6, 8), strict=True)),
    ]
