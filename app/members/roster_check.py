"""Checking roster rows against each other and against the office's records.

Pure Python over a Snapshot: the plan runs it before showing the preview and
the import runs it again inside its transaction.
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from app.common.people.idcard import birth_date_in_id
from app.common.sheets.month_formats import hidden_day, hidden_day_problem, month_format_note
from app.common.sheets.reader import RowError
from app.common.text import name_of_cell
from app.members.labels import (
    MEMBERSHIP_STATUS_LABELS,
    ROLE_LABELS,
    STANDING_ROLES,
    CppccRole,
    MembershipStatus,
)
from app.members.member_files import FORM_DICTIONARIES, MemberForm, form_problems
from app.members.member_form import phone_problems, start_date_problems, status_date_problems
from app.members.roster_rows import MonthOnly, RosterRow, settle_birth
from app.members.roster_store import Existing, Seat, Snapshot, Write
from app.office.dictionary_defaults import KIND_LABELS
from app.office.labels import DictionaryKind

# Fields a row copies onto the form as they are; the rest need rules below.
_FIELDS = tuple(f.name for f in fields(MemberForm))
_COPIED = set(_FIELDS) - {
    "birth_date",
    "birth_day_known",
    "photo",
    "role",
}
_ID_SHAPE = re.compile(r"\d{17}[\dX]")


class Action(enum.StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass(frozen=True)
class Outcome:
    row: RosterRow
    action: Action
    form: MemberForm | None  # None when the row could not be read into a form
    errors: tuple[RowError, ...]
    write: Write | None  # what to write for NEW and UPDATE


@dataclass
class Checked:
    outcomes: list[Outcome]
    unknown: dict[tuple[DictionaryKind, str], int]  # value missing from a list -> rows

    def count(self, action: Action) -> int:
        return sum(1 for o in self.outcomes if o.action is action)

    @property
    def has_errors(self) -> bool:
        return any(o.errors for o in self.outcomes)


@dataclass(frozen=True)
class _Built:
    form: MemberForm
    status: MembershipStatus
    status_date: date | None
    errors: list[RowError]


def classify(
    parsed: list[tuple[RosterRow, list[RowError]]], snapshot: Snapshot, update: bool
) -> Checked:
    rows = [row for row, _ in parsed]
    duplicates = _duplicate_ids(rows)
    numbers = file_numbers(rows, _numbers_of_others(rows, snapshot))
    unknown: dict[tuple[DictionaryKind, str], int] = defaultdict(int)
    outcomes = [
        _check(row, errors + duplicates.get(i, []), snapshot, update, unknown, numbers[i])
        for i, (row, errors) in enumerate(parsed)
    ]
    return Checked(_numbered(outcomes, snapshot, numbers), dict(unknown))


def file_numbers(
    rows: list[RosterRow], others: set[int] | frozenset[int] = frozenset()
) -> list[int | None]:
    """Each row's 序号 in the term's roster, as the file gives it.

    The 序号 column as written when its numbers are unique; when they repeat (a
    roster numbered again on each sheet or under each 界别) the rows' order in the
    file is the roster's order. Nothing without the column, or when its numbers are
    those of members the file does not list (a list of 增补 members numbered 1, 2, 3):
    the import then numbers new members after the others, in the file's order.
    """
    given = [row.given.get("roster_number") for row in rows]
    written = [n for n in given if n is not None]
    if not written or others.intersection(written):
        return [None] * len(rows)
    if len(set(written)) == len(written):
        return given
    return list(range(1, len(rows) + 1))


def _numbers_of_others(rows: list[RosterRow], snapshot: Snapshot) -> set[int]:
    """序号 held in the term by members the file does not list."""
    ids = {row.given.get("id_number") for row in rows} - {None, ""}
    names = {row.given.get("name") for row in rows}
    return {
        member.roster_number
        for group in snapshot.by_name.values()
        for member in group
        if member.seat is not None
        and member.roster_number is not None
        and member.form.id_number not in ids
        and (member.form.id_number or member.form.name not in names)
    }


def _numbered(outcomes: list[Outcome], snapshot: Snapshot, numbers: list[int | None]) -> list:
    """Writes without a 序号 from the file keep the member's number, or get the next free one."""
    last = max([snapshot.last_roster_number, *(n for n in numbers if n is not None)])
    numbered = []
    for outcome in outcomes:
        write = outcome.write
        if write is not None and write.roster_number is None:
            kept = write.existing.roster_number if write.existing is not None else None
            if kept is None:
                last += 1
            write = replace(write, roster_number=kept if kept is not None else last)
            outcome = replace(outcome, write=write)
        numbered.append(outcome)
    return numbered


def _check(
    row: RosterRow,
    errors: list[RowError],
    snapshot: Snapshot,
    update: bool,
    unknown: dict,
    number: int | None,
) -> Outcome:
    id_number = row.given.get("id_number", "")
    existing = snapshot.by_id_number.get(id_number) if id_number else None
    if existing is not None:
        return _against(row, errors, existing, snapshot, update, unknown, number)
    built = _build(row, MemberForm(), None, snapshot, unknown)
    errors = errors + built.errors
    namesakes = [] if id_number else snapshot.by_name.get(built.form.name, [])
    for namesake in namesakes:
        trial = _build(row, namesake.form, namesake, snapshot, None)
        if not errors and not trial.errors and _same(trial, namesake):
            return Outcome(row, Action.UNCHANGED, trial.form, (), None)
    if namesakes and not errors:
        errors.append(
            row.error(
                "id_number" if "id_number" in row.data_row.table.fields else "name",
                f"已有同名委员“{built.form.name}”，本行没有身份证号码，无法确认是否同一人；"
                "请填写身份证号码",
            )
        )
    if errors:
        return Outcome(row, Action.ERROR, built.form, tuple(errors), None)
    revived = snapshot.deleted_by_id_number.get(id_number) if id_number else None
    write = Write(built.form, built.status, built.status_date, revived, number)
    return Outcome(row, Action.NEW, built.form, (), write)


def _against(
    row: RosterRow,
    errors: list[RowError],
    existing: Existing,
    snapshot: Snapshot,
    update: bool,
    unknown: dict,
    number: int | None,
) -> Outcome:
    """A row whose ID number the office already has. A 序号 alone that differs is
    taken only in update mode; it is no reason to refuse the row otherwise."""
    built = _build(row, existing.form, existing, snapshot, unknown)
    errors = errors + built.errors
    if not errors and built.form.name != name_of_cell(existing.form.name):
        errors.append(
            row.error(
                "id_number",
                f"该身份证号码已属于委员“{existing.form.name}”，与本行姓名“{built.form.name}”"
                "不一致，请核对",
            )
        )
    if errors:
        return Outcome(row, Action.ERROR, built.form, tuple(errors), None)
    renumbered = number is not None and number != existing.roster_number
    if _same(built, existing) and not (update and renumbered):
        return Outcome(row, Action.UNCHANGED, built.form, (), None)
    if not update:
        earlier = "（在往届）" if existing.seat is None else ""
        reason = (
            f"该委员已有档案{earlier}，表中内容与档案不同；"
            "如需用本表更新已有委员，请勾选“更新已有委员”（命令行加 --update）后再导入"
        )
        return Outcome(row, Action.ERROR, built.form, (row.error("id_number", reason),), None)
    write = Write(built.form, built.status, built.status_date, existing, number)
    return Outcome(row, Action.UPDATE, built.form, (), write)


def _build(
    row: RosterRow,
    base: MemberForm,
    existing: Existing | None,
    snapshot: Snapshot,
    unknown: dict | None,
) -> _Built:
    """The member as it will be stored: the base with the row's filled cells on top.

    Row values are already clean (the reader trims and converts full-width
    characters), so the form is built in one go: 5,000 rows must stay fast.
    """
    given = row.given
    errors: list[RowError] = []
    values = {name: getattr(base, name) for name in _FIELDS}
    values.update((k, v) for k, v in given.items() if k in _COPIED)
    if isinstance(given.get("start_date"), MonthOnly):
        values["start_date"] = _start_of_month(row, given["start_date"], base, snapshot, errors)
    _canonical_names(values, given, snapshot)
    _with_birth(row, values, base, errors)
    values["role"] = _role(row, base.role, errors)
    form = MemberForm(**values)
    for problem in form_problems(form) + phone_problems(form, base.phone):
        if problem.field == "name" and "name" not in given:
            continue  # read_roster_row already said 姓名为空
        errors.append(row.error(problem.field, problem.message))
    _check_names(row, form, snapshot, errors, unknown)
    status, status_date = _status(row, existing, errors)
    _seat_dates(row, form, existing, Seat(status, status_date), snapshot, errors)
    return _Built(form, status, status_date, errors)


def _with_birth(row: RosterRow, values: dict, base: MemberForm, errors: list) -> None:
    if "birth_date" not in row.given:
        return
    id_number = values["id_number"]  # its check digit is form_problems' business
    id_birth = birth_date_in_id(id_number) if _ID_SHAPE.fullmatch(id_number) else None
    settled = settle_birth(row.given["birth_date"], id_birth)
    if isinstance(settled, str):
        errors.append(row.error("birth_date", settled))
        return
    day, day_known = settled
    if (
        not day_known
        and base.birth_date is not None
        and (base.birth_date.year, base.birth_date.month) == (day.year, day.month)
    ):
        # 1975.03 in the file does not erase a known 1975.03.12, and is no change to a
        # stored 1975.03 whatever day it was kept with (an exported roster read back).
        return
    values["birth_date"], values["birth_day_known"] = day, day_known


def _start_of_month(
    row: RosterRow, typed: MonthOnly, base: MemberForm, snapshot: Snapshot, errors: list
) -> date | None:
    """2023年5月 as a seat's start: the term's own start if the term began that month,
    the stored start if it lies in that month (a roster that writes months only), else
    the clerk is asked for the day rather than given the 1st."""
    month = (typed.month.year, typed.month.month)
    held = hidden_day(typed.text)  # a whole day behind a month format: only that day
    for known in (snapshot.term_start, base.start_date):
        if known is None:
            continue
        if known == held or (held is None and (known.year, known.month) == month):
            return known
    errors.append(
        row.error(
            "start_date",
            hidden_day_problem(typed.text, "任职起始日期")
            or f"任职起始日期“{typed.text}”只写到月份，请写明哪一天（如 {typed.month:%Y-%m}-12，"
            f"见增补时的常委会决定）；自本届开始就任职的可留空{month_format_note(typed.text)}",
        )
    )
    return base.start_date


def _role(row: RosterRow, current: CppccRole, errors: list) -> CppccRole:
    role = row.given.get("role")
    standing = row.given.get("standing")
    if role is not None:
        if standing is not None and (role in STANDING_ROLES) != standing:
            errors.append(
                row.error(
                    "standing",
                    f"政协职务为“{ROLE_LABELS[role]}”，与是否常委“{'是' if standing else '否'}”"
                    "不一致",
                )
            )
        return role
    if standing is True:
        return current if current in STANDING_ROLES else CppccRole.STANDING
    if standing is False:
        return CppccRole.MEMBER
    return current


def _status(
    row: RosterRow, existing: Existing | None, errors: list
) -> tuple[MembershipStatus, date | None]:
    seat = existing.seat if existing else None
    status = row.given.get("status") or (seat.status if seat else MembershipStatus.ACTIVE)
    when = row.given.get("status_date")
    if when is None and seat is not None and seat.status is status:
        when = seat.status_date
    if status is MembershipStatus.ACTIVE:
        return status, None
    if when is None and row.data_row.values.get("status_date") is None:  # else said already
        label = MEMBERSHIP_STATUS_LABELS[status]
        errors.append(row.error("status", f"任职状态为“{label}”，请在“状态变动日期”列填写日期"))
    return status, when


def _seat_dates(
    row: RosterRow,
    form: MemberForm,
    existing: Existing | None,
    seat: Seat,
    snapshot: Snapshot,
    errors: list,
) -> None:
    """New seat dates lie within the term and in order; dates already stored (an older
    version let any date in) are no reason to refuse the row."""
    stored = existing.seat if existing else None
    new_start = stored is None or form.start_date != existing.form.start_date  # type: ignore[union-attr]
    new_leaving = stored is None or seat != stored
    problems = []
    if new_start:
        # When both are new, an order problem is the leaving date's (said once, below).
        status = MembershipStatus.ACTIVE if new_leaving else seat.status
        problems += start_date_problems(
            snapshot.term_span, form.start_date, status, seat.status_date
        )
    if new_leaving:
        problems += status_date_problems(
            snapshot.term_span, form.start_date, seat.status, seat.status_date
        )
    errors.extend(row.error(p.field, p.message) for p in problems)


def _canonical_names(values: dict[str, Any], given: dict[str, Any], snapshot: Snapshot) -> None:
    """汉 → 汉族, 中国共产党 → 中共, 民革 → 民革党员: only onto entries the office has."""
    for field, kind in FORM_DICTIONARIES.items():
        if field in given:
            values[field] = _canonical(kind, values[field], snapshot)
    if "committees" in given:
        values["committees"] = tuple(
            dict.fromkeys(
                _canonical(DictionaryKind.COMMITTEE, c, snapshot) for c in values["committees"]
            )
        )


def _canonical(kind: DictionaryKind, value: str, snapshot: Snapshot) -> str:
    """The entry's own name for what the file wrote: by name or alias (中国共产党 → 中共),
    as app.office.dictionary_names finds it; unknown values stay as written."""
    if not value or value in snapshot.name_sets[kind]:
        return value
    return snapshot.lookup.find(kind, value) or value


def _check_names(
    row: RosterRow, form: MemberForm, snapshot: Snapshot, errors: list, unknown: dict | None
) -> None:
    """Values from the file must be in the office's lists; unknown ones are counted."""
    wanted = [(f, k, getattr(form, f)) for f, k in FORM_DICTIONARIES.items() if f in row.given]
    if "committees" in row.given:
        wanted += [("committees", DictionaryKind.COMMITTEE, c) for c in form.committees]
    for field, kind, value in wanted:
        if not value or value in snapshot.name_sets[kind]:
            continue
        label = KIND_LABELS[kind]
        if (kind, value) in snapshot.retired:
            errors.append(row.error(field, f"“{value}”在{label}名录中已停用"))
            continue
        errors.append(row.error(field, f"“{value}”不在{label}名录中"))
        if unknown is not None:
            unknown[(kind, value)] += 1


def _same(built: _Built, existing: Existing) -> bool:
    return (
        existing.seat is not None
        and _comparable(built.form) == _comparable(existing.form)
        and existing.seat == Seat(built.status, built.status_date)
    )


def _comparable(form: MemberForm) -> MemberForm:
    return replace(form, photo=None, committees=tuple(sorted(form.committees)))


def _duplicate_ids(rows: list[RosterRow]) -> dict[int, list[RowError]]:
    """Every row whose ID number appears again in the file, naming the others."""
    seen: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row.given.get("id_number"):
            seen[row.given["id_number"]].append(i)
    found: dict[int, list[RowError]] = {}
    for indexes in seen.values():
        if len(indexes) < 2:
            continue
        for i in indexes:
            me = rows[i]
            others = "、".join(_where(me, rows[j]) for j in indexes if j != i)
            found[i] = [me.error("id_number", f"与{others}的身份证号码相同（同一人只能有一行）")]
    return found


def _where(me: RosterRow, other: RosterRow) -> str:
    if other.sheet == me.sheet:
        return f"第{other.row}行"
    return f"工作表“{other.sheet}”第{other.row}行"
