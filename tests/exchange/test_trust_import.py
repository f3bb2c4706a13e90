"""TRUST.md checks 6-10 and 13: twice, conflicts, gaps, dry run, all or nothing, manifest."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.consultation.plan import topics
from app.exchange.errors import FileRefused
from app.exchange.receiving import apply
from app.office.office import office_info
from db.member_models import Member
from db.models import DictionaryEntry
from db.record_models import SocialInfo
from tests.consultation.conftest import topic_form
from tests.exchange.conftest import (
    CITY_SETUP,
    Offices,
    add_members,
    database_digest,
    open_office,
)
from tests.exchange.forge import open_as, reseal, with_records


def members_at(offices: Offices) -> int:
    with offices.city.database.begin() as session:
        return session.scalar(select(func.count()).select_from(Member)) or 0


# --- 6. the same file twice ----------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing(offices: Offices) -> None:
    add_members(offices.county, "张建国", "李秀英")
    path = offices.county.export_to(offices.city, offices.stick).path
    first = offices.city.import_(path)
    after_first = database_digest(offices.city.database)
    again = offices.city.import_(path)
    assert again.result == "applied"
    total = sum(first.totals().values())
    assert again.totals() == {"new": 0, "changed": 0, "unchanged": total, "conflicts": 0}
    # Only the history and the receipt bookkeeping moved; no record did.
    assert members_at(offices) == 2
    assert after_first != ""  # (a second history row is expected)


def test_an_older_file_arriving_late_changes_nothing(offices: Offices) -> None:
    from app.members.member_files import MemberForm, update_member

    [zhang] = add_members(offices.county, "张建国")
    old = offices.county.export_to(offices.city, offices.stick).path
    update_member(offices.county.database, zhang, MemberForm(name="张建国", sector="教育界"))
    new = offices.county.export_to(offices.city, offices.stick).path
    offices.city.import_(new)
    late = offices.city.import_(old)
    assert late.totals()["changed"] == 0 and late.totals()["new"] == 0
    with offices.city.database.begin() as session:
        member = session.scalars(select(Member).where(Member.uuid == zhang)).one()
        assert (member.sector.name, member.revision) == ("教育界", 2)


@pytest.mark.parametrize("order", ["new-then-old", "old-lost-then-late"])
def test_a_removed_co_signer_does_not_come_back_with_an_older_file(
    offices: Offices, order: str
) -> None:
    """Replacing a proposal's signers removes the old rows outright. An older file that still
    holds the old signer, arriving late, must not bring it back beside its successor (found by
    the convergence state machine: UNIQUE proposal_signer(proposal_id, position))."""
    from app.proposals.intake.intake import ProposalForm, SignerInput, add_proposal, update_proposal
    from app.proposals.labels import SubmitterKind
    from db.proposal_models import ProposalSigner

    zhang, li = add_members(offices.county, "张建国", "李秀英")

    def form(member: str) -> ProposalForm:
        return ProposalForm(
            title="关于改善交通的建议",
            submitter_kind=SubmitterKind.INDIVIDUAL,
            signers=(SignerInput("委员", member),),
            submitted_on=date(2026, 1, 5),
            number="P0",
        )

    proposal = add_proposal(offices.county.database, form(zhang))
    old = offices.county.export_to(offices.city, offices.stick).path
    if order == "new-then-old":
        offices.city.import_(old)
    update_proposal(offices.county.database, proposal, form(li))  # 张建国's row removed
    new = offices.county.export_to(offices.city, offices.stick).path
    offices.city.import_(new)
    late = offices.city.import_(old)
    assert late.ok and late.totals()["new"] == 0
    with offices.city.database.begin() as session:
        names = session.scalars(select(ProposalSigner.name)).all()
    assert names == ["李秀英"]


# --- 7. conflicts ----------------------------------------------------------------------------


def test_a_record_not_owned_by_its_sender_is_a_conflict_and_not_applied(offices: Offices) -> None:
    add_members(offices.county, "张建国", "李秀英", "王伟")
    head, plain = open_as(offices.city, offices.county.export_to(offices.city, offices.stick).path)
    city_uuid = office_info(offices.city.database).uuid

    def claim_the_city_owns_one(records: list[dict[str, object]]) -> None:
        records[0]["o"] = city_uuid

    head, plain = with_records(head, plain, "member", claim_the_city_owns_one)
    forged = reseal(offices.county, offices.city, head, plain, offices.stick / "c.cppccx")
    before = database_digest(offices.city.database)

    dry = offices.city.import_(forged, dry_run=True)
    assert dry.result == "refused" and dry.refused is not None
    assert dry.refused.reason == "conflicts"
    conflicts = {i.table: i for i in dry.details if i.category == "conflicts"}
    assert set(conflicts) == {"member", "membership"}  # the seat cannot go without its member
    assert conflicts["member"].reference.startswith("委员 ")
    assert "不属于发送单位" in conflicts["member"].reason
    assert conflicts["membership"].reason == "引用了冲突记录（委员）"
    real = offices.city.import_(forged)  # all or nothing by default
    assert real.result == "refused" and "冲突" in real.refused.what  # type: ignore[union-attr]
    assert database_digest(offices.city.database) == before

    skipped = offices.city.import_(forged, skip_conflicts=True)  # the explicit choice
    assert skipped.result == "applied"
    assert skipped.counts["member"] == {"new": 2, "changed": 0, "unchanged": 0, "conflicts": 1}
    assert skipped.counts["membership"]["conflicts"] == 1
    with offices.city.database.begin() as session:
        assert session.scalar(select(func.count()).where(Member.owner_uuid == city_uuid)) == 0
        assert session.scalar(select(func.count()).select_from(Member)) == 2


def test_a_known_id_owned_by_another_office_is_a_conflict(offices: Offices) -> None:
    add_members(offices.county, "张建国")
    head, plain = open_as(offices.city, offices.county.export_to(offices.city, offices.stick).path)
    with offices.city.database.begin() as session:
        city_entry = session.scalars(select(DictionaryEntry.uuid).limit(1)).one()

    def reuse_a_city_id(records: list[dict[str, object]]) -> None:
        records[0]["u"] = city_entry

    head, plain = with_records(head, plain, "dictionary_entry", reuse_a_city_id)
    forged = reseal(offices.county, offices.city, head, plain, offices.stick / "c.cppccx")
    result = offices.city.import_(forged, dry_run=True)
    [conflict] = [i for i in result.details if i.category == "conflicts"]
    assert (conflict.uuid, conflict.reason) == (
        city_entry,
        "本机已有同一编号的记录，但属于另一单位",
    )


def test_the_same_revision_with_other_content_is_a_conflict(offices: Offices) -> None:
    add_members(offices.county, "张建国")
    path = offices.county.export_to(offices.city, offices.stick).path
    offices.city.import_(path)
    head, plain = open_as(offices.city, path)

    def rename(records: list[dict[str, object]]) -> None:
        records[0]["f"]["name"] = "张三"  # type: ignore[index]

    head, plain = with_records(head, plain, "member", rename)
    forged = reseal(offices.county, offices.city, head, plain, offices.stick / "c.cppccx")
    result = offices.city.import_(forged, dry_run=True)
    [conflict] = [i for i in result.details if i.category == "conflicts"]
    assert conflict.reason == "版本号相同但内容不同"


# --- 8. sequence gaps ------------------------------------------------------------------------


def test_a_file_whose_base_was_never_applied_names_the_missing_numbers(
    offices: Offices, tmp_path: Path
) -> None:
    county, city = offices.county, offices.city
    before = tmp_path / "city-before"
    shutil.copytree(city.location.data_dir, before)  # the city as it was (a restored backup)
    add_members(county, "张建国")
    offices.send(county, city)  # file 1, receipt 1
    add_members(county, "李秀英")
    offices.send(county, city)  # file 2 (base 1), receipt 2
    add_members(county, "王伟")
    third = county.export_to(city, offices.stick)
    assert (third.sequence, third.base) == (3, 2)

    city.database.close()
    shutil.rmtree(city.location.data_dir)
    shutil.copytree(before, city.location.data_dir)
    restored = open_office(city.location.data_dir.parent, CITY_SETUP)
    offices.city = restored  # closed at the end of the test
    with pytest.raises(FileRefused) as caught:
        restored.import_(third.path)
    assert caught.value.reason == "gap"
    assert "第1号、第2号" in caught.value.what
    # It said "本机只导入到第0号" and named only the command line's "--full".
    assert "本机还没有导入过该单位的文件" in caught.value.what
    assert "“全部重新发送到U盘”" in caught.value.todo
    full = county.export_to(city, offices.stick, full=True)  # what the message advises
    assert restored.import_(full.path).counts["member"]["new"] == 3


def test_a_later_file_with_an_applied_base_goes_in_before_an_earlier_one(offices: Offices) -> None:
    county, city = offices.county, offices.city
    add_members(county, "张建国")
    first = county.export_to(city, offices.stick)
    add_members(county, "李秀英")
    second = county.export_to(city, offices.stick)  # also base 0: it holds everything
    assert city.import_(second.path).counts["member"]["new"] == 2
    assert city.import_(first.path).totals()["new"] == 0


# --- 9. dry run -------------------------------------------------------------------------------


def test_a_dry_run_writes_nothing_and_shows_the_whole_summary(offices: Offices) -> None:
    add_members(offices.county, "张建国", "李秀英")
    path = offices.county.export_to(offices.city, offices.stick).path
    before = database_digest(offices.city.database)
    files_before = sorted(p.name for p in offices.stick.iterdir())
    result = offices.city.import_(path, dry_run=True)
    assert result.result == "dry_run"
    assert result.counts["member"] == {"new": 2, "changed": 0, "unchanged": 0, "conflicts": 0}
    references = {i.reference for i in result.details if i.table == "member"}
    assert references == {"委员 张建国", "委员 李秀英"}
    assert all(i.uuid for i in result.details)
    assert database_digest(offices.city.database) == before
    assert sorted(p.name for p in offices.stick.iterdir()) == files_before  # no receipt
    assert not offices.city.location.backup_dir.exists() or not any(
        offices.city.location.backup_dir.iterdir()
    )


# --- 10. all or nothing ----------------------------------------------------------------------


def test_one_invalid_record_among_a_thousand_applies_nothing(offices: Offices) -> None:
    county_uuid = office_info(offices.county.database).uuid
    with offices.county.database.begin() as session:
        for n in range(1000):
            session.add(
                SocialInfo(
                    owner_uuid=county_uuid, title=f"社情民意{n}", submitted_on=date(2025, 3, 1)
                )
            )
    head, plain = open_as(offices.city, offices.county.export_to(offices.city, offices.stick).path)

    def one_bad_date(records: list[dict[str, object]]) -> None:
        records[617]["f"]["submitted_on"] = "2025-02-30"  # type: ignore[index]

    head, plain = with_records(head, plain, "social_info", one_bad_date)
    forged = reseal(offices.county, offices.city, head, plain, offices.stick / "i.cppccx")
    before = database_digest(offices.city.database)
    with pytest.raises(FileRefused) as caught:
        offices.city.import_(forged)
    assert caught.value.reason == "invalid"
    assert "social_info" in caught.value.what and "submitted_on" in caught.value.what
    assert database_digest(offices.city.database) == before


def test_a_reference_to_a_record_that_is_nowhere_refuses_the_file(offices: Offices) -> None:
    add_members(offices.county, "张建国")
    head, plain = open_as(offices.city, offices.county.export_to(offices.city, offices.stick).path)

    def dangling(records: list[dict[str, object]]) -> None:
        records[0]["f"]["sector_id"] = "00000000-0000-4000-8000-000000000000"  # type: ignore[index]

    head, plain = with_records(head, plain, "member", dangling)
    forged = reseal(offices.county, offices.city, head, plain, offices.stick / "d.cppccx")
    with pytest.raises(FileRefused, match="sector_id 引用的记录不存在"):
        offices.city.import_(forged)


def test_a_link_to_a_record_that_is_nowhere_refuses_the_file(offices: Offices) -> None:
    add_members(offices.county, "张建国")
    head, plain = open_as(offices.city, offices.county.export_to(offices.city, offices.stick).path)

    def dangling(records: list[dict[str, object]]) -> None:
        records[0]["l"]["member_committee"] = ["00000000-0000-4000-8000-000000000000"]  # type: ignore[index]

    head, plain = with_records(head, plain, "member", dangling)
    forged = reseal(offices.county, offices.city, head, plain, offices.stick / "d.cppccx")
    before = database_digest(offices.city.database)
    with pytest.raises(FileRefused, match="member_committee 引用的记录不存在"):
        offices.city.import_(forged)
    assert database_digest(offices.city.database) == before


# --- 13. manifest compared after applying -----------------------------------------------------


def test_a_count_mismatch_after_applying_is_rolled_back(offices: Offices) -> None:
    add_members(offices.county, "张建国", "李秀英")
    head, plain = open_as(offices.city, offices.county.export_to(offices.city, offices.stick).path)
    tables = dict(head["tables"])
    tables["member"] = {**tables["member"], "count": tables["member"]["count"] + 1}
    forged = reseal(
        offices.county, offices.city, {**head, "tables": tables}, plain, offices.stick / "m.cppccx"
    )
    before = database_digest(offices.city.database)
    with pytest.raises(FileRefused) as caught:
        offices.city.import_(forged)
    assert caught.value.reason == "manifest" and "已全部撤销" in caught.value.what
    assert database_digest(offices.city.database) == before


@pytest.mark.parametrize(
    ("members", "wrong"),
    [(2, -1), (40, 0), (40, -1)],
    ids=["few", "one-run-of-ids-first", "one-run-of-ids-last"],
)
def test_a_record_written_wrong_is_caught_and_rolled_back(
    offices: Offices, monkeypatch: pytest.MonkeyPatch, members: int, wrong: int
) -> None:
    """An applier bug (simulated: one member's note written wrong) is caught by the check,
    whether the rows are read back by a list of ids or as one range (many new rows)."""
    add_members(offices.county, *(f"委员{n}" for n in range(members)))
    topics.add_topic(offices.county.database, 2026, topic_form())
    path = offices.county.export_to(offices.city, offices.stick).path
    real = apply._write_table

    def writes_one_note_wrong(connection, table, items, *rest):  # type: ignore[no-untyped-def]
        real(connection, table, items, *rest)
        if table.name == "member":
            connection.exec_driver_sql(
                "UPDATE member SET note = '写错了' WHERE uuid = ?", (items[wrong].uuid,)
            )

    monkeypatch.setattr(apply, "_write_table", writes_one_note_wrong)
    before = database_digest(offices.city.database)
    with pytest.raises(FileRefused, match="核对不一致"):
        offices.city.import_(path)
    assert database_digest(offices.city.database) == before
