"""Whose records a city screen lists: 本单位, one county (by code) or 全部.

The city holds the counties' records that came by exchange file; they are read-only
there (db/events.py). A screen's 单位 filter names a county by its 行政区划代码, as the
command line's `--office CODE` does (app.office.office.chosen_office).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.storage import Database
from app.office.office import chosen_office, local_office
from db.models import Office, OfficeLevel

ALL_OFFICES = "*"  # the 全部 choice: this office and every county


@dataclass(frozen=True)
class OfficeChoice:
    code: str
    name: str
    uuid: str = ""  # names the owner of a row listed under 全部


@dataclass(frozen=True)
class OfficeScope:
    """What the 单位 filter offers: empty `counties` below the city level."""

    local_uuid: str
    counties: tuple[OfficeChoice, ...]


def office_scope(database: Database) -> OfficeScope:
    with database.read() as session:
        office = local_office(session)
        if office is None:
            return OfficeScope("", ())
        if office.level is not OfficeLevel.CITY:
            return OfficeScope(office.uuid, ())
        counties = session.scalars(
            select(Office)
            .where(
                Office.level == OfficeLevel.COUNTY,
                Office.is_local.is_(False),
                Office.deleted_at.is_(None),
            )
            .order_by(Office.division_code)
        )
        return OfficeScope(
            office.uuid, tuple(OfficeChoice(c.division_code, c.name, c.uuid) for c in counties)
        )


def owner_uuids(session: Session, code: str | None) -> list[str]:
    """The owners a listing covers: the local office (None), one office, or all."""
    if code != ALL_OFFICES:
        return [chosen_office(session, code).uuid]
    return list(session.scalars(select(Office.uuid).where(Office.deleted_at.is_(None))))
