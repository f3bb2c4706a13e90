"""Finding a list entry from what a file or a clerk wrote: names, aliases, near misses.

Pure Python over the entries of the office's lists, so every import (roster,
proposals, sign-in sheets) resolves 中国共产党 to 中共 the same way. A value is
compared by its key: full-width forms folded, spaces and the middle dot dropped,
letters in lower case.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from db.models import DictionaryKind

ALIAS_SEPARATORS = "、，,;；\n"
_DROPPED = str.maketrans(dict.fromkeys(" \t\u3000·•・"))
NEAR_SCORE = 0.7  # how alike two names must be to be called near


def name_key(text: str) -> str:
    """What two spellings of one name share: 中国 共产党 and 中国共产党 match."""
    return unicodedata.normalize("NFKC", text or "").translate(_DROPPED).casefold()


def split_aliases(text: str) -> list[str]:
    """Aliases as typed (、 or one a line), trimmed, repeats and blanks dropped."""
    for separator in ALIAS_SEPARATORS[1:]:
        text = text.replace(separator, ALIAS_SEPARATORS[0])
    found: dict[str, str] = {}
    for part in text.split(ALIAS_SEPARATORS[0]):
        part = " ".join(part.split())
        if part and name_key(part) not in found:
            found[name_key(part)] = part
    return list(found.values())


def join_aliases(aliases: Iterable[str]) -> str:
    """As stored: one a line."""
    return "\n".join(aliases)


@dataclass(frozen=True)
class Named:
    """One entry as the lookup sees it."""

    kind: DictionaryKind
    name: str
    aliases: tuple[str, ...] = ()
    retired: bool = False


class NameLookup:
    """The entries of the office's lists, found by name or alias."""

    def __init__(self, entries: Iterable[Named]) -> None:
        self._entries: dict[DictionaryKind, list[Named]] = defaultdict(list)
        self._keys: dict[tuple[DictionaryKind, str], list[Named]] = defaultdict(list)
        for entry in entries:
            self._entries[entry.kind].append(entry)
            for text in (entry.name, *entry.aliases):
                found = self._keys[(entry.kind, name_key(text))]
                if entry not in found:
                    found.append(entry)

    def entries(self, kind: DictionaryKind) -> list[Named]:
        return list(self._entries[kind])

    def find(self, kind: DictionaryKind, value: str, beginnings: bool = True) -> str | None:
        """The name of the one entry `value` means, or None (unknown, or several).

        A name wins over another entry's alias; then an alias; then what offices
        also write: 汉 for 汉族, 经济界别 for 经济界, a unique beginning (提案 for
        提案委员会; not with beginnings=False). Live entries win over retired ones.
        """
        key = name_key(value)
        if not key:
            return None
        named = [e for e in self._keys.get((kind, key), ()) if name_key(e.name) == key]
        if named:
            return named[0].name
        for candidate in (key, *self._variants(kind, key)):
            found = _one(self._keys.get((kind, candidate), []))
            if found is not None:
                return found.name
        if beginnings and len(key) >= 2:
            starting = [e for e in self._entries[kind] if name_key(e.name).startswith(key)]
            found = _one(starting)
            if found is not None:
                return found.name
        return None

    def owner_of(self, kind: DictionaryKind, text: str) -> Named | None:
        """The entry whose name or alias is `text` exactly (by key), if any."""
        found = self._keys.get((kind, name_key(text)), [])
        return found[0] if found else None

    def near(self, kind: DictionaryKind, value: str, limit: int = 3) -> list[str]:
        """Entries whose name or an alias looks like `value` (中共 for 中国共产党员), best first."""
        key = name_key(value)
        scored = []
        for entry in self._entries[kind]:
            score = max(_likeness(key, name_key(t)) for t in (entry.name, *entry.aliases))
            if score >= NEAR_SCORE:
                scored.append((-score, entry.retired, entry.name))
        return [name for _score, _retired, name in sorted(scored)[:limit]]

    @staticmethod
    def _variants(kind: DictionaryKind, key: str) -> list[str]:
        if kind is DictionaryKind.ETHNIC_GROUP and not key.endswith("族"):
            return [key + "族"]
        if kind is DictionaryKind.SECTOR:
            if key.endswith("界别"):
                return [key[:-1], key[:-2]]
            if key.endswith("界"):
                return [key[:-1]]
        return []


def _one(entries: list[Named]) -> Named | None:
    """The single live entry, else the single retired one; None when it is not clear."""
    live = [e for e in entries if not e.retired]
    if len(live) == 1:
        return live[0]
    if not live and len(entries) == 1:
        return entries[0]
    return None


def _likeness(a: str, b: str) -> float:
    """1 for equal keys; high when one is the other with characters left out (中共 in
    中国共产党, 医卫界 in 医药卫生界); else the share of characters they have in common."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 2 and _is_subsequence(short, long):
        return 0.8 + 0.2 * len(short) / len(long)
    common = sum(min(short.count(ch), long.count(ch)) for ch in set(short))
    return 2 * common / (len(a) + len(b))


def _is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)
