"""Word intake of the forms members really hand in: labels with （签名）, merged cells,
several labels on one line, check-box categories, names with their party or 等3人."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document

from app.proposals.intake.word_intake import form_for_draft, read_word_file
from tests.proposals.helpers import Office, word_lines


def merged(table, row: int, first: int, last: int):  # type: ignore[no-untyped-def]
    return table.cell(row, first).merge(table.cell(row, last))


def fill(table, cells: dict[tuple[int, int], str]) -> None:  # type: ignore[no-untyped-def]
    """Write each (row, column) cell's text, as a clerk fills the form's boxes."""
    for (row, column), text in cells.items():
        table.cell(row, column).text = text


def signed_table_form(path: Path) -> Path:
    """提案人（签名） and 联名人（签名）, a ticked category, 提案内容 in the row below."""
    document = Document()
    document.add_paragraph("提　案　表")
    table = document.add_table(rows=7, cols=4)
    for row in (0, 2, 3, 4):
        merged(table, row, 1, 3)
    fill(table, {(0, 0): "案　　由", (0, 1): "关于加强农村饮用水源地保护的建议"})
    fill(table, {(1, 0): "提案人（签名）", (1, 1): "张三", (1, 2): "界　别", (1, 3): "经济界"})
    fill(table, {(2, 0): "联名人（签名）", (2, 1): "李四、王五，赵六"})
    fill(table, {(3, 0): "类　　别", (3, 1): "□政治  ☑社会  □文化"})
    fill(table, {(4, 0): "提交时间", (4, 1): "2025年1月10日"})
    merged(table, 5, 0, 3).text = "提案内容："
    merged(table, 6, 0, 3).text = "水源地保护措施不到位，建议划定保护范围。"
    document.save(path)
    return path


def test_labels_with_a_note_in_brackets_are_read(tmp_path: Path) -> None:
    draft = read_word_file(signed_table_form(tmp_path / "提案表.docx"))
    assert (draft.proposer, draft.co_signers) == ("张三", ("李四", "王五", "赵六"))
    assert draft.notes == ()


def test_the_ticked_category_is_the_category(tmp_path: Path) -> None:
    draft = read_word_file(signed_table_form(tmp_path / "提案表.docx"))
    assert (draft.category, draft.submitted_on) == ("社会", date(2025, 1, 10))


def test_a_content_label_merged_down_beside_its_sections(tmp_path: Path) -> None:
    """提 案 内 容 merged over two rows: 情况分析 | text and 具体建议 | text."""
    document = Document()
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).text = "案由"
    merged(table, 0, 1, 2).text = "关于推进城乡客运一体化的建议"
    table.cell(1, 0).text = "第一提案人"
    merged(table, 1, 1, 2).text = "张三（民盟）"
    label = table.cell(2, 0).merge(table.cell(3, 0))
    label.text = "提\n案\n内\n容"
    table.cell(2, 1).text = "情况分析"
    table.cell(2, 2).text = "城乡客运班线少。"
    table.cell(3, 1).text = "具体建议"
    table.cell(3, 2).text = "统筹城乡公交线路。"
    document.save(tmp_path / "客运.docx")
    draft = read_word_file(tmp_path / "客运.docx")
    assert draft.body == "情况分析：\n城乡客运班线少。\n\n具体建议：\n统筹城乡公交线路。"
    assert draft.proposer == "张三"


def test_two_labels_on_one_line(tmp_path: Path) -> None:
    form = word_lines(
        tmp_path / "食品.docx",
        "案　由：关于加强校园周边食品安全监管的建议",
        "提案人：张三　　　联名人：李四、王五",
        "提案时间：二〇二五年一月九日",
    )
    draft = read_word_file(form)
    assert (draft.proposer, draft.co_signers) == ("张三", ("李四", "王五"))
    assert draft.submitted_on == date(2025, 1, 9)


def test_a_label_over_its_value_in_one_cell(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "题目\n关于完善防汛抗旱应急体系的建议"
    table.cell(0, 1).text = "提案人\n张三"
    merged(table, 1, 0, 1).text = "提案内容\n极端天气多发，建议完善预案。"
    document.save(tmp_path / "防汛.docx")
    draft = read_word_file(tmp_path / "防汛.docx")
    assert (draft.title, draft.proposer) == ("关于完善防汛抗旱应急体系的建议", "张三")
    assert draft.body == "极端天气多发，建议完善预案。"


def test_numbered_names_and_a_proposer_with_others(office: Office, tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("案由：关于加快发展设施农业的建议")
    table = document.add_table(rows=3, cols=4)
    fill(table, {(0, 0): "提 案 人", (0, 1): "张三等3人", (0, 2): "类 别", (0, 3): "社会类"})
    merged(table, 1, 1, 3).text = "1.李四  2.王五委员"
    merged(table, 2, 1, 3).text = "设施农业规模小。"
    fill(table, {(1, 0): "联名提案人", (2, 0): "主要内容"})
    document.save(tmp_path / "农业.docx")
    draft = read_word_file(tmp_path / "农业.docx")
    assert (draft.proposer, draft.co_signers) == ("张三", ("李四", "王五"))
    form, notes = form_for_draft(office.database, draft)
    assert [s.member_uuid for s in form.signers] == [
        office.members["张三"],
        office.members["李四"],
        office.members["王五"],
    ]
    assert form.category == "社会"
    [note] = notes  # names and category recognised; only the missing date is said
    assert note.startswith("请注意：提案表中没有可用的提交日期")
