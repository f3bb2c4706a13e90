"""County → city and city → county: what travels, incrementally, with receipts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.common.errors import KnownError
from app.consultation.plan import topics
from app.members.member_files import MemberForm, delete_member, get_member, update_member
from app.proposals.intake.intake import ProposalForm, SignerInput, add_proposal, update_proposal
from app.proposals.labels import SubmitterKind
from db.consultation_models import ConsultationPlan, ConsultationTopic
from db.exchange_models import Notice
from db.member_models import Member, member_committee
from db.proposal_models import Proposal, ProposalSigner
from tests.consultation.conftest import topic_form
from tests.exchange.conftest import Offices, add_members


def count(office_db: object, cls: type, **where: object) -> int:
    with office_db.begin() as session:  # type: ignore[attr-defined]
        query = select(func.count()).select_from(cls)
        for key, value in where.items():
            query = query.where(getattr(cls, key) == value)
        return session.scalar(query) or 0


def test_a_countys_records_arrive_at_the_city_with_their_links(offices: Offices) -> None:
    county, city = offices.county, offices.city
    zhang, li = add_members(county, "张建国", "李秀英")
    result = offices.send(county, city)

    assert result.result == "applied"
    assert result.counts["member"] == {"new": 2, "changed": 0, "unchanged": 0, "conflicts": 0}
    with city.database.begin() as session:
        member = session.scalars(select(Member).where(Member.uuid == zhang)).one()
        assert (member.name, member.owner_uuid, member.revision) == ("张建国", county.uuid, 1)
        # The committee link travelled inside the member, to the county's own entry.
        [committee] = member.committees
        assert (committee.name, committee.owner_uuid) == ("经济委员会", county.uuid)
        assert session.scalar(select(func.count()).select_from(member_committee)) == 2
    assert get_member(city.database, li).form.name == "李秀英"


def test_the_next_file_carries_only_what_changed_since_the_receipt(offices: Offices) -> None:
    county, city = offices.county, offices.city
    zhang, _ = add_members(county, "张建国", "李秀英")
    offices.send(county, city)

    update_member(county.database, zhang, MemberForm(name="张建国", sector="教育界"))
    sent = county.export_to(city, offices.stick)
    assert sent.base == 1 and sent.sequence == 2
    assert sent.counts == {"member": 1}  # the membership did not change
    result = city.import_(sent.path)
    assert result.counts["member"]["changed"] == 1
    with city.database.begin() as session:
        member = session.scalars(select(Member).where(Member.uuid == zhang)).one()
        assert (member.sector.name, member.revision) == ("教育界", 2)


def test_without_a_receipt_the_next_file_repeats_and_full_sends_everything(
    offices: Offices,
) -> None:
    county, city = offices.county, offices.city
    add_members(county, "张建国")
    first = county.export_to(city, offices.stick)
    second = county.export_to(city, offices.stick)
    assert (second.base, second.counts) == (0, first.counts)  # nothing acknowledged yet
    city.import_(first.path)
    again = city.import_(second.path)  # re-sending is always safe
    assert again.totals()["new"] == 0 and again.totals()["unchanged"] == first.total
    county.import_(again.receipt_path)
    assert county.export_to(city, offices.stick).total == 0
    full = county.export_to(city, offices.stick, full=True)
    assert (full.base, full.total) == (0, first.total)


def test_an_acknowledgement_also_travels_inside_the_partners_files(offices: Offices) -> None:
    county, city = offices.county, offices.city
    add_members(county, "张建国")
    city.import_(county.export_to(city, offices.stick).path)  # the receipt stays behind
    county.import_(city.export_to(county, offices.stick).path)  # but the city's file says so
    assert county.export_to(city, offices.stick).base == 1


def test_a_deletion_travels_as_a_tombstone(offices: Offices) -> None:
    county, city = offices.county, offices.city
    zhang, _ = add_members(county, "张建国", "李秀英")
    offices.send(county, city)
    delete_member(county.database, zhang)
    result = offices.send(county, city)
    assert result.counts["member"]["changed"] == 1
    with city.database.begin() as session:
        member = session.scalars(select(Member).where(Member.uuid == zhang)).one()
        assert member.deleted_at is not None
        assert all(seat.deleted_at is not None for seat in member.memberships)


def test_replaced_co_signers_are_removed_at_the_city_too(offices: Offices) -> None:
    county, city = offices.county, offices.city
    zhang, li, wang = add_members(county, "张建国", "李秀英", "王伟")
    form = ProposalForm(
        title="关于加快老旧小区改造的建议",
        submitter_kind=SubmitterKind.JOINT,
        signers=(SignerInput("张建国", zhang), SignerInput("李秀英", li)),
        submitted_on=date(2026, 1, 10),
        number="2026-001",
    )
    uuid = add_proposal(county.database, form)
    offices.send(county, city)
    alone = replace(
        form, submitter_kind=SubmitterKind.INDIVIDUAL, signers=(SignerInput("王伟", wang),)
    )
    update_proposal(county.database, uuid, alone)
    result = offices.send(county, city)
    assert result.counts["proposal_signer"] == {
        "new": 1,
        "changed": 2,
        "unchanged": 0,
        "conflicts": 0,
    }
    with city.database.begin() as session:
        proposal = session.scalars(select(Proposal).where(Proposal.uuid == uuid)).one()
        assert [s.name for s in proposal.signers] == ["王伟"]
        assert session.scalar(select(func.count()).select_from(ProposalSigner)) == 1


def test_the_city_sends_its_plan_linked_topics_and_notices_down(offices: Offices) -> None:
    county, city = offices.county, offices.city
    linked = topics.add_topic(city.database, 2026, topic_form(title="联接：人居环境", linked=True))
    topics.add_topic(city.database, 2026, topic_form(title="市自选：城市更新", linked=False))
    with city.database.begin() as session:
        session.add(
            Notice(
                owner_uuid=city.uuid,
                title="关于报送年度协商计划的通知",
                doc_number="示政协办发〔2026〕3号",
                issued_on=date(2026, 1, 5),
            )
        )
    result = offices.send(city, county)
    assert set(result.counts) == {
        "consultation_plan",
        "consultation_topic",
        "notice",
        "dictionary_entry",
    }
    assert result.counts["dictionary_entry"]["new"] == 1  # the topic's lead committee
    with county.database.begin() as session:
        [topic] = session.scalars(select(ConsultationTopic)).all()
        assert (topic.uuid, topic.owner_uuid, topic.plan.owner_uuid) == (
            linked,
            city.uuid,
            city.uuid,
        )
        assert session.scalar(select(func.count()).select_from(Notice)) == 1
        assert session.scalar(select(func.count()).select_from(ConsultationPlan)) == 1


def test_the_city_cannot_edit_a_countys_record(offices: Offices) -> None:
    county, city = offices.county, offices.city
    [zhang] = add_members(county, "张建国")
    offices.send(county, city)
    before = count(city.database, Member, name="张建国")
    with pytest.raises(KnownError, match=r"示范县政协.*只能查看"):
        update_member(city.database, zhang, MemberForm(name="张三"))
    with pytest.raises(KnownError, match="只能查看"):
        delete_member(city.database, zhang)
    assert count(city.database, Member, name="张建国") == before


def test_text_damaged_on_disk_still_travels_and_reads_as_replacement_marks(
    offices: Offices,
) -> None:
    """The quick reader decodes text in C; a damaged value sends it to the tolerant one."""
    county, city = offices.county, offices.city
    zhang, li = add_members(county, "张建国", "李秀英")
    with county.database.begin() as session:
        session.connection().exec_driver_sql(
            "UPDATE member SET note = CAST(x'e5bca0ff41' AS TEXT) WHERE uuid = ?", (zhang,)
        )
    result = offices.send(county, city)
    assert result.result == "applied" and result.counts["member"]["new"] == 2
    with city.database.begin() as session:
        notes = dict(session.execute(select(Member.uuid, Member.note)).all())
    assert notes[zhang] == "张\ufffdA"
    assert get_member(city.database, li).form.name == "李秀英"


def test_the_garbage_collector_is_paused_only_while_a_file_is_built_or_read(
    offices: Offices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export and import pause Python's cyclic collector for speed; it must come back on,
    also when they stop with an error (a program left without it slowly fills memory)."""
    import gc

    from app.exchange import export as export_module

    seen: list[bool] = []
    real_outgoing = export_module.outgoing

    def watching(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real_outgoing(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export_module, "outgoing", watching)
    add_members(offices.county, "张建国")
    assert offices.send(offices.county, offices.city).result == "applied"
    assert seen == [False]
    assert gc.isenabled()
    with pytest.raises(KnownError):
        export_module.export_file(offices.county.database, "150500", tmp_path / "no-such")
    assert gc.isenabled()
