"""The roster as offices really keep it: in sections by 界别 with subtotals, birth dates
typed every way, ID numbers with spaces and full-width digits, other sheets beside it."""

from __future__ import annotations

from datetime import date

import pytest

from app.common.errors import KnownError
from app.common.jobs import ProgressTracker
from app.members.member_files import get_member_in_full, list_members
from app.members.roster_import import apply_roster_import, plan_roster_import
from tests.common.sheets.messy_books import blank_book, office_book, with_error_cell
from tests.xlsx_files import LI_ID, ZHANG_ID

HEADER = ["序号", "姓名", "性别", "出生年月", "身份证号码"]


def test_a_roster_in_sections_with_subtotals_imports_every_member(office_db, tmp_path):
    """The names after the first 小计 were left out without a word."""
    spaced = f"{ZHANG_ID[:6]} {ZHANG_ID[6:14]}　{ZHANG_ID[14:]}"
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in LI_ID)
    rows = [
        ["一、中共界别"],
        [1, "张三", "男", "1975年3月12日", spaced],
        [2, "李四", "女", "29342", full_width],  # 1980-05-01 as a day number turned text
        ["小计", "2人"],
        ["二、民盟界别"],
        [3, "王五", "男", "二〇〇一年五月"],
        ["小计：1人"],
        ["三、无党派人士"],
        [4, "赵六", "女", "1990.7"],
        ["合计", "4人"],
        ["注：以姓氏笔画为序。"],
    ]
    path = office_book(tmp_path / "名单.xlsx", HEADER, rows, title="政协示范县第十届委员会委员名单")
    plan = plan_roster_import(office_db, path)
    assert plan.ok, [str(e) for e in plan.errors]
    assert [(p.row, p.name, p.birth) for p in plan.preview] == [
        (5, "张三", "1975-03-12"),
        (6, "李四", "1980-05"),
        (9, "王五", "2001-05"),
        (12, "赵六", "1990-07"),
    ]
    apply_roster_import(office_db, plan, ProgressTracker())
    stored = {m.name: get_member_in_full(office_db, m.uuid).form for m in list_members(office_db)}
    assert (stored["张三"].id_number, stored["李四"].id_number) == (ZHANG_ID, LI_ID)
    assert stored["李四"].birth_date == date(1980, 5, 1)


def test_a_sheet_whose_header_lacks_a_column_is_named(office_db, tmp_path):
    path = office_book(
        tmp_path / "名单.xlsx",
        HEADER,
        [[1, "张三", "男", "1975.03", ZHANG_ID]],
        others={"增补": [["委员", "性别", "出生年月"], ["李四", "女", "1980.05"]]},
    )
    plan = plan_roster_import(office_db, path)
    assert plan.new == 1
    assert plan.warnings == (
        "工作表“增补”第1行像是表头，但没有“姓名”列，该工作表未导入。"
        "如需导入，请在表头中加上该列（列名可参照空白模板）后重新检查。",
    )


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (blank_book, "“名单.xlsx”中的工作表都是空的，没有任何内容。"),
        (lambda p: office_book(p, HEADER, []), "“名单.xlsx”的表头下面没有委员数据。"),
    ],
)
def test_a_file_with_no_members_says_so_and_changes_nothing(office_db, tmp_path, make, what):
    with pytest.raises(KnownError) as caught:
        plan_roster_import(office_db, make(tmp_path / "名单.xlsx"))
    assert caught.value.what == what and "本次未作任何改动" in caught.value.todo


def test_a_formula_error_under_the_names_is_no_member(office_db, tmp_path):
    """A VLOOKUP that found nothing under 姓名 was about to add a member named #N/A."""
    rows = [["姓名", "界别"], ["x", "中共"], ["李四", "民盟"]]
    path = with_error_cell(tmp_path / "名单.xlsx", rows, "A2", "#N/A")
    with pytest.raises(KnownError) as caught:
        plan_roster_import(office_db, path)
    assert "A2（#N/A）单元格显示的是公式错误" in caught.value.what
    assert list_members(office_db) == []


def test_a_seat_status_as_rosters_write_it_is_read(office_db, tmp_path):
    """任职状态 辞职, 撤销委员资格, 病故 were refused as unknown; they are 辞去, 撤销, 去世."""
    header = ["姓名", "任职状态", "状态变动日期"]
    rows = [
        ["张三", "辞职", "2024.3.1"],
        ["李四", "撤销委员资格", "2024.3.1"],
        ["王五", "病故", "2024.3.1"],
        ["赵六", "现任", None],
    ]
    plan = plan_roster_import(office_db, office_book(tmp_path / "名单.xlsx", header, rows))
    assert plan.ok, [str(e) for e in plan.errors]
    apply_roster_import(office_db, plan, ProgressTracker())
    statuses = {row.name: row.status_label for row in list_members(office_db)}
    assert statuses == {"张三": "辞去", "李四": "撤销", "王五": "去世", "赵六": "在任"}


def test_a_status_that_is_no_seat_change_is_still_refused(office_db, tmp_path):
    rows = [["张三", "退休", None]]
    path = office_book(tmp_path / "名单.xlsx", ["姓名", "任职状态", "状态变动日期"], rows)
    plan = plan_roster_import(office_db, path)
    assert [e.reason for e in plan.errors] == [
        "任职状态“退休”无法识别，应为 在任、辞去、撤销、调离或去世"
    ]
