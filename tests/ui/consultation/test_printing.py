"""The printouts the program draws itself (签到表, 座签, 参会人员名单): printed to PDF
through QPrinter and read back — page count, orientation, and the text on each page
(pdftotext where installed) — and what the canvas drew where (sizes, rows kept
whole, the upper copy of a card turned)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation.meetings import meetings
from app.consultation.meetings.meetings import MeetingForm
from app.consultation.printouts.materials import (
    NOBODY,
    NOBODY_COMING,
    AttendeeList,
    MeetingMaterials,
    NameEntry,
    NameGroup,
    SignInRow,
    TableCard,
    meeting_materials,
)
from app.consultation.printouts.table_cards import TITLE_PT, title_size
from app.records.labels import ActivityKind
from tests.ui.consultation.conftest import MEETING_DAY, pdf_landscape, pdf_pages, pdf_text
from ui.consultation.printing import sign_in_sheet
from ui.consultation.printing.canvas import FANG, SONG, Canvas, font
from ui.consultation.printing.printer import (
    ATTENDEES,
    CARDS,
    SIGN_IN,
    Printout,
    preview_dialog,
    render,
    set_up_printer,
    write_pdf,
)
from ui.consultation.printing.table_cards import PAGE as CARD_PAGE
from ui.consultation.printing.table_cards import SIDE

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def print_to_pdf(path: Path, printout: Printout, materials: MeetingMaterials) -> Canvas:
    """What the preview and the printer get, onto a PDF file; the canvas drawn on."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    set_up_printer(printer, printout, materials.title)
    return render(printer, printout, materials)


def many_rows(count: int) -> tuple[SignInRow, ...]:
    return tuple(
        SignInRow(n, f"{SURNAMES[n % len(SURNAMES)]}委员{n}", "经济界", "请假" if n == 7 else "")
        for n in range(1, count + 1)
    )


@pytest.fixture
def materials(qapp, office_db: Database, meeting: str) -> MeetingMaterials:
    return meeting_materials(office_db, meeting)


@pytest.fixture
def empty_materials(qapp, office_db: Database) -> MeetingMaterials:
    form = MeetingForm(kind=ActivityKind.CONSULTATION, title="季度协商座谈会", held_on=MEETING_DAY)
    return meeting_materials(office_db, meetings.add_meeting(office_db, form))


def test_the_sign_in_sheet_repeats_its_header_and_keeps_rows_whole(materials, tmp_path):
    sheet = replace(materials.sign_in, rows=many_rows(60))
    big = replace(materials, sign_in=sheet)
    canvas = print_to_pdf(tmp_path / "签到表.pdf", SIGN_IN, big)

    pages = canvas.pages
    assert pdf_pages(tmp_path / "签到表.pdf") == len(pages) == 4
    assert not pdf_landscape(tmp_path / "签到表.pdf")
    for number, page in enumerate(pages, start=1):
        assert [t for t in page if t in sheet.columns] == list(sheet.columns)  # header row
        assert f"第 {number} 页，共 4 页" in page
    assert pages[0][0] == sheet.title and pages[1][0] == f"{sheet.title}（续）"
    # Every member once, in order, each row whole above the page's foot.
    names = [t.text for page in canvas.drawn for t in page if "委员" in t.text]
    assert names == [r.name for r in sheet.rows]
    for page in canvas.drawn:
        rows = [t for t in page if "委员" in t.text]
        assert all(t.y + t.height <= sign_in_sheet.BOTTOM + 0.01 for t in rows)
        assert all(t.height == sheet.row_height_mm for t in rows)  # room to sign
    assert sum(1 for page in canvas.pages for t in page if t == "请假") == 1

    text = pdf_text(tmp_path / "签到表.pdf")
    if text is not None:
        assert len(text) == 4
        assert sheet.title in text[0].replace(" ", "")
        assert all("序号" in page and "签到" in page for page in text)
        assert "委员60" in text[3]


def test_a_real_meeting_prints_its_sign_in_sheet_with_members_then_guests(materials, tmp_path):
    path = write_pdf(tmp_path / "签到表.pdf", SIGN_IN, materials)
    assert pdf_pages(path) == 1
    text = pdf_text(path)
    if text is not None:
        page = text[0].replace(" ", "")
        assert "专题协商会签到表" in page and "2026年5月20日" in page
        # The chair first (official order), the guests last, marked 列席.
        assert page.index("赵庆丰") < page.index("张建国") < page.index("孙丽娟")
        assert "阿布都热合曼·\n" in page and "艾买提" in page  # two lines, see below
        assert "列席" in page and "请假" in page


@pytest.mark.parametrize(
    ("name", "drawn", "smallest"),
    [
        ("王伟", "王伟", 14),
        ("欧阳文华", "欧阳文华", 14),
        # Too long for one line at 11 pt: two lines, broken after the ·, not 7 pt.
        ("阿布都热合曼·艾买提", "阿布都热合曼·\n艾买提", 9.5),
        ("县人民政府办公室主任助理", "县人民政府办公室主任助理", 9.5),
    ],
)
def test_a_long_name_on_the_sign_in_sheet_takes_two_lines_not_a_tiny_font(
    materials, tmp_path, name, drawn, smallest
):
    sheet = replace(materials.sign_in, rows=(SignInRow(1, name, "特邀", ""),))
    canvas = print_to_pdf(tmp_path / "签到表.pdf", SIGN_IN, replace(materials, sign_in=sheet))
    (cell,) = [t for t in canvas.drawn[0] if t.text.replace("\n", "") == name.replace("\n", "")]
    assert cell.text == drawn
    assert cell.points >= smallest
    lines = cell.text.split("\n")
    needed = [canvas.text_width(line, font(SONG, cell.points)) for line in lines]
    if len(lines) == 1 and cell.points < 14:  # wrapped by Qt: it must still fit the row
        assert canvas.text_height(name, font(SONG, cell.points), cell.width) <= cell.height
    else:
        assert max(needed) <= cell.width + 0.01


def test_table_cards_one_landscape_page_each_name_twice_upper_turned(materials, tmp_path):
    cards = (
        TableCard("王伟"),
        TableCard("欧阳文华"),
        TableCard("阿布都热合曼·艾买提"),
        TableCard("孙丽娟", "副县长"),
    )
    canvas = print_to_pdf(tmp_path / "座签.pdf", CARDS, replace(materials, cards=cards))
    assert pdf_pages(tmp_path / "座签.pdf") == 4 == len(canvas.drawn)
    assert pdf_landscape(tmp_path / "座签.pdf")
    for page, card in zip(canvas.drawn, cards, strict=True):
        names = [t for t in page if t.text.replace("\u3000", "") == card.name]
        assert [t.turned for t in names] == [False, True]  # the far face turned 180°
        assert all(t.width <= CARD_PAGE.width - 2 * SIDE for t in names)  # never off the page
        name = names[0]
        assert CARD_PAGE.height / 2 < name.y < CARD_PAGE.height  # the lower face: below the fold
    sizes = {card.name: canvas.drawn[i][1].points for i, card in enumerate(cards[:3])}
    assert sizes["王伟"] == 120  # spaced out: 王　伟
    assert sizes["欧阳文华"] == 100
    assert 36 <= sizes["阿布都热合曼·艾买提"] < 100
    leader = [t.text for t in canvas.drawn[3]]
    assert leader.count("副县长") == 2

    text = pdf_text(tmp_path / "座签.pdf")
    if text is not None:
        assert "王" in text[0] and "伟" in text[0]
        assert "副县长" in text[3]


def test_a_long_title_on_a_drawn_table_card_shrinks_as_in_the_word_file(materials, tmp_path):
    """A guest's full unit and post under the name: drawn at the Word file's size for it,
    not at 28 pt over several lines."""
    title = "内蒙古自治区巴彦淖尔市乌拉特前旗人民政府办公室党组书记、主任"
    cards = (TableCard("孙丽娟", title), TableCard("王伟", "副县长"))
    canvas = print_to_pdf(tmp_path / "座签.pdf", CARDS, replace(materials, cards=cards))
    long, short = (
        [t for t in page if t.text == card.title]
        for page, card in zip(canvas.drawn, cards, strict=True)
    )
    assert [t.points for t in long] == [title_size(title)] * 2 and title_size(title) < TITLE_PT
    assert [t.points for t in short] == [TITLE_PT] * 2


def test_the_attendee_list_groups_and_counts_and_breaks_pages(materials, tmp_path):
    members = tuple(NameEntry(f"{SURNAMES[n % 20]}名{n}") for n in range(1, 181))
    names = AttendeeList(
        title=materials.attendee_list.title,
        subtitle=materials.attendee_list.subtitle,
        groups=(
            NameGroup("出席领导", (NameEntry("孙丽娟", "副县长"),), with_details=True),
            NameGroup("政协委员", members, order_note="以姓氏笔画为序"),
            NameGroup(
                "列席单位", (NameEntry("县住房和城乡建设局", "主要负责同志"),), True, unit="个"
            ),
        ),
    )
    canvas = print_to_pdf(tmp_path / "名单.pdf", ATTENDEES, replace(materials, attendee_list=names))
    pages = canvas.pages
    assert pdf_pages(tmp_path / "名单.pdf") == len(pages) >= 2
    flat = [t for page in pages for t in page]
    assert "一、出席领导（1人）" in flat
    assert "二、政协委员（180人，以姓氏笔画为序）" in flat
    assert "三、列席单位（1个）" in flat
    assert sum(1 for t in flat if t.startswith(tuple(SURNAMES)) and "名" in t) == 180
    for page in pages:  # a heading never ends a page
        body = [t for t in page if not t.startswith("—")]
        assert not body[-1].startswith(("一、", "二、", "三、"))
        assert page[-1] == f"— {pages.index(page) + 1} —"


def test_a_meeting_with_nobody_yet_still_prints_and_says_so(empty_materials, tmp_path):
    assert empty_materials.nobody
    for printout in (SIGN_IN, CARDS, ATTENDEES):
        path = tmp_path / f"{printout.key}.pdf"
        canvas = print_to_pdf(path, printout, empty_materials)
        assert pdf_pages(path) == 1
        assert any(NOBODY in t for t in canvas.pages[0]), printout.label
        text = pdf_text(path)
        if text is not None:
            assert "尚未确定参会人员" in text[0].replace(" ", "")
    # The sign-in sheet still has its header and lines to sign by hand.
    canvas = print_to_pdf(tmp_path / "again.pdf", SIGN_IN, empty_materials)
    assert "序号" in canvas.pages[0] and "签到" in canvas.pages[0]


def test_a_pdf_that_cannot_be_written_changes_nothing(materials, tmp_path):
    folder = tmp_path / "材料"
    folder.mkdir()
    with pytest.raises(KnownError):
        write_pdf(folder / "不存在的文件夹" / "签到表.pdf", SIGN_IN, materials)
    existing = folder / "签到表.pdf"
    existing.write_bytes(b"old")
    write_pdf(existing, SIGN_IN, materials)  # replaced whole
    assert existing.read_bytes().startswith(b"%PDF")
    assert [p.name for p in folder.iterdir()] == ["签到表.pdf"]  # no temporary file left


def test_the_print_preview_draws_every_page(qtbot, materials):
    cards = replace(materials, cards=(TableCard("王伟"), TableCard("李秀英")))
    dialog = preview_dialog(None, CARDS, cards)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.open()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == 2)
    assert dialog.windowTitle() == f"打印预览 — {materials.title}座签"
    assert dialog.height() <= 728 - 40  # 1366×768 less the task bar and the window frame
    dialog.close()


def test_a_long_title_runs_over_later_pages_whole_ends_on_one_line(materials, tmp_path):
    """The 签到表's running head (title（续）) was one 10 pt line cut off at both sides
    when the title was long: now smaller, and its middle left out (…) if need be."""
    title = (
        "“关于加快推进全县农村牧区人居环境整治提升和美丽乡村建设"
        + "及生态环境保护与高质量发展的若干问题”"
    )
    sheet = replace(materials.sign_in, title=f"{title}专题协商会签到表", rows=many_rows(40))
    canvas = print_to_pdf(tmp_path / "签到表.pdf", SIGN_IN, replace(materials, sign_in=sheet))
    width = sum(sheet.widths_mm)
    for page in canvas.drawn[1:]:
        head = page[0]
        assert head.text.startswith("“关于加快") and head.text.endswith("签到表（续）")
        assert "…" in head.text and head.points >= 8
        measured = canvas.text_width(head.text, font(FANG, head.points))
        assert measured <= width + 0.01


def test_an_attendee_list_with_everyone_on_leave_says_so(materials, tmp_path):
    """Not “尚未确定参会人员” when the list is set and everyone on it sent apologies."""
    names = replace(materials.attendee_list, groups=(), nobody_note=NOBODY_COMING)
    canvas = print_to_pdf(tmp_path / "名单.pdf", ATTENDEES, replace(materials, attendee_list=names))
    assert NOBODY_COMING in canvas.pages[0] and NOBODY not in canvas.pages[0]
    away = replace(materials, cards=(), attendee_list=names)
    canvas = print_to_pdf(tmp_path / "座签.pdf", CARDS, away)
    assert NOBODY_COMING in canvas.pages[0] and NOBODY not in canvas.pages[0]
