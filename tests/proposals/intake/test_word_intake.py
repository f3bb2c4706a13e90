"""Word intake: .docx fixtures built here — label paragraphs, table forms, a broken file."""

from __future__ import annotations

import tracemalloc
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from app.common.errors import KnownError
from app.proposals.attachments import attachment_path
from app.proposals.intake.word_intake import (
    confirm_draft,
    form_for_draft,
    read_word_file,
    read_word_folder,
)
from app.proposals.queries import get_proposal_detail
from tests.proposals.helpers import Office, word_lines


def paragraph_form(path: Path) -> Path:
    """Labels in paragraphs, full-width colons and spaces, sections under headings."""
    document = Document()
    document.add_paragraph("示范县政协第十届第五次会议提案")
    document.add_paragraph("案　　由：关于加强农村学校校舍安全管理的建议")
    document.add_paragraph("提 案 人：张三")
    document.add_paragraph("联名人：李四、王五")
    document.add_paragraph("类别：社会")
    document.add_paragraph("联系电话：13912345678")
    document.add_paragraph("提交日期：2025年2月25日")
    document.add_paragraph("一、情况分析")
    document.add_paragraph("我县农村学校校舍建于上世纪九十年代，部分存在安全隐患。")
    document.add_paragraph("二、具体建议")
    document.add_paragraph("一是开展全面排查；二是列入年度预算。")
    document.save(path)
    return path


def table_form(path: Path) -> Path:
    """The office's 提案表 as a table: label | value cells, 提案内容 over a merged cell."""
    document = Document()
    document.add_paragraph("政协示范县委员会提案表")
    table = document.add_table(rows=5, cols=4)
    cells = [
        ("案由", "关于推进老旧小区改造的建议", None, None),
        ("提案人", "钱老", "联系电话", "0477-1234567"),
        ("类别", "城建", "提交时间", "2025.2.26"),
        ("提案内容", None, None, None),
        ("老旧小区管网老化，居民出行不便。建议分批改造。", None, None, None),
    ]
    for r, values in enumerate(cells):
        row = table.rows[r]
        if values[2] is None:
            merged = row.cells[1].merge(row.cells[3]) if values[1] is not None else None
            if values[1] is None:
                merged = row.cells[0].merge(row.cells[3])
                merged.text = values[0]
                continue
            row.cells[0].text = values[0]
            merged.text = values[1]
        else:
            for c, value in enumerate(values):
                row.cells[c].text = value
    document.save(path)
    return path


def test_labels_in_paragraphs(tmp_path: Path) -> None:
    draft = read_word_file(paragraph_form(tmp_path / "张三.docx"))
    assert draft.title == "关于加强农村学校校舍安全管理的建议"
    assert (draft.proposer, draft.co_signers) == ("张三", ("李四", "王五"))
    assert (draft.category, draft.submitted_on) == ("社会", date(2025, 2, 25))
    assert draft.body == (
        "情况分析：\n我县农村学校校舍建于上世纪九十年代，部分存在安全隐患。\n\n"
        "具体建议：\n一是开展全面排查；二是列入年度预算。"
    )
    assert "13912345678" not in repr(draft)  # the phone stays on the paper form
    assert draft.notes == ()


def test_labels_in_table_cells(tmp_path: Path) -> None:
    draft = read_word_file(table_form(tmp_path / "表格.docx"))
    assert draft.title == "关于推进老旧小区改造的建议"
    assert (draft.proposer, draft.category, draft.submitted_on) == (
        "钱老",
        "城建",
        date(2025, 2, 26),
    )
    assert draft.body == "老旧小区管网老化，居民出行不便。建议分批改造。"
    assert "0477" not in repr(draft)


def test_a_folder_with_a_broken_file_reads_the_rest(tmp_path: Path) -> None:
    paragraph_form(tmp_path / "01.docx")
    table_form(tmp_path / "02.docx")
    (tmp_path / "03.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "04.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    blank = Document()
    blank.add_paragraph("会议须知：请按时参加。")
    blank.save(tmp_path / "05.docx")
    (tmp_path / "06.docx").write_bytes(b"")
    (tmp_path / "07.docx").write_bytes(b"\0" * 4096)  # a copy cut short leaves zeros
    (tmp_path / "~$01.docx").write_bytes(b"lock file")
    (tmp_path / "readme.txt").write_text("not a proposal")
    batch = read_word_folder(tmp_path)
    assert [d.file_name for d in batch.drafts] == ["01.docx", "02.docx"]
    reasons = {f.path.name: f.reason for f in batch.failed}
    assert reasons == {
        "03.docx": "“03.docx”已损坏或不是 Word 文件（.docx），无法读取",
        "04.doc": "“04.doc”是旧版 Word（.doc/.wps）文件或已加密，请在 Word 或 WPS 中另存为 .docx",
        "05.docx": "“05.docx”中没有找到提案表的栏目（案由、提案人、提案内容等）",
        "06.docx": "“06.docx”是空文件，没有可读的内容（可能没有复制完整）。请从原处重新复制，"
        "或在 Word、WPS 中打开原件另存为 .docx 后再选择",
        "07.docx": "“07.docx”是空文件，没有可读的内容（可能没有复制完整）。请从原处重新复制，"
        "或在 Word、WPS 中打开原件另存为 .docx 后再选择",
    }
    assert batch.summary == "读取 Word 文件 2 份，5 份无法读取"


def with_part(source: Path, target: Path, part: str, write) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the .docx with one part's bytes given by write(zip, info)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            if info.filename == part:
                write(copy, info)
            else:
                copy.writestr(info, original.read(info.filename), zipfile.ZIP_DEFLATED)
    return target


def test_a_damaged_or_hostile_docx_is_named_and_the_rest_is_read(tmp_path: Path) -> None:
    """A bit flipped in the deflate data, a zip bomb, an XML entity bomb: each is one
    line in the list of unreadable files, never a crash nor gigabytes of memory."""
    good = paragraph_form(tmp_path / "01.docx")
    folder = tmp_path / "提案 Word"
    folder.mkdir()
    paragraph_form(folder / "01.docx")
    with zipfile.ZipFile(good) as original:
        document_xml = original.read("word/document.xml")
    flipped = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as original:
        info = original.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    flipped[start : start + 8] = b"\xff" * 8  # deflate's reserved block type
    (folder / "02 位翻转.docx").write_bytes(bytes(flipped))

    def bomb(copy: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        head, tail = document_xml.split(b"</w:body>")
        entry = zipfile.ZipInfo(info.filename)
        entry.compress_type = zipfile.ZIP_DEFLATED
        with copy.open(entry, "w", force_zip64=True) as out:
            out.write(head)
            for _ in range(40):
                out.write(b" " * (1 << 20))  # 40 MB of XML from a file of 40 KB
            out.write(b"</w:body>" + tail)

    with_part(good, folder / "03 炸弹.docx", "word/document.xml", bomb)
    assert (folder / "03 炸弹.docx").stat().st_size < 1_000_000

    def entities(copy: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        head = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]>'
        copy.writestr(info, head + document_xml.split(b"?>", 1)[1], zipfile.ZIP_DEFLATED)

    with_part(good, folder / "04 实体.docx", "word/document.xml", entities)
    batch = read_word_folder(folder)
    assert [d.file_name for d in batch.drafts] == ["01.docx"]
    reasons = {f.path.name: f.reason for f in batch.failed}
    assert reasons["02 位翻转.docx"] == "“02 位翻转.docx”已损坏或不是 Word 文件（.docx），无法读取"
    assert reasons["03 炸弹.docx"].startswith("“03 炸弹.docx”过大")
    assert "XML 声明" in reasons["04 实体.docx"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<w:tcPr>", "<w:tcPr><w:vMerge/>"),  # a merge that starts nowhere
        ("w:body>", "w:bodyx>"),  # no body
    ],
)
def test_a_docx_python_docx_cannot_walk_is_one_unreadable_file(
    tmp_path: Path, old: str, new: str
) -> None:
    good = table_form(tmp_path / "01.docx")
    folder = tmp_path / "提案"
    folder.mkdir()
    table_form(folder / "01.docx")

    def changed(copy: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        with zipfile.ZipFile(good) as original:
            xml = original.read(info.filename).decode()
        assert old in xml
        copy.writestr(info, xml.replace(old, new), zipfile.ZIP_DEFLATED)

    with_part(good, folder / "02 坏.docx", "word/document.xml", changed)
    batch = read_word_folder(folder)
    assert [d.file_name for d in batch.drafts] == ["01.docx"]
    assert [(f.path.name, f.reason) for f in batch.failed] == [
        ("02 坏.docx", "“02 坏.docx”已损坏或不是 Word 文件（.docx），无法读取")
    ]


@pytest.mark.parametrize("span", ["2000000000", "abc"])
def test_a_cell_spanning_two_billion_columns_costs_nothing(tmp_path: Path, span: str) -> None:
    """python-docx repeats a cell once per column it spans: gridSpan="2000000000" took
    all the memory and crashed the whole batch. The span is not needed to read a form."""
    good = table_form(tmp_path / "01.docx")
    folder = tmp_path / "提案"
    folder.mkdir()

    def spanned(copy: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        with zipfile.ZipFile(good) as original:
            xml = original.read(info.filename).decode()
        wide = xml.replace("<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{span}"/>', 1)
        copy.writestr(info, wide, zipfile.ZIP_DEFLATED)

    with_part(good, folder / "宽.docx", "word/document.xml", spanned)
    tracemalloc.start()
    try:
        batch = read_word_folder(folder)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024
    assert batch.failed == ()
    assert read_word_file(good) == replace(batch.drafts[0], path=good)


def test_a_missing_folder_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="找不到文件夹"):
        read_word_folder(tmp_path / "U盘")
    # One form picked instead of its folder: said as such, not as a missing folder.
    with pytest.raises(KnownError) as picked:
        read_word_folder(paragraph_form(tmp_path / "张三.docx"))
    assert "是一个文件，不是文件夹" in picked.value.what


def test_confirming_a_draft_registers_it_with_the_file(office: Office, tmp_path: Path) -> None:
    db = office.database
    draft = read_word_file(paragraph_form(tmp_path / "张三.docx"))
    form, notes = form_for_draft(db, draft, office.session_2025)
    assert [s.member_uuid for s in form.signers] == [
        office.members["张三"],
        office.members["李四"],
        office.members["王五"],
    ]
    assert notes == ()
    uuid = confirm_draft(db, draft, form)
    detail = get_proposal_detail(db, uuid)
    assert detail.row.number == "十届五次会议第0001号"
    assert detail.row.submitter_label == "委员联名"
    assert detail.history[0].text == "登记提案，编号十届五次会议第0001号（从 Word 文件“张三.docx”）"
    (original,) = detail.attachments
    assert original.original_name == "张三.docx"
    assert attachment_path(db, original.uuid).read_bytes() == (tmp_path / "张三.docx").read_bytes()


def test_names_that_are_no_members_are_noted(office: Office, tmp_path: Path) -> None:
    draft = read_word_file(table_form(tmp_path / "表格.docx"))
    form, notes = form_for_draft(office.database, draft, office.session_2025)
    assert notes == (
        "“钱老”不在本届委员名单中，请核对（暂按文字保存）",
        "类别“城建”不在基础名录中，请重新选择",
    )
    assert form.signers[0].member_uuid is None and form.category == ""


def test_names_spaced_out_to_line_up_are_one_name_each(tmp_path: Path) -> None:
    """Offices space two-character names out to line them up with three-character ones."""
    form = word_lines(
        tmp_path / "王磊.docx",
        "案由：关于改善农村饮水条件的建议",
        "提 案 人：王  磊",
        "联名人：李 秀 英、张三 李四　赵　六",
    )
    draft = read_word_file(form)
    assert draft.proposer == "王磊"
    assert draft.co_signers == ("李秀英", "张三", "李四", "赵六")


def test_a_form_without_a_date_says_today_was_used(office: Office, tmp_path: Path) -> None:
    """Not silently today: the clerk is told, and can still register it as it is."""
    draft = read_word_file(
        word_lines(tmp_path / "无日期.docx", "案由：关于改善农村饮水条件的建议", "提案人：张三")
    )
    assert draft.submitted_on is None
    _form, notes = form_for_draft(office.database, draft, office.session_2025)
    assert notes == (
        f"请注意：提案表中没有可用的提交日期，登记表中已按今天（{date.today():%Y-%m-%d}）填写，"
        "请按原件核对。",
    )


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        (("提交日期：2024年12月30日",), "提交日期为 2024-12-30"),
        (("年度：2024年",), "写明 2024 年"),
        (("提交日期：2025年1月5日", "届次：二〇二四年第四次会议"), "写明 2024 年"),
    ],
    ids=["date", "year field", "届次 field"],
)
def test_a_form_of_another_year_is_noted_not_refused(
    office: Office, tmp_path: Path, lines: tuple[str, ...], said: str
) -> None:
    path = word_lines(
        tmp_path / "去年.docx", "案由：关于改善农村饮水条件的建议", "提案人：张三", *lines
    )
    draft = read_word_file(path)
    form, notes = form_for_draft(office.database, draft, office.session_2025)
    [note] = [n for n in notes if "不是同一年" in n]
    assert note == (
        f"请注意：这份提案表{said}，与登记到的第十届第五次会议（2025年）不是同一年，"
        "请核对所属会议（年度）。"
    )
    assert confirm_draft(office.database, draft, form)  # a note: it still registers


def test_the_heading_states_the_year(office: Office, tmp_path: Path) -> None:
    path = word_lines(
        tmp_path / "表头.docx",
        "示范县政协2024年第四次会议提案表",
        "案由：关于改善农村饮水条件的建议",
        "提案人：张三",
        "提交日期：2025年2月25日",
    )
    draft = read_word_file(path)
    assert draft.stated_year == 2024
    _form, notes = form_for_draft(office.database, draft, office.session_2025)
    assert any("写明 2024 年" in n for n in notes)


def test_a_form_of_the_sessions_year_has_no_year_note(office: Office, tmp_path: Path) -> None:
    draft = read_word_file(paragraph_form(tmp_path / "张三.docx"))
    assert draft.stated_year is None and draft.submitted_on == date(2025, 2, 25)
    assert form_for_draft(office.database, draft, office.session_2025)[1] == ()


def test_a_form_going_in_by_year_takes_its_own_year(office: Office, tmp_path: Path) -> None:
    """Not in a plenary session: the year box started at this year, so a 2024 form was
    numbered among this year's proposals unless the clerk noticed."""
    stated = read_word_file(
        word_lines(
            tmp_path / "年度.docx",
            "案由：关于改善农村饮水条件的建议",
            "提案人：张三",
            "年度：2024年",
            "提交日期：2024年6月3日",
        )
    )
    form, notes = form_for_draft(office.database, stated, None)
    assert form.year == 2024 and form.session_uuid is None
    assert not [n for n in notes if "不是同一年" in n]  # the form agrees with itself
    dated = read_word_file(
        word_lines(
            tmp_path / "日期.docx",
            "案由：关于改善农村饮水条件的建议",
            "提案人：张三",
            "提交日期：2023年9月1日",
        )
    )
    assert form_for_draft(office.database, dated, None)[0].year == 2023
    mixed = read_word_file(
        word_lines(
            tmp_path / "跨年.docx",
            "案由：关于改善农村饮水条件的建议",
            "提案人：张三",
            "年度：2024年",
            "提交日期：2025年1月5日",
        )
    )
    form, notes = form_for_draft(office.database, mixed, None)
    assert form.year == 2024  # what the form says it is for
    assert [n for n in notes if "不是同一年" in n] == [
        "请注意：这份提案表提交日期为 2025-01-05，与登记到的2024年度不是同一年，"
        "请核对所属会议（年度）。"
    ]
    # In a session, the session decides the year.
    assert form_for_draft(office.database, stated, office.session_2025)[0].year is None
