"""Checks and look-ups every kind of duty record shares (records, record_items, the import)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.text import day_text
from db.member_models import Member

TITLE_MAX = 200
NOTE_MAX = 2000
EARLIEST_DAY = date(1949, 10, 1)


def title_problem(title: str, label: str = "名称") -> str | None:
    if not title:
        return f"{label}：不能为空"
    if len(title) > TITLE_MAX:
        return f"{label}：过长（不超过{TITLE_MAX}字）"
    return None


def note_problem(note: str) -> str | None:
    if len(note) > NOTE_MAX:
        return f"备注：过长（{len(note)}字，不超过{NOTE_MAX}字）"
    return None


def day_problem(day: date | None, label: str = "日期") -> str | None:
    if day is None:
        return f"{label}：请填写"
    if day > date.today():
        return f"{label}：{day_text(day)} 晚于今天，履职记录只登记已发生的事"
    if day < EARLIEST_DAY:
        return f"{label}：{day_text(day)} 不合理"
    return None


def refuse_problems(what: str, problems: Iterable[str | None]) -> None:
    found = [p for p in problems if p]
    if found:
        raise KnownError(f"{what}未保存：\n" + "\n".join(found), "请修改后再保存。")


def live_members(session: Session, uuids: Iterable[str]) -> dict[str, Member]:
    """Members by UUID; one that no longer exists is a KnownError."""
    wanted = set(uuids)
    if not wanted:
        return {}
    found = {
        m.uuid: m
        for m in session.scalars(
            select(Member).where(Member.uuid.in_(wanted), Member.deleted_at.is_(None))
        )
    }
    if len(found) < len(wanted):
        raise KnownError("所选委员中有人的档案已不存在（可能刚被删除）。", "请刷新后重新选择。")
    return found


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def social_info_outcome(adopted: bool, instructed: bool) -> str:
    """采用、领导批示 / 采用 / 领导批示 / 未采用."""
    parts = [text for flag, text in ((adopted, "采用"), (instructed, "领导批示")) if flag]
    return "、".join(parts) or "未采用"
