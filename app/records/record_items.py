"""社情民意信息 and member works (大会发言, 调研视察报告): each a titled, dated
item with one or more members behind it (co-submitters, co-authors).

Deleting leaves a tombstone and can be undone. Two items of the same kind,
title and date are one item: a second submitter is added to the first, which
is also how the spreadsheet import reads co-submitted rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_line, clean_multiline, day_text
from app.members.member_order import member_sorter
from app.office.office import chosen_office, require_local_office
from app.records.labels import WORK_KIND_LABELS, WorkKind
from app.records.record_rules import (
    day_problem,
    live_members,
    note_problem,
    refuse_problems,
    social_info_outcome,
    title_problem,
    year_range,
)
from db.base import utc_now
from db.member_models import Member
from db.record_models import MemberWork, SocialInfo

_Item = TypeVar("_Item", SocialInfo, MemberWork)
Sorter = Callable[[Iterable[Member]], list[Member]]


@dataclass(frozen=True)
class MemberRef:
    uuid: str
    name: str


@dataclass(frozen=True)
class SocialInfoForm:
    title: str = ""
    submitted_on: date | None = None
    submitters: tuple[str, ...] = ()  # member UUIDs
    adopted: bool = False  # 采用
    instructed: bool = False  # 领导批示
    note: str = ""


@dataclass(frozen=True)
class SocialInfoRow:
    uuid: str
    title: str
    submitted_on: date
    submitters: tuple[MemberRef, ...]  # by name
    adopted: bool
    instructed: bool
    note: str

    @property
    def submitter_names(self) -> str:
        return "、".join(m.name for m in self.submitters)

    @property
    def outcome_label(self) -> str:
        return social_info_outcome(self.adopted, self.instructed)

    @property
    def form(self) -> SocialInfoForm:
        return SocialInfoForm(
            title=self.title,
            submitted_on=self.submitted_on,
            submitters=tuple(m.uuid for m in self.submitters),
            adopted=self.adopted,
            instructed=self.instructed,
            note=self.note,
        )


@dataclass(frozen=True)
class WorkForm:
    kind: WorkKind = WorkKind.PLENARY_SPEECH
    title: str = ""
    submitted_on: date | None = None
    authors: tuple[str, ...] = ()  # member UUIDs
    note: str = ""


@dataclass(frozen=True)
class WorkRow:
    uuid: str
    kind: WorkKind
    title: str
    submitted_on: date
    authors: tuple[MemberRef, ...]  # by name
    note: str

    @property
    def kind_label(self) -> str:
        return WORK_KIND_LABELS[self.kind]

    @property
    def author_names(self) -> str:
        return "、".join(m.name for m in self.authors)

    @property
    def form(self) -> WorkForm:
        return WorkForm(
            kind=self.kind,
            title=self.title,
            submitted_on=self.submitted_on,
            authors=tuple(m.uuid for m in self.authors),
            note=self.note,
        )


# --- 社情民意信息 ------------------------------------------------------------------


def social_info_problems(form: SocialInfoForm) -> list[str]:
    problems = [
        title_problem(form.title, "标题"),
        day_problem(form.submitted_on, "报送日期"),
        note_problem(form.note),
    ]
    if not form.submitters:
        problems.append("报送人：请至少选择一位委员")
    return [p for p in problems if p]


def list_social_info(
    database: Database, year: int | None = None, office_code: str | None = None
) -> list[SocialInfoRow]:
    """Newest first; `office_code`: at the city, a county's (read-only copies)."""
    with database.read() as session:
        office = chosen_office(session, office_code)
        query = select(SocialInfo).where(
            SocialInfo.owner_uuid == office.uuid, SocialInfo.deleted_at.is_(None)
        )
        if year is not None:
            query = query.where(SocialInfo.submitted_on.between(*year_range(year)))
        items = session.scalars(
            query.order_by(SocialInfo.submitted_on.desc(), SocialInfo.id.desc()).options(
                selectinload(SocialInfo.submitters)
            )
        )
        sort = member_sorter(session)
        return [_social_info_row(item, sort) for item in items]


def get_social_info(database: Database, uuid: str) -> SocialInfoRow:
    with database.read() as session:
        return _social_info_row(_get(session, SocialInfo, uuid), member_sorter(session))


def add_social_info(database: Database, form: SocialInfoForm) -> str:
    form = _checked_social_info(form)
    with database.begin() as session:
        office = require_local_office(session)
        _refuse_same(session, office.uuid, form.title, form.submitted_on, None)
        item = SocialInfo(owner_uuid=office.uuid)
        _apply_social_info(session, item, form)
        session.add(item)
        session.flush()
        return item.uuid


def update_social_info(database: Database, uuid: str, form: SocialInfoForm) -> None:
    form = _checked_social_info(form)
    with database.begin() as session:
        item = _get(session, SocialInfo, uuid)
        _refuse_same(session, item.owner_uuid, form.title, form.submitted_on, item.id)
        _apply_social_info(session, item, form)


def delete_social_info(database: Database, uuid: str) -> None:
    with database.begin() as session:
        _get(session, SocialInfo, uuid).deleted_at = utc_now()


def undelete_social_info(database: Database, uuid: str) -> None:
    with database.begin() as session:
        item = session.scalars(select(SocialInfo).where(SocialInfo.uuid == uuid)).one()
        _refuse_same(session, item.owner_uuid, item.title, item.submitted_on, item.id)
        item.deleted_at = None


def find_social_info(
    session: Session, owner_uuid: str, title: str, submitted_on: date
) -> SocialInfo | None:
    return _find_same(session, owner_uuid, title, submitted_on)


def _checked_social_info(form: SocialInfoForm) -> SocialInfoForm:
    form = SocialInfoForm(
        title=clean_line(form.title),
        submitted_on=form.submitted_on,
        submitters=tuple(dict.fromkeys(form.submitters)),
        adopted=form.adopted,
        instructed=form.instructed,
        note=clean_multiline(form.note),
    )
    refuse_problems("社情民意信息", social_info_problems(form))
    return form


def _apply_social_info(session: Session, item: SocialInfo, form: SocialInfoForm) -> None:
    assert form.submitted_on is not None
    members = live_members(session, form.submitters)
    with session.no_autoflush:  # one flush, so one revision step per save
        item.title = form.title
        item.submitted_on = form.submitted_on
        item.adopted = form.adopted
        item.instructed = form.instructed
        item.note = form.note
        item.submitters = [members[uuid] for uuid in form.submitters]


def _social_info_row(item: SocialInfo, sort: Sorter) -> SocialInfoRow:
    return SocialInfoRow(
        uuid=item.uuid,
        title=item.title,
        submitted_on=item.submitted_on,
        submitters=_refs(item.submitters, sort),
        adopted=item.adopted,
        instructed=item.instructed,
        note=item.note,
    )


# --- 大会发言 and 调研视察报告 -------------------------------------------------------


def work_problems(form: WorkForm) -> list[str]:
    problems = [
        title_problem(form.title, "题目"),
        day_problem(form.submitted_on),
        note_problem(form.note),
    ]
    if not form.authors:
        problems.append("委员：请至少选择一位委员")
    return [p for p in problems if p]


def list_works(
    database: Database,
    year: int | None = None,
    kind: WorkKind | None = None,
    office_code: str | None = None,
) -> list[WorkRow]:
    """Newest first; `office_code`: at the city, a county's (read-only copies)."""
    with database.read() as session:
        office = chosen_office(session, office_code)
        query = select(MemberWork).where(
            MemberWork.owner_uuid == office.uuid, MemberWork.deleted_at.is_(None)
        )
        if year is not None:
            query = query.where(MemberWork.submitted_on.between(*year_range(year)))
        if kind is not None:
            query = query.where(MemberWork.kind == kind)
        works = session.scalars(
            query.order_by(MemberWork.submitted_on.desc(), MemberWork.id.desc()).options(
                selectinload(MemberWork.authors)
            )
        )
        sort = member_sorter(session)
        return [_work_row(work, sort) for work in works]


def get_work(database: Database, uuid: str) -> WorkRow:
    with database.read() as session:
        return _work_row(_get(session, MemberWork, uuid), member_sorter(session))


def add_work(database: Database, form: WorkForm) -> str:
    form = _checked_work(form)
    with database.begin() as session:
        office = require_local_office(session)
        _refuse_work_twice(session, office.uuid, form, None)
        work = MemberWork(owner_uuid=office.uuid)
        _apply_work(session, work, form)
        session.add(work)
        session.flush()
        return work.uuid


def update_work(database: Database, uuid: str, form: WorkForm) -> None:
    form = _checked_work(form)
    with database.begin() as session:
        work = _get(session, MemberWork, uuid)
        _refuse_work_twice(session, work.owner_uuid, form, work.id)
        _apply_work(session, work, form)


def delete_work(database: Database, uuid: str) -> None:
    with database.begin() as session:
        _get(session, MemberWork, uuid).deleted_at = utc_now()


def undelete_work(database: Database, uuid: str) -> None:
    with database.begin() as session:
        work = session.scalars(select(MemberWork).where(MemberWork.uuid == uuid)).one()
        form = WorkForm(kind=work.kind, title=work.title, submitted_on=work.submitted_on)
        _refuse_work_twice(session, work.owner_uuid, form, work.id)
        work.deleted_at = None


def find_work(
    session: Session, owner_uuid: str, kind: WorkKind, title: str, submitted_on: date
) -> MemberWork | None:
    return session.scalars(
        select(MemberWork).where(
            MemberWork.owner_uuid == owner_uuid,
            MemberWork.kind == kind,
            MemberWork.title == title,
            MemberWork.submitted_on == submitted_on,
            MemberWork.deleted_at.is_(None),
        )
    ).first()


def _checked_work(form: WorkForm) -> WorkForm:
    form = WorkForm(
        kind=form.kind,
        title=clean_line(form.title),
        submitted_on=form.submitted_on,
        authors=tuple(dict.fromkeys(form.authors)),
        note=clean_multiline(form.note),
    )
    refuse_problems(WORK_KIND_LABELS[form.kind], work_problems(form))
    return form


def _refuse_work_twice(
    session: Session, owner_uuid: str, form: WorkForm, own_id: int | None
) -> None:
    assert form.submitted_on is not None
    same = find_work(session, owner_uuid, form.kind, form.title, form.submitted_on)
    if same is not None and same.id != own_id:
        raise _same_item_error(WORK_KIND_LABELS[form.kind], form.title, form.submitted_on, "作者")


def _apply_work(session: Session, work: MemberWork, form: WorkForm) -> None:
    assert form.submitted_on is not None
    members = live_members(session, form.authors)
    with session.no_autoflush:  # one flush, so one revision step per save
        work.kind = form.kind
        work.title = form.title
        work.submitted_on = form.submitted_on
        work.note = form.note
        work.authors = [members[uuid] for uuid in form.authors]


def _work_row(work: MemberWork, sort: Sorter) -> WorkRow:
    return WorkRow(
        uuid=work.uuid,
        kind=work.kind,
        title=work.title,
        submitted_on=work.submitted_on,
        authors=_refs(work.authors, sort),
        note=work.note,
    )


# --- shared ----------------------------------------------------------------------


def _get(session: Session, cls: type[_Item], uuid: str) -> _Item:
    found = session.scalars(
        select(cls).where(cls.uuid == uuid, cls.deleted_at.is_(None))
    ).one_or_none()
    if found is None:
        raise KnownError("该记录已不存在（可能已被删除）。", "请刷新列表后再试。")
    return found


def _find_same(session: Session, owner_uuid: str, title: str, day: date) -> SocialInfo | None:
    return session.scalars(
        select(SocialInfo).where(
            SocialInfo.owner_uuid == owner_uuid,
            SocialInfo.title == title,
            SocialInfo.submitted_on == day,
            SocialInfo.deleted_at.is_(None),
        )
    ).first()


def _refuse_same(
    session: Session,
    owner_uuid: str,
    title: str,
    day: date | None,
    own_id: int | None,
) -> None:
    assert day is not None
    same = _find_same(session, owner_uuid, title, day)
    if same is not None and same.id != own_id:
        raise _same_item_error("社情民意信息", title, day, "报送人")


def _same_item_error(what: str, title: str, day: date, who: str) -> KnownError:
    return KnownError(
        f"{day_text(day)} 已有一份{what}“{title}”。",
        f"如是同一份材料，请在原记录中添加{who}；否则请改用其他标题。",
    )


def _refs(members: list[Member], sort: Sorter) -> tuple[MemberRef, ...]:
    """Submitters or authors in the office's chosen order (app.members.member_order)."""
    return tuple(
        MemberRef(m.uuid, m.name) for m in sort(m for m in members if m.deleted_at is None)
    )
