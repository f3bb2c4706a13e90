"""Office-level enumerations the screens need without reaching into db/ themselves."""

from __future__ import annotations

from db.models import DictionaryKind, OfficeLevel

__all__ = ["DictionaryKind", "OfficeLevel"]
