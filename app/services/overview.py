"""What the overview page (概况) shows: the office at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app.dictionary_defaults import KIND_LABELS
from app.services.data_folder import list_backups
from app.services.office import LEVEL_LABELS, OfficeInfo, office_info, require_local_office
from app.services.terms import TermItem, list_terms
from app.storage import Database
from db.models import DictionaryEntry, Office


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


def load_overview(database: Database) -> Overview:
    info = office_info(database)
    terms = list_terms(database)
    with database.begin() as session:
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
    counts = dict(rows)
    sizes = {label: counts.get(kind, 0) for kind, label in KIND_LABELS.items()}
    return Overview(
        office=info,
        current_term=terms[0] if terms else None,
        dictionary_sizes=sizes,
        partners=partners,
        last_backup=_last_backup(database.location.backup_dir),
        database_path=database.path,
    )


def _last_backup(folder: Path) -> datetime | None:
    backups = list_backups(folder)
    return backups[0].made_at if backups else None
