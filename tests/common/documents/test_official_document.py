"""The GB/T 9704 document builder, read back with python-docx and checked in the XML."""

from __future__ import annotations

import itertools
import math
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from hypothesis import given
from hypothesis import strategies as st

from app.common.documents import write_atomically
from app.common.documents.official import (
    FANGSONG,
    HEITI,
    KAITI,
    SONGTI,
    XIAOBIAOSONG,
    Imprint,
    OfficialDocument,
    balanced_title_lines,
    chinese_date,
    text_width,
)
from app.common.errors import KnownError

TITLE = "政协示范县第十届委员会关于开展2025年度委员履职情况考核工作的通知"


def east_asian_font(run) -> str | None:  # type: ignore[no-untyped-def]
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def build(tmp_path: Path) -> Document:
    document = OfficialDocument(title="测试通知", author="示范县政协办公室")
    document.title(TITLE)
    document.recipient("各位委员：")
    document.paragraph("按照委员履职“五个一”要求，现将有关事项通知如下。")
    document.heading(1, "一、总体情况")
    document.heading(2, "（一）参加全体会议")
    document.heading(3, "1. 出席情况")
    document.paragraph("全体委员均出席。", lead="一是")
    document.table(
        [["张三", "经济界", "✓ 1"], ["工作单位及职务", "县<发改>局&局长"]],
        widths_mm=(30, 60, 30),
        header=("姓名", "界别", "全会"),
        centred_columns=(2,),
        bold_columns=(0,),
    )
    document.attachments(["考核表", "名单"])
    document.signature("示范县政协办公室", date(2025, 1, 15))
    document.copy_to(["县委组织部", "县委统战部"])
    document.title("第二份材料", new_page=True)
    path = document.save(tmp_path / "通知.docx")
    return Document(str(path))


@pytest.fixture
def doc(tmp_path: Path) -> Document:
    return build(tmp_path)


def paragraph(doc: Document, text: str):  # type: ignore[no-untyped-def]
    return next(p for p in doc.paragraphs if p.text == text)


# --- page ---------------------------------------------------------------------------


def test_a4_with_the_official_margins(doc: Document) -> None:
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines in 225 mm


def test_defaults_name_the_body_font_for_chinese(doc: Document) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == FANGSONG
    assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the name
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    lang = defaults.find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_every_run_names_an_east_asian_font(doc: Document) -> None:
    runs = [r for p in doc.paragraphs for r in p.runs if r.text]
    runs += [r for t in doc.tables for c in t._cells for p in c.paragraphs for r in p.runs]
    assert runs and all(east_asian_font(r) for r in runs)


def test_properties(doc: Document) -> None:
    assert doc.core_properties.title == "测试通知"
    assert doc.core_properties.author == "示范县政协办公室"


# --- blocks ---------------------------------------------------------------------------


def test_title_in_balanced_lines_2hao_xiaobiaosong_centred(doc: Document) -> None:
    first, second = doc.paragraphs[0], doc.paragraphs[1]
    assert (first.text, second.text) == (
        "政协示范县第十届委员会关于开展",
        "2025年度委员履职情况考核工作的通知",
    )
    for line in (first, second):
        assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert east_asian_font(line.runs[0]) == XIAOBIAOSONG
        assert line.runs[0].font.size == Pt(22)
    assert doc.paragraphs[2].text == ""  # one blank line under the title
    assert not first.paragraph_format.page_break_before
    assert paragraph(doc, "第二份材料").paragraph_format.page_break_before


def test_body_indented_two_characters_and_condensed_to_28_a_line(doc: Document) -> None:
    body = paragraph(doc, "按照委员履职“五个一”要求，现将有关事项通知如下。")
    assert body.paragraph_format.first_line_indent == Pt(32)
    run = body.runs[0]
    assert east_asian_font(run) == FANGSONG and run.font.size == Pt(16)
    assert run._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    recipient = paragraph(doc, "各位委员：")
    assert recipient.paragraph_format.first_line_indent is None


def test_lead_phrase_in_bold(doc: Document) -> None:
    lead, rest = paragraph(doc, "一是全体委员均出席。").runs
    assert (lead.text, lead.bold, rest.bold) == ("一是", True, False)


@pytest.mark.parametrize(
    ("text", "font", "bold"),
    [
        ("一、总体情况", HEITI, False),
        ("（一）参加全体会议", KAITI, False),
        ("1. 出席情况", FANGSONG, True),
    ],
)
def test_heading_levels(doc: Document, text: str, font: str, bold: bool) -> None:
    heading = paragraph(doc, text)
    run = heading.runs[0]
    assert (east_asian_font(run), bool(run.bold), run.font.size) == (font, bold, Pt(16))
    assert heading.paragraph_format.first_line_indent == Pt(32)


def test_page_numbers_in_em_dashes_odd_right_even_left(doc: Document) -> None:
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent"),
    ):
        number = footer.paragraphs[0]
        assert number.alignment == align
        assert getattr(number.paragraph_format, side) == Pt(14)  # 空一字
        xml = number._p.xml
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert [t.text for t in number._p.iter(qn("w:instrText"))] == [" PAGE "]
        assert number.text == "— 1 —"  # em dashes around the (field) number
        assert all(east_asian_font(r) == SONGTI and r.font.size == Pt(14) for r in number.runs)


def test_signature_date_four_characters_in_and_office_centred_over_it(doc: Document) -> None:
    office, when = paragraph(doc, "示范县政协办公室"), paragraph(doc, "2025年1月15日")
    assert office.alignment == when.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert when.paragraph_format.right_indent == Pt(64)
    # 8 characters over a 6.5-character date: 4 - (8 - 6.5) / 2 = 3.25 characters.
    assert office.paragraph_format.right_indent == Pt(52)
    before = doc.paragraphs[[p.text for p in doc.paragraphs].index("示范县政协办公室") - 1]
    assert before.text == ""


def test_attachments_numbered_and_aligned(doc: Document) -> None:
    first, second = paragraph(doc, "附件：1. 考核表"), paragraph(doc, "2. 名单")
    # Both names start 2 + 3 + 1.5 characters in: 附件： then "1. ".
    for item in (first, second):
        start = item.paragraph_format.left_indent + item.paragraph_format.first_line_indent
        assert start in (Pt(32), Pt(16 * 5))
    assert first.paragraph_format.left_indent == second.paragraph_format.left_indent


def test_single_attachment_has_no_number(tmp_path: Path) -> None:
    document = OfficialDocument()
    document.attachments(["考核表"])
    texts = [p.text for p in Document(str(document.save(tmp_path / "a.docx"))).paragraphs]
    assert "附件：考核表" in texts


def test_copy_to_in_4hao(doc: Document) -> None:
    line = paragraph(doc, "抄送：县委组织部，县委统战部。")
    assert line.runs[0].font.size == Pt(14) and east_asian_font(line.runs[0]) == FANGSONG


def test_table_header_repeats_widths_fill_the_type_area(doc: Document) -> None:
    table = doc.tables[0]
    header, row, spanned = table.rows
    assert [c.text for c in header.cells] == ["姓名", "界别", "全会"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert east_asian_font(header.cells[0].paragraphs[0].runs[0]) == HEITI
    assert [c.text for c in row.cells] == ["张三", "经济界", "✓ 1"]
    assert row.cells[0].paragraphs[0].runs[0].bold
    assert not row.cells[1].paragraphs[0].runs[0].bold
    assert row.cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert abs(sum(grid) - Mm(156).twips) <= 2 and grid[1] == 2 * grid[0]
    # A short row ends in a cell spanning the rest; text with < & > survives.
    assert spanned.cells[1].text == "县<发改>局&局长"
    assert spanned._tr.tc_lst[1].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"


def test_table_lines_are_off_the_page_grid(doc: Document) -> None:
    """The page's 22-line grid is for the body: LibreOffice (as on Kylin/UOS) snapped
    every table line to it, 29 pt a line: a 通报 with a 201-member 考核表 took 35 pages, not 16."""
    for cell in doc.tables[0]._tbl.iter(qn("w:tc")):
        ppr = cell.find(qn("w:p")).find(qn("w:pPr"))
        snap = ppr.find(qn("w:snapToGrid"))
        assert snap is not None and snap.get(qn("w:val")) == "0"
        assert ppr.index(snap) < ppr.index(ppr.find(qn("w:spacing")))  # schema order


# --- saving -----------------------------------------------------------------------------


def test_save_replaces_an_earlier_file_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "通报.docx"
    target.write_bytes(b"old")
    document = OfficialDocument()
    document.paragraph("新内容")
    document.save(target)
    assert [p.text for p in Document(str(target)).paragraphs] == ["新内容"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通报.docx"]


def test_failed_write_keeps_the_earlier_file(tmp_path: Path) -> None:
    target = tmp_path / "考核表.xlsx"
    target.write_bytes(b"earlier")

    def broken(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(KnownError) as caught:
        write_atomically(target, broken)
    assert "磁盘空间已满" in caught.value.what
    assert target.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["考核表.xlsx"]


def test_file_open_in_word_is_named_as_such(tmp_path: Path) -> None:
    target = tmp_path / "通报.docx"
    target.write_bytes(b"open in Word")

    def locked(temp: Path) -> None:
        raise PermissionError(13, "Permission denied")

    with pytest.raises(KnownError) as caught:
        write_atomically(target, locked)
    assert "可能正在 Word、WPS 或 Excel 中打开" in caught.value.what
    assert target.read_bytes() == b"open in Word"


def test_missing_folder_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError) as caught:
        OfficialDocument().save(tmp_path / "没有" / "x.docx")
    assert "无法访问" in caught.value.what


# --- text helpers -------------------------------------------------------------------------


def test_chinese_date_has_no_leading_zeros() -> None:
    assert chinese_date(date(2025, 1, 5)) == "2025年1月5日"


def test_text_width_counts_ascii_as_half() -> None:
    assert text_width("2025年") == 3 and text_width("“五个一”") == 5


def test_short_title_stays_on_one_line() -> None:
    assert balanced_title_lines("关于召开全体会议的通知") == ["关于召开全体会议的通知"]


def test_quote_stays_with_the_word_it_opens() -> None:
    lines = balanced_title_lines("关于2025年度委员履职“五个一”情况的通报", max_width=12)
    assert lines == ["关于2025年度委员履职", "“五个一”情况的通报"]


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("关于召开专题协商会：农村牧区人居环境整治的通知",
         ["关于召开专题协商会：", "农村牧区人居环境整治的通知"]),
        ("关于召开政协第十届委员会第五次会议的通知",
         ["关于召开政协第十届委员会", "第五次会议的通知"]),
        ("专题协商会：农村牧区人居环境整治签到表", ["专题协商会：农村牧区", "人居环境整治签到表"]),
        ("政协示范县第十届委员会常务委员会第二十三次会议议程",
         ["政协示范县第十届委员会", "常务委员会第二十三次会议议程"]),
        ("关于加强和改进新时代人民政协提案工作的实施意见的通知",
         ["关于加强和改进新时代人民政协", "提案工作的实施意见的通知"]),
    ],
)  # fmt: skip
def test_a_title_breaks_where_a_phrase_ends_not_inside_a_word(title: str, lines: list[str]) -> None:
    """GB/T 9704: 回行时要做到词意完整 (a title was cut as “…协商会：农 / 村牧区…”)."""
    assert balanced_title_lines(title) == lines
    assert all(text_width(line) <= 18 for line in lines)


@given(
    st.text(
        alphabet=st.sampled_from(list("政协委员会关于开展年度情况的通知“”（）、，0123456789AB")),
        min_size=1,
        max_size=80,
    )
)
def test_balanced_lines_keep_every_character_and_never_split_a_number(title: str) -> None:
    lines = balanced_title_lines(title)
    assert "".join(lines) == title
    assert all(lines)
    assert len(lines) == max(1, math.ceil(text_width(title) / 18))  # as few lines as fit
    for before, after in itertools.pairwise(lines):
        assert not (before[-1].isascii() and after[0].isascii())


# --- what no document may choke on, and the parts added for 通报 and 履职档案 ---------------


def test_control_characters_in_any_text_never_stop_a_document(tmp_path: Path) -> None:
    bad = "张\x00三\x0b\x1b[0m\x07\ufffe"
    document = OfficialDocument(title=bad, author=bad)
    document.title(bad)
    document.paragraph(bad, lead=bad)
    document.heading(1, bad)
    document.table([[bad, f"{bad}\n第二行"]], widths_mm=(30, 60), header=(bad, bad))
    document.signature(bad, date(2025, 1, 15))
    document.copy_to([bad])
    saved = Document(str(document.save(tmp_path / "a.docx")))
    assert saved.paragraphs[0].text == "张三[0m"
    assert saved.tables[0].rows[1].cells[1].text == "张三[0m\n第二行"  # a line break in a cell
    assert saved.core_properties.title == "张三[0m"


def test_run_properties_stay_in_schema_order(doc: Document) -> None:
    """Word refuses a file whose w:rPr children are out of order (w:spacing before w:sz)."""
    order = ["rFonts", "b", "bCs", "color", "spacing", "w", "sz", "szCs"]
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            tags = [child.tag.rsplit("}", 1)[1] for child in run._r.rPr]
            known = [t for t in tags if t in order]
            assert known == sorted(known, key=order.index), tags


def test_letterhead_and_imprint(tmp_path: Path) -> None:
    from app.common.documents.official import Imprint, Letterhead

    document = OfficialDocument()
    document.letterhead(Letterhead("示范县政协办公室文件", "示政协办发〔2025〕3号"))
    document.title("关于某事的通知")
    document.paragraph("正文。")
    document.imprint(Imprint("示范县政协办公室", date(2025, 1, 16), ("县委办公室",)))
    saved = Document(str(document.save(tmp_path / "a.docx")))
    mark = saved.paragraphs[0]
    assert mark.text == "示范县政协办公室文件" and str(mark.runs[0].font.color.rgb) == "FF0000"
    tags = [child.tag.rsplit("}", 1)[1] for child in mark.runs[0]._r.rPr]
    assert tags.index("color") < tags.index("sz")
    number = next(p for p in saved.paragraphs if p.text == "示政协办发〔2025〕3号")
    assert number._p.pPr.find(qn("w:pBdr")) is not None
    rows = [[c.text for c in r.cells] for r in saved.tables[-1].rows]
    assert rows == [
        ["抄送：县委办公室。", "抄送：县委办公室。"],
        ["示范县政协办公室", "2025年1月16日印发"],
    ]


def test_the_imprint_rows_keep_together_where_the_table_is_not_floated(tmp_path: Path) -> None:
    """LibreOffice 7.4 sets a full-width floating table in the text: after a long
    attachment its 抄送 row ended one page and the 印发 row began the next."""
    document = OfficialDocument()
    document.paragraph("正文。")
    document.imprint(Imprint("示范县政协办公室", date(2025, 1, 16), ("县委办公室",)))
    saved = Document(str(document.save(tmp_path / "a.docx")))
    copy_to, printer = saved.tables[-1].rows
    assert all(p._p.pPr.find(qn("w:keepNext")) is not None for p in copy_to.cells[0].paragraphs)
    # the last row holds to nothing: the paragraph after the table may go anywhere
    assert all(p._p.pPr.find(qn("w:keepNext")) is None for c in printer.cells for p in c.paragraphs)


def test_a_landscape_section_with_its_own_page_numbers(tmp_path: Path) -> None:
    document = OfficialDocument()
    document.paragraph("第一部分")
    document.new_section(landscape=True, restart_numbering=True)
    assert abs(document.text_width.mm - 225) < 0.5
    document.table([["甲", "乙"]], widths_mm=(1, 1))
    document.new_section()
    saved = Document(str(document.save(tmp_path / "a.docx")))
    _first, wide, last = saved.sections
    assert wide.page_width > wide.page_height and last.page_width < last.page_height
    assert wide._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert last._sectPr.find(qn("w:pgNumType")) is None  # numbering runs on
    grid = [int(c.get(qn("w:w"))) for c in saved.tables[0]._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert abs(sum(grid) - Mm(225).twips) <= 2  # the table fills the landscape type area


def test_blocks_follow_one_another_with_each_section_ending_in_a_paragraph_of_no_room(
    tmp_path: Path,
) -> None:
    """Paragraphs and tables go at the body's end, before its closing sectPr; the
    paragraph that carries each earlier section's end takes 1 pt."""
    document = OfficialDocument()
    document.paragraph("第一部分")
    document.new_section(restart_numbering=True)
    document.table([["甲", "乙"]], widths_mm=(1, 1), spacer=False)
    document.paragraph("第二部分")
    document.new_section()
    document.paragraph("第三部分")
    body = Document(str(document.save(tmp_path / "a.docx"))).element.body
    blocks = [
        (
            child.tag.split("}")[1],
            "".join(t.text for t in child.iter(qn("w:t"))),
            child.find(f".//{qn('w:sectPr')}"),
        )
        for child in body
    ]
    kinds = [(tag, text) for tag, text, _ in blocks]
    assert kinds == [
        ("p", "第一部分"),
        ("p", ""),  # the first section ends here
        ("tbl", "甲乙"),
        ("p", "第二部分"),
        ("p", ""),  # the second section ends here
        ("p", "第三部分"),
        ("sectPr", ""),
    ]
    ends = [child for child, (_, _, inner) in zip(body, blocks, strict=True) if inner is not None]
    assert len(ends) == 2
    for end in ends:
        spacing = end.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
        assert spacing is not None and spacing.get(qn("w:line")) == "20"  # 1 pt


def test_the_signature_never_stands_alone_on_a_page(tmp_path: Path) -> None:
    """A meeting notice filled page 1 to the 附件 line; the 落款 went alone onto page 2
    (GB/T 9704 7.3.5): the last body paragraph and the 附件 lines go with it."""
    document = OfficialDocument()
    document.title("关于召开优化营商环境专题协商会的通知")
    document.recipient("各位委员、各有关单位：")
    document.paragraph("经研究，定于2026年7月27日召开专题协商会。")
    document.heading(1, "五、有关要求")
    document.paragraph("请参会人员提前15分钟到达会场签到。")
    document.attachments(["参会人员名单"])
    document.signature("青山县政协办公室", date(2026, 7, 20))
    paragraphs = Document(str(document.save(tmp_path / "a.docx"))).paragraphs
    texts = [p.text for p in paragraphs]
    last_body = texts.index("请参会人员提前15分钟到达会场签到。")
    kept = [p.paragraph_format.keep_with_next for p in paragraphs]
    assert texts[-1] == "2026年7月20日"
    assert all(kept[last_body:-1]), list(zip(texts, kept, strict=True))
    assert not kept[texts.index("经研究，定于2026年7月27日召开专题协商会。")]


def test_a_signature_without_body_keeps_its_blank_lines_with_it(tmp_path: Path) -> None:
    document = OfficialDocument()
    document.title("名单")
    document.signature("青山县政协办公室", date(2026, 7, 20))
    paragraphs = Document(str(document.save(tmp_path / "a.docx"))).paragraphs
    kept = [bool(p.paragraph_format.keep_with_next) for p in paragraphs[-4:]]
    assert kept == [True, True, True, False]  # two blank lines, the office, the date
