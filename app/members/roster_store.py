"""What the roster import reads from and writes to the database, in bulk.

add_member per row is far too slow for a 5,000-row roster; new members are
inserted with one executemany per table inside the import's one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.text import name_of_cell, term_label
from app.members.labels import CppccRole, MembershipStatus
from app.members.member_files import (
    FORM_DICTIONARIES,
    FormChoices,
    MemberForm,
    TermSpan,
    term_span,
)
from app.office.dictionaries import load_lookup
from app.office.dictionary_names import NameLookup
from app.office.labels import DictionaryKind
from app.office.office import current_term, require_local_office
from db.base import new_uuid, utc_now
from db.member_models import Member, Membership, member_committee
from db.models import DictionaryEntry, Office, Term

BATCH = 500


@dataclass(frozen=True)
class Seat:
    status: MembershipStatus
    status_date: date | None


@dataclass(frozen=True)
class Existing:
    """A member the office already has, as the import compares it."""

    id: int
    uuid: str
    deleted: bool
    form: MemberForm  # role and start date of the seat in the import's term
    seat: Seat | None  # None: no (live) seat in that term
    roster_number: int | None = None  # 序号 of the seat in that term


@dataclass
class Snapshot:
    office_uuid: str
    term_id: int
    term_text: str
    entry_ids: dict[tuple[DictionaryKind, str], int]  # live entries, retired included
    choices: FormChoices  # what new values may use: live and not retired
    retired: set[tuple[DictionaryKind, str]]
    term_span: TermSpan  # the seats' dates must lie within its years
    term_start: date | None = None  # the day its 第一次会议 opened, where the office set it
    name_sets: dict[DictionaryKind, frozenset[str]] = field(default_factory=dict)
    lookup: NameLookup = field(default_factory=lambda: NameLookup(()))
    last_roster_number: int = 0  # the highest 序号 in the term
    by_id_number: dict[str, Existing] = field(default_factory=dict)
    deleted_by_id_number: dict[str, Existing] = field(default_factory=dict)
    by_name: dict[str, list[Existing]] = field(default_factory=dict)


@dataclass(frozen=True)
class Write:
    """One member to write: the final form and the seat in the term."""

    form: MemberForm
    status: MembershipStatus
    status_date: date | None
    existing: Existing | None  # None: a new record
    roster_number: int | None = None  # 序号 in the term's roster


def load_snapshot(session: Session, office: Office | None = None) -> Snapshot:
    """The office's members, dictionaries and current term (the local office by default)."""
    office = office or require_local_office(session)
    term = current_term(session, office)
    if term is None:
        raise KnownError(
            "尚未设置届次，无法导入委员名单。", "请先在“系统设置 → 届次与会议”中新增届次。"
        )
    snapshot = _dictionaries(session, office.uuid, term)
    snapshot.lookup = load_lookup(session)
    _members(session, snapshot)
    return snapshot


def _dictionaries(session: Session, office_uuid: str, term: Term) -> Snapshot:
    rows = session.execute(
        select(
            DictionaryEntry.id, DictionaryEntry.kind, DictionaryEntry.name, DictionaryEntry.retired
        )
        .where(DictionaryEntry.owner_uuid == office_uuid, DictionaryEntry.deleted_at.is_(None))
        .order_by(DictionaryEntry.sort_order, DictionaryEntry.id)
    ).all()
    names: dict[DictionaryKind, list[str]] = defaultdict(list)
    for _id, kind, name, retired in rows:
        if not retired:
            names[kind].append(name)
    choices = FormChoices(
        by_field={f: names[kind] for f, kind in FORM_DICTIONARIES.items()},
        committees=names[DictionaryKind.COMMITTEE],
    )
    return Snapshot(
        office_uuid=office_uuid,
        term_id=term.id,
        term_text=term_label(term.number),
        entry_ids={(kind, name): id_ for id_, kind, name, _r in rows},
        choices=choices,
        retired={(kind, name) for _id, kind, name, retired in rows if retired},
        term_span=term_span(term),
        term_start=next(
            (s.start_date for s in term.sessions if s.number == 1 and s.deleted_at is None), None
        ),
        name_sets={kind: frozenset(names[kind]) for kind in DictionaryKind},
    )


def _members(session: Session, snapshot: Snapshot) -> None:
    names = {id_: name for (_kind, name), id_ in snapshot.entry_ids.items()}
    committees: dict[int, list[str]] = defaultdict(list)
    for member_id, committee_id in session.execute(
        select(member_committee.c.member_id, member_committee.c.committee_id)
    ):
        if committee_id in names:
            committees[member_id].append(names[committee_id])
    seats = {
        row.member_id: row
        for row in session.execute(
            select(Membership).where(
                Membership.term_id == snapshot.term_id, Membership.deleted_at.is_(None)
            )
        ).scalars()
    }
    snapshot.last_roster_number = max(
        (s.roster_number for s in seats.values() if s.roster_number is not None), default=0
    )
    members = session.execute(
        select(Member).where(Member.owner_uuid == snapshot.office_uuid)
    ).scalars()
    for member in members:
        existing = _existing(member, names, committees[member.id], seats.get(member.id))
        if member.deleted_at is not None:
            if member.id_number:
                snapshot.deleted_by_id_number[member.id_number] = existing
            continue
        if member.id_number:
            snapshot.by_id_number[member.id_number] = existing
        # A name stored with 阿不都•热合曼 or 黄杰娟（女） is found as the file writes it.
        snapshot.by_name.setdefault(name_of_cell(member.name), []).append(existing)


def _existing(
    member: Member, names: dict[int, str], committees: list[str], seat: Membership | None
) -> Existing:
    def name(entry_id: int | None) -> str:
        return names.get(entry_id, "") if entry_id is not None else ""

    form = MemberForm(
        name=name_of_cell(member.name),  # one stored as 阿不都•热合曼 or 黄杰娟（女） is the same
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
        committees=tuple(committees),
        liaison_group=name(member.liaison_group_id),
        phone=member.phone,
        id_number=member.id_number or "",
        address=member.address,
        note=member.note,
        role=seat.role if seat else CppccRole.MEMBER,
        start_date=seat.start_date if seat else None,
    )
    return Existing(
        id=member.id,
        uuid=member.uuid,
        deleted=member.deleted_at is not None,
        form=replace(form, photo=None),
        seat=Seat(seat.status, seat.status_date) if seat else None,
        roster_number=seat.roster_number if seat else None,
    )


def fingerprint(session: Session) -> tuple[object, ...]:
    """Changes whenever a member, seat, committee link, list entry or term changes.

    Every edit bumps revision and updated_at (db.events); additions raise the
    count and max id. Equal fingerprints let the import skip a second check.
    """
    parts: list[object] = []
    for table in (Member, Membership, DictionaryEntry, Term):
        parts += session.execute(
            select(
                func.count(table.id),
                func.max(table.id),
                func.total(table.revision),
                func.max(table.updated_at),
                func.count(table.deleted_at),
            )
        ).one()
    parts += session.execute(
        select(
            func.count(),
            func.total(member_committee.c.member_id * 100_003 + member_committee.c.committee_id),
        ).select_from(member_committee)
    ).one()
    return tuple(parts)


# --- writing -----------------------------------------------------------------


def write_members(
    session: Session, snapshot: Snapshot, writes: list[Write], progress: Progress
) -> None:
    """New members in bulk; changed and revived ones through the ORM (revisions bump)."""
    new = [w for w in writes if w.existing is None]
    changed = [w for w in writes if w.existing is not None]
    total = len(writes)
    for start in range(0, len(new), BATCH):
        progress.report(start, total, f"正在写入第 {start + 1} 位委员…")
        _insert(session, snapshot, new[start : start + BATCH])
    for done, write in enumerate(changed, start=len(new)):
        if done % 100 == 0:
            progress.report(done, total, f"正在更新第 {done + 1} 位委员…")
        _update(session, snapshot, write)
    session.flush()
    progress.report(total, total, "正在保存…")


def _insert(session: Session, snapshot: Snapshot, writes: list[Write]) -> None:
    """Plain executemany with ids chosen here: the ORM's bulk path costs more than the rest.

    The transaction holds the write lock from the first insert; a clash of ids
    with another writer would fail the insert and roll everything back.
    """
    now = utc_now()
    stamps = {"owner_uuid": snapshot.office_uuid, "created_at": now, "updated_at": now}
    stamps["revision"] = 1
    first_id = (session.scalar(select(func.max(Member.id))) or 0) + 1
    members, seats, links = [], [], []
    for member_id, write in enumerate(writes, start=first_id):
        members.append(
            {"id": member_id, "uuid": new_uuid(), **stamps, **_columns(snapshot, write.form)}
        )
        seats.append({"uuid": new_uuid(), **stamps, **_seat(snapshot, member_id, write)})
        links += [{"member_id": member_id, "committee_id": c} for c in _committees(snapshot, write)]
    connection = session.connection()
    _executemany(connection, Member.__table__, members)
    _executemany(connection, Membership.__table__, seats)
    _executemany(connection, member_committee, links)


def _executemany(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """The driver's executemany, with SQLAlchemy's own conversion of each column's values
    (dates, enums, UTC times) but without its per-row statement machinery."""
    if not rows:
        return
    names = list(rows[0])
    convert = [table.c[name].type.bind_processor(connection.dialect) for name in names]
    quote = connection.dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join('?' * len(names))})"
    )
    pairs = list(zip(names, convert, strict=True))
    connection.exec_driver_sql(
        sql, [tuple(c(row[n]) if c else row[n] for n, c in pairs) for row in rows]
    )


def _update(session: Session, snapshot: Snapshot, write: Write) -> None:
    assert write.existing is not None
    member = session.get_one(Member, write.existing.id)
    for column, value in _columns(snapshot, write.form).items():
        if getattr(member, column) != value:
            setattr(member, column, value)
    member.deleted_at = None
    wanted = _committees(snapshot, write)
    if [c.id for c in member.committees] != wanted:
        member.committees = [session.get_one(DictionaryEntry, c) for c in wanted]
    seat = next((m for m in member.memberships if m.term_id == snapshot.term_id), None)
    if seat is None:
        seat = Membership(owner_uuid=member.owner_uuid, term_id=snapshot.term_id)
        member.memberships.append(seat)
    for column, value in _seat(snapshot, member.id, write).items():
        if getattr(seat, column) != value:
            setattr(seat, column, value)
    if seat.deleted_at is not None:
        seat.deleted_at = None


def _columns(snapshot: Snapshot, form: MemberForm) -> dict[str, object]:
    def entry(kind: DictionaryKind, name: str) -> int | None:
        return snapshot.entry_ids[(kind, name)] if name else None

    return {
        "name": form.name,
        "sex": form.sex,
        "ethnic_group_id": entry(DictionaryKind.ETHNIC_GROUP, form.ethnic_group),
        "birth_date": form.birth_date,
        "birth_day_known": form.birth_day_known,
        "native_place": form.native_place,
        "education": form.education,
        "party_id": entry(DictionaryKind.PARTY, form.party),
        "sector_id": entry(DictionaryKind.SECTOR, form.sector),
        "employer": form.employer,
        "professional_title": form.professional_title,
        "liaison_group_id": entry(DictionaryKind.LIAISON_GROUP, form.liaison_group),
        "phone": form.phone,
        "id_number": form.id_number or None,
        "address": form.address,
        "note": form.note,
    }


def _seat(snapshot: Snapshot, member_id: int, write: Write) -> dict[str, object]:
    return {
        "member_id": member_id,
        "term_id": snapshot.term_id,
        "role": write.form.role,
        "start_date": write.form.start_date,
        "status": write.status,
        "status_date": write.status_date,
        "roster_number": write.roster_number,
    }


def _committees(snapshot: Snapshot, write: Write) -> list[int]:
    seen: list[int] = []
    for name in write.form.committees:
        entry_id = snapshot.entry_ids[(DictionaryKind.COMMITTEE, name)]
        if entry_id not in seen:
            seen.append(entry_id)
    return seen
