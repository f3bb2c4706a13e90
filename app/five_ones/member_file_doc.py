"""履职档案 (.docx) for one member or for all, each member starting on a new page.

Personal data (ID-card and phone numbers masked: this is a printout), the seats
in each term, the year's five-ones results, and the duty records year by year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path

from app.common.documents.official import SIZE_SMALL_4, OfficialDocument, chinese_date
from app.common.errors import KnownError
from app.common.idcard import mask_id_number, mask_phone
from app.common.jobs import Progress
from app.common.storage import Database
from app.common.text import chinese_number
from app.five_ones.check import Criterion, FiveOnesReport, MemberResult, check_five_ones
from app.members.labels import ROLE_LABELS, SEX_LABELS
from app.members.member_files import MemberFile, birth_text, get_member
from app.records.activities import DutyRecordItem, member_records

MAX_EVIDENCE = 6  # records named per duty; the rest are counted


@dataclass(frozen=True)
class MemberFilePage:
    """Everything one member's pages show."""

    file: MemberFile
    result: MemberResult | None  # None: not checked in the year (left before it)
    records: tuple[DutyRecordItem, ...]


def gather_member_files(
    database: Database,
    report: FiveOnesReport,
    member_uuids: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> list[MemberFilePage]:
    """The pages for the given members (default: everyone checked in the report)."""
    uuids = list(member_uuids) if member_uuids is not None else [m.uuid for m in report.members]
    if not uuids:
        raise KnownError("没有可打印的委员。", "请先选择委员，或检查筛选条件。")
    results = {m.uuid: m for m in report.members}
    pages = []
    for done, uuid in enumerate(uuids):
        if progress is not None:
            progress.report(done, len(uuids), f"正在整理履职档案（{done + 1}/{len(uuids)}）…")
        pages.append(
            MemberFilePage(
                file=get_member(database, uuid),
                result=results.get(uuid),
                records=tuple(member_records(database, uuid)),
            )
        )
    return pages


def write_member_files(
    database: Database,
    path: Path,
    year: int,
    member_uuids: Sequence[str] | None = None,
    progress: Progress | None = None,
    report: FiveOnesReport | None = None,
    printed_on: date | None = None,
) -> Path:
    report = report or check_five_ones(database, year)
    pages = gather_member_files(database, report, member_uuids, progress)
    document = OfficialDocument(title="委员履职档案", author=report.office_name)
    for i, page in enumerate(pages):
        _member_pages(document, report, page, printed_on or date.today(), new_page=i > 0)
    if progress is not None:
        progress.report(len(pages), len(pages), "正在保存…")
    return document.save(path)


def _member_pages(
    document: OfficialDocument,
    report: FiveOnesReport,
    page: MemberFilePage,
    printed_on: date,
    new_page: bool,
) -> None:
    form = page.file.form
    document.title(f"{form.name}委员履职档案", new_page=new_page)
    document.subtitle(f"{report.office_name}　打印日期：{chinese_date(printed_on)}")
    document.heading(1, "一、基本情况")
    _personal_table(document, page.file)
    document.heading(1, "二、任职情况")
    _seat_table(document, page.file)
    document.heading(1, f"三、{report.year}年度“五个一”履职情况")
    _five_ones(document, report, page.result)
    document.heading(1, "四、履职记录")
    _records(document, page.records)


def _personal_table(document: OfficialDocument, file: MemberFile) -> None:
    form = file.form
    seat = file.memberships[0] if file.memberships else None
    rows = [
        ["姓名", form.name, "性别", SEX_LABELS.get(form.sex, "") if form.sex else ""],
        ["民族", form.ethnic_group, "出生年月", birth_text(form.birth_date, form.birth_day_known)],
        ["籍贯", form.native_place, "学历", form.education],
        ["政治面貌", form.party, "界别", form.sector],
        ["职称", form.professional_title, "政协职务", ROLE_LABELS[seat.role] if seat else ""],
        ["专委会", "、".join(form.committees), "联络组", form.liaison_group],
        ["联系电话", mask_phone(form.phone), "身份证号码", mask_id_number(form.id_number)],
        ["工作单位及职务", form.employer],
        ["通讯地址", form.address],
        ["备注", form.note],
    ]
    document.table(
        rows,
        widths_mm=(36, 44, 30, 46),
        size=SIZE_SMALL_4,
        centred_columns=(0, 2),
        bold_columns=(0, 2),  # labels, as on the paper form
    )


def _seat_table(document: OfficialDocument, file: MemberFile) -> None:
    rows = [
        [
            seat.term_text,
            seat.role_label,
            chinese_date(seat.start_date) + "增补" if seat.start_date else "届初",
            seat.status_label,
            chinese_date(seat.status_date) if seat.status_date else "",
        ]
        for seat in file.memberships
    ]
    if not rows:
        document.paragraph("暂无任职记录。")
        return
    document.table(
        rows,
        widths_mm=(54, 22, 30, 16, 34),
        header=("届次", "政协职务", "任职起始", "状态", "日期"),
        size=SIZE_SMALL_4,
        centred_columns=(1, 2, 3, 4),
    )


def _five_ones(
    document: OfficialDocument, report: FiveOnesReport, result: MemberResult | None
) -> None:
    if result is None:
        document.paragraph(f"{report.year}年度不在考核范围内（已于该年之前离任）。")
        return
    rows = [
        [
            criterion.label,
            "达到" if result.result(criterion).met else "未达到",
            str(result.result(criterion).count),
            _evidence_text(result, criterion),
        ]
        for criterion in Criterion
    ]
    document.table(
        rows,
        widths_mm=(34, 24, 14, 84),
        header=("项目", "是否达到", "次数", "依据"),
        size=SIZE_SMALL_4,
        centred_columns=(1, 2),
    )
    verdict = "五项要求全部达到。" if result.all_met else "未全部达到“五个一”要求。"
    notes = f"（{result.notes}）" if result.notes else ""
    document.paragraph(f"{report.year}年度{verdict}{notes}")


def _evidence_text(result: MemberResult, criterion: Criterion) -> str:
    evidence = result.result(criterion).evidence
    items = [
        f"{e.day.month}月{e.day.day}日 {e.title}" + (f"（{e.detail}）" if e.detail else "")
        for e in evidence[:MAX_EVIDENCE]
    ]
    if criterion is Criterion.SPEECH_OR_REPORT:
        items = [
            f"{e.day.year}年{e.day.month}月 {e.kind}：{e.title}" for e in evidence[:MAX_EVIDENCE]
        ]
    if len(evidence) > MAX_EVIDENCE:
        items.append(f"等{len(evidence)}项")
    return "；".join(items) if items else "无"


def _records(document: OfficialDocument, records: Sequence[DutyRecordItem]) -> None:
    if not records:
        document.paragraph("暂无履职记录。")
        return
    for number, (year, items) in enumerate(groupby(records, key=lambda i: i.year), start=1):
        listed = list(items)
        document.heading(2, f"（{chinese_number(number)}）{year}年（{len(listed)}项）")
        document.table(
            [[f"{i.day.month}月{i.day.day}日", i.kind_label, i.title, i.detail] for i in listed],
            widths_mm=(27, 24, 75, 30),
            header=("日期", "类别", "名称", "情况"),
            size=SIZE_SMALL_4,
            centred_columns=(0, 1, 3),
        )
