"""通报: 关于2025年度委员履职“五个一”情况的通报, in official layout.

版头 (red 发文机关标志, 发文字号, red rule); the summary figures first, then duty by
duty the members who fell short (names separated by 、), then the issuing office
and the date; the 考核表 appended as 附件 if the clerk wants it (on landscape
pages); 版记 (抄送, 印发机关 and 印发日期) at the foot of the last page. What the
clerk sets is in NoticeOptions (app.five_ones.notice_options).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.common.documents.official import (
    SIZE_5,
    Imprint,
    Letterhead,
    OfficialDocument,
)
from app.common.text import chinese_number, percent
from app.five_ones.check import (
    SHORTFALL_LABELS,
    Criterion,
    FiveOnesReport,
    MemberResult,
)
from app.five_ones.notice_options import Attachment, NoticeOptions
from app.five_ones.workbook import HEADERS, criterion_cell

RECIPIENT = "各位委员，各专门委员会，各委员联络活动组："
UNRECORDED_TEXT = "本年度尚未录入该项数据，暂不通报，待数据录入后另行通报。"
DUTIES = (
    "每年参加一次全体会议、每年至少提交一件提案、每年至少报送一件社情民意信息、"
    "每年至少参加一次政协组织的活动、每届至少提交一件大会发言材料或一份调研视察报告"
)


def notice_title(year: int) -> list[str]:
    """Two balanced lines: 关于2025年度委员履职 / “五个一”情况的通报."""
    return [f"关于{year}年度委员履职", "“五个一”情况的通报"]


# The 考核表's columns on a landscape page (225 mm): 序号 … 备注; 姓名, 界别 and 专委会
# as wide as 四字姓名, 无党派人士 and 社会和法制委员会 (they broke mid-word).
APPENDED_WIDTHS = (11, 19, 23, 34, 23, 14, 12, 14, 14, 18, 12, 31)


def attachment_title(year: int) -> str:
    return f"{year}年度委员履职“五个一”考核表"


def notice_name(year: object) -> str:
    """The file name the window offers and `five-ones --notice` uses by default."""
    return f"关于{year}年度委员履职五个一情况的通报.docx"


def write_five_ones_notice(
    report: FiveOnesReport,
    path: Path,
    options: NoticeOptions | None = None,
    made_on: date | None = None,
) -> Path:
    """The notice as the clerk set it (defaults for anything left empty)."""
    options = (options or NoticeOptions()).resolved(report.office_name, made_on or date.today())
    assert options.issued_on is not None
    title = "".join(notice_title(report.year))
    document = OfficialDocument(title=title, author=options.issuer)
    document.letterhead(Letterhead(options.organ_mark, options.number))
    document.title(notice_title(report.year))
    document.recipient(RECIPIENT)
    document.paragraph(
        f"按照委员履职“五个一”要求（{DUTIES}），现将{report.office_name}{report.term_text}"
        f"委员{report.year}年度履职情况通报如下。"
    )
    _overall(document, report)
    _shortfalls(document, report)
    document.heading(1, "三、有关要求")
    document.paragraph(
        "请各位委员对照“五个一”要求，认真履行委员职责；未达到要求的委员要查找原因，"
        "在今后的履职中及时改进。各专门委员会、各委员联络活动组要加强联系服务，"
        "督促和帮助委员积极履职。履职情况如有出入，请于本通报印发之日起十个工作日内"
        "向政协办公室反映。"
    )
    if options.attachment is not Attachment.NONE:
        document.attachments([attachment_title(report.year)])
    document.signature(options.issuer, options.issued_on)
    if options.attachment is Attachment.APPENDED:
        _appended_workbook(document, report)
    document.imprint(Imprint(options.printer, options.issued_on, options.copy_to))
    return document.save(path)


def _appended_workbook(document: OfficialDocument, report: FiveOnesReport) -> None:
    """附件: the 考核表 on landscape pages, after the signature and before the 版记."""
    document.new_section(landscape=True)
    document.attachment_heading("附件", attachment_title(report.year))
    rows = [
        [
            str(number),
            member.name,
            member.sector,
            "、".join(member.committees),
            member.liaison_group,
            *(criterion_cell(member, c) for c in Criterion),
            "是" if member.all_met else "否",
            member.notes,
        ]
        for number, member in enumerate(report.members, start=1)
    ]
    document.table(
        rows,
        widths_mm=APPENDED_WIDTHS,
        header=HEADERS,
        size=SIZE_5,
        centred_columns=(0, 1, 2, 4, 5, 6, 7, 8, 9, 10),
        cant_split=True,
    )


def _overall(document: OfficialDocument, report: FiveOnesReport) -> None:
    summary = report.summary
    checked = summary.checked
    document.heading(1, "一、总体情况")
    each = "，".join(f"{_done_phrase(c)}{n}人" for c, n in summary.met)
    document.paragraph(
        f"{report.year}年度参加考核的委员共{checked}人。其中，“五个一”要求全部达到的"
        f"{summary.all_met}人，占{percent(summary.all_met, checked)}。分项看，{each}。"
    )
    left = (
        f"另有{summary.left_before_year}名本届委员在{report.year}年之前已离任，未参加本年度考核。"
        if summary.left_before_year
        else ""
    )
    unrecorded = "、".join(f"“{c.label}”" for c in report.unrecorded)
    items = "一项" if len(report.unrecorded) == 1 else "各项"
    pending = f"{unrecorded}{items}本年度尚未录入数据，暂按无人达到计。" if unrecorded else ""
    document.paragraph(
        "年中增补的委员自增补之日起考核，年内离任的委员考核至离任之日；"
        f"大会发言材料和调研视察报告按本届以来累计计算。{left}"
        f"本次考核中，{report.rules.text}{pending}"
    )


def _done_phrase(criterion: Criterion) -> str:
    return {
        Criterion.PLENARY: "参加全体会议的",
        Criterion.PROPOSAL: "提交提案的",
        Criterion.SOCIAL_INFO: "报送社情民意信息的",
        Criterion.ACTIVITY: "参加政协组织的活动的",
        Criterion.SPEECH_OR_REPORT: "本届以来提交大会发言材料或调研视察报告的",
    }[criterion]


def _shortfalls(document: OfficialDocument, report: FiveOnesReport) -> None:
    document.heading(1, "二、未达到要求的委员")
    if report.summary.all_met == report.summary.checked:
        document.paragraph("本年度参加考核的委员均达到“五个一”要求。")
        return
    for number, criterion in enumerate(Criterion, start=1):
        missed = [m for m in report.members if not m.result(criterion).met]
        heading = f"（{chinese_number(number)}）{SHORTFALL_LABELS[criterion]}"
        if criterion in report.unrecorded:
            document.heading(2, heading)
            document.paragraph(UNRECORDED_TEXT)
            continue
        document.heading(2, f"{heading}（{len(missed)}人）")
        if missed:
            document.paragraph("、".join(_name(m) for m in missed) + "。")
        else:
            document.paragraph("无。")


def _name(member: MemberResult) -> str:
    """A member who left during the year is named with the leaving, as on the roster."""
    if member.left_during_year and member.left_on is not None:
        return f"{member.name}（{member.left_on.month}月{member.left_status}）"
    return member.name
