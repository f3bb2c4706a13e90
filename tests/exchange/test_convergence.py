"""TRUST.md check 14 (and 22): the result does not depend on the order of imports.

A hypothesis state machine runs a city and two counties that edit their own
records and send files in any order; files are delivered late, twice, or
lost, and so are receipts. After everything still on its way has arrived, one
more round of files leaves every office holding exactly what each owner holds.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from app.consultation.plan import topics
from app.exchange.errors import FileRefused
from app.exchange.records import RecordReader, canonical, digest
from app.exchange.selection import DOWNWARD_ROOTS
from app.exchange.tables import sync_tables
from app.members.member_files import MemberForm, add_member, delete_member, update_member
from app.proposals.intake.intake import ProposalForm, SignerInput, add_proposal, update_proposal
from app.proposals.labels import SubmitterKind
from db.exchange_models import Notice, PurgedRecord
from tests.consultation.conftest import topic_form
from tests.exchange.conftest import SETUPS, Office, open_office

NAMES = ("张建国", "李秀英", "王伟", "赵丽", "孙强", "周敏")


def owned(office: Office, owner: str, tables: set[str] | None = None) -> dict[str, str]:
    """uuid → digest of every record `owner` owns, as `office` holds it."""
    found = {}
    with office.database.begin() as session:
        reader = RecordReader(session.connection())
        for table in sync_tables():
            if tables is not None and table.name not in tables:
                continue
            for record in reader.read(table, "owner_uuid = ?", (owner,)):
                found[record["u"]] = digest(canonical(record))
    return found


def purged_at(office: Office) -> set[str]:
    """Records the office removed outright (replaced co-signers): their removal travels."""
    with office.database.begin() as session:
        return set(session.scalars(select(PurgedRecord.record_uuid)))


class Exchange(RuleBasedStateMachine):
    template: Path

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="converge-"))
        shutil.copytree(self.template, self.root / "offices")
        self.city, self.a, self.b = (open_office(self.root / "offices", s) for s in SETUPS)
        self.offices = (self.city, self.a, self.b)
        self.uuids = {o.code: o.uuid for o in self.offices}
        self.members: dict[str, list[str]] = {self.a.code: [], self.b.code: []}
        self.proposals: dict[str, list[str]] = {self.a.code: [], self.b.code: []}
        self.topics: list[str] = []
        self.transit: list[tuple[Office, Path]] = []  # (recipient, file or receipt)
        self.sticks = 0

    def teardown(self) -> None:
        for office in self.offices:
            office.database.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def stick(self) -> Path:
        self.sticks += 1
        folder = self.root / f"stick{self.sticks}"
        folder.mkdir()
        return folder

    # --- edits, each office on its own records -----------------------------------------

    @rule(county=st.sampled_from(["a", "b"]), name=st.sampled_from(NAMES), pick=st.integers(0, 9))
    def edit_then_send(self, county: str, name: str, pick: int) -> None:
        """A working day at a county: a member added or changed, then a file for the city."""
        office = getattr(self, county)
        if self.members[office.code] and pick < 7:
            self.edit_member(county, pick, ("教育界", "农业界")[pick % 2])
        else:
            self.add_member(county, name)
        self.export(f"{county}>city")

    @rule()
    def deliver_the_newest(self) -> None:
        files = [(r, p) for r, p in self.transit if p.suffix == ".cppccx"]
        if files:
            recipient, path = files[-1]
            self.transit.remove((recipient, path))
            result = recipient.import_(path)
            assert result.ok and result.receipt_path is not None
            sender = next(o for o in self.offices if o.code == result.sender_code)
            self.transit.append((sender, result.receipt_path))

    def add_member(self, county: str, name: str) -> None:
        office = getattr(self, county)
        uuid = add_member(office.database, MemberForm(name=name, sector="经济界"))
        self.members[office.code].append(uuid)

    def edit_member(self, county: str, pick: int, sector: str) -> None:
        office = getattr(self, county)
        if self.members[office.code]:
            uuid = self.members[office.code][pick % len(self.members[office.code])]
            update_member(office.database, uuid, MemberForm(name="改名", sector=sector))

    @rule(county=st.sampled_from(["a", "b"]), pick=st.integers(0, 50))
    def delete_member(self, county: str, pick: int) -> None:
        office = getattr(self, county)
        if self.members[office.code]:
            uuid = self.members[office.code].pop(pick % len(self.members[office.code]))
            delete_member(office.database, uuid)

    @rule(county=st.sampled_from(["a", "b"]), signers=st.integers(1, 3))
    def proposal(self, county: str, signers: int) -> None:
        office = getattr(self, county)
        chosen = self.members[office.code][:signers]
        if not chosen:
            return
        people = tuple(SignerInput("委员", uuid) for uuid in chosen)
        kind = SubmitterKind.JOINT if len(people) > 1 else SubmitterKind.INDIVIDUAL
        form = ProposalForm(
            title="关于改善交通的建议",
            submitter_kind=kind,
            signers=people,
            submitted_on=date(2026, 1, 5),
            number="",
        )
        mine = self.proposals[office.code]
        if mine:  # replace the signers of the first one (rows removed outright)
            update_proposal(office.database, mine[0], replace(form, number=f"P{len(mine)}"))
        else:
            mine.append(add_proposal(office.database, replace(form, number="P0")))

    @rule(title=st.sampled_from(["人居环境", "营商环境", "养老服务"]))
    def city_topic(self, title: str) -> None:
        self.topics.append(topics.add_topic(self.city.database, 2026, topic_form(title=title)))

    @rule()
    def city_notice(self) -> None:
        with self.city.database.begin() as session:
            session.add(Notice(owner_uuid=self.city.uuid, title="通知", issued_on=date(2026, 2, 1)))

    # --- files and receipts, in any order ----------------------------------------------

    @rule(pair=st.sampled_from(["a>city", "b>city", "city>a", "city>b"]))
    def export(self, pair: str) -> None:
        sender, recipient = (getattr(self, side) for side in pair.split(">"))
        sent = sender.export_to(recipient, self.stick())
        self.transit.append((recipient, sent.path))

    @rule(pick=st.integers(0, 100), again=st.booleans(), lose=st.booleans())
    def deliver(self, pick: int, again: bool, lose: bool) -> None:
        if not self.transit:
            return
        recipient, path = self.transit[pick % len(self.transit)]
        if not again:
            self.transit.remove((recipient, path))
        if lose and path.suffix == ".cppccr":
            return  # a lost receipt
        result = recipient.import_(path)
        assert result.ok, result.refused
        if result.receipt_path is not None:
            sender = next(o for o in self.offices if o.code == result.sender_code)
            self.transit.append((sender, result.receipt_path))

    @rule()
    def deliver_the_oldest_again(self) -> None:
        """An old file turns up again (a stick found in a drawer)."""
        old = [(r, p) for r, p in self.transit if p.suffix == ".cppccx"]
        if old:
            recipient, path = old[0]
            assert recipient.import_(path).ok

    @invariant()
    def the_city_holds_only_what_a_county_has_or_had(self) -> None:
        for county in (self.a, self.b):
            theirs = set(owned(county, county.uuid)) | purged_at(county)
            assert set(owned(self.city, county.uuid)) <= theirs

    # --- in the end: everything arrives, then one more round -----------------------------

    def settle(self) -> None:
        while self.transit:
            recipient, path = self.transit.pop(0)
            try:
                result = recipient.import_(path)
            except FileRefused as exc:  # pragma: no cover - would be a bug
                raise AssertionError(exc.message) from exc
            assert result.ok
            if result.receipt_path is not None:  # receipts go back too: acks are current
                sender = next(o for o in self.offices if o.code == result.sender_code)
                self.transit.append((sender, result.receipt_path))
        for sender, recipient in (
            (self.a, self.city),
            (self.b, self.city),
            (self.city, self.a),
            (self.city, self.b),
        ):
            sent = sender.export_to(recipient, self.stick())
            assert recipient.import_(sent.path).ok
        down = set(DOWNWARD_ROOTS) | {"dictionary_entry"}
        for county in (self.a, self.b):
            assert owned(self.city, county.uuid) == owned(county, county.uuid)
            city_copy = owned(county, self.city.uuid)
            city_own = owned(self.city, self.city.uuid, down)
            assert set(city_copy) <= set(city_own)
            assert {u: city_own[u] for u in city_copy} == city_copy
            with county.database.begin() as session:
                topic_uuids = set(session.scalars(select(Notice.uuid)))
            assert topic_uuids <= set(city_own)


@pytest.mark.slow
def test_three_offices_exchanging_in_any_order_end_with_equal_data(
    offices_template: Path,
) -> None:
    class Machine(Exchange):
        template = offices_template

        def teardown(self) -> None:
            try:
                self.settle()
            finally:
                super().teardown()

    run_state_machine_as_test(
        Machine, settings=settings(max_examples=20, stateful_step_count=25, deadline=None)
    )


def test_a_then_b_equals_b_then_a(offices_template: Path, tmp_path: Path) -> None:
    """Two counties' files imported at the city in either order: the same city."""
    root = tmp_path / "offices"
    shutil.copytree(offices_template, root)
    city, a, b = (open_office(root, s) for s in SETUPS)
    add_member(a.database, MemberForm(name="张建国", sector="经济界"))
    add_member(b.database, MemberForm(name="李秀英", sector="教育界"))
    files = {"a": a.export_to(city, tmp_path).path, "b": b.export_to(city, tmp_path).path}
    for office in (city, a, b):
        office.database.close()
    results = []
    for order in ("ab", "ba"):
        copy = tmp_path / order
        shutil.copytree(root, copy)
        city, a, b = (open_office(copy, s) for s in SETUPS)
        for side in order:
            city.import_(files[side])
        results.append({u: owned(city, u) for u in (a.uuid, b.uuid)})
        for office in (city, a, b):
            office.database.close()
    assert results[0] == results[1]
    assert all(results[0].values())
