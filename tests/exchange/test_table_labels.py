"""Every table that travels has a Chinese name: in the exchange summaries and in app.common."""

from __future__ import annotations

import db.schema  # noqa: F401 - every table
from app.common.table_labels import TABLE_LABELS as COMMON_LABELS
from app.exchange.labels import TABLE_LABELS as EXCHANGE_LABELS
from app.exchange.tables import sync_tables
from db.base import Base, SyncedMixin


def test_every_exchangeable_table_has_a_chinese_name() -> None:
    synced = {
        m.local_table.name for m in Base.registry.mappers if issubclass(m.class_, SyncedMixin)
    }
    assert "notice" in synced
    assert synced <= set(COMMON_LABELS), sorted(synced - set(COMMON_LABELS))
    travelling = {table.name for table in sync_tables()}
    assert travelling <= set(EXCHANGE_LABELS), sorted(travelling - set(EXCHANGE_LABELS))
