"""The builder makes each look (a run's fonts, a paragraph's spacing) once and copies it:
what one paragraph or run is given afterwards stays its own, and sections made without
python-docx's add_section keep the page numbers and headers Word expects."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from app.common.documents.official import SIZE_5, OfficialDocument


def test_a_change_to_one_paragraph_or_run_reaches_no_other(tmp_path: Path) -> None:
    document = OfficialDocument()
    first = document.paragraph("第一段。", size=SIZE_5)
    first.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    first.paragraph_format.space_after = Pt(12)
    first.runs[0].font.color.rgb = RGBColor(0xC0, 0, 0)
    first.runs[0].font.italic = True
    second = document.paragraph("第二段。", size=SIZE_5)
    document.heading(1, "一、标题")
    document.heading(1, "二、标题")
    saved = Document(str(document.save(tmp_path / "a.docx")))
    one, two, head_one, head_two = saved.paragraphs[-4:]
    assert one.alignment == WD_ALIGN_PARAGRAPH.RIGHT and one.paragraph_format.space_after == Pt(12)
    assert one.runs[0].font.italic and one.runs[0].font.color.rgb == RGBColor(0xC0, 0, 0)
    assert two.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and two.paragraph_format.space_after is None
    assert not two.runs[0].font.italic and two.runs[0].font.color.rgb is None
    assert second.runs[0]._r.rPr is not first.runs[0]._r.rPr
    # the same look, each with its own copy
    assert head_one._p.pPr is not head_two._p.pPr
    assert head_one.runs[0].font.size == head_two.runs[0].font.size == Pt(16)
    assert head_two.text == "二、标题"


def test_each_new_section_starts_a_page_and_inherits_the_page_numbers(tmp_path: Path) -> None:
    document = OfficialDocument()
    document.paragraph("甲")
    for _ in range(3):
        document.new_section(restart_numbering=True)
        document.paragraph("乙")
    saved = Document(str(document.save(tmp_path / "a.docx")))
    sections = saved.sections
    assert len(sections) == 4
    assert all(s.start_type == WD_SECTION.NEW_PAGE for s in sections)
    assert sections[0].footer.paragraphs[0].text.strip()  # the page number field's line
    for section in sections[1:]:
        assert section._sectPr.find(qn("w:footerReference")) is None  # inherited
        assert section.footer.is_linked_to_previous
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    ends = [
        p for p in saved.element.body.iter(qn("w:p")) if p.find(f".//{qn('w:sectPr')}") is not None
    ]
    assert len(ends) == 3


def test_documents_built_on_threads_that_have_ended_are_the_same(tmp_path: Path) -> None:
    """Printouts are built on worker threads, which end; each keeps its own looks."""

    def build(name: str) -> bytes:
        document = OfficialDocument()
        document.title("关于开展委员履职考核的通知")
        document.heading(1, "一、总体要求")
        document.paragraph("正文。", size=SIZE_5)
        document.new_section(restart_numbering=True)
        document.paragraph("附件正文。")
        saved = document.save(tmp_path / name)
        with zipfile.ZipFile(saved) as package:
            return package.read("word/document.xml")

    made: list[bytes] = []
    for n in range(3):
        worker = threading.Thread(target=lambda n=n: made.append(build(f"t{n}.docx")))
        worker.start()
        worker.join()
    made.append(build("main.docx"))
    assert len(made) == 4 and len(set(made)) == 1
    assert "一、总体要求".encode() in made[0]
