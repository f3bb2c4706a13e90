"""What a meeting is, as the screens edit and read it: the forms and details of
app.consultation.meetings.meetings, and the checks of a form (pure: no database)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from app.common.text import clean_text
from app.consultation.labels import FORM_LABELS, GUEST_KIND_LABELS, ConsultationForm, GuestKind
from app.consultation.rules import in_year_problem, length_problem
from app.records.labels import (
    ACTIVITY_KIND_LABELS,
    ATTENDANCE_LABELS,
    ActivityKind,
    AttendanceStatus,
)
from app.records.record_rules import EARLIEST_DAY, title_problem

# A number typed before a consensus point (一是 / 1. / （一）): the printouts number them.
_POINT_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是[，,：:]?|[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)"
)

# What a meeting on a topic is called after the topic: 农村人居环境整治专题协商会.
MEETING_NAMES = {
    ConsultationForm.PLENARY: "全体会议协商",
    ConsultationForm.STANDING_SESSION: "专题议政性常委会会议",
    ConsultationForm.THEMATIC: "专题协商会",
    ConsultationForm.QUARTERLY: "季度协商座谈会",
    ConsultationForm.COUNTERPART: "对口协商会",
    ConsultationForm.SECTOR: "界别协商会",
    ConsultationForm.PROPOSAL_HANDLING: "提案办理协商会",
    ConsultationForm.OTHER: "协商会",
}
# The meeting kind a consultation form is held as.
KIND_OF_FORM = {
    ConsultationForm.PLENARY: ActivityKind.PLENARY,
    ConsultationForm.STANDING_SESSION: ActivityKind.STANDING_MEETING,
}


@dataclass(frozen=True)
class AgendaItem:
    content: str
    presenter: str = ""  # 汇报人 / 发言人


@dataclass(frozen=True)
class Guest:
    """An invited leader, department or expert: not a member, no attendance status."""

    name: str
    unit_title: str = ""  # 单位及职务: 县委副书记 / 县发展和改革局局长
    kind: GuestKind = GuestKind.LEADER

    @property
    def kind_label(self) -> str:
        return GUEST_KIND_LABELS[self.kind]


@dataclass(frozen=True)
class MeetingForm:
    """What the meeting dialog edits (the list of members: app.consultation.meetings.attendance)."""

    kind: ActivityKind | None = None
    title: str = ""
    held_on: date | None = None
    time_text: str = ""  # 上午9:00
    venue: str = ""
    chair: str = ""  # 主持人
    consultation_form: ConsultationForm | None = None
    topic_uuid: str | None = None  # the plan topic it consulted on
    agenda: tuple[AgendaItem, ...] = ()
    guests: tuple[Guest, ...] = ()
    minutes: str = ""  # 纪要 body, paragraphs separated by line breaks
    consensus: tuple[str, ...] = ()  # 共识, one point each
    note: str = ""


@dataclass(frozen=True)
class Attendee:
    member_uuid: str
    name: str
    sector: str
    role_label: str  # 主席 / 常委 / 委员; "" without a seat that year
    is_standing: bool
    status: AttendanceStatus

    @property
    def status_label(self) -> str:
        return ATTENDANCE_LABELS[self.status]


@dataclass(frozen=True)
class SpeechLine:
    uuid: str
    speaker: str
    member_uuid: str | None
    title: str
    text: str
    attachments: int


@dataclass(frozen=True)
class MeetingDetail:
    uuid: str
    form: MeetingForm
    attendees: tuple[Attendee, ...]  # official order: CPPCC leaders, then by name
    speeches: tuple[SpeechLine, ...] = field(default_factory=tuple)
    topic_title: str = ""
    topic_year: int | None = None
    order_note: str = "以姓氏笔画为序"  # how the members are ordered, for printed lists

    @property
    def kind_label(self) -> str:
        assert self.form.kind is not None
        return ACTIVITY_KIND_LABELS[self.form.kind]

    @property
    def form_label(self) -> str:
        form = self.form.consultation_form
        return FORM_LABELS[form] if form is not None else ""

    @property
    def is_upcoming(self) -> bool:
        return self.form.held_on is not None and self.form.held_on > date.today()

    def count(self, status: AttendanceStatus) -> int:
        return sum(1 for a in self.attendees if a.status is status)


def meeting_problems(form: MeetingForm, plan_year: int | None = None) -> list[str]:
    """What stops the (cleaned) form from being saved; `plan_year` of its topic, if any."""
    problems = [
        None if form.kind is not None else "会议类别：请选择（全体会议、常委会会议、协商会……）",
        title_problem(form.title, "会议名称"),
        length_problem(form.time_text, "时间", 50),
        length_problem(form.venue, "地点", 200),
        length_problem(form.chair, "主持人"),
    ]
    if form.held_on is None:
        problems.append("日期：请填写")
    elif form.held_on < EARLIEST_DAY or form.held_on.year > date.today().year + 1:
        problems.append(f"日期：{form.held_on:%Y-%m-%d} 不合理")
    elif plan_year is not None:
        problems.append(in_year_problem(form.held_on, plan_year, "日期"))
    for number, item in enumerate(form.agenda, start=1):
        problems.append(None if item.content else f"议程第{number}项：内容不能为空")
        problems.append(length_problem(item.content, f"议程第{number}项", 300))
        problems.append(length_problem(item.presenter, f"议程第{number}项汇报人"))
    for number, guest in enumerate(form.guests, start=1):
        problems.append(None if guest.name else f"列席人员第{number}位：姓名或单位不能为空")
        problems.append(length_problem(guest.name, f"列席人员第{number}位"))
        problems.append(length_problem(guest.unit_title, f"列席人员第{number}位的单位职务", 200))
    return [p for p in problems if p]


def cleaned_form(form: MeetingForm) -> MeetingForm:
    def clean_all(texts: Sequence[str]) -> tuple[str, ...]:
        return tuple(t for t in (clean_text(t) for t in texts) if t)

    return replace(
        form,
        title=clean_text(form.title),
        time_text=clean_text(form.time_text),
        venue=clean_text(form.venue),
        chair=clean_text(form.chair),
        agenda=tuple(
            AgendaItem(clean_text(a.content), clean_text(a.presenter))
            for a in form.agenda
            if clean_text(a.content) or clean_text(a.presenter)
        ),
        guests=tuple(
            Guest(clean_text(g.name), clean_text(g.unit_title), g.kind)
            for g in form.guests
            if clean_text(g.name) or clean_text(g.unit_title)
        ),
        minutes=form.minutes.strip(),
        consensus=clean_all(
            _POINT_NUMBER.sub("", line) for point in form.consensus for line in point.splitlines()
        ),
        note=form.note.strip(),
    )
