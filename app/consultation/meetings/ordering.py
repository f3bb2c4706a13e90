"""The order of printed name lists in one place: CPPCC leaders by rank, then everyone
in the office's chosen order (app.members.member_order: 以姓氏笔画为序 by default)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from app.common.people.name_order import NameOrder, name_sort_key
from app.members.labels import CppccRole
from app.members.member_order import MemberOrder

T = TypeVar("T")

# 主席、副主席、秘书长 head official lists in this order; everyone else follows by name.
ROLE_RANK = {
    CppccRole.CHAIR: 0,
    CppccRole.VICE_CHAIR: 1,
    CppccRole.SECRETARY_GENERAL: 2,
}


def name_key(name: str) -> tuple[object, ...]:
    """Sort key of one name in an official list."""
    return name_sort_key(name, NameOrder.STROKE)


def official_order(
    items: Iterable[T],
    name: Callable[[T], str],
    role: Callable[[T], CppccRole | None],
    order: MemberOrder | None = None,
    roster_number: Callable[[T], int | None] = lambda _item: None,
) -> list[T]:
    """CPPCC leaders first by rank (the order of their election), then the rest in
    `order` (default 姓氏笔画)."""
    order = order or MemberOrder()

    def key(item: T) -> tuple[object, ...]:
        return (ROLE_RANK.get(role(item), 9), order.key(name(item), roster_number(item)))  # type: ignore[arg-type]

    return sorted(items, key=key)
