"""Roster export and the blank template: read back, and export → import gives the same members."""

from __future__ import annotations

import tempfile
from contextlib import closing
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.common.documents.workbooks import text_lines
from app.common.documents.workbooks import text_width as text_lines_width
from app.common.errors import KnownError
from app.common.jobs import ProgressTracker
from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.members.labels import CppccRole, MembershipStatus, Sex
from app.members.member_files import (
    MemberForm,
    add_member,
    delete_member,
    get_member,
    list_members,
    set_status,
)
from app.members.roster_export import (
    HEADER_ROW,
    PERSONAL_DATA_NOTE,
    export_roster,
    write_roster_template,
)
from app.members.roster_import import apply_roster_import, plan_roster_import
from app.members.roster_rows import EXPORT_COLUMNS
from app.office.dictionary_defaults import DEFAULT_ENTRIES, ETHNIC_GROUPS
from app.office.labels import DictionaryKind
from app.office.office import set_up_office
from tests.conftest import COUNTY_SETUP
from tests.xlsx_files import ZHANG_ID, id_number

HEADERS = [spec.label for spec in EXPORT_COLUMNS]
ID_COLUMN = HEADERS.index("身份证号码") + 1
PHONE_COLUMN = HEADERS.index("联系电话") + 1


def _rows(path: Path) -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(path).active
    return [
        dict(zip(HEADERS, values, strict=True))
        for values in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
        if any(v is not None for v in values)  # the template formats empty rows as text
    ]


def _files(database: Database) -> list[tuple]:
    """Every member as the program holds them, comparable across two offices."""
    found = []
    for row in list_members(database):
        form = get_member(database, row.uuid).form
        form = form.__class__(**{**form.__dict__, "committees": tuple(sorted(form.committees))})
        found.append((form, row.status, row.status_date))
    return sorted(found, key=repr)


def test_the_export_carries_full_numbers_as_text_and_says_it_is_personal_data(office_db, tmp_path):
    add_member(
        office_db,
        MemberForm(
            name="张三",
            sex=Sex.MALE,
            birth_date=date(1975, 3, 12),
            birth_day_known=True,
            sector="中共",
            committees=("经济委员会", "提案委员会"),
            phone="13800138000",
            id_number=ZHANG_ID,
            role=CppccRole.VICE_CHAIR,
        ),
    )
    result = export_roster(office_db, tmp_path / "导出.xlsx")
    assert result.members == 1
    book = openpyxl.load_workbook(result.path)
    sheet = book.active
    assert sheet.title == "委员名单"
    assert sheet["A1"].value == "示范县政协第十届委员名单"
    assert sheet["A2"].value.startswith(PERSONAL_DATA_NOTE)
    assert "A1:U1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[HEADER_ROW]] == HEADERS
    id_cell = sheet.cell(HEADER_ROW + 1, ID_COLUMN)
    assert (id_cell.value, id_cell.data_type, id_cell.number_format) == (ZHANG_ID, "s", "@")
    assert sheet.cell(HEADER_ROW + 1, PHONE_COLUMN).value == "13800138000"
    (row,) = _rows(result.path)
    assert row["姓名"] == "张三" and row["出生年月"] == "1975.03.12"
    assert row["政协职务"] == "副主席" and row["任职状态"] == "在任"
    assert set(row["专委会"].split("、")) == {"经济委员会", "提案委员会"}
    assert sheet.print_title_rows == "$3:$3"  # the header repeats on every printed page


def test_long_texts_wrap_in_their_cells_and_short_columns_fit_their_words(office_db, tmp_path):
    """Printed, a long unit or two committees were cut off by the next column's text."""
    employer = "内蒙古自治区赤峰市巴林右旗人民政府发展和改革委员会重大项目建设服务中心主任"
    add_member(
        office_db,
        MemberForm(
            name="阿不都热合曼·买买提",
            sex=Sex.MALE,
            sector="中共",
            employer=employer,
            committees=("社会和法制委员会", "提案委员会"),
        ),
    )
    sheet = openpyxl.load_workbook(export_roster(office_db, tmp_path / "a.xlsx").path).active
    row = HEADER_ROW + 1
    cells = {sheet.cell(HEADER_ROW, c).value: sheet.cell(row, c) for c in range(1, 22)}
    assert cells["工作单位及职务"].value == employer
    assert all(cell.alignment.wrap_text for cell in cells.values())
    width = sheet.column_dimensions[cells["工作单位及职务"].column_letter].width
    assert sheet.row_dimensions[row].height >= text_lines(employer, width) * 11 * 1.4
    for header, words in (
        ("联络组", "第三联络组"),
        ("界别", "少数民族界"),
        ("政治面貌", "九三学社社员"),
    ):
        column = cells[header].column_letter
        assert sheet.column_dimensions[column].width >= text_lines_width(words), header


def test_the_export_has_current_members_only_and_those_who_left_with_their_date(
    office_db, tmp_path
):
    stays = add_member(office_db, MemberForm(name="在任者"))
    left = add_member(office_db, MemberForm(name="调离者"))
    set_status(office_db, left, MembershipStatus.TRANSFERRED, date(2024, 6, 30))
    deleted = add_member(office_db, MemberForm(name="误建者"))
    delete_member(office_db, deleted)
    rows = _rows(export_roster(office_db, tmp_path / "a.xlsx").path)
    assert [(r["姓名"], r["任职状态"], r["状态变动日期"]) for r in rows] == [
        ("在任者", "在任", None),
        ("调离者", "调离", "2024-06-30"),
    ]
    assert stays


def test_an_empty_office_exports_the_headers(office_db, tmp_path):
    result = export_roster(office_db, tmp_path / "a.xlsx")
    assert result.members == 0
    assert _rows(result.path) == []


def test_the_template_has_the_headers_an_example_and_filling_notes(tmp_path):
    path = write_roster_template(tmp_path / "模板.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["委员名单", "填写说明"]
    sheet = book["委员名单"]
    assert [c.value for c in sheet[HEADER_ROW]] == HEADERS
    (example,) = _rows(path)
    assert example["姓名"] == "张三" and example["备注"].startswith("示例")
    assert len(example["身份证号码"]) == 18
    assert sheet.cell(HEADER_ROW + 10, ID_COLUMN).number_format == "@"  # typed IDs stay text
    rules = {r.formula1 for r in sheet.data_validations.dataValidation}
    assert '"男,女"' in rules
    assert "身份证号码" in "".join(c.value or "" for c in book["填写说明"]["A"])


def test_export_then_import_gives_the_same_members(office_db, tmp_path, database_factory):
    add_member(
        office_db,
        MemberForm(
            name="张三",
            sex=Sex.MALE,
            ethnic_group="蒙古族",
            birth_date=date(1975, 3, 1),
            native_place="赤峰",
            education="研究生",
            party="民盟盟员",
            sector="民盟",
            employer="县医院院长",
            professional_title="主任医师",
            committees=("教科卫体委员会",),
            phone="0476-8123456",
            id_number=ZHANG_ID,
            address="幸福路1号",
            note="连任",
            role=CppccRole.STANDING,
            start_date=date(2023, 1, 10),
        ),
    )
    left = add_member(office_db, MemberForm(name="李四", sex=Sex.FEMALE))
    set_status(office_db, left, MembershipStatus.DECEASED, date(2024, 2, 1))
    path = export_roster(office_db, tmp_path / "导出.xlsx").path
    other = database_factory()
    plan = plan_roster_import(other, path)
    assert plan.ok, [str(e) for e in plan.errors]
    apply_roster_import(other, plan, ProgressTracker())
    assert _files(other) == _files(office_db)
    again = plan_roster_import(office_db, path)  # and back home nothing changes
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)


def test_a_birth_month_kept_with_a_day_reads_back_as_no_change(office_db, tmp_path):
    """Only 1980.06 is known, but the day was kept as something (the demo, an older
    version, a county's file): its exported 1980.06 read back was “内容与档案不同”, so a
    whole exported roster could not be imported back without --update."""
    add_member(
        office_db,
        MemberForm(name="王五", birth_date=date(1980, 6, 17), birth_day_known=False),
    )
    path = export_roster(office_db, tmp_path / "导出.xlsx").path
    again = plan_roster_import(office_db, path)
    assert again.ok, [str(e) for e in again.errors]
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)


@pytest.fixture
def database_factory(tmp_path):
    opened: list[Database] = []

    def make() -> Database:
        folder = tmp_path / f"office{len(opened)}"
        database = open_database(DataLocation(folder / "data", folder / "logs"))
        set_up_office(database, COUNTY_SETUP)
        opened.append(database)
        return database

    yield make
    for database in opened:
        database.close()


def test_writing_into_a_missing_folder_is_a_clear_error(office_db, tmp_path):
    with pytest.raises(KnownError) as caught:
        export_roster(office_db, tmp_path / "没有这个文件夹" / "a.xlsx")
    assert "无法访问" in caught.value.what
    assert not (tmp_path / "没有这个文件夹").exists()


def test_only_xlsx_names_are_accepted(office_db, tmp_path):
    with pytest.raises(KnownError):
        export_roster(office_db, tmp_path / "a.csv")
    with pytest.raises(KnownError):
        write_roster_template(tmp_path / "a")


# --- the property: any members the office can hold survive export → import -----------------

NAMES = st.text(
    alphabet="王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕伟芳娜秀英敏静",
    min_size=2,
    max_size=4,
)
WORDS = st.text(alphabet="县市乡镇局医院学校工会路号楼0123456789ABCxyz", max_size=12)
SECTORS = [name for name, _ in DEFAULT_ENTRIES[DictionaryKind.SECTOR]]
PARTIES = [name for name, _ in DEFAULT_ENTRIES[DictionaryKind.PARTY]]
COMMITTEES = [name for name, _ in DEFAULT_ENTRIES[DictionaryKind.COMMITTEE]]


@st.composite
def members(draw: st.DrawFn, index: int) -> tuple[MemberForm, MembershipStatus, date | None]:
    birth = draw(st.dates(min_value=date(1930, 1, 1), max_value=date(2003, 12, 31)))
    day_known = draw(st.booleans())
    with_id = draw(st.booleans())
    sex = draw(st.sampled_from([None, Sex.MALE, Sex.FEMALE]))
    serial = index * 2 + (sex is Sex.MALE)  # the ID's 17th digit agrees with the sex
    form = MemberForm(
        name=draw(NAMES),
        sex=sex,
        ethnic_group=draw(st.sampled_from(["", *ETHNIC_GROUPS[:8]])),
        birth_date=birth if day_known else birth.replace(day=1),
        birth_day_known=day_known,
        native_place=draw(WORDS),
        education=draw(st.sampled_from(["", "大学", "研究生", "高中"])),
        party=draw(st.sampled_from(["", *PARTIES])),
        sector=draw(st.sampled_from(["", *SECTORS])),
        employer=draw(WORDS),
        professional_title=draw(WORDS),
        committees=tuple(draw(st.lists(st.sampled_from(COMMITTEES), max_size=3, unique=True))),
        phone=draw(
            st.sampled_from(["", "13800138000", "0476-8123456", "0476-8123456、13900139000"])
        ),
        id_number=id_number(birth=birth, seq=f"{serial:03d}") if with_id else "",
        address=draw(WORDS),
        note=draw(WORDS),
        role=draw(st.sampled_from(list(CppccRole))),
        start_date=draw(st.sampled_from([None, date(2022, 3, 1), date(2024, 1, 15)])),
    )
    status = draw(st.sampled_from(list(MembershipStatus)))
    when = (
        None
        if status is MembershipStatus.ACTIVE
        else draw(st.dates(form.start_date or date(2021, 1, 1), date(2025, 12, 31)))  # in order
    )
    return form, status, when


@settings(max_examples=8)
@given(st.integers(0, 5).flatmap(lambda n: st.tuples(*(members(i) for i in range(n)))))
def test_any_roster_survives_export_and_import(people):
    with tempfile.TemporaryDirectory() as folder:
        home, other = (
            open_database(DataLocation(Path(folder) / name / "data", Path(folder) / name / "logs"))
            for name in ("home", "other")
        )
        with closing(home), closing(other):
            for database in (home, other):
                set_up_office(database, COUNTY_SETUP)
            for form, status, when in people:
                uuid = add_member(home, form)
                if status is not MembershipStatus.ACTIVE:
                    set_status(home, uuid, status, when)
            path = export_roster(home, Path(folder) / "名单.xlsx").path
            if people:
                plan = plan_roster_import(other, path)
                assert plan.ok, [str(e) for e in plan.errors]
                apply_roster_import(other, plan, ProgressTracker())
            assert _files(other) == _files(home)


def test_text_that_looks_like_a_formula_is_exported_as_text_and_imports_back(
    office_db, tmp_path, database_factory
):
    import zipfile

    add_member(
        office_db,
        MemberForm(
            name='=HYPERLINK("http://x","y")',
            employer="=1+1",
            note="=cmd|' /C calc'!A0",
            address="+86 幸福路",
            professional_title="-",
            native_place="@A1",
            phone="+86 13800138000",
        ),
    )
    path = export_roster(office_db, tmp_path / "导出.xlsx").path
    (row,) = _rows(path)
    assert row["姓名"] == '=HYPERLINK("http://x","y")' and row["工作单位及职务"] == "=1+1"
    assert row["备注"] == "=cmd|' /C calc'!A0" and row["籍贯"] == "@A1"
    sheet = openpyxl.load_workbook(path).active
    for cell in sheet[HEADER_ROW + 1]:
        assert cell.data_type in ("s", "n"), cell.coordinate  # text, or empty
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    other = database_factory()
    plan = plan_roster_import(other, path)
    assert plan.ok, [str(e) for e in plan.errors]
    apply_roster_import(other, plan, ProgressTracker())
    assert _files(other) == _files(office_db)


def test_a_control_character_already_stored_does_not_stop_the_export(office_db, tmp_path):
    from sqlalchemy import select

    from db.member_models import Member

    add_member(office_db, MemberForm(name="张三", employer="县医院"))
    with office_db.begin() as session:  # as an older version might have stored it
        member = session.scalars(select(Member)).one()
        member.name, member.employer, member.note = "张\x00三", "县\x0b医院\x1b", "甲\x07"
    path = export_roster(office_db, tmp_path / "导出.xlsx").path
    (row,) = _rows(path)
    assert (row["姓名"], row["工作单位及职务"], row["备注"]) == ("张三", "县医院", "甲")
