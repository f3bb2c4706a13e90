"""Roster import: full names found through the lists' aliases, and the roster's 序号 kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import update as sql_update

from app.common.jobs import ProgressTracker
from app.common.people.name_order import NameOrder
from app.common.storage import Database
from app.members.labels import Sex
from app.members.member_files import MemberForm, add_member, get_member, list_members
from app.members.member_order import set_member_order
from app.members.roster_export import export_roster
from app.members.roster_import import apply_roster_import, plan_roster_import
from app.office.dictionaries import name_lookup
from app.office.labels import DictionaryKind
from db.member_models import Member
from tests.xlsx_files import id_number, write_sheet

HEADER = ["姓名", "政治面貌", "界别", "专委会"]


def _import(database: Database, path: Path, update: bool = False):
    plan = plan_roster_import(database, path, update)
    assert plan.ok, plan.errors
    return apply_roster_import(database, plan, ProgressTracker())


def _numbers(database: Database) -> dict[str, int | None]:
    return {row.name: row.roster_number for row in list_members(database)}


def _sheet(tmp_path: Path, rows: list[list[object]], header=("序号", "姓名"), name="a.xlsx"):
    return write_sheet(tmp_path / name, [list(header), *rows])


def test_full_names_match_the_short_entries(office_db, tmp_path):
    path = write_sheet(
        tmp_path / "a.xlsx",
        [
            HEADER,
            ["甲", "中国共产党党员", "中国共产党", "提案委"],
            ["乙", "中国民主同盟盟员", "中国民主同盟", ""],
            ["丙", "", "总工会", ""],
            ["丁", "", "妇女联合会", ""],
            ["戊", "", "中华全国工商业联合会", ""],
            ["己", "共青团员", "共产主义青年团", ""],
        ],
    )
    plan = plan_roster_import(office_db, path)
    assert plan.ok and plan.unknown == ()
    assert [(p.name, p.sector) for p in plan.preview] == [
        ("甲", "中共"),
        ("乙", "民盟"),
        ("丙", "工会"),
        ("丁", "妇联"),
        ("戊", "工商联"),
        ("己", "共青团"),
    ]
    assert (plan.preview[0].party, plan.preview[0].committees) == ("中共党员", "提案委员会")


def test_unknown_values_come_with_near_entries(office_db, tmp_path):
    path = write_sheet(
        tmp_path / "a.xlsx", [HEADER, ["甲", "", "中共界别委员", ""], ["乙", "", "体育界", ""]]
    )
    plan = plan_roster_import(office_db, path)
    assert [(u.value, u.near[:1]) for u in plan.unknown] == [
        ("中共界别委员", ("中共",)),
        ("体育界", ()),
    ]


def test_the_files_numbers_are_kept(office_db, tmp_path):
    _import(office_db, _sheet(tmp_path, [[3, "王五"], [1, "张三"], [2, "李四"]]))
    assert sorted(_numbers(office_db).items(), key=lambda i: i[1]) == [
        ("张三", 1),
        ("李四", 2),
        ("王五", 3),
    ]


def test_numbers_that_repeat_give_the_files_order(office_db, tmp_path):
    """Numbered again under each 界别: the file's order is the roster's order."""
    _import(office_db, _sheet(tmp_path, [[1, "甲"], [2, "乙"], [1, "丙"], [2, "丁"]]))
    assert _numbers(office_db) == {"甲": 1, "乙": 2, "丙": 3, "丁": 4}


def test_without_numbers_new_members_come_after_the_others(office_db, tmp_path):
    _import(office_db, _sheet(tmp_path, [[1, "甲"], [2, "乙"]]))
    add_member(office_db, MemberForm(name="手工"))  # no number
    later = [["丙", "男"], ["丁", "女"]]
    _import(office_db, _sheet(tmp_path, later, header=("姓名", "性别"), name="b.xlsx"))
    assert _numbers(office_db) == {"甲": 1, "乙": 2, "手工": None, "丙": 3, "丁": 4}


def test_a_supplement_numbered_from_one_comes_after_the_others(office_db, tmp_path):
    _import(office_db, _sheet(tmp_path, [[1, "甲"], [2, "乙"]]))
    _import(office_db, _sheet(tmp_path, [[1, "增补一"], [2, "增补二"]], name="b.xlsx"))
    assert _numbers(office_db) == {"甲": 1, "乙": 2, "增补一": 3, "增补二": 4}


def test_a_new_number_changes_a_member_only_in_update_mode(office_db, tmp_path):
    header = ("序号", "姓名", "身份证号码")
    first = [[1, "甲", id_number(seq="101")], [2, "乙", id_number(seq="102")]]
    _import(office_db, _sheet(tmp_path, first, header))
    swapped = [[2, "甲", id_number(seq="101")], [1, "乙", id_number(seq="102")]]
    path = _sheet(tmp_path, swapped, header, name="b.xlsx")
    plan = plan_roster_import(office_db, path)
    assert plan.ok and (plan.unchanged, plan.updated) == (2, 0)  # not a reason to refuse
    _import(office_db, path, update=True)
    assert _numbers(office_db) == {"甲": 2, "乙": 1}


def test_a_number_must_be_a_whole_number(office_db, tmp_path):
    plan = plan_roster_import(office_db, _sheet(tmp_path, [["一", "甲"], [2.5, "乙"], ["3", "丙"]]))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "序号"), (3, "序号")]
    assert "应为正整数" in plan.errors[0].reason


def test_roster_order_survives_export_and_import(office_db, tmp_path):
    _import(office_db, _sheet(tmp_path, [[1, "王五"], [2, "丁一"], [3, "乙二"]]))
    set_member_order(office_db, NameOrder.ROSTER)
    assert [r.name for r in list_members(office_db)] == ["王五", "丁一", "乙二"]
    set_member_order(office_db, NameOrder.STROKE)
    assert [r.name for r in list_members(office_db)] == ["乙二", "丁一", "王五"]
    exported = export_roster(office_db, tmp_path / "导出.xlsx").path
    plan = plan_roster_import(office_db, exported)
    assert [(p.roster_number, p.name) for p in plan.preview] == [
        ("3", "乙二"),
        ("2", "丁一"),
        ("1", "王五"),
    ]


def test_lookup_is_shared_with_the_member_file(office_db):
    uuid = add_member(office_db, MemberForm(name="甲", sector="中共"))
    assert get_member(office_db, uuid).form.sector == "中共"
    assert name_lookup(office_db).find(DictionaryKind.SECTOR, "中国共产党") == "中共"


def test_id_numbers_as_typed_with_a_chinese_input_method(office_db, tmp_path):
    """A last × for X, and an apostrophe left in front, are read; a wrong character is named."""
    from app.members.member_files import get_member_in_full

    with_x = id_number(seq="001")[:-1]  # its check digit is X
    assert id_number(seq="001").endswith("X")
    path = _sheet(
        tmp_path,
        [["甲", with_x + "×"], ["乙", "'" + id_number(seq="013")], ["丙", "1505231975O312123X"]],
        header=("姓名", "身份证号码"),
    )
    plan = plan_roster_import(office_db, path)
    assert [str(e) for e in plan.errors] == [
        "工作表“委员名单”第4行“身份证号码”列（B列）：身份证号码第11位“O”不是数字"
    ]
    path = _sheet(
        tmp_path,
        [["甲", with_x + "×"], ["乙", "'" + id_number(seq="013")]],
        header=("姓名", "身份证号码"),
    )
    _import(office_db, path)
    found = {m.name: get_member_in_full(office_db, m.uuid).form for m in list_members(office_db)}
    assert found["甲"].id_number == with_x + "X"
    assert found["乙"].id_number == id_number(seq="013")


def test_the_dot_in_a_name_is_one_character_however_typed(office_db, tmp_path):
    """阿不都•热合曼 (a bullet) and 那仁・其其格 (a Japanese dot) were stored as typed: a
    records or proposals file writing 阿不都·热合曼 then named no member."""
    path = _sheet(tmp_path, [[1, "阿不都•热合曼"], [2, "那仁・其其格"], [3, "乌力吉．巴雅尔"]])
    _import(office_db, path)
    assert sorted(row.name for row in list_members(office_db)) == [
        "乌力吉·巴雅尔",
        "那仁·其其格",
        "阿不都·热合曼",
    ]
    again = plan_roster_import(office_db, path, False)  # the same file: nothing new
    assert again.ok and again.counts_text.startswith("新增 0 人")


def test_a_name_stored_with_another_dot_is_the_same_member(office_db, tmp_path):
    """A member stored before the dots were one (阿不都•热合曼): the office's own export
    imported again was refused as 表中内容与档案不同; it is the same name, unchanged."""
    number = id_number(seq="015")
    add_member(office_db, MemberForm(name="阿不都·热合曼", id_number=number))
    with office_db.begin() as session:  # as an older version stored it
        session.execute(sql_update(Member).values(name="阿不都•热合曼"))
    path = _sheet(tmp_path, [["阿不都•热合曼", number]], header=("姓名", "身份证号码"))
    plan = plan_roster_import(office_db, path, False)
    assert plan.ok, [str(e) for e in plan.errors]
    assert plan.counts_text.startswith("新增 0 人，更新 0 人，无变化 1 人")


def test_a_sex_noted_after_the_name_is_not_part_of_it(office_db, tmp_path):
    """黄杰娟（女） was stored as the whole name: records, sign-in and proposal files that
    write 黄杰娟 then named no member. 王磊（大） tells namesakes apart and stays."""
    woman = id_number(birth=date(1980, 5, 1), seq="002")  # even 17th digit: a woman
    rows = [["黄杰娟（女）", "女", woman], ["李强 (男)", None, None], ["王磊（大）", "男", None]]
    path = _sheet(tmp_path, rows, header=("姓名", "性别", "身份证号码"))
    _import(office_db, path)
    assert sorted(row.name for row in list_members(office_db)) == ["李强", "王磊（大）", "黄杰娟"]
    again = plan_roster_import(office_db, path, False)  # the same file: nothing new
    assert again.ok and again.counts_text.startswith("新增 0 人，更新 0 人，无变化 3 人")


def test_a_sex_noted_after_the_name_that_the_sex_column_contradicts_is_an_error(
    office_db, tmp_path
):
    path = _sheet(tmp_path, [["黄杰娟（女）", "男"]], header=("姓名", "性别"))
    plan = plan_roster_import(office_db, path, False)
    (error,) = plan.errors
    assert (error.row, error.column) == (2, "性别")
    assert error.reason == "性别“男”与姓名后注明的“（女）”不一致，请核对"
    assert list_members(office_db) == []


def test_a_member_stored_with_the_note_is_the_same_member(office_db, tmp_path):
    """Imported before the note was left out: the same file again changes nothing, and a
    row without an ID number is not taken for someone new."""
    number = id_number(seq="002")  # a woman's
    add_member(office_db, MemberForm(name="黄杰娟", sex=Sex.FEMALE, id_number=number))
    add_member(office_db, MemberForm(name="李强"))
    with office_db.begin() as session:  # as an older version stored them
        session.execute(sql_update(Member).values(name=Member.name + "（女）"))
    with_id = _sheet(tmp_path, [["黄杰娟（女）", number]], header=("姓名", "身份证号码"))
    plan = plan_roster_import(office_db, with_id, False)
    assert plan.ok, [str(e) for e in plan.errors]
    assert plan.counts_text.startswith("新增 0 人，更新 0 人，无变化 1 人")
    plan = plan_roster_import(
        office_db, _sheet(tmp_path, [["李强", "男"]], header=("姓名", "性别")), False
    )
    assert plan.new == 0


def test_a_sex_noted_after_the_name_is_the_sex_where_no_column_says_it(office_db, tmp_path):
    """Without a 性别 column the note is the file's word on it, checked against the ID."""
    woman, man = id_number(seq="002"), id_number(seq="017")
    path = _sheet(
        tmp_path, [["黄杰娟（女）", woman], ["李强", None]], header=("姓名", "身份证号码")
    )
    _import(office_db, path)
    stored = {m.name: get_member(office_db, m.uuid).form.sex for m in list_members(office_db)}
    assert stored == {"黄杰娟": Sex.FEMALE, "李强": None}
    wrong = _sheet(tmp_path, [["王芳（女）", man]], header=("姓名", "身份证号码"), name="b.xlsx")
    plan = plan_roster_import(office_db, wrong, False)
    (error,) = plan.errors
    assert error.row == 2 and "性别与身份证号码（男）不一致" in error.reason
    assert len(list_members(office_db)) == 2
