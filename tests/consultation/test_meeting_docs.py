"""The printed meeting materials, read back from the .docx files: page and margins,
fonts, the sign-in sheet's table, the tent cards' turned copies, every attendee's
name, and an empty meeting that still prints and says so."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from app.common.documents.fonts import fallback_names
from app.common.storage import Database
from app.consultation.meetings import meetings, speeches
from app.consultation.printouts.materials import (
    NOBODY,
    NOBODY_COMING,
    TableCard,
    meeting_materials,
    meeting_name,
)
from app.consultation.printouts.meeting_docs import FILE_KINDS, write_meeting_materials
from app.consultation.printouts.table_cards import BOX_WIDTH, ROT_180, name_size, write_table_cards
from app.records.labels import AttendanceStatus
from tests.consultation.conftest import ROSTER, Roster
from tests.consultation.test_meetings import meeting_form

PRESENT, LEAVE, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
WORD_KINDS = [k for k in FILE_KINDS if k != "座签"]


@pytest.fixture
def files(office_db: Database, roster: Roster, tmp_path: Path) -> dict[str, Path]:
    statuses = {name: PRESENT for name, *_ in ROSTER} | {"李秀英": LEAVE, "王伟": ABSENT}
    uuid = meetings.add_meeting(
        office_db, meeting_form(), {roster[name]: s for name, s in statuses.items()}
    )
    speeches.add_speech(
        office_db,
        uuid,
        speeches.SpeechForm(title="关于加大投入的建议", member_uuid=roster["张建国"]),
    )
    return _by_kind(write_meeting_materials(office_db, uuid, tmp_path))


def _by_kind(paths: list[Path]) -> dict[str, Path]:
    return {kind: next(p for p in paths if p.stem.endswith(kind)) for kind in FILE_KINDS}


def text_of(document: DocxDocument) -> str:
    """Every w:t in the body, tables and text boxes included."""
    return "".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def east_asian_fonts(document: DocxDocument) -> set[str]:
    return {
        fonts.get(qn("w:eastAsia"))
        for fonts in document.element.body.iter(qn("w:rFonts"))
        if fonts.get(qn("w:eastAsia"))
    }


@pytest.mark.parametrize("kind", WORD_KINDS)
def test_official_page_margins_and_fonts(files: dict[str, Path], kind: str) -> None:
    document = Document(str(files[kind]))
    section = document.sections[0]
    size = (section.page_width.mm, section.page_height.mm)
    margins = (
        section.top_margin.mm,
        section.bottom_margin.mm,
        section.left_margin.mm,
        section.right_margin.mm,
    )
    assert size == pytest.approx((210, 297), abs=0.1)
    assert margins == pytest.approx((37, 35, 28, 26), abs=0.1)
    title = document.paragraphs[0].runs[0]
    assert title.font.size.pt == 22
    assert title._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert "仿宋_GB2312" in east_asian_fonts(document)
    font_table = next(
        r.target_part.blob for r in document.part.rels.values() if r.reltype.endswith("fontTable")
    )
    fallbacks = fallback_names(font_table)
    assert fallbacks["仿宋_GB2312"].startswith(
        "仿宋"
    )  # Windows has 仿宋, often not the GB2312 face
    assert "宋体" in fallbacks["方正小标宋简体"]


def test_notice_has_its_headings_in_heiti(files: dict[str, Path]) -> None:
    document = Document(str(files["会议通知"]))
    text = text_of(document)
    assert "关于召开农村牧区人居环境整治专题协商会的通知" in text
    assert "一、会议时间" in text
    assert "1. 通报人居环境整治情况（县住房和城乡建设局）" in text
    assert "黑体" in east_asian_fonts(document)
    assert "特邀副县长孙丽娟、县住房和城乡建设局主要负责同志" in text
    assert "示范县政协办公室" in text


def test_sign_in_sheet_lists_everyone_in_rows_to_sign(files: dict[str, Path]) -> None:
    document = Document(str(files["签到表"]))
    [table] = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "姓名", "界别或单位", "签到", "备注"]
    assert [r[1] for r in rows[1:]] == [
        "赵庆丰",  # 主席
        "钱文华",  # 副主席
        "王伟",  # then everyone else 以姓氏笔画为序: 王 4 strokes, 李 张 阿 7
        "李秀英",  # 李 starts with 横
        "张建国",  # 张 and 阿 with 横折
        "阿布都热合曼·艾买提",
        "孙丽娟",  # invited guests last
        "",  # a department sends whoever it sends: they write their name when they sign
    ]
    assert rows[4] == ["4", "李秀英", "教育界", "", "请假"]
    assert rows[3] == ["3", "王伟", "经济界", "", ""]  # absent: printed before the meeting
    assert rows[7][2:] == ["副县长", "", "列席"]
    assert rows[8][2:] == ["县住房和城乡建设局主要负责同志", "", "列席"]
    header, *body = table._tbl.tr_lst
    assert header.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
    for row in table._tbl.tr_lst:
        assert row.trPr.find(qn("w:cantSplit")) is not None  # never split across pages
    heights = {int(r.trPr.find(qn("w:trHeight")).get(qn("w:val"))) for r in body}
    assert heights == {737}  # 13 mm: room to sign


def test_attendee_list_and_minutes_name_each_attendee(files: dict[str, Path]) -> None:
    names = Document(str(files["参会人员名单"]))
    text = text_of(names)
    for name in (
        "赵庆丰",
        "钱文华",
        "张建国",
        "阿布都热合曼·艾买提",
        "孙丽娟",
        "县住房和城乡建设局",
    ):
        assert name in text
    assert "李秀英" not in text  # on leave
    assert "王\u3000伟" not in text  # absent
    assert "政协委员（2人，以姓氏笔画为序）" in text
    assert "列席单位（1个）" in text

    minutes = text_of(Document(str(files["会议纪要"])))
    assert "出席：赵庆丰、钱文华、张建国、阿布都热合曼·艾买提" in minutes
    assert "请假：李秀英" in minutes
    assert "缺席：王伟" in minutes
    assert "列席：孙丽娟、县住房和城乡建设局" in minutes
    assert "一是加大投入。二是健全长效机制。" in minutes
    assert "张建国作了题为“关于加大投入的建议”的发言。" in minutes


def test_a_long_name_in_the_attendee_list_takes_cells_enough_for_one_line(
    files: dict[str, Path],
) -> None:
    """Five names a line: 阿布都热合曼·艾买提 broke over three lines in a fifth of it."""
    document = Document(str(files["参会人员名单"]))
    cells = {
        "".join(t.text for t in tc.iter(qn("w:t"))): tc
        for table in document.tables
        for tc in table._tbl.iter(qn("w:tc"))
    }
    long = cells["阿布都热合曼·艾买提"]
    width_mm = int(long.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))) * 25.4 / 1440
    assert width_mm - 3.8 >= 10 * 16 * 25.4 / 72  # ten characters of 3号, the · counted whole
    for table in document.tables:  # every line still five cells wide
        for row in table._tbl.tr_lst:
            spans = [tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") for tc in row.tc_lst]
            assert sum(int(s.get(qn("w:val"))) if s is not None else 1 for s in spans) == 5
    assert cells["张建国"].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") is None


def test_table_cards_turn_the_upper_copy(files: dict[str, Path]) -> None:
    document = Document(str(files["座签"]))
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((297, 210), abs=0.1)
    cards = document.element.body.findall(qn("w:p"))
    # Guests who are people, then those present: 孙丽娟 (with her title), 4 members.
    assert len(cards) == 5
    half_page = section.page_height // 2
    for card in cards:
        shapes = card.iter(f"{WP}anchor")
        texts = {}
        for anchor in shapes:
            text = "".join(t.text for t in anchor.iter(qn("w:t")))
            if not text:
                continue  # the fold line
            turned = anchor.find(f".//{A}xfrm").get("rot") == str(ROT_180)
            top = int(anchor.find(f"{WP}positionV/{WP}posOffset").text)
            assert (top < half_page) is turned  # the turned copy is on the upper half
            texts.setdefault(text, []).append(turned)
        assert all(sorted(turned) == [False, True] for turned in texts.values())
    names = [sorted(t.text for t in card.iter(qn("w:t")))[0] for card in cards]
    assert "赵庆丰" in "".join(names)
    all_text = text_of(document)
    # A leader's card carries the title, on both faces (each with its VML fallback).
    assert all_text.count("副县长") == 4
    assert all_text.count("阿布都热合曼·艾买提") == 4  # two faces, and each VML fallback


def test_name_sizes() -> None:
    assert name_size("王\u3000伟") == 120
    assert name_size("张建国") == 120
    assert name_size("欧阳明辉") == 100
    long = "阿布都热合曼·艾买提"
    assert name_size(long) < 100
    assert name_size(long) * 9.5 <= BOX_WIDTH.pt  # 9 characters and a half-width dot


def test_a_long_title_under_a_name_stays_on_the_card(tmp_path: Path) -> None:
    """A guest's full unit and post ran off both edges of the page at 28 pt."""
    title = "内蒙古自治区赤峰市巴林右旗人民政府发展和改革委员会重大项目建设服务中心主任兼党组副书记"
    path = write_table_cards(
        [TableCard("赵志刚", title), TableCard("王伟", "副县长")], tmp_path / "c.docx"
    )
    document = Document(str(path))
    page_width = document.sections[0].page_width
    sizes = {}
    for anchor in document.element.body.iter(f"{WP}anchor"):
        text = "".join(t.text for t in anchor.iter(qn("w:t")))
        if not text:
            continue  # the fold line
        left = int(anchor.find(f"{WP}positionH/{WP}posOffset").text)
        width = int(anchor.find(f"{WP}extent").get("cx"))
        assert left >= 0 and left + width <= page_width, text  # on the page
        sizes[text] = int(anchor.find(f".//{qn('w:sz')}").get(qn("w:val"))) / 2
    assert sizes[title] < 28 and sizes[title] * 43 <= BOX_WIDTH.pt  # its 43 characters fit
    assert sizes["副县长"] == 28  # a short title as before


def test_a_meeting_with_nobody_still_prints_and_says_so(
    office_db: Database, tmp_path: Path
) -> None:
    uuid = meetings.add_meeting(office_db, replace(meeting_form(), guests=()))
    files = _by_kind(write_meeting_materials(office_db, uuid, tmp_path))
    for kind in FILE_KINDS:
        document = Document(str(files[kind]))  # opens: a valid file
        if kind != "会议议程":  # the agenda names no attendees
            assert NOBODY in text_of(document), kind
    [table] = Document(str(files["签到表"])).tables
    assert len(table.rows) == 13  # the header and blank rows to sign by hand
    assert meeting_materials(office_db, uuid).nobody


def test_write_table_cards_on_its_own(tmp_path: Path) -> None:
    path = write_table_cards([TableCard("王伟")], tmp_path / "座签.docx")
    text = text_of(Document(str(path)))
    assert text.count("王\u3000伟") == 4  # two faces, each with its VML fallback


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("专题协商会：农村牧区人居环境整治", "“农村牧区人居环境整治”专题协商会"),
        ("对口协商座谈会: “牧区防灾减灾”", "“牧区防灾减灾”对口协商座谈会"),
        ("主席会议：研究年度协商计划", "“研究年度协商计划”主席会议"),
        ("农村牧区人居环境整治专题协商会", "农村牧区人居环境整治专题协商会"),
        ("调研：肉牛产业", "调研：肉牛产业"),  # not a meeting's kind before the colon
    ],
)
def test_a_title_written_kind_colon_subject_reads_as_a_meeting(title: str, named: str) -> None:
    assert meeting_name(title) == named


def test_the_notice_of_a_kind_colon_subject_meeting_reads_as_a_sentence(
    office_db: Database, roster: Roster, tmp_path: Path
) -> None:
    """The form suggests such a title; 关于召开专题协商会：…的通知 was printed."""
    form = meeting_form(title="专题协商会：农村牧区人居环境整治")
    uuid = meetings.add_meeting(office_db, form, {roster["张建国"]: PRESENT})
    printed = _by_kind(write_meeting_materials(office_db, uuid, tmp_path))
    notice = text_of(Document(str(printed["会议通知"])))
    assert "关于召开“农村牧区人居环境整治”专题协商会的通知" in notice
    assert "召开“农村牧区人居环境整治”专题协商会。现将有关事项通知如下" in notice
    assert "“农村牧区人居环境整治”专题协商会签到表" in text_of(Document(str(printed["签到表"])))
    assert printed["会议通知"].name.endswith("农村牧区人居环境整治专题协商会-会议通知.docx")


def ends_in_a_hairline(document: DocxDocument) -> bool:
    """The paragraph after the last table is 1 pt high and off the line grid: a full 3号
    line there went on to a blank page of its own when the table filled the page."""
    body = document.element.body
    last = body[-2]  # before the section properties
    if last.tag != qn("w:p") or last.getprevious().tag != qn("w:tbl") or last.xpath(".//w:t"):
        return False
    properties = last.pPr
    snap = properties.find(qn("w:snapToGrid"))
    spacing = properties.find(qn("w:spacing"))
    return (
        snap is not None
        and snap.get(qn("w:val")) == "0"
        and spacing is not None
        and spacing.get(qn("w:line")) == "20"  # twentieths of a point: 1 pt
        and spacing.get(qn("w:lineRule")) == "exact"
    )


def test_the_sign_in_sheet_ends_without_a_blank_page(
    office_db: Database, files: dict[str, Path], tmp_path: Path
) -> None:
    assert ends_in_a_hairline(Document(str(files["签到表"])))
    nobody = meetings.add_meeting(
        office_db, replace(meeting_form(title="季度协商座谈会"), guests=())
    )
    (tmp_path / "empty").mkdir()
    empty = _by_kind(write_meeting_materials(office_db, nobody, tmp_path / "empty"))
    assert ends_in_a_hairline(Document(str(empty["签到表"])))


def test_a_list_with_everyone_on_leave_says_so_not_that_nobody_is_chosen(
    office_db: Database, roster: Roster, tmp_path: Path
) -> None:
    statuses = {roster[name]: LEAVE for name, *_ in ROSTER} | {roster["王伟"]: ABSENT}
    uuid = meetings.add_meeting(office_db, replace(meeting_form(), guests=()), statuses)
    files = _by_kind(write_meeting_materials(office_db, uuid, tmp_path))
    text = text_of(Document(str(files["参会人员名单"])))
    assert NOBODY_COMING in text and NOBODY not in text
    assert meeting_materials(office_db, uuid).attendee_list.empty_note == NOBODY_COMING
    cards = text_of(Document(str(files["座签"])))  # no card, and the same reason
    assert NOBODY_COMING in cards and NOBODY not in cards
