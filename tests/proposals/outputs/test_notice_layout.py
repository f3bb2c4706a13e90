"""The 交办通知's table read back: the proposers readable (whole names, a group's name on
one line), the title keeping its room."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from app.proposals.handling.assignment import UnitChoice, assign_proposal
from app.proposals.handling.review import accept_proposal
from app.proposals.intake.intake import SignerInput, add_proposal
from app.proposals.labels import SubmitterKind, UnitRole
from app.proposals.outputs.letters import write_assignment_notice
from tests.proposals.helpers import Office, form

EDU = "县教育和体育局"
CHAR_MM = Pt(10.5).mm  # one Chinese character of the table's 五号
MARGINS_MM = 2 * 1.9  # Word's cell margins, left and right


def _assigned(office: Office, title: str = "关于加强农村学校校舍安全的建议", **changes) -> None:
    db = office.database
    uuid = add_proposal(db, form(office, title, **changes))
    accept_proposal(db, uuid, date(2025, 3, 10))
    choice = UnitChoice(office.units[EDU], UnitRole.LEAD)
    assign_proposal(db, uuid, [choice], date(2025, 3, 15))


def _notice(office: Office, tmp_path: Path) -> tuple[list[float], list[list[str]]]:
    """The columns' widths (mm) and the rows' texts."""
    path = write_assignment_notice(
        office.database, office.units[EDU], tmp_path / "交办通知.docx", 2025, date(2025, 3, 15)
    )
    (table,) = Document(str(path)).tables
    header = table.rows[0]._tr.tc_lst
    widths = [Twips(int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w")))).mm for tc in header]
    return widths, [[c.text for c in row.cells] for row in table.rows]


def _chars_per_line(width_mm: float) -> float:
    return (width_mm - MARGINS_MM) / CHAR_MM


def test_proposer_column_holds_names_whole(office: Office, tmp_path: Path) -> None:
    _assigned(office, "关于加强农村学校校舍安全的建议")
    _assigned(
        office,
        "关于改善农村公路养护和乡村客运站点建设管理的建议",
        submitter_kind=SubmitterKind.JOINT,
        signers=tuple(SignerInput(name) for name in ("欧阳明月", "司马青", "王强", "赵六", "李四")),
    )
    _assigned(
        office,
        "关于优化营商环境的建议",
        submitter_kind=SubmitterKind.PARTY_GROUP,
        submitter_name="民建县委会",
        signers=(),
    )
    widths, rows = _notice(office, tmp_path)
    assert rows[0][3] == "提案人"
    # Five characters at least on a line: a 4-character name with its 、, or 民建县委会.
    assert _chars_per_line(widths[3]) >= 5
    single, joint, party = (row[3] for row in rows[1:])
    assert single == "张三"
    assert party == "民建县委会"
    # The first three names, whole on their lines, then how many signed in all.
    lines = joint.split("\n")
    assert "".join(lines) == "欧阳明月、司马青、王强等5人"
    assert all(_chars_per_line(widths[3]) >= len(line) for line in lines)
    assert [line.rstrip("、") for line in lines] == ["欧阳明月", "司马青", "王强等5人"]
    # The title still has the widest column and a long title stays whole.
    assert widths[2] == max(widths) and _chars_per_line(widths[2]) >= 10
    assert joint and rows[2][2] == "关于改善农村公路养护和乡村客运站点建设管理的建议"


def test_a_long_number_goes_on_two_lines_at_its_di(office: Office, tmp_path: Path) -> None:
    _assigned(office)
    widths, rows = _notice(office, tmp_path)
    assert rows[1][1] == "十届五次会议\n第0001号"
    assert _chars_per_line(widths[1]) >= 6
