"""Demo members and a year of duty records (contract stub — being implemented)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from db.models import Office

MEMBER_DEMO_STEPS: list[tuple[str, Callable[[Session, Office], int]]] = []
