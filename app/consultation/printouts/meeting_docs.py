"""A meeting's printed materials as Word files in the official layout (GB/T 9704):
会议通知, 会议议程, 参会人员名单, 会议纪要 and 签到表 here; 座签 in table_cards.

Everything comes from materials.meeting_materials, so the Qt print preview of
the screens shows the same rows. `write_meeting_materials` writes the six
files into one folder, named by date, meeting and what each is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import Table

from app.common.documents.fonts import declare_fallbacks
from app.common.documents.official import (
    HEITI,
    SIZE_3,
    SIZE_4,
    TEXT_WIDTH,
    CellSpec,
    OfficialDocument,
    chars,
    chinese_date,
    set_run_font,
    text_width,
)
from app.common.documents.word_tables import CELL_MARGIN_MM
from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.storage import Database
from app.common.text import chinese_number
from app.consultation.labels import GuestKind
from app.consultation.meetings.meetings import Guest
from app.consultation.printouts.materials import (
    NOBODY,
    AttendeeList,
    MeetingMaterials,
    NameGroup,
    SignInSheet,
    meeting_materials,
    padded_name,
)
from app.consultation.printouts.table_cards import write_table_cards
from app.records.labels import AttendanceStatus

NAMES_PER_LINE = 5
BLANK_SIGN_IN_ROWS = 12  # an empty list still gives a sheet to sign by hand
# What each file is called after the meeting's date and name (the CLI's contract).
FILE_KINDS = ("会议通知", "会议议程", "签到表", "座签", "参会人员名单", "会议纪要")


def write_meeting_materials(
    database: Database,
    uuid: str,
    folder: Path,
    progress: Progress | None = None,
    issued_on: date | None = None,
) -> list[Path]:
    """All six files of one meeting into `folder`; returns their paths in FILE_KINDS order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise KnownError(f"文件夹“{folder}”不存在。", "请先建立该文件夹，或选择其他文件夹。")
    materials = meeting_materials(database, uuid)
    stem = file_stem(materials)
    writers: list[Callable[[Path], Path]] = [
        lambda p: write_notice(materials, p, issued_on),
        lambda p: write_agenda(materials, p),
        lambda p: write_sign_in_sheet(materials.sign_in, p, materials.office_name),
        lambda p: write_table_cards(
            materials.cards, p, f"{materials.title}座签", materials.cards_note
        ),
        lambda p: write_attendee_list(materials.attendee_list, p, materials.office_name),
        lambda p: write_minutes(materials, p),
    ]
    written = []
    for done, (path, write) in enumerate(zip(_paths(folder, stem), writers, strict=True)):
        if progress is not None:
            progress.report(done, len(FILE_KINDS), f"正在生成{FILE_KINDS[done]}…")
        written.append(write(path))
    return written


def material_paths(database: Database, uuid: str, folder: Path) -> list[Path]:
    """The six files write_meeting_materials would write into `folder`, in its order."""
    return _paths(Path(folder), file_stem(meeting_materials(database, uuid)))


def _paths(folder: Path, stem: str) -> list[Path]:
    return [folder / f"{stem}-{kind}.docx" for kind in FILE_KINDS]


def file_stem(materials: MeetingMaterials) -> str:
    """20260520“…”专题协商会 → 20260520…专题协商会: no quotes, safe on Windows, at most
    40 characters."""
    held_on = materials.meeting.form.held_on
    assert held_on is not None
    unquoted = re.sub(r"[“”‘’]", "", materials.title)
    title = re.sub(r'[\\/:*?"<>|：\s]+', "-", unquoted).strip("-. ")
    return f"{held_on:%Y%m%d}{title[:40]}"


# --- 会议通知 ---------------------------------------------------------------------------


def write_notice(materials: MeetingMaterials, path: Path, issued_on: date | None = None) -> Path:
    form, name = materials.meeting.form, materials.title
    document = _document(f"关于召开{name}的通知", materials.office_name)
    document.title(f"关于召开{name}的通知")
    document.recipient("各位委员、各有关单位：" if form.guests else "各位委员：")
    place = f"在{form.venue}" if form.venue else ""
    document.paragraph(f"经研究，定于{materials.when}{place}召开{name}。现将有关事项通知如下：")
    sections: list[tuple[str, list[str]]] = [("会议时间", [materials.when])]
    if form.venue:
        sections.append(("会议地点", [form.venue]))
    sections.append(("会议议程", _agenda_lines(materials) or ["议程另行通知。"]))
    sections.append(("参会人员", [_who_comes(materials)]))
    sections.append(
        (
            "有关要求",
            [
                "请参会人员提前15分钟到达会场签到。因故不能参会的，"
                f"请于会前向{materials.issuer}请假。"
            ],
        )
    )
    for number, (heading, lines) in enumerate(sections, start=1):
        document.heading(1, f"{chinese_number(number)}、{heading}")
        for line in lines:
            document.paragraph(line)
    if not materials.nobody:
        document.attachments(["参会人员名单"])
    document.signature(materials.issuer, issued_on or date.today())
    return document.save(path)


def _who_comes(materials: MeetingMaterials) -> str:
    if materials.nobody:
        return NOBODY
    attendees = materials.meeting.attendees
    parts = [f"政协委员{len(attendees)}人"] if attendees else []
    guests = materials.meeting.form.guests
    if guests:
        parts.append("特邀" + "、".join(guest_phrase(g) for g in guests[:6]))
        if len(guests) > 6:
            parts[-1] += f"等{len(guests)}位（个）领导、单位和专家"
    return "；".join(parts) + "（名单附后）。"


def guest_phrase(guest: Guest) -> str:
    """副县长孙丽娟 / 县住房和城乡建设局主要负责同志."""
    if guest.kind is GuestKind.DEPARTMENT:
        return f"{guest.name}{guest.unit_title}"
    return f"{guest.unit_title}{guest.name}"


def _agenda_lines(materials: MeetingMaterials) -> list[str]:
    return [
        f"{number}. {item.content}" + (f"（{item.presenter}）" if item.presenter else "")
        for number, item in enumerate(materials.meeting.form.agenda, start=1)
    ]


# --- 会议议程 ---------------------------------------------------------------------------


def write_agenda(materials: MeetingMaterials, path: Path) -> Path:
    form, name = materials.meeting.form, materials.title
    document = _document(f"{name}议程", materials.office_name)
    document.title(f"{name}议程")
    document.subtitle("　".join(p for p in (materials.when, form.venue) if p))
    if form.chair:
        document.subtitle(f"主持人：{form.chair}")
    document.blank_line()
    if not form.agenda:
        document.paragraph("议程待定。")
    for number, item in enumerate(form.agenda, start=1):
        presenter = f"（{item.presenter}）" if item.presenter else ""
        document.paragraph(f"{item.content}{presenter}", lead=f"{chinese_number(number)}、")
    return document.save(path)


# --- 参会人员名单 -------------------------------------------------------------------------


def write_attendee_list(names: AttendeeList, path: Path, office_name: str = "") -> Path:
    document = _document(names.title, office_name)
    document.title(names.title)
    document.subtitle(names.subtitle)
    document.blank_line()
    if not names.groups:
        document.paragraph(names.empty_note)
    for number, group in enumerate(names.groups, start=1):
        document.heading(1, f"{chinese_number(number)}、{group.full_heading}")
        _name_group(document, group)
    return document.save(path)


def _name_group(document: OfficialDocument, group: NameGroup) -> None:
    if group.with_details:
        for entry in group.entries:
            detail = f"　{entry.detail}" if entry.detail else ""
            document.paragraph(f"{padded_name(entry.name)}{detail}")
        return
    rows = _name_rows([padded_name(e.name) for e in group.entries])
    table = document.table(
        rows, [1.0] * NAMES_PER_LINE, size=SIZE_3, centred_columns=range(NAMES_PER_LINE)
    )
    _without_borders(table)


def _name_rows(names: list[str]) -> list[list[CellSpec | str]]:
    """Names in order, five a line; a name too long for a fifth of the line (阿不都热合曼·
    买买提) takes two or more cells instead of breaking inside it."""
    rows: list[list[CellSpec | str]] = []
    row: list[CellSpec | str] = []
    used = 0
    for name in names:
        span = _name_columns(name)
        if used + span > NAMES_PER_LINE:
            rows.append(row + [""] * (NAMES_PER_LINE - used))
            row, used = [], 0
        row.append(CellSpec(name, span=span) if span > 1 else name)
        used += span
    rows.append(row + [""] * (NAMES_PER_LINE - used))
    return rows


def _name_columns(name: str) -> int:
    """Cells a name needs on one line: each a fifth of the type area less the cell margins;
    half a character spare, as substituted fonts set the · and digits wider."""
    cell = TEXT_WIDTH.mm / NAMES_PER_LINE
    needed = (text_width(name) + 0.5) * SIZE_3.mm + 2 * CELL_MARGIN_MM
    return min(NAMES_PER_LINE, max(1, math.ceil(needed / cell)))


def _without_borders(table: Table) -> None:
    """A name grid: the columns line up, no rules drawn."""
    tbl_pr = table._tbl.tblPr
    style = tbl_pr.find(qn("w:tblStyle"))
    if style is not None:
        tbl_pr.remove(style)
    edges = "".join(
        f'<w:{edge} w:val="nil"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tbl_pr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"))


# --- 签到表 ----------------------------------------------------------------------------


def write_sign_in_sheet(sheet: SignInSheet, path: Path, office_name: str = "") -> Path:
    """Rows tall enough to sign, never split across pages; the header repeats on each page."""
    document = _document(sheet.title, office_name)
    document.title(sheet.title)
    document.subtitle(sheet.subtitle)
    if not sheet.rows:
        document.subtitle(f"（{NOBODY}）")
    rows = [[str(r.number), r.name, r.affiliation, "", r.note] for r in sheet.rows]
    rows = rows or [["", "", "", "", ""] for _ in range(BLANK_SIGN_IN_ROWS)]
    table = document.table(
        rows,
        sheet.widths_mm,
        header=sheet.columns,
        size=SIZE_4,
        centred_columns=(0, 1, 4),
        spacer=False,
    )
    _signing_rows(table, sheet.row_height_mm)
    end_after_table(document)
    return document.save(path)


def end_after_table(document: OfficialDocument) -> None:
    """The paragraph a document needs after its last table, 1 pt high: a 3号 line there
    went on to a page of its own when the table filled the page (12 blank rows to sign)."""
    paragraph = document.document.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(1)
    properties = paragraph._p.get_or_add_pPr()
    # Off the page's line grid, which would give it a full 3号 line all the same.
    properties.insert(0, parse_xml(f'<w:snapToGrid {nsdecls("w")} w:val="0"/>'))
    mark = f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'
    properties.append(parse_xml(mark))


def _signing_rows(table: Table, height_mm: float) -> None:
    height = round(Mm(height_mm).twips)
    for number, row in enumerate(table._tbl.tr_lst):
        tr_pr = row.get_or_add_trPr()
        tr_pr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        rule = height if number else round(Mm(10).twips)
        tr_pr.append(parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{rule}" w:hRule="atLeast"/>'))


# --- 会议纪要 ---------------------------------------------------------------------------


def write_minutes(materials: MeetingMaterials, path: Path) -> Path:
    """纪要: what happened, the consensus, the speeches; then who attended (GB/T 9704 10.3)."""
    detail = materials.meeting
    form = detail.form
    assert form.held_on is not None
    name = materials.title
    document = _document(f"{name}纪要", materials.office_name)
    document.title(f"{name}纪要")
    opening = f"{chinese_date(form.held_on)}{form.time_text}，{name}"
    opening += f"在{form.venue}召开。" if form.venue else "召开。"
    if form.chair:
        opening += f"会议由{form.chair}主持。"
    if detail.topic_title:
        opening += f"会议围绕“{detail.topic_title}”开展协商。"
    document.paragraph(opening)
    for text in _paragraphs(form.minutes):
        document.paragraph(text)
    if form.consensus:
        document.paragraph("会议形成以下共识：")
        for number, point in enumerate(form.consensus, start=1):
            document.paragraph(_sentence(point), lead=f"{chinese_number(number)}是")
    if detail.speeches:
        document.paragraph(f"会上，{len(detail.speeches)}位同志作了发言：")
        for speech in detail.speeches:
            document.paragraph(f"作了题为“{speech.title}”的发言。", lead=speech.speaker)
    document.blank_line()
    _attendance_lines(document, materials)
    return document.save(path)


def _attendance_lines(document: OfficialDocument, materials: MeetingMaterials) -> None:
    detail = materials.meeting
    if materials.nobody:
        _labelled(document, "出席", NOBODY)
        return
    for label, status in (
        ("出席", AttendanceStatus.PRESENT),
        ("请假", AttendanceStatus.LEAVE),
        ("缺席", AttendanceStatus.ABSENT),
    ):
        names = [a.name for a in detail.attendees if a.status is status]
        if names:
            _labelled(document, label, "、".join(names))
    guests = detail.form.guests
    if guests:
        _labelled(document, "列席", "、".join(g.name for g in guests))


def _labelled(document: OfficialDocument, label: str, text: str) -> None:
    """出席：… with the label in 黑体; wrapped lines start under the names."""
    paragraph = document.paragraph(text, lead=f"{label}：", indent=False)
    paragraph.paragraph_format.left_indent = chars(3)
    paragraph.paragraph_format.first_line_indent = -chars(3)
    set_run_font(paragraph.runs[0], HEITI, SIZE_3)


def _sentence(text: str) -> str:
    """A point as a sentence: ends in 。 unless it ends in punctuation already."""
    return text if text[-1:] in "。；！？.;!?" else f"{text}。"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _document(title: str, author: str) -> OfficialDocument:
    document = OfficialDocument(title=title, author=author)
    declare_fallbacks(document.document)
    return document
