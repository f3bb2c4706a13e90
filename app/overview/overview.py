"""What the overview page (概况) shows: the office at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.storage import Database
from app.data_safety.data_folder import list_backups
from app.office.dictionary_defaults import KIND_LABELS
from app.office.office import (
    LEVEL_LABELS,
    OfficeInfo,
    current_term,
    office_info,
    require_local_office,
)
from app.office.terms import TermItem, list_terms
from db.member_models import Member, Membership, MembershipStatus
from db.models import DictionaryEntry, Office
from db.record_models import Activity, MemberWork, SocialInfo


@dataclass(frozen=True)
class PartnerOffice:
    name: str
    level_label: str
    division_code: str


@dataclass(frozen=True)
class Overview:
    office: OfficeInfo
    current_term: TermItem | None
    dictionary_sizes: dict[str, int]  # Chinese list name → entries in use
    partners: list[PartnerOffice]
    last_backup: datetime | None
    database_path: Path
    # 委员与履职: figures for the current term and this calendar year, in display order.
    duty_figures: dict[str, int]


def load_overview(database: Database) -> Overview:
    info = office_info(database)
    terms = list_terms(database)
    with database.read() as session:
        office = require_local_office(session)
        rows = session.execute(
            select(DictionaryEntry.kind, func.count())
            .where(
                DictionaryEntry.owner_uuid == office.uuid,
                DictionaryEntry.deleted_at.is_(None),
                DictionaryEntry.retired.is_(False),
            )
            .group_by(DictionaryEntry.kind)
        ).all()
        partners = [
            PartnerOffice(o.name, LEVEL_LABELS[o.level], o.division_code)
            for o in session.scalars(
                select(Office)
                .where(Office.is_local.is_(False), Office.deleted_at.is_(None))
                .order_by(Office.division_code)
            )
        ]
        figures = _duty_figures(session, office, date.today().year)
    counts = dict(rows)
    sizes = {label: counts.get(kind, 0) for kind, label in KIND_LABELS.items()}
    return Overview(
        office=info,
        current_term=terms[0] if terms else None,
        dictionary_sizes=sizes,
        partners=partners,
        last_backup=_last_backup(database.location.backup_dir),
        database_path=database.path,
        duty_figures=figures,
    )


def _duty_figures(session: Session, office: Office, year: int) -> dict[str, int]:
    term = current_term(session, office)
    seated = (
        select(func.count())
        .select_from(Membership)
        .join(Member, Member.id == Membership.member_id)
        .where(Membership.deleted_at.is_(None), Member.deleted_at.is_(None))
    )
    if term is None:
        return {}
    seated = seated.where(Membership.term_id == term.id)
    active = seated.where(Membership.status == MembershipStatus.ACTIVE)
    first, last = date(year, 1, 1), date(year, 12, 31)

    def this_year(model: type[Activity] | type[SocialInfo] | type[MemberWork], column) -> int:
        # This office's own: at the city, the counties' records sit in the same tables.
        query = (
            select(func.count())
            .select_from(model)
            .where(
                model.owner_uuid == office.uuid,
                model.deleted_at.is_(None),
                column.between(first, last),
            )
        )
        return session.scalar(query) or 0

    return {
        "本届委员": session.scalar(seated) or 0,
        "在任委员": session.scalar(active) or 0,
        f"{year}年会议活动": this_year(Activity, Activity.held_on),
        f"{year}年社情民意": this_year(SocialInfo, SocialInfo.submitted_on),
        f"{year}年发言与报告": this_year(MemberWork, MemberWork.submitted_on),
    }


def _last_backup(folder: Path) -> datetime | None:
    backups = list_backups(folder)
    return backups[0].made_at if backups else None
