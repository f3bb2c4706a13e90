"""What a meeting's printed materials show, as ordered rows and titles.

One source for both printers: the Word files (meeting_docs, table_cards) and
the Qt print preview of the screens (签到表, 座签, 参会人员名单), so that the
two never disagree. Official order: CPPCC leaders by rank, then the members
by name (app.consultation.meetings.ordering); invited guests as entered.

Who appears where:
- 签到表: every member on the list (those on leave marked 请假 in 备注), then
  the invited guests (their unit in the 界别 column, 备注 列席);
- 座签 and 参会人员名单: those expected or present (not 请假 / 缺席), guests
  first on the 名单 (县领导 head an official list);
- a meeting with nobody on its list still gives every sheet, saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.common.documents.official import chinese_date
from app.common.storage import Database
from app.consultation.labels import GuestKind
from app.consultation.meetings.meetings import Attendee, Guest, MeetingDetail, get_meeting
from app.office.office import issuer_name, office_info
from app.records.labels import AttendanceStatus

NOBODY = "本次会议尚未确定参会人员。"
NOBODY_COMING = "本次会议名单上的委员均已请假或缺席。"
LEADER_ROLES = ("主席", "副主席", "秘书长")
# 序号, 姓名, 界别/单位, 签到 (wide enough to sign), 备注 — in millimetres of the type area.
SIGN_IN_WIDTHS_MM = (14.0, 30.0, 44.0, 46.0, 22.0)
SIGN_IN_ROW_MM = 13.0  # a signature needs about a centimetre


@dataclass(frozen=True)
class SignInRow:
    number: int  # 序号
    name: str
    affiliation: str  # 界别 of a member; 单位及职务 of a guest
    note: str  # 请假 / 列席 / ""


@dataclass(frozen=True)
class SignInSheet:
    title: str  # 专题协商会：…签到表
    subtitle: str  # 2026年5月20日 上午9:00 县政协三楼会议室
    columns: tuple[str, ...]  # 序号, 姓名, 界别, 签到, 备注
    rows: tuple[SignInRow, ...]
    widths_mm: tuple[float, ...] = SIGN_IN_WIDTHS_MM
    row_height_mm: float = SIGN_IN_ROW_MM

    @property
    def empty_note(self) -> str:
        return "" if self.rows else NOBODY


@dataclass(frozen=True)
class TableCard:
    """One 座签: the name large, twice; a leader's card may carry the title."""

    name: str
    title: str = ""


@dataclass(frozen=True)
class NameEntry:
    name: str
    detail: str = ""  # a guest's 单位及职务


@dataclass(frozen=True)
class NameGroup:
    heading: str  # 出席领导 / 政协领导 / 政协委员 / 列席单位 / 特邀专家
    entries: tuple[NameEntry, ...]
    with_details: bool = False  # one per line with the detail, or names in columns
    order_note: str = ""  # 以姓氏笔画为序
    unit: str = "人"  # 列席单位 are counted in 个

    @property
    def full_heading(self) -> str:
        """政协委员（25人，以姓氏笔画为序）."""
        note = f"，{self.order_note}" if self.order_note else ""
        return f"{self.heading}（{len(self.entries)}{self.unit}{note}）"


@dataclass(frozen=True)
class AttendeeList:
    title: str  # …参会人员名单
    subtitle: str
    groups: tuple[NameGroup, ...]
    # With no groups: NOBODY, or NOBODY_COMING when everyone listed is on leave or absent.
    nobody_note: str = NOBODY

    @property
    def empty_note(self) -> str:
        return "" if self.groups else self.nobody_note


@dataclass(frozen=True)
class MeetingMaterials:
    meeting: MeetingDetail
    office_name: str  # 示范县政协
    issuer: str  # 示范县政协办公室: signs the notice
    when: str  # 2026年5月20日 上午9:00
    sign_in: SignInSheet
    cards: tuple[TableCard, ...]
    attendee_list: AttendeeList

    @property
    def title(self) -> str:
        return meeting_name(self.meeting.form.title)

    @property
    def nobody(self) -> bool:
        return not self.meeting.attendees and not self.meeting.form.guests

    @property
    def cards_note(self) -> str:
        """What the 座签 say when there is no card: nobody chosen, or everyone listed away."""
        return self.attendee_list.nobody_note


def meeting_materials(database: Database, uuid: str, with_titles: bool = True) -> MeetingMaterials:
    """Everything the printouts of one meeting show; `with_titles`: leaders' cards carry
    their title (职务)."""
    detail = get_meeting(database, uuid)
    office = office_info(database)
    form = detail.form
    assert form.held_on is not None
    when = " ".join(p for p in (chinese_date(form.held_on), form.time_text) if p)
    subtitle = "　".join(p for p in (when, form.venue) if p)
    return MeetingMaterials(
        meeting=detail,
        office_name=office.name,
        issuer=issuer_name(office.name),
        when=when,
        sign_in=sign_in_sheet(detail, subtitle),
        cards=table_cards(detail, with_titles),
        attendee_list=attendee_list(detail, subtitle),
    )


_KIND_AND_SUBJECT = re.compile(
    r"^(?P<kind>[^：:“”]{2,20}会(?:议)?)\s*[：:]\s*(?P<subject>[^：:]+)$"
)


def meeting_name(title: str) -> str:
    """A meeting's title as printed material names it: a title written as kind：subject
    (专题协商会：农村牧区人居环境整治, as the form suggests) reads “农村牧区人居环境整治”
    专题协商会, so that 关于召开…的通知 and …签到表 read as sentences. Other titles as typed."""
    found = _KIND_AND_SUBJECT.match(title.strip())
    if found is None:
        return title
    subject = found["subject"].strip().strip('“”"')
    return f"“{subject}”{found['kind']}"


def sign_in_sheet(detail: MeetingDetail, subtitle: str) -> SignInSheet:
    guests = detail.form.guests
    rows = [
        SignInRow(0, a.name, a.sector, "请假" if a.status is AttendanceStatus.LEAVE else "")
        for a in detail.attendees
    ]
    rows += [_guest_row(g) for g in guests]
    return SignInSheet(
        title=f"{meeting_name(detail.form.title)}签到表",
        subtitle=subtitle,
        columns=("序号", "姓名", "界别或单位" if guests else "界别", "签到", "备注"),
        rows=tuple(
            SignInRow(number, r.name, r.affiliation, r.note)
            for number, r in enumerate(rows, start=1)
        ),
    )


def _guest_row(guest: Guest) -> SignInRow:
    """An invited department sends whoever it sends: its line names the unit (县住房和城乡
    建设局主要负责同志) and leaves 姓名 to the one who signs."""
    if guest.kind is GuestKind.DEPARTMENT:
        return SignInRow(0, "", f"{guest.name}{guest.unit_title}", "列席")
    return SignInRow(0, guest.name, guest.unit_title, "列席")


def table_cards(detail: MeetingDetail, with_titles: bool = True) -> tuple[TableCard, ...]:
    """Leaders first (their cards face the room from the head table), then members."""
    guests = [
        TableCard(g.name, g.unit_title if with_titles and g.kind is GuestKind.LEADER else "")
        for g in detail.form.guests
        if g.kind is not GuestKind.DEPARTMENT
    ]
    members = [TableCard(a.name) for a in _coming(detail.attendees)]
    return tuple(guests + members)


def attendee_list(detail: MeetingDetail, subtitle: str) -> AttendeeList:
    coming = _coming(detail.attendees)
    guests = detail.form.guests
    groups = [
        _guest_group("出席领导", guests, GuestKind.LEADER),
        NameGroup(
            "政协领导",
            tuple(NameEntry(a.name, a.role_label) for a in coming if a.role_label in LEADER_ROLES),
            with_details=True,
        ),
        NameGroup(
            "政协委员",
            tuple(NameEntry(a.name) for a in coming if a.role_label not in LEADER_ROLES),
            order_note=detail.order_note,
        ),
        _guest_group("列席单位", guests, GuestKind.DEPARTMENT, unit="个"),
        _guest_group("特邀专家", guests, GuestKind.EXPERT),
        _guest_group("其他列席人员", guests, GuestKind.OTHER),
    ]
    return AttendeeList(
        title=f"{meeting_name(detail.form.title)}参会人员名单",
        subtitle=subtitle,
        groups=tuple(g for g in groups if g.entries),
        nobody_note=NOBODY_COMING if detail.attendees else NOBODY,
    )


def padded_name(name: str) -> str:
    """Two-character names take a full-width space in lists, so columns align: 王　伟."""
    return f"{name[0]}\u3000{name[1]}" if len(name) == 2 else name


def _coming(attendees: tuple[Attendee, ...]) -> list[Attendee]:
    return [a for a in attendees if a.status is AttendanceStatus.PRESENT]


def _guest_group(
    heading: str, guests: tuple[Guest, ...], kind: GuestKind, unit: str = "人"
) -> NameGroup:
    return NameGroup(
        heading,
        tuple(NameEntry(g.name, g.unit_title) for g in guests if g.kind is kind),
        with_details=True,
        unit=unit,
    )


def printed_on() -> date:
    return date.today()
