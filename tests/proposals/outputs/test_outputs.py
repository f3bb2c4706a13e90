"""Publication (Word and Excel, not-public honoured), letters and statistics, read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from app.common.errors import KnownError
from app.proposals.handling.assignment import UnitChoice, assign_proposal
from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import record_reply
from app.proposals.handling.review import accept_proposal, reject_proposal, set_not_public
from app.proposals.intake.intake import add_proposal
from app.proposals.labels import RejectionGround, Satisfaction, UnitRole
from app.proposals.outputs.letters import (
    write_assignment_notice,
    write_reminder,
    write_reply_letter,
)
from app.proposals.outputs.publication import (
    publication,
    write_catalogue_docx,
    write_publication_xlsx,
    write_results_docx,
    write_units_docx,
)
from app.proposals.outputs.statistics import (
    proposal_statistics,
    result_class_of,
    write_statistics_xlsx,
)
from app.proposals.settings import load_proposal_settings, save_proposal_settings
from tests.proposals.helpers import Office, form, joint_form

EDU, FIN = "县教育和体育局", "县财政局"


@pytest.fixture
def session(office: Office) -> dict[str, str]:
    """Four proposals: replied and rated, assigned, secret (not public), rejected."""
    db = office.database
    done = add_proposal(db, form(office, "关于=SUM(A1)校舍安全的建议"))
    roads = add_proposal(db, joint_form(office))
    secret = add_proposal(db, form(office, "关于某涉密事项的建议"))
    rejected = add_proposal(db, form(office, "关于解决本人子女入学的请求"))
    for uuid in (done, roads, secret):
        accept_proposal(db, uuid, date(2025, 3, 10))
    set_not_public(db, secret, True)
    reject_proposal(db, rejected, RejectionGround.PERSONAL_REQUEST, passed_to="县教育和体育局")
    units = office.units
    assign_proposal(
        db,
        done,
        [UnitChoice(units[EDU], UnitRole.LEAD), UnitChoice(units[FIN], UnitRole.ASSIST)],
        date(2025, 3, 15),
    )
    assign_proposal(db, roads, [UnitChoice(units[EDU], UnitRole.LEAD)], date(2025, 3, 15))
    assign_proposal(db, secret, [UnitChoice(units[FIN], UnitRole.LEAD)], date(2025, 3, 15))
    record_reply(db, done, units[EDU], date(2025, 5, 6), "A")
    record_reply(db, done, units[FIN], date(2025, 7, 1), "B")  # late: due 2025-06-15
    rate_reply(db, done, units[EDU], Satisfaction.SATISFIED, on_date=date(2025, 5, 10))
    rate_reply(db, done, units[FIN], Satisfaction.BASIC, on_date=date(2025, 7, 3))
    record_reply(db, secret, units[FIN], date(2025, 5, 1), "C")
    return {"done": done, "roads": roads, "secret": secret, "rejected": rejected}


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def table_rows(path: Path) -> list[list[str]]:
    (table,) = Document(str(path)).tables
    return [[c.text for c in row.cells] for row in table.rows]


def test_publication_leaves_out_what_is_not_public(office: Office, session, tmp_path) -> None:
    pub = publication(office.database, 2025)
    assert [r.number for r in pub.catalogue] == ["十届五次会议第0001号", "十届五次会议第0002号"]
    assert pub.left_out == 1
    assert pub.catalogue[1].proposer == "李四、王五、钱老（原委员）"
    assert [(r.lead, r.others) for r in pub.units] == [(EDU, FIN), (EDU, "")]
    assert [(r.unit, r.result) for r in pub.results] == [
        (EDU, "A（已解决或采纳）"),
        (FIN, "B（正在解决或列入计划）"),
    ]
    catalogue = write_catalogue_docx(pub, tmp_path / "立案目录.docx", date(2025, 3, 20))
    rows = table_rows(catalogue)
    assert rows[0] == ["序号", "提案号", "案由", "提案人"]
    assert [r[1] for r in rows[1:]] == ["十届五次会议第0001号", "十届五次会议第0002号"]
    text = paragraphs(catalogue)
    assert text[0] == "示范县政协2025年立案提案目录"
    assert "2025年3月20日" in text
    for path in (
        catalogue,
        write_units_docx(pub, tmp_path / "承办单位.docx"),
        write_results_docx(pub, tmp_path / "办理结果.docx"),
    ):
        everything = " ".join(paragraphs(path)) + str(table_rows(path))
        assert "涉密" not in everything
        runs = [r for p in Document(str(path)).paragraphs for r in p.runs if r.text]
        assert all(r._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for r in runs)


def test_publication_workbook_is_text_and_honours_not_public(
    office: Office, session, tmp_path
) -> None:
    path = write_publication_xlsx(publication(office.database, 2025), tmp_path / "公开.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["立案目录", "承办单位", "办理结果"]
    sheet = book["立案目录"]
    assert [c.value for c in sheet[2]] == ["序号", "提案号", "案由", "提案人", "类别"]
    title_cell = sheet["C3"]
    assert title_cell.value == "关于=SUM(A1)校舍安全的建议" and title_cell.data_type == "s"
    assert sheet["A3"].value == 1
    values = [c.value for s in book for row in s.iter_rows() for c in row]
    assert not any("涉密" in str(v) for v in values)
    assert book["办理结果"]["F3"].value == "A（已解决或采纳）"


def test_a_formula_like_title_is_never_a_formula(office: Office, tmp_path) -> None:
    db = office.database
    for title in ("=HYPERLINK(1)", "+8613912345678", "-1", "@SUM(A1)"):
        accept_proposal(db, add_proposal(db, form(office, title)), date(2025, 3, 10))
    path = write_publication_xlsx(publication(db, 2025), tmp_path / "f.xlsx")
    sheet = openpyxl.load_workbook(path)["立案目录"]
    assert [(sheet.cell(r, 3).value, sheet.cell(r, 3).data_type) for r in range(3, 7)] == [
        ("=HYPERLINK(1)", "s"),
        ("+8613912345678", "s"),
        ("-1", "s"),
        ("@SUM(A1)", "s"),
    ]


def test_reply_letter_says_why_and_where(office: Office, session, tmp_path) -> None:
    path = write_reply_letter(office.database, session["rejected"], tmp_path / "回复函.docx")
    text = paragraphs(path)
    assert text[0] == "提案处理回复函"
    assert text[1] == "张三委员："
    assert "在政协第十届第五次会议期间提出的“关于解决本人子女入学的请求”" in text[2]
    assert "属于本人或亲属的个人事务" in text[3]
    assert "已转送县教育和体育局研究参考" in text[3]
    assert text[-2] == "示范县政协提案委员会"
    with pytest.raises(KnownError, match="无需回复函"):
        write_reply_letter(office.database, session["done"], tmp_path / "x.docx")


def test_assignment_notice_lists_the_units_proposals(office: Office, session, tmp_path) -> None:
    path = write_assignment_notice(
        office.database, office.units[EDU], tmp_path / "交办通知.docx", 2025, date(2025, 3, 15)
    )
    text = paragraphs(path)
    assert text[:2] == ["关于交办2025年政协提案的通知", f"{EDU}："]
    assert "自交办之日起3个月内办复" in text[2]
    rows = table_rows(path)
    assert [r[1:] for r in rows[1:]] == [
        ["十届五次会议\n第0001号", "关于=SUM(A1)校舍安全的建议", "张三", "主办", "2025.6.15"],
        [
            "十届五次会议\n第0002号",
            "关于改善农村公路养护的建议",
            "李四、王五、\n钱老（原委员）",
            "主办",
            "2025.6.15",
        ],
    ]


def test_reminder_for_overdue_proposals(office: Office, session, tmp_path) -> None:
    path = write_reminder(
        office.database, office.units[EDU], tmp_path / "催办.docx", date(2025, 6, 20)
    )
    rows = table_rows(path)
    assert rows[1] == [
        "十届五次会议\n第0002号",  # on two lines, as in the 交办通知: the title gets the room
        "关于改善农村公路养护的建议",
        "主办",
        "2025.6.15",
        "逾期5天",
    ]
    assert "已超过办理期限尚未答复的1件" in paragraphs(path)[2]
    with pytest.raises(KnownError, match="没有逾期或即将到期的提案"):
        write_reminder(office.database, office.units[FIN], tmp_path / "x.docx", date(2025, 6, 20))


def test_statistics(office: Office, session, tmp_path) -> None:
    stats = proposal_statistics(office.database, 2025)
    assert (stats.received, stats.accepted, stats.rejected, stats.pending) == (4, 3, 1, 0)
    assert stats.acceptance_rate == "75%"
    assert [(c.label, c.count) for c in stats.by_kind] == [("委员个人", 3), ("委员联名", 1)]
    assert [(c.label, c.count) for c in stats.by_result] == [("A", 1), ("B", 1), ("C", 1)]
    assert (stats.replies, stats.on_time, stats.on_time_rate) == (3, 2, "66.7%")
    assert (stats.ratings, stats.satisfied, stats.satisfaction_rate) == (2, 2, "100%")
    edu = next(u for u in stats.by_unit if u.unit == EDU)
    assert (edu.lead, edu.assist, edu.replied, edu.on_time) == (2, 0, 1, 1)
    path = write_statistics_xlsx(stats, tmp_path / "统计.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "总体情况"
    overview = {r[0].value: r[1].value for r in book["总体情况"].iter_rows(min_row=4)}
    assert book["总体情况"]["A2"].value.startswith("2025年共收到提案4件，立案3件")
    assert overview["收到提案"] == 4 and overview["立案率"] == "75%"


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("A", "A"),
        ("B类", "B"),
        ("c", "C"),
        ("已解决或采纳", "A"),
        ("列入计划", "B"),
        ("不予立案", ""),
    ],
)
def test_result_classes_as_offices_write_them(text: str, letter: str) -> None:
    assert result_class_of(text) == letter


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (5, "如有不属于你单位职责的，请于交办之日起5个工作日内说明理由并申请退回调整。"),
        (3, "请于交办之日起3个工作日内说明理由"),
        (0, "如有不属于你单位职责的，请尽快说明理由并申请退回调整。"),
    ],
)
def test_assignment_notice_names_the_hand_back_limit_of_the_settings(
    office: Office, session, tmp_path, days: int, said: str
) -> None:
    """The notice tells the unit the 退回调整 limit the program will hold it to."""
    db = office.database
    save_proposal_settings(db, replace(load_proposal_settings(db), hand_back_working_days=days))
    path = write_assignment_notice(db, office.units[EDU], tmp_path / "交办.docx", 2025)
    assert said in paragraphs(path)[2]


def test_reminder_leaves_out_a_count_of_none(office: Office, session, tmp_path) -> None:
    path = write_reminder(
        office.database, office.units[EDU], tmp_path / "催办.docx", date(2025, 6, 20)
    )
    assert "你单位承办的政协提案中，已超过办理期限尚未答复的1件（见下表）" in paragraphs(path)[2]
    soon = write_reminder(
        office.database, office.units[EDU], tmp_path / "将到期.docx", date(2025, 6, 10)
    )
    assert "你单位承办的政协提案中，即将到期的1件（见下表）" in paragraphs(soon)[2]
