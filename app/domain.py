"""Domain enumerations the screens need, without reaching into db/ themselves."""

from db.models import DictionaryKind, OfficeLevel

__all__ = ["DictionaryKind", "OfficeLevel"]
