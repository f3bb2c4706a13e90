"""考核表, 通报 and 履职档案 read back: content, fonts, print setup and masking."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import load_workbook

from app.common.storage import Database
from app.five_ones.check import (
    Criterion,
    FiveOnesReport,
    FiveOnesSummary,
    NoProposals,
    check_five_ones,
)
from app.five_ones.member_file_doc import write_member_files
from app.five_ones.notice import write_five_ones_notice
from app.five_ones.workbook import HEADERS, write_five_ones_workbook
from db.member_models import CppccRole, MembershipStatus
from db.record_models import ActivityKind, WorkKind
from tests.five_ones.helpers import (
    LEAVE,
    PRESENT,
    ListedProposals,
    add_activity,
    add_member,
    add_social_info,
    add_work,
)

ID_NUMBER = "15052319750312001X"
PHONE = "13812345678"


@pytest.fixture
def people(office_db: Database) -> dict[str, str]:
    """张三 meets all five; 李四 only attended (on leave at the plenary);
    王五 joined mid-year; 赵六 left in August; 钱七 left in 2024 (not checked)."""
    zhang = add_member(
        office_db,
        "张三",
        sector="经济界",
        committees=["经济委员会"],
        liaison_group="第三联络组",
        role=CppccRole.STANDING,
        phone=PHONE,
        id_number=ID_NUMBER,
        employer="县发展和改革局局长",
    )
    li = add_member(office_db, "李四", sector="教育界", liaison_group="第五联络组")
    wang = add_member(office_db, "王五", start=date(2025, 3, 1))
    zhao = add_member(
        office_db, "赵六", status=MembershipStatus.RESIGNED, status_date=date(2025, 8, 31)
    )
    add_member(office_db, "钱七", status=MembershipStatus.DECEASED, status_date=date(2024, 5, 1))
    add_activity(
        office_db,
        ActivityKind.PLENARY,
        date(2025, 1, 10),
        {zhang: PRESENT, li: LEAVE, zhao: PRESENT},
        "政协示范县第十届委员会第五次会议",
    )
    add_activity(
        office_db, ActivityKind.INSPECTION, date(2025, 5, 6), {zhang: PRESENT, li: PRESENT}, "视察"
    )
    add_social_info(office_db, date(2025, 4, 1), [zhang], "关于农村养老的建议", adopted=True)
    add_work(office_db, WorkKind.PLENARY_SPEECH, date(2023, 1, 12), [zhang], "关于学前教育的发言")
    add_activity(office_db, ActivityKind.TRAINING, date(2024, 6, 1), {zhang: PRESENT}, "委员培训")
    return {"张三": zhang, "李四": li, "王五": wang, "赵六": zhao}


@pytest.fixture
def report(office_db: Database, people: dict[str, str]) -> FiveOnesReport:
    proposals = ListedProposals().add(people["张三"], date(2025, 1, 9), "关于学前教育的提案")
    return check_five_ones(office_db, 2025, proposals=proposals)


def east_asian(run) -> str | None:  # type: ignore[no-untyped-def]
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


# --- 考核表 -----------------------------------------------------------------------------


@pytest.fixture
def sheet(report: FiveOnesReport, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = write_five_ones_workbook(report, tmp_path / "考核表.xlsx", made_on=date(2026, 1, 5))
    return load_workbook(path).active


def rows_by_name(sheet) -> dict[str, list[object]]:  # type: ignore[no-untyped-def]
    rows = {}
    for row in sheet.iter_rows(min_row=4, values_only=True):
        if row[1] in ("张三", "李四", "王五", "赵六", "钱七"):
            rows[row[1]] = list(row)
    return rows


def test_workbook_title_and_header(sheet) -> None:  # type: ignore[no-untyped-def]
    assert sheet.title == "2025年度考核"
    assert sheet["A1"].value == "示范县政协2025年度委员履职“五个一”考核表"
    assert "A1:L1" in {str(r) for r in sheet.merged_cells.ranges}
    assert "第十届（2021—2026）" in sheet["A2"].value
    assert "请假不视为出席" in sheet["A2"].value and "2026年1月5日" in sheet["A2"].value
    assert [c.value for c in sheet[3]] == list(HEADERS)
    assert list(HEADERS) == [
        "序号", "姓名", "界别", "专委会", "联络组", "参加全体会议", "提交提案",
        "报送社情民意", "参加政协活动", "大会发言或调研视察报告", "是否全部达到", "备注",
    ]  # fmt: skip
    assert sheet.freeze_panes == "C4"


def test_workbook_one_row_per_checked_member(sheet) -> None:  # type: ignore[no-untyped-def]
    rows = rows_by_name(sheet)
    assert set(rows) == {"张三", "李四", "王五", "赵六"}  # 钱七 left in 2024
    assert rows["张三"][1:] == [
        "张三", "经济界", "经济委员会", "第三联络组", "✓ 1", "✓ 1", "✓ 1", "✓ 1", "✓ 1", "是", None,
    ]  # fmt: skip
    assert rows["李四"][5:11] == ["✗ 0", "✗ 0", "✗ 0", "✓ 1", "✗ 0", "否"]
    assert rows["王五"][11] == "2025年3月1日增补，自该日起考核"
    assert rows["赵六"][11] == "2025年8月31日辞去，考核至该日"
    assert [r[0] for r in rows.values()] == [1, 2, 3, 4]


def test_workbook_marks_shortfalls_in_red(sheet) -> None:  # type: ignore[no-untyped-def]
    li_row = next(r for r in range(4, 8) if sheet.cell(r, 2).value == "李四")
    missed, met = sheet.cell(li_row, 6), sheet.cell(li_row, 9)
    assert missed.font.color.rgb.endswith("B3261E") and missed.fill.fgColor.rgb.endswith("FBE3E4")
    assert met.font.color is None or not met.font.color.rgb.endswith("B3261E")
    assert sheet.cell(li_row, 11).font.color.rgb.endswith("B3261E")


def test_workbook_summary_block(sheet) -> None:  # type: ignore[no-untyped-def]
    values = [
        [c for c in row if c is not None] for row in sheet.iter_rows(min_row=9, values_only=True)
    ]
    values = [v for v in values if v]
    assert values[0] == ["汇总"]
    assert ["参加考核人数", 4] in values
    assert ["五项全部达到", 1, "25%"] in values
    assert ["参加全体会议", 2, "50%"] in values
    notes = [v[0] for v in values if isinstance(v[0], str) and v[0].startswith("注：")]
    assert any("另有 1 名本届委员在2025年之前已离任" in n for n in notes)


def test_workbook_print_setup(sheet) -> None:  # type: ignore[no-untyped-def]
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9  # A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.column_dimensions["B"].width == 10 and sheet.column_dimensions["L"].width == 34
    assert "&P" in sheet.oddFooter.center.text


# --- 通报 ---------------------------------------------------------------------------------


@pytest.fixture
def notice(report: FiveOnesReport, tmp_path: Path) -> Document:
    path = write_five_ones_notice(report, tmp_path / "通报.docx", issued_on=date(2026, 1, 15))
    return Document(str(path))


def test_notice_title_and_figures(notice: Document) -> None:
    lines = texts(notice)
    assert lines[:2] == ["关于2025年度委员履职", "“五个一”情况的通报"]
    for title_line in notice.paragraphs[:2]:
        assert east_asian(title_line.runs[0]) == "方正小标宋简体"
        assert title_line.runs[0].font.size == Pt(22)
    assert lines[3] == "各位委员，各专门委员会，各委员联络活动组："
    body = "\n".join(lines)
    assert "2025年度参加考核的委员共4人。其中，“五个一”要求全部达到的1人，占25%。" in body
    assert "参加全体会议的2人" in body and "提交提案的1人" in body
    assert "另有1名本届委员在2025年之前已离任" in body
    assert (
        "本次考核中，联名提案计入每位联名委员；未立案的提案也计入；请假不视为出席；缺席不计。"
        in body
    )


def test_notice_names_who_fell_short_criterion_by_criterion(notice: Document) -> None:
    lines = texts(notice)
    at = lines.index("（一）未参加全体会议（2人）")
    assert lines[at + 1] == "李四、王五。"
    at = lines.index("（二）未提交提案（3人）")
    assert lines[at + 1] == "李四、王五、赵六（8月辞去）。"
    at = lines.index("（四）未参加政协组织的活动（2人）")
    assert lines[at + 1] == "王五、赵六（8月辞去）。"
    heading = next(p for p in notice.paragraphs if p.text == "二、未达到要求的委员")
    assert east_asian(heading.runs[0]) == "黑体"
    sub = next(p for p in notice.paragraphs if p.text.startswith("（一）"))
    assert east_asian(sub.runs[0]) == "楷体_GB2312"


def test_notice_ends_with_attachment_office_and_date(notice: Document) -> None:
    lines = texts(notice)
    assert "附件：2025年度委员履职“五个一”考核表" in lines
    assert lines[-2:] == ["示范县政协办公室", "2026年1月15日"]
    date_line = notice.paragraphs[-1]
    assert date_line.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date_line.paragraph_format.right_indent == Pt(64)


def test_notice_layout_fonts_margins_page_numbers(notice: Document) -> None:
    section = notice.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    runs = [r for p in notice.paragraphs for r in p.runs if r.text]
    assert all(east_asian(r) for r in runs)
    body = next(p for p in notice.paragraphs if p.text.startswith("按照委员履职"))
    assert east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    for footer in (section.footer, section.even_page_footer):
        assert [t.text for t in footer.paragraphs[0]._p.iter(qn("w:instrText"))] == [" PAGE "]
        assert footer.paragraphs[0].text == "— 1 —"
    assert notice.settings.odd_and_even_pages_header_footer


def test_notice_does_not_name_everyone_for_a_duty_with_no_data(
    office_db: Database, people: dict[str, str], tmp_path: Path
) -> None:
    report = check_five_ones(office_db, 2025, proposals=NoProposals())  # no register
    lines = texts(Document(str(write_five_ones_notice(report, tmp_path / "n.docx"))))
    at = lines.index("（二）未提交提案")
    assert lines[at + 1].startswith("本年度尚未录入该项数据，暂不通报")
    assert any("“提交提案”一项本年度尚未录入数据" in line for line in lines)


def test_notice_when_everyone_met_every_duty(
    office_db: Database, people: dict[str, str], tmp_path: Path
) -> None:
    proposals = ListedProposals().add(people["张三"], date(2025, 1, 9))
    report = check_five_ones(office_db, 2025, proposals=proposals)
    only_zhang = replace(
        report,
        members=tuple(m for m in report.members if m.name == "张三"),
        summary=FiveOnesSummary(1, 1, tuple((c, 1) for c in Criterion), 0),
    )
    path = write_five_ones_notice(only_zhang, tmp_path / "n.docx", attachment=None)
    lines = texts(Document(str(path)))
    assert "本年度参加考核的委员均达到“五个一”要求。" in lines
    assert not any(line.startswith("附件") for line in lines)


# --- 履职档案 -----------------------------------------------------------------------------


def member_files(
    office_db: Database, report: FiveOnesReport, tmp_path: Path, uuids: list[str] | None
) -> tuple[Document, Path]:
    path = write_member_files(
        office_db, tmp_path / "档案.docx", 2025, uuids, report=report, printed_on=date(2026, 1, 15)
    )
    return Document(str(path)), path


def table_rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row.cells] for row in table.rows]


def test_member_file_masks_personal_numbers_everywhere(
    office_db: Database, report: FiveOnesReport, people: dict[str, str], tmp_path: Path
) -> None:
    document, path = member_files(office_db, report, tmp_path, [people["张三"]])
    personal = table_rows(document.tables[0])
    assert ["联系电话", "138****5678", "身份证号码", "150523********001X"] in personal
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())
    assert ID_NUMBER not in xml and PHONE not in xml


def test_member_file_content(
    office_db: Database, report: FiveOnesReport, people: dict[str, str], tmp_path: Path
) -> None:
    document, _ = member_files(office_db, report, tmp_path, [people["张三"]])
    lines = texts(document)
    assert lines[0] == "张三委员履职档案"
    assert "示范县政协　打印日期：2026年1月15日" in lines
    assert [line for line in lines if line[:2] in ("一、", "二、", "三、", "四、")] == [
        "一、基本情况",
        "二、任职情况",
        "三、2025年度“五个一”履职情况",
        "四、履职记录",
    ]
    personal, seats, five, *years = document.tables
    assert ["姓名", "张三", "性别", "男"] in table_rows(personal)
    employer = next(r for r in table_rows(personal) if r[0] == "工作单位及职务")
    assert employer[1] == "县发展和改革局局长"
    assert table_rows(seats)[1] == ["第十届（2021—2026）", "常委", "届初", "在任", ""]
    five_rows = table_rows(five)
    assert five_rows[0] == ["项目", "是否达到", "次数", "依据"]
    assert five_rows[1][:3] == ["参加全体会议", "达到", "1"]
    assert five_rows[1][3] == "1月10日 政协示范县第十届委员会第五次会议（出席）"
    assert five_rows[5][3] == "2023年1月 大会发言：关于学前教育的发言"
    assert "2025年度五项要求全部达到。" in lines
    # Records year by year, newest first, from the records service.
    assert [line for line in lines if line.startswith("（")] == [
        "（一）2025年（3项）",
        "（二）2024年（1项）",
        "（三）2023年（1项）",
    ]
    assert table_rows(years[1])[1] == ["6月1日", "培训", "委员培训", "出席"]


def test_member_files_for_all_each_on_a_new_page(
    office_db: Database, report: FiveOnesReport, tmp_path: Path
) -> None:
    document, _ = member_files(office_db, report, tmp_path, None)
    titles = [p for p in document.paragraphs if p.text.endswith("委员履职档案")]
    assert [t.text for t in titles] == [f"{m.name}委员履职档案" for m in report.members]
    assert [t.paragraph_format.page_break_before for t in titles] == [False, True, True, True]
    wang = texts(document)
    assert "2025年度未全部达到“五个一”要求。（2025年3月1日增补，自该日起考核）" in wang


def test_member_file_of_someone_not_checked_this_year(
    office_db: Database, report: FiveOnesReport, tmp_path: Path
) -> None:
    gone = add_member(
        office_db, "孙八", status=MembershipStatus.REVOKED, status_date=date(2024, 1, 1)
    )
    document, _ = member_files(office_db, report, tmp_path, [gone])
    assert "2025年度不在考核范围内（已于该年之前离任）。" in texts(document)
    assert "暂无履职记录。" in texts(document)
