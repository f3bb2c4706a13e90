"""The order of printed name lists (以姓氏笔画为序) in one place: CPPCC leaders by
rank, then everyone by stroke order (app.common.name_order)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from app.common.name_order import NameOrder, name_sort_key
from app.members.labels import CppccRole

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
    items: Iterable[T], name: Callable[[T], str], role: Callable[[T], CppccRole | None]
) -> list[T]:
    """CPPCC leaders first by rank (the order of their election), then the rest by name."""
    return sorted(items, key=lambda item: (ROLE_RANK.get(role(item), 9), name_key(name(item))))  # type: ignore[arg-type]
