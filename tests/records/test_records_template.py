"""Issue 9 item 10: the duty-record import's blank template (`records template FILE`, and the
page's button) and the header names offices use (会议名称, 会议时间, 活动名称, 活动时间 …)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.common.errors import KnownError
from app.records.activities import get_activity, list_activities
from app.records.record_items import list_social_info
from app.records.records_import import import_records
from app.records.records_rows import RECORD_COLUMNS
from app.records.records_template import CATEGORIES, HEADER_ROW, write_records_template
from tests.records.test_records_import import YEAR, members  # noqa: F401
from ui.entry import main

pytestmark = pytest.mark.usefixtures("members")


def _sheet(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2025年委员出席会议情况登记表"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_the_template_has_the_columns_the_import_reads(tmp_path):
    path = write_records_template(tmp_path / "模板.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["履职记录"]
    headers = [sheet.cell(HEADER_ROW, c + 1).value for c in range(len(RECORD_COLUMNS))]
    assert headers == ["姓名", "身份证号码", "日期", "类别", "名称", "情况"]
    assert sheet.cell(HEADER_ROW + 1, 2).number_format == "@"  # ID numbers stay text
    assert sheet.cell(HEADER_ROW + 1, 3).number_format == "yyyy-mm-dd"
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["D4:D1003"] == '"' + ",".join(CATEGORIES) + '"'
    assert "出席,请假,缺席" in lists["F4:F1003"]
    notes = [c.value for c in book["填写说明"]["A"] if c.value]
    assert notes[0] == "填写说明"
    assert any("会议名称" in n for n in notes)
    assert any(n.startswith("张三 | ") for n in notes)  # the examples, as sentences


def test_the_blank_template_imports_nothing_and_says_so(office_db, tmp_path):
    path = write_records_template(tmp_path / "模板.xlsx")
    with pytest.raises(KnownError, match="没有数据行"):
        import_records(office_db, path)


def test_a_filled_in_template_imports(office_db, tmp_path):
    path = write_records_template(tmp_path / "模板.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["履职记录"]
    day = date(YEAR, 3, 2)
    rows = [
        ["张建国", None, day, "全体会议", "第五次会议", "出席"],
        ["李秀英", None, day, "全体会议", "第五次会议", "请假"],
        ["王志强", None, day, "社情民意", "关于农村饮水安全的建议", "采用、批示"],
    ]
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(HEADER_ROW + offset, column, value)
    book.save(path)
    result = import_records(office_db, path)
    assert result.ok, result.errors
    assert (result.activities_new, result.attendance_new, result.social_info_new) == (1, 2, 1)
    [info] = list_social_info(office_db, YEAR)
    assert (info.adopted, info.instructed) == (True, True)


@pytest.mark.parametrize(
    ("header", "marks", "statuses"),
    [
        ("参会人员 会议时间 会议类型 会议名称 出席情况", "出席 请假", "出席 请假"),
        ("委员姓名 活动时间 活动类别 活动名称 参会情况", "到会 缺席", "出席 缺席"),
        ("姓名 会议日期 类别 会议主题 是否出席", "是 否", "出席 缺席"),
    ],
)
def test_the_headers_offices_use_are_read(office_db, tmp_path, header, marks, statuses):
    day, title = f"{YEAR}-06-12", "视察农村饮水安全工程"
    first, second = marks.split()
    rows = [[1, "张建国", day, "视察", title, first], [2, "李秀英", day, "视察", title, second]]
    result = import_records(
        office_db, _sheet(tmp_path / "登记.xlsx", ["序号", *header.split()], rows)
    )
    assert result.ok, result.errors
    [activity] = list_activities(office_db, YEAR)
    assert activity.title == title
    shown = {a.name: a.status_label for a in get_activity(office_db, activity.uuid).attendance}
    assert shown == dict(zip(["张建国", "李秀英"], statuses.split(), strict=True))


def test_the_command_writes_the_template_and_never_overwrites(office_db, tmp_path, capsys):
    path = tmp_path / "履职记录模板.xlsx"
    args = ["--data-dir", str(office_db.location.data_dir), "records", "template", str(path)]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert err == "" and f"已保存空白履职记录模板：{path}" in out
    assert openpyxl.load_workbook(path)["履职记录"].cell(HEADER_ROW, 1).value == "姓名"
    path.write_bytes(b"the office's own sheet")
    assert main(args) == 1
    assert "已存在，未覆盖" in capsys.readouterr().err
    assert path.read_bytes() == b"the office's own sheet"
    assert main([*args, "--force"]) == 0
