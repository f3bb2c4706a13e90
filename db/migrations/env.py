"""Alembic environment: always runs on a connection handed in by db.migrate."""

from __future__ import annotations

from alembic import context

from db.base import UtcDateTime
from db.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run only through db.migrate, which passes a connection")


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Migrations must not import model code: spell custom types as plain SQL types."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
    compare_type=True,
    render_item=_render_item,
)
with context.begin_transaction():
    context.run_migrations()
