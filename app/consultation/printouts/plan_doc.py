"""The annual consultation plan as a Word file in official layout (GB/T 9704).

The topics grouped by form (一、专题议政性常委会会议 …), each with its source,
lead committee, time and whether it is a linked topic; the linked/own share;
and on a new page a one-table overview (附表) of every topic.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.common.documents.fonts import declare_fallbacks
from app.common.documents.official import (
    SIZE_SMALL_4,
    OfficialDocument,
    chinese_date,
)
from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import chinese_number
from app.consultation.labels import FORM_LABELS, ConsultationForm
from app.consultation.plan.plans import PlanDetail, TopicRow, get_plan
from app.consultation.printouts.meeting_docs import end_after_table
from app.office.office import chosen_office

TABLE_COLUMNS = ("序号", "协商议题", "协商形式", "议题来源", "牵头单位", "计划时间", "类别")
# 小4: 4.2 mm a character; 计划时间 and 第二季度 on one line (计划时 / 间 broke in two).
TABLE_WIDTHS_MM = (13.0, 40.0, 25.0, 22.0, 22.0, 21.0, 13.0)


def write_plan_document(
    database: Database, year: int, path: Path, office_code: str | None = None
) -> Path:
    """`office_code`: a county's plan printed at the city (only read), None for this office's."""
    plan = get_plan(database, year, office_code)
    if plan is None or not plan.topics:
        raise KnownError(f"{year}年度协商计划中还没有议题。", "请先添加议题，再打印计划。")
    with database.read() as session:
        office = chosen_office(session, office_code).name
    title = plan.title if "政协" in plan.title else f"{office}{plan.title}"
    document = OfficialDocument(title=title, author=office)
    declare_fallbacks(document.document)
    document.title(title)
    document.subtitle(_approval(plan))
    document.blank_line()
    for text in _preamble(plan):
        document.paragraph(text)
    groups = [(form, [t for t in plan.topics if t.form is form]) for form in ConsultationForm]
    number = 0
    for heading_number, (form, topics) in enumerate((g for g in groups if g[1]), start=1):
        label = FORM_LABELS[form] if form is not ConsultationForm.OTHER else "其他协商形式"
        document.heading(1, f"{chinese_number(heading_number)}、{label}（{len(topics)}个）")
        for topic in topics:
            number += 1
            document.paragraph(topic.title, lead=f"{number}. ")
            document.paragraph(_details(topic))
    document.paragraph(f"全年共安排协商议题{len(plan.topics)}个，其中{plan.share.text}。")
    document.signature(office, plan.form.approved_on or date.today())
    document.title(f"附表：{year}年度协商议题一览表", new_page=True)
    document.table(
        [_table_row(t) for t in plan.topics],
        TABLE_WIDTHS_MM,
        header=TABLE_COLUMNS,
        size=SIZE_SMALL_4,
        centred_columns=(0, 2, 3, 5, 6),
        cant_split=True,  # a topic's row whole on one page, never its last line alone
        spacer=False,
    )
    end_after_table(document)
    return document.save(path)


def _approval(plan: PlanDetail) -> str:
    form = plan.form
    if form.approved_on is None:
        return "（草案）"
    by = form.approved_by or "县委常委会会议"
    return f"（{chinese_date(form.approved_on)}{by}审定）"


def _preamble(plan: PlanDetail) -> list[str]:
    if plan.form.preamble:
        return [line.strip() for line in plan.form.preamble.splitlines() if line.strip()]
    by = plan.form.approved_by or "县委"
    return [
        f"根据县委工作部署和政协年度工作安排，经广泛征集议题、协商选题，报{by}审定，"
        f"现将{plan.year}年度协商计划安排如下。"
    ]


def _details(topic: TopicRow) -> str:
    parts = [f"议题来源：{topic.source_label}"]
    if topic.lead_committee:
        parts.append(f"牵头单位：{topic.lead_committee}")
    if topic.leader:
        parts.append(f"牵头领导：{topic.leader}")
    parts.append(f"计划时间：{topic.when}")
    parts.append(topic.linked_label)
    if topic.form is ConsultationForm.OTHER:
        parts.append(f"协商形式：{topic.form_text}")
    return "；".join(parts) + "。"


def _table_row(topic: TopicRow) -> list[str]:
    return [
        str(topic.number),
        topic.title,
        topic.form_text,
        topic.source_label,
        topic.lead_committee,
        topic.when,
        "联接" if topic.linked else "自选",
    ]
