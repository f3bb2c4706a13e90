"""通报 read back: 版头, body, signature, the appended 考核表, 版记, and its settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from app.common.documents.word_tables import text_lines
from app.common.errors import KnownError
from app.common.storage import Database
from app.five_ones.check import (
    Criterion,
    FiveOnesReport,
    FiveOnesSummary,
    NoProposals,
    check_five_ones,
)
from app.five_ones.notice import write_five_ones_notice
from app.five_ones.notice_options import (
    Attachment,
    NoticeOptions,
    clean_options,
    load_notice_options,
    save_notice_options,
)
from app.five_ones.workbook import HEADERS
from tests.five_ones.helpers import ListedProposals, store_member_fields

OPTIONS = NoticeOptions(
    number="示政协办发〔2026〕1号",
    issued_on=date(2026, 1, 15),
    copy_to=("县委办公室", "县政府办公室"),
    attachment=Attachment.NAMED,
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def east_asian(run) -> str | None:  # type: ignore[no-untyped-def]
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def written(report: FiveOnesReport, tmp_path: Path, options: NoticeOptions = OPTIONS) -> Document:
    return Document(str(write_five_ones_notice(report, tmp_path / "通报.docx", options)))


@pytest.fixture
def notice(report: FiveOnesReport, tmp_path: Path) -> Document:
    return written(report, tmp_path)


def imprint_table(document: Document):  # type: ignore[no-untyped-def]
    return document.tables[-1]


# --- 版头 -----------------------------------------------------------------------------------


def test_letterhead_red_organ_mark_number_and_red_rule(notice: Document) -> None:
    mark = notice.paragraphs[0]
    assert mark.text == "示范县政协办公室文件"  # the issuer followed by 文件
    assert mark.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = mark.runs[0]
    assert east_asian(run) == "方正小标宋简体" and str(run.font.color.rgb) == "FF0000"
    assert run.font.size >= Pt(22)
    assert abs(mark.paragraph_format.space_before - Mm(35)) < Mm(0.5)  # 35 mm under the top
    number = next(p for p in notice.paragraphs if p.text == "示政协办发〔2026〕1号")
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert texts(notice)[1:3] == ["", ""]  # 空二行 between the mark and the number
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000" and rule.get(qn("w:val")) == "single"
    at = texts(notice).index("示政协办发〔2026〕1号")
    assert texts(notice)[at + 1 : at + 4] == ["", "", "关于2025年度委员履职"]


def test_a_long_organ_name_is_narrowed_to_one_line(report: FiveOnesReport, tmp_path: Path) -> None:
    options = replace(
        OPTIONS, organ_mark="中国人民政治协商会议内蒙古自治区赤峰市示范县委员会办公室文件"
    )
    run = written(report, tmp_path, options).paragraphs[0].runs[0]
    assert run.font.size == Pt(22)
    scale = run._r.rPr.find(qn("w:w"))
    assert scale is not None and 50 <= int(scale.get(qn("w:val"))) < 100


# --- body ---------------------------------------------------------------------------------


def test_notice_title_and_figures(notice: Document) -> None:
    lines = texts(notice)
    at = lines.index("关于2025年度委员履职")
    assert lines[at + 1] == "“五个一”情况的通报"
    for title_line in notice.paragraphs[at : at + 2]:
        assert east_asian(title_line.runs[0]) == "方正小标宋简体"
        assert title_line.runs[0].font.size == Pt(22)
    assert lines[at + 3] == "各位委员，各专门委员会，各委员联络活动组："
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
    at = lines.index("（一）未参加全体会议（1人）")  # 王五 joined after it: not applicable
    assert lines[at + 1] == "李四。"
    at = lines.index("（二）未提交提案（3人）")
    assert lines[at + 1] == "王五、李四、赵六（8月辞去）。"
    at = lines.index("（四）未参加政协组织的活动（2人）")
    assert lines[at + 1] == "王五、赵六（8月辞去）。"
    heading = next(p for p in notice.paragraphs if p.text == "二、未达到要求的委员")
    assert east_asian(heading.runs[0]) == "黑体"
    sub = next(p for p in notice.paragraphs if p.text.startswith("（一）"))
    assert east_asian(sub.runs[0]) == "楷体_GB2312"


def test_notice_ends_with_attachment_office_and_date(notice: Document) -> None:
    lines = [line for line in texts(notice) if line]
    assert "附件：2025年度委员履职“五个一”考核表" in lines
    assert lines[-2:] == ["示范县政协办公室", "2026年1月15日"]
    date_line = next(p for p in notice.paragraphs if p.text == "2026年1月15日")
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
    lines = texts(written(report, tmp_path))
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
    lines = texts(written(only_zhang, tmp_path, replace(OPTIONS, attachment=Attachment.NONE)))
    assert "本年度参加考核的委员均达到“五个一”要求。" in lines
    assert not any(line.startswith("附件") for line in lines)
    assert len(Document(str(tmp_path / "通报.docx")).sections) == 1


# --- 附件 and 版记 ----------------------------------------------------------------------------


def test_the_workbook_appended_as_attachment_on_landscape_pages(
    report: FiveOnesReport, tmp_path: Path
) -> None:
    document = written(report, tmp_path, replace(OPTIONS, attachment=Attachment.APPENDED))
    lines = texts(document)
    assert "附件：2025年度委员履职“五个一”考核表" in lines
    body, attachment = document.sections
    assert body.orientation == WD_ORIENT.PORTRAIT
    assert attachment.orientation == WD_ORIENT.LANDSCAPE
    assert attachment.page_width > attachment.page_height
    # 附件 (3号黑体) flush left, after the signature; the title centred two lines down.
    at = lines.index("附件")
    assert lines.index("2026年1月15日") < at
    assert east_asian(document.paragraphs[at].runs[0]) == "黑体"
    assert lines[at + 2] == "2025年度委员履职“五个一”考核表"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(HEADERS)
    names = [row.cells[1].text for row in table.rows[1:]]
    assert names == [m.name for m in report.members]
    assert [row.cells[5].text for row in table.rows[1:]] == ["不适用", "✗ 0", "✓ 1", "✓ 1"]
    # The 版记 comes after the attachment, on the last page.
    assert document.element.body.index(imprint_table(document)._tbl) > document.element.body.index(
        table._tbl
    )


def test_names_sectors_and_committees_of_the_appended_workbook_stay_on_one_line(
    report: FiveOnesReport, tmp_path: Path
) -> None:
    """无党派人士 printed as 无党派人 / 士, 社会和法制委员会 as 社会和法制委员 / 会."""
    wide = [
        ("欧阳明辉", "无党派人士", "社会和法制委员会"),
        ("李四", "少数民族界", "农业和农村委员会"),
    ]
    members = tuple(
        replace(m, name=name, sector=sector, committees=(committee,))
        for m, (name, sector, committee) in zip(report.members, wide * 2, strict=False)
    )
    options = replace(OPTIONS, attachment=Attachment.APPENDED)
    document = written(replace(report, members=members), tmp_path, options)
    table = document.tables[0]
    grid = [int(c.get(qn("w:w"))) * 25.4 / 1440 for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    for row in table.rows[1:]:
        for column in (1, 2, 3):  # 姓名, 界别, 专委会
            text = row.cells[column].text
            assert text in {w[column - 1] for w in wide}
            assert text_lines(text, grid[column], 10.5) == 1, text


def test_imprint_at_the_foot_of_the_last_page(notice: Document) -> None:
    table = imprint_table(notice)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][0] == "抄送：县委办公室，县政府办公室。"
    assert rows[1] == ["示范县政协办公室", "2026年1月15日印发"]
    position = table._tbl.tblPr.find(qn("w:tblpPr"))
    assert position.get(qn("w:tblpYSpec")) == "bottom"  # on the type area's bottom edge
    assert position.get(qn("w:vertAnchor")) == "margin"
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    sizes = {side: borders.find(qn(f"w:{side}")).get(qn("w:sz")) for side in ("top", "bottom")}
    assert sizes == {"top": "8", "bottom": "8"}  # thick first and last rules
    assert borders.find(qn("w:insideH")).get(qn("w:sz")) == "6"  # a thin one between
    assert borders.find(qn("w:left")).get(qn("w:val")) == "nil"
    run = table.rows[1].cells[0].paragraphs[0].runs[0]
    assert east_asian(run) == "仿宋_GB2312" and run.font.size == Pt(14)
    # Nothing follows it but the paragraph a document must end with.
    assert table._tbl.getnext().tag == f"{W}p" and not notice.paragraphs[-1].text


def test_without_copy_to_the_imprint_has_only_the_printer(
    report: FiveOnesReport, tmp_path: Path
) -> None:
    options = replace(OPTIONS, copy_to=(), printer="政协示范县委员会办公室")
    rows = [
        [c.text for c in r.cells] for r in imprint_table(written(report, tmp_path, options)).rows
    ]
    assert rows == [["政协示范县委员会办公室", "2026年1月15日印发"]]


def test_names_with_control_characters_already_stored_do_not_stop_the_notice(
    office_db: Database, people: dict[str, str], tmp_path: Path
) -> None:
    store_member_fields(office_db, people["李四"], name="李\x00四\x1b\x07")
    report = check_five_ones(office_db, 2025)
    lines = texts(written(report, tmp_path, replace(OPTIONS, attachment=Attachment.APPENDED)))
    assert "李四。" in lines


# --- the clerk's settings -------------------------------------------------------------------


def test_options_are_remembered_for_next_time(office_db: Database) -> None:
    saved = save_notice_options(
        office_db,
        NoticeOptions(
            issuer="政协示范县委员会办公室",
            number="示政协办发[2026]2号",
            issued_on=date(2030, 1, 6),
            copy_to=("县委办公室、县人大常委会办公室", "县政府办公室。"),
            printer="政协示范县委员会办公室",
            attachment=Attachment.NONE,
        ),
    )
    assert saved.number == "示政协办发〔2026〕2号"  # the year in 六角括号
    assert saved.copy_to == ("县委办公室", "县人大常委会办公室", "县政府办公室")
    assert load_notice_options(office_db, today=date(2026, 1, 5)) == saved


def test_a_remembered_date_that_has_passed_gives_way_to_today(office_db: Database) -> None:
    save_notice_options(office_db, NoticeOptions(issued_on=date(2026, 1, 6)))
    assert load_notice_options(office_db, today=date(2026, 1, 6)).issued_on == date(2026, 1, 6)
    assert load_notice_options(office_db, today=date(2026, 1, 7)).issued_on is None


def test_options_are_cleaned_and_limited() -> None:
    cleaned = clean_options(
        NoticeOptions(issuer=" 示范县\x00政协\x1b办公室 ", copy_to=("甲\x07局",))
    )
    assert cleaned.issuer == "示范县政协办公室" and cleaned.copy_to == ("甲局",)
    with pytest.raises(KnownError) as caught:
        clean_options(NoticeOptions(number="号" * 41))
    assert "发文字号过长（41字，不超过40字）" in caught.value.what


def test_defaults_name_the_office_and_today(report: FiveOnesReport, tmp_path: Path) -> None:
    path = write_five_ones_notice(report, tmp_path / "n.docx", made_on=date(2026, 2, 3))
    document = Document(str(path))
    lines = [line for line in texts(document) if line]
    assert lines[0] == "示范县政协办公室文件"
    assert "2026年2月3日" in lines
    assert [c.text for c in imprint_table(document).rows[-1].cells] == [
        "示范县政协办公室",
        "2026年2月3日印发",
    ]
