"""Importing duty records from an office's spreadsheet, as offices really fill them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.common.errors import KnownError
from app.common.jobs import Cancelled, ProgressTracker
from app.common.people.idcard import check_digit
from app.common.storage import Database
from app.members.member_files import MemberForm, add_member
from app.office.office import record_counts
from app.records.activities import ActivityForm, add_activity, get_activity, list_activities
from app.records.labels import ActivityKind, AttendanceStatus, WorkKind
from app.records.record_items import list_social_info, list_works
from app.records.records_import import import_records
from db.file_safety.backup import integrity_problem, readonly_uri
from tests.sheet_files import xlsx_as_xls

YEAR = date.today().year - 1
HEADER = ["序号", "姓  名", "身份证号码", "日期", "类别", "名称", "情况"]


def id_number(birth: str, sequence: str) -> str:
    first17 = f"150523{birth}{sequence}"
    return first17 + check_digit(first17)


# Two 王磊: the sheet tells them apart by ID number. One ends in X.
WANG_LEI_1 = next(n for s in range(100, 999) if (n := id_number("19750312", str(s))).endswith("X"))
WANG_LEI_2 = id_number("19820605", "215")


@pytest.fixture
def members(office_db: Database) -> dict[str, str]:
    forms = [
        MemberForm(name="张建国"),
        MemberForm(name="李秀英"),
        MemberForm(name="王志强"),
        MemberForm(name="王磊", id_number=WANG_LEI_1, employer="县第一中学校长"),
        MemberForm(name="王磊", id_number=WANG_LEI_2, employer="县人民医院副院长"),
    ]
    return {f"{f.name}{f.id_number[-1:]}": add_member(office_db, f) for f in forms}


def write_book(path: Path, rows: list[list[object]], title: str | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "履职登记"
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
        sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def messy_file(path: Path) -> Path:
    """Title row, merged cells down a meeting's rows, mixed date forms, full-width and
    stray spaces, a lowercase x, a blank row, a footnote."""
    rows: list[list[object]] = [
        [
            1,
            "张建国",
            None,
            datetime(YEAR, 3, 2),
            "全体会议",
            "政协示范县第十届委员会第五次会议",
            "出席",
        ],
        [2, " 李秀英 ", None, None, None, None, "请假"],
        [3, "王磊", WANG_LEI_1.lower(), None, None, None, "出席"],
        [4, "王磊", WANG_LEI_2, None, None, None, "缺席"],
        [],
        [5, "王志强", None, f"{YEAR}.6.12", "视察", "视察农村饮水安全工程", "出 席"],
        [6, "张建国", None, f"{YEAR}年6月12日", "视察", "视察农村饮水安全工程", "出席"],
        [
            7,
            "王志强",
            None,
            f"{YEAR}-05-08",
            "社情民意",
            "关于加强农村留守老人照护的建议",
            "采用、批示",
        ],
        [
            8,
            "张建国",
            None,
            f"{YEAR}-05-08",
            "社情民意信息",
            "关于加强农村留守老人照护的建议",
            None,
        ],
        [9, "李秀英", None, f"{YEAR}0901", "社情民意", "关于规范城区占道经营的建议", ""],
        [10, "李秀英", None, datetime(YEAR, 3, 2), "大会发言", "推动县域经济高质量发展", None],
        [11, "张建国", None, f"{YEAR}．８．２０", "调研视察报告", "关于校舍安全的调研报告", None],
        [12, "王志强", None, f"{YEAR}．８．２０", "调研视察报告", "关于校舍安全的调研报告", None],
        ["注：情况一栏，会议活动填出席、请假或缺席。"],
    ]
    path = write_book(path, rows, title=f"示范县政协委员{YEAR}年度履职情况登记表")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for column in ("D", "E", "F"):  # one meeting's date, kind and name merged down its rows
        sheet.merge_cells(f"{column}4:{column}7")
    book.save(path)
    return path


def test_a_messy_real_looking_file_imports(office_db, members, tmp_path):
    path = messy_file(tmp_path / "履职登记.xlsx")
    result = import_records(office_db, path)

    assert result.errors == ()
    assert (result.rows, result.activities_new, result.attendance_new) == (12, 2, 6)
    assert (result.social_info_new, result.works_new, result.unchanged) == (2, 2, 0)
    plenary, inspection = (
        list_activities(office_db, kind=ActivityKind.PLENARY)[0],
        list_activities(office_db, kind=ActivityKind.INSPECTION)[0],
    )
    assert (plenary.held_on, plenary.present, plenary.leave, plenary.absent) == (
        date(YEAR, 3, 2),
        2,
        1,
        1,
    )
    detail = get_activity(office_db, plenary.uuid)
    by_member = {line.member_uuid: line.status for line in detail.attendance}
    assert by_member[members["王磊X"]] is AttendanceStatus.PRESENT
    assert by_member[members[f"王磊{WANG_LEI_2[-1]}"]] is AttendanceStatus.ABSENT
    assert (inspection.held_on, inspection.present) == (date(YEAR, 6, 12), 2)

    infos = {i.title: i for i in list_social_info(office_db)}
    care = infos["关于加强农村留守老人照护的建议"]
    assert (care.submitter_names, care.adopted, care.instructed) == ("王志强、张建国", True, True)
    street = infos["关于规范城区占道经营的建议"]
    assert (street.submitted_on, street.outcome_label) == (date(YEAR, 9, 1), "未采用")
    works = {w.kind: w for w in list_works(office_db)}
    assert works[WorkKind.RESEARCH_REPORT].author_names == "王志强、张建国"
    assert works[WorkKind.RESEARCH_REPORT].submitted_on == date(YEAR, 8, 20)
    assert works[WorkKind.PLENARY_SPEECH].author_names == "李秀英"


def test_an_old_excel_file_imports_as_the_xlsx_does(office_db, members, tmp_path):
    xlsx = messy_file(tmp_path / "履职登记.xlsx")
    xls = xlsx_as_xls(xlsx, tmp_path / "履职登记.xls")
    preview = import_records(office_db, xls, dry_run=True)
    assert preview == replace(import_records(office_db, xlsx, dry_run=True))
    assert preview.ok and preview.attendance_new == 6


def test_records_on_hidden_sheets_are_named_and_imported_only_when_asked(
    office_db, members, tmp_path
):
    path = write_book(
        tmp_path / "a.xlsx", [[1, "张建国", None, f"{YEAR}-03-02", "视察", "视察水利", "出席"]]
    )
    book = openpyxl.load_workbook(path)
    hidden = book.copy_worksheet(book.active)
    hidden.title = "去年"
    hidden["B2"], hidden["F2"] = "李秀英", "视察学校"
    hidden.sheet_state = "hidden"
    book.save(path)
    left_out = import_records(office_db, path, dry_run=True)
    assert (left_out.rows, left_out.attendance_new) == (1, 1)
    (warning,) = left_out.warnings
    assert "隐藏的工作表“去年”（1 行）中也有数据，本次未导入" in warning
    assert f"注意：{warning}" in left_out.summary_lines()
    both = import_records(office_db, path, include_hidden_sheets=True)
    assert (both.rows, both.attendance_new, both.activities_new) == (2, 2, 2)
    assert "已按要求一并读取隐藏的工作表“去年”（1 行）" in both.warnings[0]


def test_importing_the_same_file_twice_changes_nothing(office_db, members, tmp_path):
    """Nor backs up again: a file with nothing new made a backup at every try."""
    path = messy_file(tmp_path / "履职登记.xlsx")
    first = import_records(office_db, path)
    assert first.changed and first.backup is not None
    before = record_counts(office_db)
    again = import_records(office_db, path)
    assert again.backup is None and not again.changed
    assert list(office_db.location.backup_dir.iterdir()) == [first.backup]
    assert again.errors == ()
    assert (again.activities_new, again.attendance_new, again.attendance_changed) == (0, 0, 0)
    assert (again.social_info_new, again.social_info_changed, again.works_new) == (0, 0, 0)
    assert again.unchanged == 12
    assert record_counts(office_db) == before
    assert again.brief() == "表格中的记录都已在库中，没有新的记录，未作改动"


def test_a_dry_run_counts_and_writes_nothing(office_db, members, tmp_path):
    path = messy_file(tmp_path / "履职登记.xlsx")
    before = record_counts(office_db)
    preview = import_records(office_db, path, dry_run=True)
    assert preview.dry_run and preview.errors == ()
    assert (preview.activities_new, preview.attendance_new, preview.social_info_new) == (2, 6, 2)
    assert record_counts(office_db) == before
    real = import_records(office_db, path)
    assert (real.activities_new, real.attendance_new) == (2, 6)


def test_rows_merge_into_a_record_already_entered(office_db, members, tmp_path):
    add_activity(
        office_db,
        ActivityForm(
            ActivityKind.PLENARY,
            "政协示范县第十届委员会第五次会议",
            date(YEAR, 3, 2),
            attendance={members["张建国"]: AttendanceStatus.LEAVE},
        ),
    )
    result = import_records(office_db, messy_file(tmp_path / "a.xlsx"))
    assert (result.activities_new, result.attendance_changed, result.attendance_new) == (1, 1, 5)
    assert len(list_activities(office_db, kind=ActivityKind.PLENARY)) == 1


def test_a_bad_file_names_every_bad_row_and_writes_nothing(office_db, members, tmp_path):
    rows: list[list[object]] = [
        [1, "赵无名", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
        [2, "王磊", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
        [3, "张建国", None, f"{YEAR}-03-02", "茶话会", "新春茶话会", "出席"],
        [4, "李秀英", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "迟到"],
        [5, "王志强", None, f"{YEAR}-02-30", "视察", "视察重点项目", "出席"],
        [6, "张建国", None, f"{YEAR}-05-08", "社情民意", "关于停车难的建议", "已上报"],
        [7, "王志强", None, f"{YEAR}.05", "调研", "专题调研", "出席"],
        [8, "张建国", None, f"{YEAR}-03-02", "全体会议", "第五次会议", None],
        [9, "王磊", "150523197503121235", f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
        [10, "张建国", WANG_LEI_2, f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
        [11, "李秀英", None, f"{date.today().year + 1}-01-05", "培训", "委员培训", "出席"],
        [12, "王志强", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
        [13, "王志强", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "请假"],
        [14, "李秀英", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
    ]
    path = write_book(tmp_path / "bad.xlsx", rows)
    before = record_counts(office_db)
    result = import_records(office_db, path)

    assert record_counts(office_db) == before
    report = [str(e) for e in result.errors]
    assert report == [
        "工作表“履职登记”第2行“姓  名”列（B列）：“赵无名”不在委员名单中"
        "（请核对姓名或先添加该委员）",
        "工作表“履职登记”第3行“姓  名”列（B列）：有 2 位委员名叫“王磊”，请填写身份证号码以区分",
        "工作表“履职登记”第4行“类别”列（E列）：类别“茶话会”无法识别（应为全体会议、常委会会议、"
        "协商会、视察、调研、培训、委员活动、其他、社情民意、大会发言、调研视察报告之一）",
        "工作表“履职登记”第5行“情况”列（G列）：“迟到”不是出席情况（应为出席、请假或缺席）",
        f"工作表“履职登记”第6行“日期”列（D列）：日期“{YEAR}-02-30”不存在",
        "工作表“履职登记”第7行“情况”列（G列）：“已上报”无法识别（社情民意应填采用、批示、采用、批示，或留空）",
        f"工作表“履职登记”第8行“日期”列（D列）：“{YEAR}.05”没有写到日，请写成 2025-03-12",
        "工作表“履职登记”第9行“情况”列（G列）：会议活动须填写出席情况（应为出席、请假或缺席）",
        "工作表“履职登记”第10行“身份证号码”列（C列）：身份证号码校验位错误（最后一位应为 "
        f"{check_digit('15052319750312123')}），请核对号码",
        "工作表“履职登记”第11行“身份证号码”列（C列）：该身份证号码属于“王磊”，与姓名“张建国”不符",
        f"工作表“履职登记”第12行“日期”列（D列）：{date.today().year + 1}-01-05 晚于今天，"
        "履职记录只登记已发生的事",
        "工作表“履职登记”第14行“姓  名”列（B列）：与工作表“履职登记”第13行重复："
        "同一委员在同一记录中出现两次",
    ]


def test_an_id_number_excel_stored_as_a_number_is_said_so(office_db, members, tmp_path):
    """Typed into a General cell, 18 digits become a double: the last ones are rounded,
    so the row must say that, not send the clerk hunting a wrong check digit."""
    rows: list[list[object]] = [
        [1, "王磊", float(WANG_LEI_2), f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
    ]
    before = record_counts(office_db)
    result = import_records(office_db, write_book(tmp_path / "号码.xlsx", rows))
    assert record_counts(office_db) == before
    [error] = [str(e) for e in result.errors]
    assert error.startswith(
        "工作表“履职登记”第2行“身份证号码”列（C列）：身份证号码被 Excel 存成了数字，"
        "后几位已丢失（读到的是 **************"  # masked: only the last four
    )
    assert error.endswith("请把该列设为“文本”格式后重新输入完整的18位号码")
    assert WANG_LEI_2[:6] not in error and WANG_LEI_2[6:14] not in error


def test_a_day_number_on_the_first_is_a_whole_date(office_db, members, tmp_path):
    """A date cell that lost its format reads as Excel's day number; on the 1st of a
    month it is still a day (only typed 2025.3 or 202503 lacks one)."""
    first = date(YEAR, 3, 1)
    serial = (first - date(1899, 12, 30)).days
    rows: list[list[object]] = [
        [1, "张建国", None, serial, "全体会议", "第五次会议", "出席"],
        [2, "李秀英", None, float(serial), "全体会议", "第五次会议", "请假"],
        [3, "王志强", None, int(f"{YEAR}03"), "全体会议", "第五次会议", "出席"],
    ]
    result = import_records(office_db, write_book(tmp_path / "日期.xlsx", rows), dry_run=True)
    assert [str(e) for e in result.errors] == [
        f"工作表“履职登记”第4行“日期”列（D列）：“{YEAR}03”没有写到日，请写成 2025-03-12"
    ]
    rows.pop()
    import_records(office_db, write_book(tmp_path / "日期.xlsx", rows))
    meeting = next(a for a in list_activities(office_db) if a.title == "第五次会议")
    assert meeting.held_on == first


def test_a_dry_run_of_a_bad_file_reports_the_same(office_db, members, tmp_path):
    path = write_book(
        tmp_path / "bad.xlsx", [[1, "赵无名", None, f"{YEAR}-03-02", "全体会议", "会", "出席"]]
    )
    preview = import_records(office_db, path, dry_run=True)
    assert [e.row for e in preview.errors] == [2]
    assert not preview.ok


def test_a_file_without_the_columns_is_refused(office_db, members, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["姓名", "日期", "备注"])
    book.active.append(["张建国", f"{YEAR}-03-02", ""])
    book.save(tmp_path / "roster.xlsx")
    with pytest.raises(KnownError, match="没有“类别”“名称”列"):
        import_records(office_db, tmp_path / "roster.xlsx")


def test_a_file_with_only_a_header_is_refused(office_db, members, tmp_path):
    with pytest.raises(KnownError, match="没有数据行"):
        import_records(office_db, write_book(tmp_path / "empty.xlsx", []))


def test_a_damaged_file_is_a_known_error(office_db, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(KnownError, match="文件已损坏"):
        import_records(office_db, path)


def test_cancelling_while_writing_leaves_nothing(office_db, members, tmp_path):
    path = messy_file(tmp_path / "履职登记.xlsx")
    before = record_counts(office_db)
    tracker = ProgressTracker(on_report=lambda done, total, text: _cancel_at_write(tracker, text))
    with pytest.raises(Cancelled):
        import_records(office_db, path, tracker)
    assert record_counts(office_db) == before


def _cancel_at_write(tracker: ProgressTracker, text: str) -> None:
    if "写入" in text:
        tracker.cancel()


def test_invisible_and_control_characters_in_the_file_are_removed(office_db, members, tmp_path):
    path = write_book(
        tmp_path / "a.xlsx",
        [[1, "张建国\u200b", None, datetime(YEAR, 3, 2), "全体\x85会议", "第五次\x9b会议", "出席"]],
    )
    result = import_records(office_db, path)
    assert result.ok, result.errors
    (row,) = list_activities(office_db, YEAR)
    assert row.title == "第五次会议"


def test_control_characters_any_reader_passes_on_are_removed():
    """A future reader (.xls, .ods) may hand over \\x00 or \\x1b: the row reader cleans."""
    from app.common.sheets.reader import DataRow, SheetColumn, SheetTable
    from app.records.records_rows import RecordLine, read_line

    fields = ("name", "day", "category", "title", "outcome")
    table = SheetTable("表", 1, tuple(SheetColumn(f, i, f) for i, f in enumerate(fields)))
    values = {
        "name": "张\x00建国",
        "day": datetime(YEAR, 3, 2),
        "category": "视察\x07",
        "title": "视察\x1b农村\x0b饮水",
        "outcome": "出席\x00",
    }
    line = read_line(DataRow(table, 2, values), date.today())
    assert isinstance(line, RecordLine)
    assert (line.name, line.category.label, line.title) == ("张建国", "视察", "视察农村 饮水")


def test_the_database_is_backed_up_before_records_are_written(office_db, members, tmp_path):
    """Finding 5: a records import is write-heavy, so it backs up first (a dry run does not)."""
    path = messy_file(tmp_path / "履职.xlsx")
    before = record_counts(office_db)
    import_records(office_db, path, dry_run=True)
    assert not office_db.location.backup_dir.exists()
    result = import_records(office_db, path)
    assert result.backup is not None
    assert result.backup.parent == office_db.location.backup_dir
    assert result.backup.name.startswith("导入履职记录前备份-")
    assert integrity_problem(result.backup) is None
    with closing(sqlite3.connect(readonly_uri(result.backup), uri=True)) as conn:
        assert conn.execute("SELECT count(*) FROM attendance").fetchone()[0] == before["attendance"]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("常委会议", ActivityKind.STANDING_MEETING),
        ("专题协商会", ActivityKind.CONSULTATION),
        ("视察活动", ActivityKind.INSPECTION),
        ("调研活动", ActivityKind.RESEARCH),
        ("学习培训", ActivityKind.TRAINING),
        ("全委会", ActivityKind.PLENARY),
    ],
)
def test_kinds_as_offices_write_them_are_read(office_db, members, tmp_path, written, kind):
    """An office's log said 常委会议 and 视察活动: every row was refused (类别无法识别)."""
    row = [1, "张建国", None, f"{YEAR}.3.15", written, "十届政协第十八次常委会议", "出席"]
    result = import_records(office_db, write_book(tmp_path / "a.xlsx", [row]))
    assert result.errors == ()
    (activity,) = list_activities(office_db, YEAR)
    assert (activity.kind, activity.present) == (kind, 1)


def test_co_submitters_in_one_cell_are_each_credited(office_db, members, tmp_path):
    """A 社情民意 register lists co-submitters in one cell: 李秀英、张建国."""
    rows = [
        [
            1,
            "李秀英、张建国",
            None,
            f"{YEAR}年6月18日",
            "社情民意",
            "关于规范校外培训收费的建议",
            "采用",
        ],
        [2, "王志强，李秀英", None, f"{YEAR}-03-02", "大会发言", "推动县域经济发展", None],
    ]
    result = import_records(office_db, write_book(tmp_path / "a.xlsx", rows))
    assert result.errors == ()
    (info,) = list_social_info(office_db)
    assert (info.submitter_names, info.adopted) == ("李秀英、张建国", True)
    (work,) = list_works(office_db)
    assert work.author_names == "王志强、李秀英"


def test_several_names_with_one_id_number_are_refused(office_db, members, tmp_path):
    rows = [[1, "王磊、李秀英", WANG_LEI_1, f"{YEAR}-06-18", "社情民意", "关于停车难的建议", None]]
    result = import_records(office_db, write_book(tmp_path / "a.xlsx", rows))
    assert [(e.row, e.column) for e in result.errors] == [(2, "身份证号码")]
    assert "各写一行" in result.errors[0].reason
    assert list_social_info(office_db) == []
