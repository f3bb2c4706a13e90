"""Member files (委员档案): list, view, add, edit, retire, delete by mistake.

The fields and their checks live in member_types; names are re-exported here.

Lists, reports and the member file get ID-card and phone numbers masked; the full
numbers leave only through full_numbers.reveal_numbers (on request, audited) and
the roster export (administrators).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, undefer

from app.common.errors import KnownError
from app.common.people.idcard import (
    mask_id_number,
)
from app.common.storage import Database
from app.common.text import term_label
from app.members.full_numbers import masked_numbers, reveal_numbers, with_stored_numbers
from app.members.labels import MEMBERSHIP_STATUS_LABELS, CppccRole, MembershipStatus
from app.members.member_form import (
    FIELD_LABELS,
    FORM_DICTIONARIES,
    FieldProblem,
    FormChoices,
    MemberFile,
    MemberForm,
    MemberRow,
    MembershipItem,
    TermSpan,
    birth_text,
    clean_form,
    form_problems,
    phone_problems,
    start_date_problems,
    status_date_problems,
)
from app.members.member_order import order_in
from app.members.member_rows import member_rows
from app.office.labels import DictionaryKind
from app.office.office import current_term, require_local_office
from db.base import utc_now
from db.member_models import Member, Membership
from db.models import DictionaryEntry, Office, Term

_CHUNK = 500  # uuids per IN (...) list, below SQLite's variable limit

# --- reading ---------------------------------------------------------------


def list_members(database: Database, term_uuid: str | None = None) -> list[MemberRow]:
    """Members with a seat in the term (default: the current term), in the office's
    chosen order (app.members.member_order).

    Members who left are included with their status; the screen filters them.
    """
    with database.read() as session:
        order = order_in(session)
        office = require_local_office(session)
        term = _term_or_current(session, office, term_uuid)
        if term is None:
            return []
        rows = member_rows(session, term, _entry_names(session))
        return order.sorted(rows, lambda r: r.name, lambda r: r.roster_number)


def get_member(database: Database, uuid: str) -> MemberFile:
    with database.read() as session:
        return _file(_get(session, uuid), _entry_names(session))


def get_members(database: Database, uuids: Sequence[str]) -> list[MemberFile]:
    """Many member files in one read, in the order asked (打印履职档案 for a whole county)."""
    with database.read() as session:
        entries = _entry_names(session)
        found: dict[str, Member] = {}
        for start in range(0, len(uuids), _CHUNK):
            query = (
                select(Member)
                .where(Member.uuid.in_(uuids[start : start + _CHUNK]), Member.deleted_at.is_(None))
                .options(
                    selectinload(Member.memberships).joinedload(Membership.term),
                    selectinload(Member.committees),
                    undefer(Member.photo),
                )
            )
            found.update((m.uuid, m) for m in session.scalars(query))
        if len(found) < len(set(uuids)):
            raise _gone()
        return [_file(found[uuid], entries) for uuid in uuids]


def _file(member: Member, entries: dict[int, str]) -> MemberFile:
    form = masked_numbers(_form(member, entries))
    return MemberFile(uuid=member.uuid, form=form, memberships=_seats(member))


def get_member_in_full(database: Database, uuid: str) -> MemberFile:
    """The member file with the full numbers: for roles that may see them; audited."""
    file = get_member(database, uuid)
    numbers = reveal_numbers(database, uuid)
    form = replace(file.form, id_number=numbers.id_number, phone=numbers.phone)
    return replace(file, form=form)


def form_choices(database: Database) -> FormChoices:
    with database.read() as session:
        office = require_local_office(session)
        rows = session.execute(
            select(DictionaryEntry.kind, DictionaryEntry.name)
            .where(
                DictionaryEntry.owner_uuid == office.uuid,
                DictionaryEntry.deleted_at.is_(None),
                DictionaryEntry.retired.is_(False),
            )
            .order_by(DictionaryEntry.sort_order, DictionaryEntry.id)
        ).all()
    names: dict[DictionaryKind, list[str]] = {}
    for kind, name in rows:
        names.setdefault(kind, []).append(name)
    return FormChoices(
        by_field={f: names.get(kind, []) for f, kind in FORM_DICTIONARIES.items()},
        committees=names.get(DictionaryKind.COMMITTEE, []),
    )


# --- writing ---------------------------------------------------------------


def add_member(database: Database, form: MemberForm, term_uuid: str | None = None) -> str:
    """A new member with a seat in the term (default: current); returns the UUID."""
    form = _checked(form)
    with database.begin() as session:
        office = require_local_office(session)
        term = _term_or_current(session, office, term_uuid)
        if term is None:
            raise KnownError("尚未设置届次。", "请先在“系统设置 → 届次与会议”中新增届次。")
        revived = _revivable(session, office, form.id_number)
        _refuse_duplicate_id(session, office, form.id_number, revived)
        member = revived or Member(owner_uuid=office.uuid)
        member.deleted_at = None
        _apply(session, office, member, form)  # queries: before the new row joins the session
        _seat(session, member, term, form)
        session.add(member)
        session.flush()
        return member.uuid


def update_member(
    database: Database, uuid: str, form: MemberForm, term_uuid: str | None = None
) -> None:
    """Save the edited file; role and start date apply to the seat in the term.

    Numbers left as the masks get_member gave keep their stored values."""
    with database.begin() as session:
        office = require_local_office(session)
        member = _get(session, uuid)
        form = _checked(with_stored_numbers(form, member), member.phone)
        _refuse_duplicate_id(session, office, form.id_number, member)
        _refuse_deleted_id(session, office, form.id_number, member)
        _apply(session, office, member, form)
        term = _term_or_current(session, office, term_uuid)
        if term is not None:
            _seat(session, member, term, form)


def set_status(
    database: Database,
    uuid: str,
    status: MembershipStatus,
    status_date: date | None,
    term_uuid: str | None = None,
) -> None:
    """A member leaves (辞去/撤销/调离/去世) or is back in office: never a deletion."""
    if status is not MembershipStatus.ACTIVE and status_date is None:
        raise KnownError(
            f"请填写{MEMBERSHIP_STATUS_LABELS[status]}的日期。", "五个一考核据此判断是否参加考核。"
        )
    with database.begin() as session:
        office = require_local_office(session)
        member = _get(session, uuid)
        term = _term_or_current(session, office, term_uuid)
        seat = next((m for m in member.memberships if term and m.term_id == term.id), None)
        if seat is None:
            raise KnownError(f"{member.name}在该届没有委员任职记录。", "请先将其加入该届。")
        problems = status_date_problems(term_span(seat.term), seat.start_date, status, status_date)
        if problems:
            raise KnownError(
                f"未能办理{MEMBERSHIP_STATUS_LABELS[status]}：{problems[0].message}。",
                "请核对日期后再试；任职起始日期可在委员档案中修改。",
            )
        seat.status = status
        seat.status_date = None if status is MembershipStatus.ACTIVE else status_date


def delete_member(database: Database, uuid: str) -> None:
    """For a record made by mistake: leaves a tombstone, undone by undelete_member."""
    with database.begin() as session:
        member = _get(session, uuid)
        now = utc_now()
        member.deleted_at = now
        for seat in member.memberships:
            seat.deleted_at = now


def undelete_member(database: Database, uuid: str) -> None:
    with database.begin() as session:
        member = session.scalars(select(Member).where(Member.uuid == uuid)).one()
        office = require_local_office(session)
        _refuse_duplicate_id(session, office, member.id_number or "", member)
        member.deleted_at = None
        for seat in member.memberships:
            seat.deleted_at = None


# --- helpers ---------------------------------------------------------------


def term_span(term: Term) -> TermSpan:
    return TermSpan(
        term.first_year,
        term.last_year,
        f"{term_label(term.number)}（{term.first_year}—{term.last_year}）",
    )


def _checked(form: MemberForm, stored_phone: str | None = None) -> MemberForm:
    form = clean_form(form)
    problems = form_problems(form) + phone_problems(form, stored_phone)
    if problems:
        raise KnownError(
            "委员信息未保存：\n" + "\n".join(f"{p.label}：{p.message}" for p in problems),
            "请修改后再保存。",
        )
    return form


def _term_or_current(session: Session, office: Office, term_uuid: str | None) -> Term | None:
    if term_uuid is None:
        return current_term(session, office)
    term = session.scalars(select(Term).where(Term.uuid == term_uuid)).one_or_none()
    if term is None:
        raise KnownError("该届次已不存在。", "请刷新后再试。")
    return term


def _get(session: Session, uuid: str) -> Member:
    member = session.scalars(
        select(Member).where(Member.uuid == uuid, Member.deleted_at.is_(None))
    ).one_or_none()
    if member is None:
        raise _gone()
    return member


def _gone() -> KnownError:
    return KnownError("该委员档案已不存在（可能已被删除）。", "请刷新列表后再试。")


def _revivable(session: Session, office: Office, id_number: str) -> Member | None:
    """A deleted-by-mistake record of the same person comes back with its UUID."""
    if not id_number:
        return None
    return session.scalars(
        select(Member).where(
            Member.owner_uuid == office.uuid,
            Member.id_number == id_number,
            Member.deleted_at.is_not(None),
        )
    ).first()


def _refuse_deleted_id(session: Session, office: Office, id_number: str, member: Member) -> None:
    """A deleted record keeps its number (its tombstone must travel): no one else takes it."""
    deleted = _revivable(session, office, id_number)
    if deleted is not None and deleted.id != member.id:
        raise KnownError(
            f"身份证号码 {mask_id_number(id_number)} 属于一份已删除的委员档案“{deleted.name}”。",
            "如是同一人，请恢复那份档案；否则请核对号码。",
        )


def _refuse_duplicate_id(
    session: Session, office: Office, id_number: str, member: Member | None
) -> None:
    """Another live member with this ID number is the same person: refuse."""
    if not id_number:
        return
    query = select(Member).where(
        Member.owner_uuid == office.uuid,
        Member.id_number == id_number,
        Member.deleted_at.is_(None),
    )
    if member is not None and member.id is not None:
        query = query.where(Member.id != member.id)
    with session.no_autoflush:
        clash = session.scalars(query).first()
    if clash is not None:
        raise KnownError(
            f"身份证号码 {mask_id_number(id_number)} 已属于委员“{clash.name}”。",
            "同一人只建一份档案；如是连任，请在其档案中加入本届。",
        )


def _entries(session: Session, office: Office) -> dict[tuple[DictionaryKind, str], DictionaryEntry]:
    return {
        (e.kind, e.name): e
        for e in session.scalars(
            select(DictionaryEntry).where(
                DictionaryEntry.owner_uuid == office.uuid, DictionaryEntry.deleted_at.is_(None)
            )
        )
    }


def _entry_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(DictionaryEntry.id, DictionaryEntry.name)).all())


def _apply(session: Session, office: Office, member: Member, form: MemberForm) -> None:
    entries = _entries(session, office)

    def entry(kind: DictionaryKind, name: str) -> DictionaryEntry | None:
        if not name:
            return None
        found = entries.get((kind, name))
        if found is None:
            label = FIELD_LABELS[next(f for f, k in FORM_DICTIONARIES.items() if k == kind)]
            raise KnownError(
                f"“{name}”不在{label}名录中。",
                "请先在“系统设置 → 基础名录”中添加，或改选已有条目。",
            )
        return found

    member.name = form.name
    member.sex = form.sex
    member.ethnic_group = entry(DictionaryKind.ETHNIC_GROUP, form.ethnic_group)
    member.birth_date = form.birth_date
    member.birth_day_known = form.birth_day_known
    member.native_place = form.native_place
    member.education = form.education
    member.party = entry(DictionaryKind.PARTY, form.party)
    member.sector = entry(DictionaryKind.SECTOR, form.sector)
    member.employer = form.employer
    member.professional_title = form.professional_title
    member.liaison_group = entry(DictionaryKind.LIAISON_GROUP, form.liaison_group)
    member.phone = form.phone
    member.id_number = form.id_number or None
    member.address = form.address
    member.note = form.note
    if form.photo is not None:
        member.photo = form.photo
    committees = []
    for name in form.committees:
        found = entry(DictionaryKind.COMMITTEE, name) if name else None
        if found is not None and found not in committees:
            committees.append(found)
    member.committees = committees


def _seat(session: Session, member: Member, term: Term, form: MemberForm) -> None:
    seat = next((m for m in member.memberships if m.term_id == term.id), None)
    if seat is None or seat.deleted_at is not None or seat.start_date != form.start_date:
        # A date already stored (an older version let any date in) is kept as it is.
        status = seat.status if seat is not None else MembershipStatus.ACTIVE
        status_date = seat.status_date if seat is not None else None
        problems = start_date_problems(term_span(term), form.start_date, status, status_date)
        if problems:
            raise KnownError(f"委员信息未保存：\n{problems[0].message}。", "请核对后再保存。")
    if seat is None:
        seat = Membership(owner_uuid=member.owner_uuid, term=term)
        member.memberships.append(seat)
    seat.deleted_at = None
    seat.role = form.role
    seat.start_date = form.start_date


def _form(member: Member, entries: dict[int, str], term: Term | None = None) -> MemberForm:
    seats = [m for m in member.memberships if m.deleted_at is None]
    seat = next((m for m in seats if term is not None and m.term_id == term.id), None)
    if seat is None and seats:
        seat = max(seats, key=lambda m: m.term.number)

    def name(entry_id: int | None) -> str:
        return entries.get(entry_id, "") if entry_id is not None else ""

    return MemberForm(
        name=member.name,
        sex=member.sex,
        ethnic_group=name(member.ethnic_group_id),
        birth_date=member.birth_date,
        birth_day_known=member.birth_day_known,
        native_place=member.native_place,
        education=member.education,
        party=name(member.party_id),
        sector=name(member.sector_id),
        employer=member.employer,
        professional_title=member.professional_title,
        committees=tuple(c.name for c in member.committees),
        liaison_group=name(member.liaison_group_id),
        phone=member.phone,
        id_number=member.id_number or "",
        address=member.address,
        note=member.note,
        photo=member.photo,
        role=seat.role if seat else CppccRole.MEMBER,
        start_date=seat.start_date if seat else None,
    )


def _seats(member: Member) -> tuple[MembershipItem, ...]:
    seats = sorted(
        (m for m in member.memberships if m.deleted_at is None),
        key=lambda m: m.term.number,
        reverse=True,
    )
    return tuple(
        MembershipItem(
            term_uuid=m.term.uuid,
            term_number=m.term.number,
            term_text=f"{term_label(m.term.number)}（{m.term.first_year}—{m.term.last_year}）",
            role=m.role,
            start_date=m.start_date,
            status=m.status,
            status_date=m.status_date,
        )
        for m in seats
    )


__all__ = [
    "FIELD_LABELS",
    "FORM_DICTIONARIES",
    "FieldProblem",
    "FormChoices",
    "MemberFile",
    "MemberForm",
    "MemberRow",
    "MembershipItem",
    "TermSpan",
    "add_member",
    "birth_text",
    "clean_form",
    "delete_member",
    "form_choices",
    "form_problems",
    "get_member",
    "get_member_in_full",
    "list_members",
    "phone_problems",
    "set_status",
    "term_span",
    "undelete_member",
    "update_member",
]
