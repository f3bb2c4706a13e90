"""What a history row's first proposer is taken for, when it is not a member's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.proposals.intake.history_import import import_history
from app.proposals.labels import SubmitterKind
from app.proposals.queries import list_proposals
from tests.proposals.helpers import Office
from tests.proposals.history_workbook import write_history

PARTY, SECTOR = SubmitterKind.PARTY_GROUP, SubmitterKind.SECTOR
KINDS = {
    # A party by its short or full name is one party, though both are in the sector list.
    "民盟": PARTY,
    "中国民主同盟": PARTY,
    "九三学社": PARTY,
    "农工党": PARTY,
    "民盟示范县委员会": PARTY,
    # People's organisations, also in the sector list.
    "妇联": PARTY,
    "县妇联": PARTY,
    "工商联": PARTY,
    # A sector says so, or has no party or organisation in its name.
    "民盟界": SECTOR,
    "民盟界别": SECTOR,
    "妇联界别": SECTOR,
    "经济界": SECTOR,
    "无党派人士": SECTOR,
    "特邀人士": SECTOR,
    "中共": SECTOR,
    # A special committee and a members' group.
    "提案委员会": SubmitterKind.COMMITTEE,
    "第二联络组": SubmitterKind.MEMBER_GROUP,
}


@pytest.fixture
def imported(office: Office, tmp_path: Path) -> dict[str, SubmitterKind]:
    rows = [
        (2023, f"2023-{n:03d}", f"关于第{n}件事的建议", name, "", "社会", "2023-03-01", "", "", "A")
        for n, name in enumerate(KINDS, start=1)
    ]
    result = import_history(office.database, write_history(tmp_path / "h.xlsx", rows))
    assert result.ok, result.errors
    return {r.proposer: r.submitter_kind for r in list_proposals(office.database)}


@pytest.mark.parametrize("name", list(KINDS))
def test_the_first_proposer_is_taken_for_what_its_name_says(
    imported: dict[str, SubmitterKind], name: str
) -> None:
    assert imported[name] is KINDS[name]


def test_a_co_signer_not_on_the_roster_is_warned_under_联名人_even_with_the_proposers_name(
    office: Office, tmp_path: Path
) -> None:
    """Two people called 钱老: the second is a co-signer, and the clerk is sent to that cell."""
    row = (2023, "2023-001", "关于一件事的建议", "钱老", "钱老", "社会", "2023-03-01", "", "", "A")
    result = import_history(office.database, write_history(tmp_path / "h.xlsx", [row]))
    assert result.ok, result.errors
    warned = [(w.column, w.reason) for w in result.warnings if "钱老" in w.reason]
    assert warned == [
        ("提案人", "“钱老”不在委员名册中，按文字保存"),
        ("联名人", "“钱老”不在委员名册中，按文字保存"),
    ]
