"""app/consultation/meetings/sign_in.py: attendance read back from a filled sign-in spreadsheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation.meetings import meetings
from app.consultation.meetings.sign_in import import_sign_in, write_sign_in_workbook
from app.consultation.printouts.materials import meeting_materials
from app.members.member_files import MemberForm, add_member
from app.records.labels import AttendanceStatus
from tests.consultation.conftest import Roster
from tests.consultation.test_meetings import meeting_form
from tests.xlsx_files import write_sheet

PRESENT, LEAVE, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT
HEADER = ["序号", "姓名", "界别", "签到", "备注"]


@pytest.fixture
def meeting(office_db: Database, roster: Roster) -> str:
    return meetings.add_meeting(
        office_db, meeting_form(), {roster["赵庆丰"]: PRESENT, roster["钱文华"]: PRESENT}
    )


def statuses(database: Database, uuid: str) -> dict[str, str]:
    return {a.name: a.status_label for a in meetings.get_meeting(database, uuid).attendees}


def sheet(tmp_path: Path, *rows: list[object]) -> Path:
    title = [["农村牧区人居环境整治专题协商会签到表"], ["2026年5月20日"], HEADER]
    return write_sheet(tmp_path / "签到.xlsx", [*title, *rows], title="签到表")


def test_a_filled_sheet_sets_the_attendance(
    office_db: Database, meeting: str, tmp_path: Path
) -> None:
    path = sheet(
        tmp_path,
        [1, "赵庆丰", "中共", "赵庆丰", ""],  # a typed signature
        [2, "钱文华", "民盟", "", "请假"],
        [3, "张  建  国", "经济界", "√", ""],  # spaced out as in printed lists
        [4, "李秀英", "教育界", "", ""],  # nothing: absent
        [5, "孙丽娟", "副县长", "√", "列席"],  # an invited guest: passed over
    )
    preview = import_sign_in(office_db, meeting, path, dry_run=True)
    assert preview.ok
    assert (preview.present, preview.leave, preview.absent, preview.guests) == (2, 1, 1, 1)
    assert (preview.added, preview.changed, preview.unchanged) == (2, 1, 1)
    assert statuses(office_db, meeting) == {"赵庆丰": "出席", "钱文华": "出席"}  # dry run

    result = import_sign_in(office_db, meeting, path)
    assert (result.added, result.changed, result.dry_run) == (2, 1, False)
    assert statuses(office_db, meeting) == {
        "赵庆丰": "出席",
        "钱文华": "请假",
        "张建国": "出席",
        "李秀英": "缺席",
    }
    again = import_sign_in(office_db, meeting, path)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 4)


def test_a_hidden_sheet_of_signatures_is_named_not_passed_over_in_silence(
    office_db: Database, meeting: str, tmp_path: Path
) -> None:
    path = sheet(tmp_path, [1, "赵庆丰", "中共", "√", ""])
    book = openpyxl.load_workbook(path)
    second = book.create_sheet("下午")
    second.append(HEADER)
    second.append([1, "钱文华", "民盟", "√", ""])
    second.sheet_state = "hidden"
    book.save(path)
    result = import_sign_in(office_db, meeting, path, dry_run=True)
    assert result.ok and result.rows == 1
    assert "隐藏的工作表“下午”（1 行）中也有数据，本次未导入" in result.summary_lines()[-1]


def test_unknown_and_repeated_names_change_nothing(
    office_db: Database, meeting: str, tmp_path: Path
) -> None:
    path = sheet(
        tmp_path,
        [1, "张建国", "经济界", "√", ""],
        [2, "张建军", "经济界", "√", ""],
        [3, "张建国", "经济界", "√", ""],
    )
    result = import_sign_in(office_db, meeting, path)
    assert not result.ok
    assert [str(e) for e in result.errors] == [
        "工作表“签到表”第5行“姓名”列（B列）：没有名为“张建军”的委员（请核对姓名，或先在委员档案中添加）",
        "工作表“签到表”第6行“姓名”列（B列）：“张建国”已在第4行出现",
    ]
    assert statuses(office_db, meeting) == {"赵庆丰": "出席", "钱文华": "出席"}


def test_namesakes_are_told_apart_by_sector(
    office_db: Database, roster: Roster, meeting: str, tmp_path: Path
) -> None:
    add_member(office_db, MemberForm(name="王伟", sector="教育界"))
    unclear = sheet(tmp_path, [1, "王伟", "", "√", ""])
    [error] = import_sign_in(office_db, meeting, unclear).errors
    assert "有 2 位委员都叫“王伟”（经济界、教育界），请在“界别”列注明是哪一位" in str(error)
    assert "王伟" not in statuses(office_db, meeting)

    clear = sheet(tmp_path, [1, "王伟", "经济界", "√", ""])
    assert import_sign_in(office_db, meeting, clear).ok
    [attendee] = [a for a in meetings.get_meeting(office_db, meeting).attendees if a.name == "王伟"]
    assert attendee.member_uuid == roster["王伟"]  # the 经济界 one


def test_a_sector_written_by_another_name_tells_namesakes_apart(
    office_db: Database, roster: Roster, meeting: str, tmp_path: Path
) -> None:
    other = add_member(office_db, MemberForm(name="王伟", sector="医药卫生界"))
    full_name = sheet(tmp_path, [1, "王伟", "医卫界", "√", ""])  # an alias of 医药卫生界
    assert import_sign_in(office_db, meeting, full_name).ok
    [attendee] = [a for a in meetings.get_meeting(office_db, meeting).attendees if a.name == "王伟"]
    assert attendee.member_uuid == other


def test_a_sheet_with_no_rows_is_refused(office_db: Database, meeting: str, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="没有签到数据行"):
        import_sign_in(office_db, meeting, sheet(tmp_path))


def test_the_workbook_to_fill_reads_back(office_db: Database, meeting: str, tmp_path: Path) -> None:
    path = write_sign_in_workbook(
        meeting_materials(office_db, meeting).sign_in, tmp_path / "x.xlsx"
    )
    book = openpyxl.load_workbook(path)
    ws = book["签到表"]
    assert [c.value for c in ws[3]] == ["序号", "姓名", "界别或单位", "签到", "备注"]
    assert [ws.cell(r, 2).value for r in range(4, ws.max_row + 1)] == [
        "赵庆丰",
        "钱文华",
        "孙丽娟",
        None,  # a department's line: whoever it sends writes their name
    ]
    assert ws.cell(ws.max_row, 3).value == "县住房和城乡建设局主要负责同志"
    ws["D4"] = "√"  # 赵庆丰 signed; 钱文华 did not
    book.save(path)
    result = import_sign_in(office_db, meeting, path)
    assert (result.present, result.absent, result.guests) == (1, 1, 2)
    assert statuses(office_db, meeting) == {"赵庆丰": "出席", "钱文华": "缺席"}


def test_the_workbook_to_fill_prints_on_a4_with_its_header_on_every_page(
    office_db: Database, roster: Roster, tmp_path: Path
) -> None:
    title = "专题协商会：关于进一步加强和改进新时代农村牧区人居环境整治与基层社会治理能力现代化建设"
    uuid = meetings.add_meeting(office_db, meeting_form(title=title), {roster["王伟"]: PRESENT})
    path = write_sign_in_workbook(meeting_materials(office_db, uuid).sign_in, tmp_path / "z.xlsx")
    ws = openpyxl.load_workbook(path)["签到表"]
    setup = ws.page_setup
    assert (int(setup.paperSize), setup.orientation) == (9, "portrait")  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1
    assert setup.fitToHeight == 0  # as many pages down as the list needs
    assert ws.print_title_rows == "$3:$3"
    # The long title is not cut off at column E: merged across the table and wrapped.
    assert "A1:E1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].alignment.wrap_text and ws.row_dimensions[1].height > 14 * 1.4 * 2
    assert ws["C4"].alignment.wrap_text  # a long unit wraps in its cell


def test_formula_like_text_stays_text(office_db: Database, roster: Roster, tmp_path: Path) -> None:
    uuid = meetings.add_meeting(
        office_db, meeting_form(title="=1+1 的会议"), {roster["王伟"]: PRESENT}
    )
    path = write_sign_in_workbook(meeting_materials(office_db, uuid).sign_in, tmp_path / "y.xlsx")
    ws = openpyxl.load_workbook(path)["签到表"]
    assert ws["A1"].data_type == "s"
    assert ws["A1"].value == "=1+1 的会议签到表"


@pytest.mark.parametrize("mark", ["×", "X", "否", "未签到", "未参加", "未出席", "无", 0, False])
def test_a_mark_for_not_signed_is_absent(
    office_db: Database, meeting: str, tmp_path: Path, mark: object
) -> None:
    """A clerk typing in the sheet marks who did not come, as the records import reads
    them; only a signature, a tick or 到 is 出席 (the five-ones check counts these)."""
    path = sheet(tmp_path, [1, "赵庆丰", "中共", mark, ""], [2, "李秀英", "教育界", "√", ""])
    result = import_sign_in(office_db, meeting, path)
    assert (result.present, result.absent) == (1, 1)
    assert statuses(office_db, meeting)["赵庆丰"] == "缺席"


def test_names_are_read_as_the_roster_and_the_records_read_them(
    office_db: Database, roster: Roster, meeting: str, tmp_path: Path
) -> None:
    """One middle dot however it was typed, spaces of any width out, and a sex noted
    after the name left out (app.common.text.name_of_cell)."""
    path = sheet(
        tmp_path,
        [1, "阿布都热合曼．艾买提", "少数民族界", "√", ""],  # full-width full stop
        [2, "李秀英（女）", "教育界", "√", ""],
        [3, "张\u3000建国 (男)", "经济界", "", "请假"],
        [4, "钱文华", "民盟", "", "缺席"],
    )
    result = import_sign_in(office_db, meeting, path)
    assert result.ok, [str(e) for e in result.errors]
    assert statuses(office_db, meeting) == {
        "赵庆丰": "出席",
        "钱文华": "缺席",
        "阿布都热合曼·艾买提": "出席",
        "李秀英": "出席",
        "张建国": "请假",
    }


@pytest.mark.parametrize(
    "typed", ["阿布都热合曼•艾买提", "阿布都热合曼・艾买提", "阿布都热合曼.艾买提"]
)
def test_a_names_dot_typed_any_way_finds_the_member(
    office_db: Database, roster: Roster, meeting: str, tmp_path: Path, typed: str
) -> None:
    result = import_sign_in(office_db, meeting, sheet(tmp_path, [1, typed, "", "√", ""]))
    assert result.ok, [str(e) for e in result.errors]
    assert statuses(office_db, meeting)["阿布都热合曼·艾买提"] == "出席"


def test_a_bracket_that_is_no_sex_stays_part_of_the_name(
    office_db: Database, roster: Roster, meeting: str, tmp_path: Path
) -> None:
    """王伟（大） is how an office tells namesakes apart: not 王伟."""
    [error] = import_sign_in(
        office_db, meeting, sheet(tmp_path, [1, "王伟（大）", "", "√", ""])
    ).errors
    assert "没有名为“王伟（大）”的委员" in str(error)
