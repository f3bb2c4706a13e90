"""The records an import summary lists (new, changed, conflicts), kept as plain columns.

A summary outlives its import (the dialog shows it, scripts print it). Kept as the
plan's items, each with its whole record, it held tens of thousands of objects that
Python's cyclic collector walked right after every import (a tenth of the time).
Here they are a few lists of strings plus each record's field dict (strings and
numbers only, which the collector does not track); a Detail is made when read, and
its reference (委员 张建国) only then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, overload

Naming = str | Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class Detail:
    table: str
    uuid: str
    category: str
    reason: str
    reference: str


class Details(Sequence[Detail]):
    def __init__(self, items: Iterable[Any] = ()) -> None:
        """items: the plan's Items (table, uuid, category, reason, naming, record)."""
        items = list(items)
        self._tables: list[str] = list(map(attrgetter("table"), items))
        self._uuids: list[str] = list(map(attrgetter("uuid"), items))
        self._categories: list[str] = list(map(attrgetter("category"), items))
        self._reasons: list[str] = list(map(attrgetter("reason"), items))
        self._namings: list[Naming] = list(map(attrgetter("naming"), items))
        self._fields: list[dict[str, Any] | None] = [
            None if record is None else record["f"] for record in map(attrgetter("record"), items)
        ]

    def __len__(self) -> int:
        return len(self._uuids)

    @overload
    def __getitem__(self, index: int) -> Detail: ...

    @overload
    def __getitem__(self, index: slice) -> list[Detail]: ...

    def __getitem__(self, index: int | slice) -> Detail | list[Detail]:
        if isinstance(index, slice):
            return [self._detail(n) for n in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._detail(index)

    def __iter__(self) -> Iterator[Detail]:
        return map(self._detail, range(len(self)))

    def _detail(self, n: int) -> Detail:
        naming = self._namings[n]
        if not isinstance(naming, str):
            naming = self._namings[n] = naming({"u": self._uuids[n], "f": self._fields[n]})
        return Detail(
            self._tables[n], self._uuids[n], self._categories[n], self._reasons[n], naming
        )
