"""履职档案 (.docx) for one member or for all: one member on one page where the
records allow, two at most; each member in a section of their own with page
numbers from 1.

Personal data is masked (this is a printout): the phone to 138****5678, and the
ID number to its last four characters, because the birth date is printed beside
it (region + birth date + last four is the whole number). The birth date shows
year and month only, as 出生年月 on the paper forms: with the county's own region
code guessable, a full birth date and the last four would still give most numbers
away. The photo sits in the table when there is one.

Records that would not fit on the two pages are summarised year by year (the
oldest first to go); the full list stays in the program.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.common.documents.official import (
    SIZE_4,
    SIZE_5,
    CellSpec,
    OfficialDocument,
    chinese_date,
)
from app.common.documents.word_tables import estimate_height
from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.people.idcard import mask_id_number, mask_phone
from app.common.storage import Database
from app.common.text import document_day
from app.five_ones.check import Criterion, FiveOnesReport, MemberResult, check_five_ones
from app.members.labels import ROLE_LABELS, SEX_LABELS
from app.members.member_files import MemberFile, MembershipItem, get_members
from app.records.member_records import DutyRecordItem, records_by_member

PAGES_PER_MEMBER = 2
PAGE_HEIGHT_PT = 637.8  # the type area, 225 mm
FILL = 0.88  # of the pages the estimate may fill: rows are kept whole, estimates err
TITLE_PT, LINE_4_PT, LINE_5_PT = 35.0, SIZE_4.pt * 1.6, SIZE_5.pt * 1.5
PHOTO_MM = (20.0, 27.0)
# Label columns as wide as their longest label (出生年月, 身份证号码, 联络组) in 5号.
PERSONAL_WIDTHS = (19, 33, 23, 33, 16, 32)
PERSONAL_WIDTHS_PHOTO = (19, 25, 23, 25, 16, 24, 24)
FIVE_WIDTHS = (26, 26, 26, 26, 26, 26)
FIVE_HEADER = (*(c.label for c in Criterion), "是否全部达到")
# 类别 as wide as its longest kind, 调研视察报告 (常委会会议 broke after 常委会会).
RECORD_WIDTHS = (27, 27, 71, 31)
RECORD_HEADER = ("日期", "类别", "名称", "情况")


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
    if progress is not None:  # one read for all, then a step per member laid out
        progress.report(0, len(uuids) + 1, f"正在读取 {len(uuids)} 位委员的档案和履职记录…")
    files = get_members(database, uuids)
    records = records_by_member(database, uuids)
    return [
        MemberFilePage(file=file, result=results.get(file.uuid), records=tuple(records[file.uuid]))
        for file in files
    ]


def member_files_name(year: object) -> str:
    """The file name of all members' 履职档案 for a year (window and command line)."""
    return f"委员履职档案{year}.docx"


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
    steps = len(pages) + 1
    for i, page in enumerate(pages):
        if progress is not None:
            progress.report(1 + i, steps, f"正在排版履职档案（{i + 1}/{len(pages)}）…")
        if i:
            document.new_section(restart_numbering=True)
        _member_pages(document, report, page, printed_on or date.today())
    if progress is not None:
        progress.report(steps, steps, "正在保存…")
    return document.save(path)


def _member_pages(
    document: OfficialDocument, report: FiveOnesReport, page: MemberFilePage, printed_on: date
) -> None:
    form = page.file.form
    document.title(f"{form.name}委员履职档案", blank=False)
    document.subtitle(f"{report.office_name}　打印日期：{chinese_date(printed_on)}", SIZE_4)
    document.heading(1, "一、基本情况", SIZE_4)
    personal, widths = personal_rows(page.file)
    photo = [form.photo] if form.photo else []
    document.table(
        personal,
        widths_mm=widths,
        size=SIZE_5,
        centred_columns=(0, 2, 4),
        bold_columns=(0, 2, 4),  # labels, as on the paper form
        cant_split=True,
        spacer=False,
        pictures=photo,
        picture_mm=PHOTO_MM,
    )
    document.heading(1, f"二、{report.year}年度“五个一”履职情况", SIZE_4)
    five = five_ones_rows(page.result)
    if five:
        document.table(
            five,
            widths_mm=FIVE_WIDTHS,
            header=FIVE_HEADER,
            size=SIZE_5,
            centred_columns=range(len(FIVE_WIDTHS)),
            cant_split=True,
            spacer=False,
        )
    document.paragraph(verdict(report, page.result), indent=False, size=SIZE_5)
    used = _fixed_height(personal, widths, five)
    rows, listed = record_rows(page.records, PAGES_PER_MEMBER * PAGE_HEIGHT_PT * FILL - used)
    document.heading(1, f"三、履职记录（共{len(page.records)}项）", SIZE_4)
    if not rows:
        document.paragraph("暂无履职记录。", indent=False, size=SIZE_5)
        return
    document.table(
        rows,
        widths_mm=RECORD_WIDTHS,
        header=RECORD_HEADER,
        size=SIZE_5,
        centred_columns=(0, 1, 3),
        cant_split=True,
        spacer=False,
    )
    if listed < len(page.records):
        document.paragraph(
            f"注：限于篇幅，以上列出最近的 {listed} 项，较早年份按类别计数；全部记录见“履职记录”。",
            indent=False,
            size=SIZE_5,
        )


def personal_rows(file: MemberFile) -> tuple[list[list[str | CellSpec]], tuple[int, ...]]:
    """The 基本情况 table, three label-value pairs a row, and its column widths (a
    seventh column for the photo)."""
    form = file.form
    seat = file.memberships[0] if file.memberships else None
    sex = SEX_LABELS.get(form.sex, "") if form.sex else ""
    role = ROLE_LABELS[seat.role] if seat else ""
    birth = document_day(form.birth_date, False) if form.birth_date else ""
    first: list[list[str | CellSpec]] = [
        ["姓名", form.name, "性别", sex, "民族", form.ethnic_group],
        [
            "出生年月",
            birth,
            "籍贯",
            form.native_place,
            "",
            "",
        ],
        ["学历", form.education, "政治面貌", form.party, "界别", form.sector],
        ["职称", form.professional_title, "政协职务", role, "联络组", form.liaison_group],
    ]
    if form.photo:
        first[0].append(CellSpec(merge="start", picture=True, centred=True))
        for row in first[1:]:
            row.append(CellSpec(merge="continue"))
    rest: list[list[str | CellSpec]] = [
        ["专委会", "、".join(form.committees)],
        [
            "联系电话",
            CellSpec(mask_phone(form.phone), span=2),
            CellSpec("身份证号码", bold=True, centred=True),
            CellSpec(mask_id_number(form.id_number, birth_shown=True), bold=False, centred=False),
        ],
        ["工作单位及职务", form.employer],
        ["通讯地址", form.address],
        ["任职情况", "\n".join(seat_text(s) for s in file.memberships) or "暂无任职记录"],
        ["备注", form.note],
    ]
    widths = PERSONAL_WIDTHS_PHOTO if form.photo else PERSONAL_WIDTHS
    return first + rest, widths


def seat_text(seat: MembershipItem) -> str:
    """第十届（2021—2026）常委，届初起，在任 / …，2023年3月1日增补，2025年8月31日辞去."""
    start = f"{chinese_date(seat.start_date)}增补" if seat.start_date else "届初起"
    status = seat.status_label
    if seat.status_date is not None:
        status = f"{chinese_date(seat.status_date)}{status}"
    return f"{seat.term_text}{seat.role_label}，{start}，{status}"


def five_ones_rows(result: MemberResult | None) -> list[list[str]]:
    """One row: 达到（2） or 未达到（0） for each duty, and the verdict."""
    if result is None:
        return []
    cells = []
    for criterion in Criterion:
        outcome = result.result(criterion)
        cells.append(
            outcome.verdict if not outcome.applicable else f"{outcome.verdict}（{outcome.count}）"
        )
    return [[*cells, "是" if result.all_met else "否"]]


def verdict(report: FiveOnesReport, result: MemberResult | None) -> str:
    if result is None:
        return f"{report.year}年度不在考核范围内（已于该年之前离任）。"
    done = "五项要求全部达到。" if result.all_met else "未全部达到“五个一”要求。"
    notes = f"（{result.notes}）" if result.notes else ""
    return f"{report.year}年度{done}{notes}"


def _fixed_height(
    personal: list[list[str | CellSpec]], widths: Sequence[int], five: list[list[str]]
) -> float:
    """Points everything but the records takes (title to the records' heading)."""
    photo_rows = PHOTO_MM[1] / 25.4 * 72 if len(widths) == len(PERSONAL_WIDTHS_PHOTO) else 0.0
    personal_pt = max(estimate_height(personal, widths, SIZE_5.pt), photo_rows)
    five_pt = estimate_height([FIVE_HEADER, *five], FIVE_WIDTHS, SIZE_5.pt) if five else 0.0
    headings = 3 * LINE_4_PT + LINE_4_PT  # three headings and the subtitle
    return TITLE_PT + headings + personal_pt + five_pt + 2 * LINE_5_PT


def record_rows(records: Sequence[DutyRecordItem], room_pt: float) -> tuple[list[list[str]], int]:
    """The records table's rows within `room_pt` (header included), and how many
    records are listed one by one: newest first; when they do not all fit, the
    earliest years become one line each, counted by kind (every year, if even
    the latest alone is too long)."""
    years = sorted({item.year for item in records})
    rows = [_record_row(item) for item in records]
    # A table's height is its rows' heights added up: each row is measured once, not
    # once for every year tried (a member of ten years has hundreds of records).
    heights = [_height([row]) for row in rows]
    header = _height([list(RECORD_HEADER)])
    for summarised in range(len(years) + 1):
        old = set(years[:summarised])
        kept = [n for n, item in enumerate(records) if item.year not in old]
        summary = [_year_summary(year, records) for year in sorted(old, reverse=True)]
        height = header + sum(heights[n] for n in kept) + _height(summary)
        if summarised == len(years) or height <= room_pt:
            return [rows[n] for n in kept] + summary, len(kept)
    return [], 0  # no records


def _record_row(item: DutyRecordItem) -> list[str]:
    return [f"{item.day:%Y.%m.%d}", item.kind_label, item.title, item.detail]


def _year_summary(year: int, records: Sequence[DutyRecordItem]) -> list[str]:
    kinds = Counter(item.kind_label for item in records if item.year == year)
    counted = "、".join(f"{kind}{count}项" for kind, count in kinds.most_common())
    return [f"{year}年", f"共{sum(kinds.values())}项：{counted}"]


def _height(rows: list[list[str]]) -> float:
    return estimate_height(rows, RECORD_WIDTHS, SIZE_5.pt)
