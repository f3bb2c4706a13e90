"""The exchange page's lists are read without the write lock: while another window or
program writes (an import, a save), the page still shows partners, history and the
stick's files, instead of waiting and failing with 数据库正忙."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from app.common.storage import open_database
from app.exchange import cards, history
from tests.exchange.conftest import Offices, add_members


def test_the_exchange_lists_read_while_another_program_writes(offices: Offices) -> None:
    add_members(offices.county, "张建国")
    offices.send(offices.county, offices.city)
    card = cards.read_card(offices.county.card(offices.stick))
    files = sorted(offices.stick.iterdir())
    impatient = open_database(offices.city.location, busy_timeout_ms=100)
    try:
        with closing(sqlite3.connect(offices.city.location.database, isolation_level=None)) as w:
            w.execute("BEGIN IMMEDIATE")  # a writer in the middle of its transaction
            partners = history.exchange_status(impatient)
            rows = history.exchange_history(impatient)
            described = history.describe_files(impatient, files)
            status = cards.card_status(impatient, card)
            w.execute("ROLLBACK")
    finally:
        impatient.close()
    assert [p.code for p in partners] == [offices.county.code, offices.second.code]
    assert [r.kind for r in rows] == ["received"]
    assert sorted(described.values()) == [
        "本单位给示范县政协的回执",
        "示范县政协发来的第 1 号文件",
        "示范县政协的单位名片",
    ]
    assert status[0] == "same"
