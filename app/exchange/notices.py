"""通知: the city office writes notices; they travel down with its exchange files, and
each county reads the ones it received. Only the city that wrote a notice changes or
removes it (removal is a tombstone, which travels too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_line, clean_multiline
from app.office.labels import OfficeLevel
from app.office.office import require_local_office
from db.base import utc_now
from db.exchange_models import Notice
from db.models import Office

MAX_TITLE = 200
MAX_NUMBER = 60
MAX_BODY = 20_000


@dataclass(frozen=True)
class NoticeForm:
    title: str
    issued_on: date
    doc_number: str = ""  # 文号, e.g. 示政协办发〔2026〕3号
    body: str = ""


@dataclass(frozen=True)
class NoticeRow:
    uuid: str
    title: str
    doc_number: str
    issued_on: date
    body: str
    office_name: str  # who sent it
    own: bool  # written here (the city): may be changed


def list_notices(database: Database) -> list[NoticeRow]:
    """Every notice here, newest first: the city's own, or those a county received."""
    with database.read() as session:
        local = require_local_office(session)
        names: dict[str, str] = {u: n for u, n in session.execute(select(Office.uuid, Office.name))}
        notices = session.scalars(
            select(Notice)
            .where(Notice.deleted_at.is_(None))
            .order_by(Notice.issued_on.desc(), Notice.id.desc())
        )
        return [
            NoticeRow(
                uuid=n.uuid,
                title=n.title,
                doc_number=n.doc_number,
                issued_on=n.issued_on,
                body=n.body,
                office_name=names.get(n.owner_uuid, ""),
                own=n.owner_uuid == local.uuid,
            )
            for n in notices
        ]


def notice_problems(form: NoticeForm) -> list[str]:
    problems = []
    title = clean_line(form.title)
    if not title:
        problems.append("请填写通知标题。")
    elif len(title) > MAX_TITLE:
        problems.append(f"通知标题不能超过{MAX_TITLE}个字。")
    if len(clean_line(form.doc_number)) > MAX_NUMBER:
        problems.append(f"文号不能超过{MAX_NUMBER}个字。")
    if len(clean_multiline(form.body)) > MAX_BODY:
        problems.append(f"通知正文不能超过{MAX_BODY}个字。")
    if form.issued_on > date.today():
        problems.append("发文日期不能晚于今天。")
    return problems


def save_notice(database: Database, form: NoticeForm, uuid: str | None = None) -> str:
    """A new notice (uuid None) or a change to one written here; returns its uuid."""
    problems = notice_problems(form)
    if problems:
        raise KnownError("通知未保存：" + "".join(problems), "请修改后再保存。")
    with database.begin() as session:
        office = _city_office(session)
        notice = Notice(owner_uuid=office.uuid) if uuid is None else _own(session, office, uuid)
        notice.title = clean_line(form.title)
        notice.doc_number = clean_line(form.doc_number)
        notice.issued_on = form.issued_on
        notice.body = clean_multiline(form.body)
        session.add(notice)
        session.flush()
        return notice.uuid


def delete_notice(database: Database, uuid: str) -> None:
    """Removed here, and at the counties with the next file (a tombstone)."""
    with database.begin() as session:
        notice = _own(session, _city_office(session), uuid)
        notice.deleted_at = utc_now()


def _city_office(session: Session) -> Office:
    office = require_local_office(session)
    if office.level is not OfficeLevel.CITY:
        raise KnownError("通知由市政协发出，本单位只能查看收到的通知。", "本次未作任何改动。")
    return office


def _own(session: Session, office: Office, uuid: str) -> Notice:
    notice = session.scalars(select(Notice).where(Notice.uuid == uuid)).one_or_none()
    if notice is None or notice.deleted_at is not None:
        raise KnownError("这条通知已不存在（可能已被删除）。", "请刷新后再试。")
    if notice.owner_uuid != office.uuid:
        raise KnownError("这条通知不是本单位发出的，不能修改或删除。", "本次未作任何改动。")
    return notice
