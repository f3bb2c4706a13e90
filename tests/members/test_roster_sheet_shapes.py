"""Roster import: sheets shaped as offices keep them (hidden sheets, 单位 and columns not
read, names merged over two rows), each said to the clerk, none silently passed over."""

from __future__ import annotations

import openpyxl

from app.common.jobs import ProgressTracker
from app.members.member_files import list_members
from app.members.roster_import import apply_roster_import, plan_roster_import
from tests.xlsx_files import write_sheet


def test_members_on_hidden_sheets_are_left_out_unless_the_clerk_asks(office_db, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", [["姓名", "界别"], ["张三", "中共"]])
    book = openpyxl.load_workbook(path)
    for title, name, state in (("往届", "李四", "hidden"), ("备份", "王五", "veryHidden")):
        sheet = book.create_sheet(title)
        sheet.append(["姓名", "界别"])
        sheet.append([name, "中共"])
        sheet.sheet_state = state
    book.save(path)
    plan = plan_roster_import(office_db, path)
    assert [p.name for p in plan.preview] == ["张三"]
    (warning,) = plan.warnings
    assert "隐藏的工作表“往届”（1 行）、“备份”（1 行）中也有数据，本次未导入" in warning
    plan = plan_roster_import(office_db, path, include_hidden_sheets=True)
    assert [p.name for p in plan.preview] == ["张三", "李四", "王五"]
    assert plan.warnings == ("已按要求一并读取隐藏的工作表“往届”（1 行）、“备份”（1 行）。",)
    apply_roster_import(office_db, plan, ProgressTracker())
    assert sorted(m.name for m in list_members(office_db)) == ["张三", "李四", "王五"]


def test_a_unit_column_is_read_and_columns_left_out_are_named(office_db, tmp_path):
    path = write_sheet(
        tmp_path / "a.xlsx",
        [["姓名", "单位", "职务", "年龄", "入党时间"], ["张三", "县委", "书记", 50, "1998.07"]],
    )
    plan = plan_roster_import(office_db, path)
    assert plan.ok, plan.errors
    assert plan.preview[0].employer == "县委书记"
    assert plan.warnings == (
        "工作表“委员名单”中的年龄（D列）、入党时间（E列）不是可导入的内容，未导入。",
    )


def test_a_name_merged_over_two_rows_is_one_member_not_two(office_db, tmp_path):
    """A second phone on a line of its own, the name merged over both: not a second 张三."""
    path = write_sheet(
        tmp_path / "a.xlsx",
        [
            ["姓名", "界别", "联系电话"],
            ["张三", "中共", "13800000000"],
            [None, None, "0476-1234567"],
            ["李四", "中共", "13800000001"],
        ],
        merges=["A2:A3", "B2:B3"],
    )
    plan = plan_roster_import(office_db, path)
    assert [str(e) for e in plan.errors] == [
        "工作表“委员名单”第3行“姓名”列（A列）：姓名与第2行合并在一起，每位委员只能占一行："
        "请取消合并，把本行的内容并入第2行（如两个电话写成“13800000000、0476-1234567”）"
    ]
