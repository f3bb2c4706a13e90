"""The one order of members everywhere: lists, pickers, exports and printouts.

The office chooses it in 系统设置 (Settings.name_order): 姓氏笔画 (the default, as
official lists are printed 以姓氏笔画为序), 拼音, or 名单顺序 — the order of the
office's own roster, by the 序号 each seat keeps from the roster import
(Membership.roster_number). Every service that returns or prints members sorts
them with member_order(database); screens keep that order until the clerk clicks
a column header.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.people.name_order import DEFAULT_NAME_ORDER, NameOrder, name_sort_key
from app.common.settings import load_settings, save_settings
from app.common.storage import Database
from app.office.office import current_term, require_local_office
from db.member_models import Member, Membership
from db.models import AppSetting

T = TypeVar("T")

# What a printed list says about its order (printed under its title).
ORDER_NOTES = {
    NameOrder.STROKE: "以姓氏笔画为序",
    NameOrder.PINYIN: "以姓名拼音为序",
    NameOrder.ROSTER: "",
}
ORDER_HINTS = {
    NameOrder.STROKE: "按姓氏笔画数排列，同画数按起笔笔形（横、竖、撇、点、折）；"
    "正式名单、签到表、考核表等通常以姓氏笔画为序。",
    NameOrder.PINYIN: "按姓名的拼音字母排列，便于在屏幕上查找。",
    NameOrder.ROSTER: "按本单位名单中的“序号”排列（导入名单时保存）；"
    "没有序号的委员排在最后，按姓氏笔画。",
}


@dataclass(frozen=True)
class MemberOrder:
    """The chosen order, ready to sort members (or anything that names one)."""

    order: NameOrder = DEFAULT_NAME_ORDER

    def key(self, name: str | None, roster_number: int | None = None) -> tuple[object, ...]:
        return name_sort_key(name, self.order, roster_number)

    def sorted(
        self,
        items: Iterable[T],
        name: Callable[[T], str | None],
        roster_number: Callable[[T], int | None] = lambda _item: None,
    ) -> list[T]:
        return sorted(items, key=lambda item: self.key(name(item), roster_number(item)))

    @property
    def note(self) -> str:
        """以姓氏笔画为序, for a printed list; empty for the roster's own order."""
        return ORDER_NOTES[self.order]


def chosen_order(database: Database) -> NameOrder:
    return _order(load_settings(database).name_order)


def member_order(database: Database) -> MemberOrder:
    """The order the office chose in 系统设置."""
    return MemberOrder(chosen_order(database))


def order_in(session: Session) -> MemberOrder:
    """member_order for a service already inside its transaction."""
    stored = session.get(AppSetting, "name_order")
    try:
        value = json.loads(stored.value_json) if stored is not None else ""
    except ValueError:
        value = ""
    return MemberOrder(_order(value))


def roster_numbers(session: Session, member_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Member id → 序号 of the seat in the current term (those that have one)."""
    term = current_term(session, require_local_office(session))
    if term is None:
        return {}
    query = select(Membership.member_id, Membership.roster_number).where(
        Membership.term_id == term.id,
        Membership.deleted_at.is_(None),
        Membership.roster_number.is_not(None),
    )
    if member_ids is not None:
        query = query.where(Membership.member_id.in_(list(member_ids)))
    return {member_id: number for member_id, number in session.execute(query)}


def first_names(database: Database, count: int) -> list[str]:
    """The first `count` names of the current term's members in the chosen order (the
    名单排序 sample): names and 序号 read, not every member's whole file."""
    with database.read() as session:
        order = order_in(session)
        term = current_term(session, require_local_office(session))
        if term is None:
            return []
        seats = session.execute(
            select(Member.name, Membership.roster_number)
            .join(Membership, Membership.member_id == Member.id)
            .where(
                Membership.term_id == term.id,
                Membership.deleted_at.is_(None),
                Member.deleted_at.is_(None),
            )
        ).all()
    return [name for name, _number in order.sorted(seats, lambda s: s[0], lambda s: s[1])][:count]


def member_sorter(session: Session) -> Callable[[Iterable[Member]], list[Member]]:
    """Sorts stored members (co-submitters, authors, attendance) in the chosen order;
    made once per transaction: two queries, whatever is sorted with it."""
    order, numbers = order_in(session), roster_numbers(session)
    return lambda members: order.sorted(members, lambda m: m.name, lambda m: numbers.get(m.id))


def _order(value: object) -> NameOrder:
    try:
        return NameOrder(value)
    except ValueError:
        return DEFAULT_NAME_ORDER


def set_member_order(database: Database, order: NameOrder) -> None:
    settings = load_settings(database)
    save_settings(database, dataclasses.replace(settings, name_order=NameOrder(order).value))
