"""Small input helpers shared by the record dialogs."""

from __future__ import annotations

from datetime import date

from ui.common.dates import date_edit, day_of, set_day

__all__ = ["date_edit", "day_of", "default_day", "set_day"]


def default_day(year: int | None) -> date:
    """A new record of a past year starts at that year's end; of this year, today."""
    today = date.today()
    return today if year is None or year >= today.year else date(year, 12, 31)
