"""The member file's fields (MemberForm and the rows and files built from it) and
their checks. Pure data and rules: no database here, so forms and imports share them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from app.common.people.idcard import (
    birth_date_in_id,
    id_number_problem,
    id_says_male,
    normalise_id_number,
)
from app.common.text import clean_line, clean_multiline, clean_name, day_text, length_problem
from app.members.labels import (
    MEMBERSHIP_STATUS_LABELS,
    ROLE_LABELS,
    SEX_LABELS,
    STANDING_ROLES,
    CppccRole,
    MembershipStatus,
    Sex,
)
from app.office.labels import DictionaryKind

FORM_DICTIONARIES = {
    "ethnic_group": DictionaryKind.ETHNIC_GROUP,
    "party": DictionaryKind.PARTY,
    "sector": DictionaryKind.SECTOR,
    "liaison_group": DictionaryKind.LIAISON_GROUP,
}
FIELD_LABELS = {
    "name": "姓名",
    "sex": "性别",
    "ethnic_group": "民族",
    "birth_date": "出生年月",
    "native_place": "籍贯",
    "education": "学历",
    "party": "政治面貌",
    "sector": "界别",
    "employer": "工作单位及职务",
    "professional_title": "职称",
    "role": "政协职务",
    "committees": "专委会",
    "liaison_group": "联络组",
    "phone": "联系电话",
    "id_number": "身份证号码",
    "address": "通讯地址",
    "note": "备注",
    "start_date": "任职起始日期",
    "status_date": "状态变动日期",
}

# The longest text each field takes (characters), for the form and every import alike.
FIELD_LIMITS = {
    "name": 50,
    "ethnic_group": 100,
    "native_place": 100,
    "education": 50,
    "party": 100,
    "sector": 100,
    "employer": 200,
    "professional_title": 100,
    "liaison_group": 100,
    "phone": 60,
    "address": 200,
    "note": 2000,
}
COMMITTEE_LIMIT = 100


@dataclass(frozen=True)
class MemberForm:
    """What the member form edits and what a roster row becomes.

    Dictionary values are given by name, as the clerk sees them.
    """

    name: str = ""
    sex: Sex | None = None
    ethnic_group: str = ""
    birth_date: date | None = None
    birth_day_known: bool = False
    native_place: str = ""
    education: str = ""
    party: str = ""
    sector: str = ""
    employer: str = ""
    professional_title: str = ""
    committees: tuple[str, ...] = ()
    liaison_group: str = ""
    phone: str = ""
    id_number: str = ""
    address: str = ""
    note: str = ""
    photo: bytes | None = None
    # The seat in the term being edited.
    role: CppccRole = CppccRole.MEMBER
    start_date: date | None = None


@dataclass(frozen=True)
class TermSpan:
    """The years of the term a seat belongs to, as the seat's dates are checked."""

    first_year: int
    last_year: int
    label: str  # 第十届（2021—2026）

    def holds(self, day: date) -> bool:
        return self.first_year <= day.year <= self.last_year


@dataclass(frozen=True)
class FieldProblem:
    field: str  # a MemberForm field name
    message: str  # Chinese

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


@dataclass(frozen=True)
class MembershipItem:
    term_uuid: str
    term_number: int
    term_text: str  # 第十届（2021—2026）
    role: CppccRole
    start_date: date | None
    status: MembershipStatus
    status_date: date | None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def status_label(self) -> str:
        return MEMBERSHIP_STATUS_LABELS[self.status]


@dataclass(frozen=True)
class MemberFile:
    """One member's own file: the full record, numbers unmasked."""

    uuid: str
    form: MemberForm
    memberships: tuple[MembershipItem, ...]


@dataclass(frozen=True)
class MemberRow:
    """One line of the member list; personal numbers are masked here."""

    uuid: str
    name: str
    sex: str
    ethnic_group: str
    birth_text: str  # 1975.03
    party: str
    sector: str
    employer: str
    committees: tuple[str, ...]
    liaison_group: str
    role: CppccRole
    status: MembershipStatus
    status_date: date | None
    start_date: date | None
    term_numbers: tuple[int, ...]
    phone_masked: str
    id_masked: str  # last four only: the row carries the birth date
    roster_number: int | None = None  # 序号 in the term's roster (名单顺序)

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def status_label(self) -> str:
        return MEMBERSHIP_STATUS_LABELS[self.status]

    @property
    def is_standing(self) -> bool:
        return self.role in STANDING_ROLES

    @property
    def search_text(self) -> str:
        """What the list's instant search matches: name and unit."""
        return f"{self.name}\n{self.employer}".lower()


@dataclass(frozen=True)
class FormChoices:
    """Active dictionary entries the form offers, by field."""

    by_field: dict[str, list[str]] = field(default_factory=dict)
    committees: list[str] = field(default_factory=list)


def birth_text(birth: date | None, day_known: bool) -> str:
    if birth is None:
        return ""
    return day_text(birth, day_known)


# --- checking --------------------------------------------------------------


def clean_form(form: MemberForm) -> MemberForm:
    """Control characters out, full-width characters converted, trimmed, in every text
    field (the form and every import come through here)."""
    return replace(
        form,
        name=clean_name(form.name),
        ethnic_group=clean_line(form.ethnic_group),
        native_place=clean_line(form.native_place),
        education=clean_line(form.education),
        party=clean_line(form.party),
        sector=clean_line(form.sector),
        employer=clean_line(form.employer),
        professional_title=clean_line(form.professional_title),
        committees=tuple(c for c in (clean_line(c) for c in form.committees) if c),
        liaison_group=clean_line(form.liaison_group),
        phone=clean_line(form.phone),
        id_number=normalise_id_number(form.id_number),
        address=clean_line(form.address),
        note=clean_multiline(form.note),
    )


def form_problems(form: MemberForm, known_names: FormChoices | None = None) -> list[FieldProblem]:
    """What is wrong with a (cleaned) form, field by field; empty when it can be saved.

    With known_names, dictionary values must be among them (import and form
    both offer only entries the office has).
    """
    problems = []
    if not form.name:
        problems.append(FieldProblem("name", "姓名不能为空"))
    for name, limit in FIELD_LIMITS.items():
        problem = length_problem(getattr(form, name), limit, FIELD_LABELS[name])
        if problem:
            problems.append(FieldProblem(name, problem))
    for committee in form.committees:
        problem = length_problem(committee, COMMITTEE_LIMIT, "专委会名称")
        if problem:
            problems.append(FieldProblem("committees", problem))
    if form.id_number:
        problem = id_number_problem(form.id_number)
        if problem:
            problems.append(FieldProblem("id_number", f"身份证号码{problem}"))
        elif form.birth_date is not None:
            in_id = birth_date_in_id(form.id_number)
            assert in_id is not None
            same = (in_id.year, in_id.month) == (form.birth_date.year, form.birth_date.month) and (
                not form.birth_day_known or in_id.day == form.birth_date.day
            )
            if not same:
                problems.append(
                    FieldProblem(
                        "birth_date",
                        f"出生年月 {birth_text(form.birth_date, form.birth_day_known)} "
                        f"与身份证号码中的 {day_text(in_id)} 不一致",
                    )
                )
    if form.id_number and form.sex is not None:
        male = id_says_male(form.id_number)
        if male is not None and male != (form.sex is Sex.MALE):
            in_id = SEX_LABELS[Sex.MALE if male else Sex.FEMALE]
            problems.append(FieldProblem("sex", f"性别与身份证号码（{in_id}）不一致"))
    if form.birth_date is not None and not date(1900, 1, 1) <= form.birth_date <= date.today():
        problems.append(FieldProblem("birth_date", "出生年月不合理"))
    if known_names is not None:
        for name, _kind in FORM_DICTIONARIES.items():
            value = getattr(form, name)
            if value and value not in known_names.by_field.get(name, []):
                problems.append(FieldProblem(name, f"“{value}”不在{FIELD_LABELS[name]}名录中"))
        for committee in form.committees:
            if committee not in known_names.committees:
                problems.append(FieldProblem("committees", f"“{committee}”不在专委会名录中"))
    return problems


_PHONE_SEPARATORS = re.compile(r"[、，,;；/]+")
_EXTENSION = re.compile(r"(转|分机|ext).*$", re.IGNORECASE)


def phone_problem(phone: str) -> str | None:
    """What is wrong with a 联系电话 as typed (several numbers separated by 、 or ；, an
    extension after 转); None if nothing, or for an empty or masked one. Never says the
    number itself."""
    if not phone or "*" in phone:
        return None
    for part in filter(None, (p.strip() for p in _PHONE_SEPARATORS.split(phone))):
        digits = re.sub(r"\D", "", _EXTENSION.sub("", part))
        if part.startswith(("+86", "（+86）", "(+86)")):
            digits = digits.removeprefix("86")
        if not digits:
            return f"“{part[:20]}”不是电话号码（手机为11位数字，座机如 0475-8123456）"
        if digits.startswith("1") and len(digits) != 11:
            return f"应为11位手机号码，这里是{len(digits)}位数字，请核对"
        if not 7 <= len(digits) <= 12:
            return f"应为7至12位数字（座机含区号），这里是{len(digits)}位，请核对"
    return None


def phone_problems(form: MemberForm, stored_phone: str | None) -> list[FieldProblem]:
    """The phone checked where it was typed or changed: a number stored before the
    rule (or by an import) never stops saving the rest of a member's file."""
    problem = phone_problem(form.phone) if form.phone != stored_phone else None
    return [FieldProblem("phone", f"联系电话{problem}")] if problem else []


def start_date_problems(
    term: TermSpan, start: date | None, status: MembershipStatus, status_date: date | None
) -> list[FieldProblem]:
    """A seat's start (增补) lies within its term and not after its leaving."""
    if start is None:
        return []
    if not term.holds(start):
        message = f"任职起始日期 {day_text(start)} 不在{term.label}的起止年份之内"
        return [FieldProblem("start_date", message)]
    if status is not MembershipStatus.ACTIVE and status_date is not None and status_date < start:
        label = MEMBERSHIP_STATUS_LABELS[status]
        message = f"任职起始日期 {day_text(start)} 晚于{label}日期 {day_text(status_date)}"
        return [FieldProblem("start_date", message)]
    return []


def status_date_problems(
    term: TermSpan, start: date | None, status: MembershipStatus, status_date: date | None
) -> list[FieldProblem]:
    """A leaving (辞去/撤销/调离/去世) lies within the term and not before the seat began."""
    if status is MembershipStatus.ACTIVE or status_date is None:
        return []
    label = MEMBERSHIP_STATUS_LABELS[status]
    if not term.holds(status_date):
        message = f"{label}日期 {day_text(status_date)} 不在{term.label}的起止年份之内"
        return [FieldProblem("status_date", message)]
    if start is not None and status_date < start:
        message = f"{label}日期 {day_text(status_date)} 早于任职起始日期 {day_text(start)}"
        return [FieldProblem("status_date", message)]
    return []
