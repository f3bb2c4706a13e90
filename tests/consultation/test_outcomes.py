"""outcomes.py, research.py, attachments.py and plan_doc.py on a real database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from sqlalchemy import func, select

from app.common.documents.word_tables import text_lines
from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation import attachments
from app.consultation.labels import OutcomeKind, TopicStatus
from app.consultation.outcomes import instructions, outcomes
from app.consultation.plan import plans, research, topics
from app.consultation.printouts.plan_doc import write_plan_document
from db.consultation_models import ConsultationOutcome, LeaderInstruction
from tests.consultation.conftest import PLAN_YEAR, Roster, topic_form
from tests.consultation.test_meeting_docs import ends_in_a_hairline


def outcome_form(**changes: object) -> outcomes.OutcomeForm:
    form = outcomes.OutcomeForm(
        kind=OutcomeKind.RECOMMENDATION,
        title="关于农村牧区人居环境整治的建议案",
        year=PLAN_YEAR,
        sent_to="县委、县政府",
        sent_on=date(PLAN_YEAR, 6, 5),
    )
    return outcomes.OutcomeForm(**{**form.__dict__, **changes})


def rows(database: Database, cls: type) -> int:
    with database.begin() as session:
        return session.scalar(select(func.count()).select_from(cls)) or 0


@pytest.mark.parametrize(
    ("changes", "phrase"),
    [
        ({"kind": None}, "成果类型：请选择"),
        ({"sent_on": date(PLAN_YEAR + 2, 1, 5)}, "报送日期"),
        ({"sent_on": date(PLAN_YEAR - 1, 12, 30)}, f"不在{PLAN_YEAR}年或次年内"),
        ({"feedback_on": date(PLAN_YEAR, 6, 1)}, "反馈日期：.*早于报送日期"),
        ({"proposals_made": -1}, "转化为提案"),
    ],
)
def test_a_bad_outcome_is_refused(
    office_db: Database, changes: dict[str, object], phrase: str
) -> None:
    with pytest.raises(KnownError, match=phrase):
        outcomes.add_outcome(office_db, outcome_form(**changes))
    assert rows(office_db, ConsultationOutcome) == 0


def test_an_instruction_before_the_outcome_was_sent_is_refused(office_db: Database) -> None:
    uuid = outcomes.add_outcome(office_db, outcome_form())
    early = instructions.InstructionForm("县长 王建华", date(PLAN_YEAR, 6, 1))
    with pytest.raises(KnownError, match=r"批示日期：.*早于成果报送日期"):
        instructions.add_instruction(office_db, uuid, early)
    with pytest.raises(KnownError, match="批示领导：请填写"):
        instructions.add_instruction(
            office_db, uuid, instructions.InstructionForm("", date(PLAN_YEAR, 7, 1))
        )
    with pytest.raises(KnownError, match="批示内容：请填写"):  # blanks are no content
        instructions.add_instruction(
            office_db,
            uuid,
            instructions.InstructionForm("县长 王建华", date(PLAN_YEAR, 7, 1), " \n "),
        )
    assert rows(office_db, LeaderInstruction) == 0
    line = instructions.add_instruction(
        office_db,
        uuid,
        instructions.InstructionForm("县长 王建华", date(PLAN_YEAR, 6, 9), "请研究"),
    )
    instructions.update_instruction(
        office_db,
        line,
        instructions.InstructionForm("县长 王建华", date(PLAN_YEAR, 6, 10), "请落实"),
    )
    [instruction] = outcomes.get_outcome(office_db, uuid).instructions
    assert (instruction.instructed_on, instruction.text) == (date(PLAN_YEAR, 6, 10), "请落实")
    instructions.delete_instruction(office_db, line)
    assert outcomes.get_outcome(office_db, uuid).row.stage == "已报送"


def test_outcome_stages_and_the_list(office_db: Database) -> None:
    draft = outcomes.add_outcome(office_db, outcome_form(sent_on=None, title="未报送的成果"))
    sent = outcomes.add_outcome(office_db, outcome_form())
    listed = outcomes.list_outcomes(office_db, PLAN_YEAR)
    assert [(r.uuid, r.stage, r.is_open) for r in listed] == [
        (draft, "未报送", True),
        (sent, "已报送", False),  # waiting for an instruction is not owing anything
    ]
    instructions.add_instruction(
        office_db,
        sent,
        instructions.InstructionForm("县委书记 李明远", date(PLAN_YEAR, 6, 8), "圈阅"),
    )
    assert outcomes.list_outcomes(office_db, PLAN_YEAR)[1].is_open
    assert outcomes.list_outcomes(office_db, PLAN_YEAR - 1) == []
    outcomes.delete_outcome(office_db, draft)
    assert len(outcomes.list_outcomes(office_db)) == 1
    outcomes.undelete_outcome(office_db, draft)
    assert len(outcomes.list_outcomes(office_db)) == 2


def test_an_outcome_takes_its_year_from_its_topic(office_db: Database) -> None:
    last_year = PLAN_YEAR - 1
    topic = topics.add_topic(office_db, last_year, topic_form())
    uuid = outcomes.add_outcome(  # sent early the next year
        office_db, outcome_form(year=None, topic_uuid=topic, sent_on=date(PLAN_YEAR, 1, 10))
    )
    assert outcomes.get_outcome(office_db, uuid).form.year == last_year
    row = plans.get_plan(office_db, last_year).topics[0]  # type: ignore[union-attr]
    assert (row.outcomes, row.status) == (1, TopicStatus.OUTCOME_SENT)


def test_research_one_general_report_and_n_sub_reports(
    office_db: Database, roster: Roster, topic: str
) -> None:
    research.set_work_plan(office_db, topic, "成立两个调研组，分赴各苏木镇调研。")
    groups = [
        research.add_group(
            office_db,
            topic,
            research.GroupForm(
                name=f"第{n}调研组", sub_topic=f"{n}片区", member_uuids=(roster["王伟"],)
            ),
        )
        for n in "一二"
    ]
    for group in groups:
        research.add_report(office_db, topic, research.ReportForm(title="分报告", group_uuid=group))
    research.add_report(office_db, topic, research.ReportForm(title="总报告", general=True))
    with pytest.raises(KnownError, match="已有总报告"):
        research.add_report(office_db, topic, research.ReportForm(title="又一份", general=True))
    with pytest.raises(KnownError, match=f"不在{PLAN_YEAR}年内"):
        research.add_report(
            office_db,
            topic,
            research.ReportForm(title="晚了", submitted_on=date(PLAN_YEAR + 1, 1, 2)),
        )

    found = research.get_research(office_db, topic)
    assert found.pattern == "1+2"
    assert found.reports[0].title == "总报告"
    assert [g.members for g in found.groups] == [((roster["王伟"], "王伟"),)] * 2
    assert found.work_plan.startswith("成立两个调研组")
    row = plans.get_plan(office_db, PLAN_YEAR).topics[0]  # type: ignore[union-attr]
    assert row.status is TopicStatus.RESEARCHING


def test_attachments_are_kept_in_the_database(
    office_db: Database, topic: str, tmp_path: Path
) -> None:
    source = tmp_path / "调研工作方案.docx"
    source.write_bytes(b"PK\x03\x04 a work plan")
    row = attachments.add_attachment(office_db, topic, source)
    source.unlink()  # the database holds it now
    assert [a.file_name for a in attachments.list_attachments(office_db, topic)] == [
        "调研工作方案.docx"
    ]
    assert research.get_research(office_db, topic).work_plan_attachments == 1
    out = tmp_path / "out"
    out.mkdir()
    copy = attachments.save_copy(office_db, row.uuid, out)
    assert copy.read_bytes() == b"PK\x03\x04 a work plan"
    attachments.delete_attachment(office_db, row.uuid)
    assert attachments.list_attachments(office_db, topic) == []
    with pytest.raises(KnownError, match="已不存在"):
        attachments.save_copy(office_db, row.uuid, out)
    attachments.undelete_attachment(office_db, row.uuid)
    assert len(attachments.list_attachments(office_db, topic)) == 1
    with pytest.raises(KnownError):
        attachments.add_attachment(office_db, topic, tmp_path / "missing.pdf")


def test_the_plan_prints_in_official_layout(office_db: Database, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="还没有议题"):
        write_plan_document(office_db, PLAN_YEAR, tmp_path / "计划.docx")
    plans.save_plan(
        office_db,
        PLAN_YEAR,
        plans.PlanForm(approved_on=date(PLAN_YEAR, 2, 12), approved_by="县委常委会会议"),
    )
    topics.add_topic(office_db, PLAN_YEAR, topic_form())
    topics.add_topic(office_db, PLAN_YEAR, topic_form(title="城区停车难问题", linked=False))
    path = write_plan_document(office_db, PLAN_YEAR, tmp_path / "计划.docx")
    document = Document(str(path))
    text = "".join(t.text or "" for t in document.element.body.iter() if t.text)
    assert f"示范县政协{PLAN_YEAR}年度协商计划" in text
    assert f"（{PLAN_YEAR}年2月12日县委常委会会议审定）" in text
    assert "一、专题协商会（2个）" in text
    assert "联接议题 1 个（50%）、自选议题 1 个（50%）；目标 70%" in text
    [table] = document.tables
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "协商议题",
        "协商形式",
        "议题来源",
        "牵头单位",
        "计划时间",
        "类别",
    ]
    assert [c.text for c in table.rows[2].cells][1:] == [
        "城区停车难问题",
        "专题协商会",
        "党委点题",
        "农业和农村委员会",
        "5月",
        "自选",
    ]
    assert document.sections[0].top_margin.mm == pytest.approx(37, abs=0.1)


def test_the_plan_table_keeps_time_and_kind_on_one_line(
    office_db: Database, tmp_path: Path
) -> None:
    topics.add_topic(office_db, PLAN_YEAR, topic_form(planned_month=None, planned_quarter=2))
    topics.add_topic(office_db, PLAN_YEAR, topic_form(title="城区停车难问题", linked=False))
    [table] = Document(
        str(write_plan_document(office_db, PLAN_YEAR, tmp_path / "计划.docx"))
    ).tables
    grid = [int(c.get(qn("w:w"))) * 25.4 / 1440 for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert [r[5] for r in rows] == ["计划时间", "第二季度", "5月"]
    for row in rows:
        for column in (0, 5, 6):  # 序号, 计划时间, 类别
            assert text_lines(row[column], grid[column], 12) == 1, row[column]


def test_the_plan_table_keeps_each_topic_whole_and_ends_without_a_blank_page(
    office_db: Database, tmp_path: Path
) -> None:
    """A long topic's row is never split over two pages (its last line alone on the next
    page under the repeated header), and no blank page follows the table."""
    for number in range(3):
        topics.add_topic(office_db, PLAN_YEAR, topic_form(title=f"议题{number}" + "推进整治" * 12))
    document = Document(str(write_plan_document(office_db, PLAN_YEAR, tmp_path / "计划.docx")))
    [table] = document.tables
    for row in table.rows:
        assert row._tr.trPr is not None
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert ends_in_a_hairline(document)
