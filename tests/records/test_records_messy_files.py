"""Duty records from a file as an office really keeps it: dates typed every way, numbers
as Excel stores them, a formula in 序号, a second sheet whose header lacks a column."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from app.members.member_files import MemberForm, add_member
from app.records.activities import list_activities
from app.records.records_import import import_records
from db.member_models import Member
from tests.common.sheets.messy_books import office_book
from tests.records.test_records_import import WANG_LEI_1, id_number, members  # noqa: F401
from ui.entry import main

pytestmark = pytest.mark.usefixtures("members")
HEADER = ["序号", "姓名", "身份证号码", "日期", "类别", "名称", "情况"]
WULIJI = id_number("19700101", "111")


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def test_a_messy_register_imports_every_row(office_db, tmp_path):
    spaced_id = f"{full_width(WANG_LEI_1[:6])} {WANG_LEI_1[6:14]} {WANG_LEI_1[14:].lower()}"
    rows = [
        ["=ROW()-3", "张建国", None, "2025.5.1", "视察", "视察甲", "出席"],
        ["=ROW()-3", "李秀英", None, "2025年5月1日", "视察", "视察甲", "请假"],
        ["=ROW()-3", "王 志 强", None, 45778, "视察", "视察甲", "出 席"],  # a day number
        ["=ROW()-3", "王磊", spaced_id, "45778", "视察", "视察甲", "√"],  # ... turned text
        ["=ROW()-3", "张建国", None, "2025-06-03 下午", "调研", "调研乙", "出席"],
        ["=ROW()-3", "李秀英", None, "2025年6月3日上午9:00", "调研", "调研乙", "出席"],
        ["=ROW()-3", "王志强", None, "二〇二五年六月三日", "调研", "调研乙", "缺席"],
        ["=ROW()-3", "张建国", None, "２０２５．７．１", "社情民意", "关于校车的建议", "采用"],
    ]
    path = office_book(tmp_path / "履职.xlsx", HEADER, rows, title="2025年度委员履职登记表")
    result = import_records(office_db, path)
    assert result.errors == ()
    assert (result.rows, result.activities_new, result.attendance_new) == (8, 2, 7)
    assert result.social_info_new == 1
    days = sorted((a.held_on, a.present) for a in list_activities(office_db))
    assert days == [(date(2025, 5, 1), 3), (date(2025, 6, 3), 2)]


def test_dates_that_name_no_single_day_are_said_plainly(office_db, tmp_path):
    rows = [
        [1, "张建国", None, "2025年5月", "视察", "视察甲", "出席"],
        [2, "李秀英", None, "5月4日", "视察", "视察乙", "出席"],
        [3, "王志强", None, "2025.5.10-2025.5.12", "视察", "视察丙", "出席"],
        [4, "张建国", None, "待定", "视察", "视察丁", "出席"],
        [5, "张建国", None, "2025", "视察", "视察戊", "出席"],
    ]
    result = import_records(office_db, office_book(tmp_path / "履职.xlsx", HEADER, rows))
    hint = "（请写到日，例如 2025-03-12、2025.3.12 或 2025年3月12日）"
    assert [e.reason for e in result.errors] == [
        "“2025年5月”没有写到日，请写成 2025-03-12",
        f"“5月4日”没有写年份{hint}",
        "“2025.5.10-2025.5.12”是一段时间，请只写开始的那一天（2025-05-10）",
        f"“待定”不是可识别的日期{hint}",
        f"“2025”只有年份{hint}",
    ]
    assert list_activities(office_db) == []


def test_a_sheet_whose_header_lacks_a_column_is_named(office_db, tmp_path, capsys):
    second = [
        ["人员", "日期", "类别", "名称", "情况"],
        ["李秀英", "2025-07-01", "视察", "视察庚", "出席"],
    ]
    path = office_book(
        tmp_path / "履职.xlsx",
        HEADER,
        [[1, "张建国", None, "2025-05-01", "视察", "视察甲", "出席"]],
        others={"第三季度": second, "Sheet3": []},
    )
    note = (
        "工作表“第三季度”第1行像是表头，但没有“姓名”列，该工作表未导入。"
        "如需导入，请在表头中加上该列（列名可参照空白模板）后重新检查。"
    )
    assert import_records(office_db, path, dry_run=True).warnings == (note,)
    code = main(["--data-dir", str(office_db.location.data_dir), "records", "import", str(path)])
    assert code == 0 and f"注意：{note}" in capsys.readouterr().out


def test_members_parted_by_spaces_or_line_breaks_in_one_cell(office_db, tmp_path):
    """参加人员 lists a meeting's members in one cell, parted by spaces or Alt+Enter."""
    header = ["参加人员", "日期", "类别", "名称", "情况"]
    rows = [
        ["张建国 李秀英　王志强", "2025-05-01", "视察", "视察甲", "出席"],
        ["张建国\n李秀英", "2025-05-02", "调研", "调研乙", "出席"],
        ["李 秀 英", "2025-05-03", "培训", "培训丙", "出席"],  # one name, spaced out
        ["张建国 赵无名", "2025-05-04", "培训", "培训丁", "出席"],
    ]
    result = import_records(office_db, office_book(tmp_path / "履职.xlsx", header, rows))
    assert [(e.row, e.reason) for e in result.errors] == [
        (7, "“赵无名”不在委员名单中（请核对姓名或先添加该委员）")
    ]
    rows.pop()
    result = import_records(office_db, office_book(tmp_path / "履职.xlsx", header, rows))
    assert result.errors == () and result.attendance_new == 6


def test_attendance_written_as_registers_write_it(office_db, tmp_path):
    """出席情况 says 因公请假, 病假, 未参加, 请假（出差）: the three states, not errors."""
    rows = [
        [1, "张建国", None, "2025-05-01", "协商会", "协商甲", "因公请假"],
        [2, "李秀英", None, "2025-05-01", "协商会", "协商甲", "病假"],
        [3, "王志强", None, "2025-05-01", "协商会", "协商甲", "未参加"],
        [4, "张建国", None, "2025-05-02", "协商会", "协商乙", "请假（出差）"],
        [5, "李秀英", None, "2025-05-02", "协商会", "协商乙", "已出席"],
        [6, "王志强", None, "2025-05-02", "协商会", "协商乙", "无故缺席"],
    ]
    path = office_book(tmp_path / "履职.xlsx", HEADER, rows)
    result = import_records(office_db, path)
    assert result.errors == () and result.attendance_new == 6
    counts = sorted((a.title, a.present, a.leave, a.absent) for a in list_activities(office_db))
    assert counts == [("协商乙", 1, 1, 1), ("协商甲", 0, 2, 1)]


def test_a_word_that_is_no_attendance_is_still_refused(office_db, tmp_path):
    rows = [[1, "张建国", None, "2025-05-01", "协商会", "协商甲", "待定（会后补）"]]
    result = import_records(office_db, office_book(tmp_path / "履职.xlsx", HEADER, rows))
    assert [e.reason for e in result.errors] == [
        "“待定（会后补）”不是出席情况（应为出席、请假或缺席）"
    ]
    assert list_activities(office_db) == []


def test_a_name_with_its_dot_typed_another_way_finds_the_member(office_db, tmp_path):
    """乌力吉·巴雅尔 on the roster, 乌力吉•巴雅尔 or 乌力吉．巴雅尔 in the register."""
    add_member(office_db, MemberForm(name="乌力吉·巴雅尔"))
    rows = [
        [1, "乌力吉•巴雅尔", None, "2025-05-01", "视察", "视察甲", "出席"],
        [2, "乌力吉．巴雅尔", None, "2025-05-02", "视察", "视察乙", "出席"],
    ]
    result = import_records(office_db, office_book(tmp_path / "履职.xlsx", HEADER, rows))
    assert result.errors == () and result.attendance_new == 2


def test_a_sex_noted_after_a_name_finds_the_member(office_db, tmp_path):
    """黄杰娟（女） in a register is 黄杰娟 (each name of a list its own note); 王磊（大）
    stays a name of its own: offices write it to tell namesakes apart."""
    for name in ("黄杰娟", "其其格", "张伟", "王磊（大）"):
        add_member(office_db, MemberForm(name=name))
    rows = [
        [1, "黄杰娟（女）", None, "2025-05-01", "视察", "视察甲", "出席"],
        [2, "其其格(女)、张伟（男）", None, "2025-05-02", "视察", "视察乙", "出席"],
        [3, "王磊（大）", None, "2025-05-03", "视察", "视察丙", "出席"],
    ]
    result = import_records(office_db, office_book(tmp_path / "履职.xlsx", HEADER, rows))
    assert result.errors == () and result.attendance_new == 4


def test_members_stored_with_a_note_or_another_dot_are_found(office_db, tmp_path):
    """Names an older version stored whole (黄杰娟（女）, 乌力吉•巴雅尔) are the names the
    register writes: by name, by ID number, and as one of two names spaced apart."""
    add_member(office_db, MemberForm(name="黄杰娟"))
    add_member(office_db, MemberForm(name="乌力吉·巴雅尔", id_number=WULIJI))
    with office_db.begin() as session:  # as an older version stored them
        for stored, old in (("黄杰娟", "黄杰娟（女）"), ("乌力吉·巴雅尔", "乌力吉•巴雅尔")):
            session.execute(update(Member).where(Member.name == stored).values(name=old))
        session.execute(update(Member).where(Member.name == "李秀英").values(name="李秀英（女）"))
    rows = [
        [1, "黄杰娟", None, "2025-05-01", "视察", "视察甲", "出席"],
        [2, "乌力吉·巴雅尔", WULIJI, "2025-05-02", "视察", "视察乙", "出席"],
        [3, "张建国 李秀英（女）", None, "2025-05-03", "视察", "视察丙", "出席"],
    ]
    result = import_records(office_db, office_book(tmp_path / "履职.xlsx", HEADER, rows))
    assert result.errors == () and result.attendance_new == 4
