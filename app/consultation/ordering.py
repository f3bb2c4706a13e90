"""The order of printed name lists (以姓氏笔画为序) in one place.

app.common.name_order (branch `nameorder`) will supply the stroke-count keys;
until it is merged, code-point order stands in. Switching is the one line in
`name_key`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from app.members.labels import CppccRole

T = TypeVar("T")

# 主席、副主席、秘书长 head official lists in this order; everyone else follows by name.
ROLE_RANK = {
    CppccRole.CHAIR: 0,
    CppccRole.VICE_CHAIR: 1,
    CppccRole.SECRETARY_GENERAL: 2,
}


def name_key(name: str) -> tuple[str, ...]:
    """Sort key of one name in an official list."""
    return (name,)


def official_order(
    items: Iterable[T], name: Callable[[T], str], role: Callable[[T], CppccRole | None]
) -> list[T]:
    """CPPCC leaders first by rank (the order of their election), then the rest by name."""
    return sorted(items, key=lambda item: (ROLE_RANK.get(role(item), 9), name_key(name(item))))  # type: ignore[arg-type]
