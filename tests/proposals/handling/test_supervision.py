"""Key proposals, supervision records and the ledger carried across years until closed."""

from __future__ import annotations

from datetime import date

import pytest

from app.common.errors import KnownError
from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import record_reply
from app.proposals.handling.review import set_key_proposal
from app.proposals.handling.supervision import (
    add_supervision,
    close_ledger_item,
    set_supervisor,
    supervision_ledger,
)
from app.proposals.labels import Satisfaction
from app.proposals.queries import get_proposal_detail
from tests.proposals.helpers import Office, assigned

UNIT = "县教育和体育局"


def test_supervising_leader_only_for_key_proposals(office: Office) -> None:
    db = office.database
    uuid = assigned(office)
    with pytest.raises(KnownError, match="不是重点提案，不设督办领导"):
        set_supervisor(db, uuid, "王副主席")
    set_key_proposal(db, uuid, True)
    set_supervisor(db, uuid, "王副主席")
    record = add_supervision(db, uuid, date(2025, 4, 20), "实地督办", "到三所学校查看校舍")
    detail = get_proposal_detail(db, uuid)
    assert detail.supervisor == "王副主席"
    (entry,) = detail.supervision
    assert (entry.uuid, entry.form, entry.leader) == (record, "实地督办", "王副主席")
    with pytest.raises(KnownError, match="请填写督办形式"):
        add_supervision(db, uuid, date(2025, 4, 20), " ", "")


def test_class_b_and_dissatisfied_items_stay_on_the_ledger_until_closed(office: Office) -> None:
    db = office.database
    unit = office.units[UNIT]
    uuid = assigned(office)
    assert supervision_ledger(db) == []
    record_reply(db, uuid, unit, date(2025, 5, 6), "B")
    rate_reply(db, uuid, unit, Satisfaction.BASIC, on_date=date(2025, 5, 8))
    (item,) = supervision_ledger(db, today=date(2027, 1, 5))
    assert (item.number, item.unit_name, item.reason, item.years_carried) == (
        "十届五次会议第0001号",
        UNIT,
        "承诺事项未落实（2025.5.6答复）",
        2,
    )
    # The reason says what the 结果 column (B) and its description do not.
    assert item.result_class not in item.reason and "正在解决或列入计划" not in item.reason
    with pytest.raises(KnownError, match="请写明销号理由"):
        close_ledger_item(db, uuid, unit, date(2026, 6, 1), "")
    close_ledger_item(db, uuid, unit, date(2026, 6, 1), "校舍改造已完工")
    assert supervision_ledger(db) == []
    (closed,) = supervision_ledger(db, include_closed=True)
    assert (closed.closed_on, closed.closing_note) == (date(2026, 6, 1), "校舍改造已完工")
    with pytest.raises(KnownError, match="已经销号"):
        close_ledger_item(db, uuid, unit, date(2026, 6, 2), "再次")


def test_dissatisfied_stays_until_the_new_round_satisfies(office: Office) -> None:
    db = office.database
    unit = office.units[UNIT]
    uuid = assigned(office)
    record_reply(db, uuid, unit, date(2025, 5, 6), "A")
    assert supervision_ledger(db) == []
    rate_reply(db, uuid, unit, Satisfaction.DISSATISFIED, "答非所问", date(2025, 5, 8))
    (item,) = supervision_ledger(db)
    assert (item.reason, item.round) == ("提案人不满意（答非所问），第2次办理中", 2)
    record_reply(db, uuid, unit, date(2025, 6, 30), "A")
    (again,) = supervision_ledger(db)  # replied again, not yet rated
    assert again.reason == "提案人不满意（答非所问），第2次答复待评价"
    rate_reply(db, uuid, unit, Satisfaction.SATISFIED, on_date=date(2025, 7, 2))
    assert supervision_ledger(db) == []


def test_a_class_b_reply_after_dissatisfaction_says_both(office: Office) -> None:
    db = office.database
    unit = office.units[UNIT]
    uuid = assigned(office)
    record_reply(db, uuid, unit, date(2025, 5, 6), "A")
    rate_reply(db, uuid, unit, Satisfaction.DISSATISFIED, "", date(2025, 5, 8))
    assert supervision_ledger(db)[0].reason == "提案人不满意，第2次办理中"
    record_reply(db, uuid, unit, date(2025, 6, 30), "B")
    (item,) = supervision_ledger(db)
    assert item.reason == "重办后仍未落实（2025.6.30答复）"


def test_an_item_not_on_the_ledger_cannot_be_closed(office: Office) -> None:
    uuid = assigned(office)
    with pytest.raises(KnownError, match="不在督办台账上"):
        close_ledger_item(office.database, uuid, office.units[UNIT], date(2025, 6, 1), "无")


def test_a_supervision_record_needs_what_was_done(office: Office) -> None:
    """Enter in 日期 saved a record with an empty 督办情况: refused, nothing stored."""
    db = office.database
    uuid = assigned(office)
    with pytest.raises(KnownError, match="请填写督办情况"):
        add_supervision(db, uuid, date(2025, 4, 20), "实地督办", "  ")
    assert get_proposal_detail(db, uuid).supervision == ()
