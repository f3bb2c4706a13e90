"""Merging two list entries: references move, the merged name becomes an alias, one undo."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.common.errors import KnownError
from app.common.storage import Database
from app.members.member_files import MemberForm, add_member, get_member
from app.office import dictionaries as dic
from app.office.dictionary_merge import merge_entries, undo_merge
from db.member_models import Member
from db.models import DictionaryEntry, DictionaryKind

SECTOR, COMMITTEE = DictionaryKind.SECTOR, DictionaryKind.COMMITTEE


def uuid_of(database: Database, kind: DictionaryKind, name: str) -> str:
    (found,) = [i.uuid for i in dic.list_entries(database, kind) if i.name == name]
    return found


def revisions(database: Database) -> dict[str, int]:
    with database.begin() as session:
        return {m.uuid: m.revision for m in session.scalars(select(Member))}


@pytest.fixture
def two_spellings(office_db: Database) -> Database:
    """中国共产党 entered as its own entry (as an old import did), used by members."""
    dic.set_aliases(office_db, uuid_of(office_db, SECTOR, "中共"), "")
    dic.add_entry(office_db, SECTOR, "中国共产党")
    dic.set_aliases(office_db, uuid_of(office_db, SECTOR, "中国共产党"), "共产党")
    dic.set_aliases(office_db, uuid_of(office_db, COMMITTEE, "提案委员会"), "")
    dic.add_entry(office_db, COMMITTEE, "提案委")
    return office_db


def test_merge_moves_every_use_and_keeps_the_name_as_an_alias(two_spellings: Database) -> None:
    db = two_spellings
    full = add_member(db, MemberForm(name="王红", sector="中国共产党"))
    short = add_member(db, MemberForm(name="李明", sector="中共"))
    before = revisions(db)
    result = merge_entries(db, uuid_of(db, SECTOR, "中国共产党"), uuid_of(db, SECTOR, "中共"))

    assert result.moved == 1
    assert "1 条记录改为“中共”" in result.text
    assert get_member(db, full).form.sector == "中共"
    assert get_member(db, short).form.sector == "中共"
    names = [i.name for i in dic.list_entries(db, SECTOR)]
    assert "中国共产党" not in names
    (kept,) = [i for i in dic.list_entries(db, SECTOR) if i.name == "中共"]
    assert kept.aliases == ("中国共产党", "共产党")
    assert kept.usage == 2
    assert dic.name_lookup(db).find(SECTOR, "中国共产党") == "中共"
    after = revisions(db)
    assert after[full] == before[full] + 1  # the exchange sees the moved member
    assert after[short] == before[short]


def test_committee_links_move_without_doubling(two_spellings: Database) -> None:
    db = two_spellings
    both = add_member(db, MemberForm(name="王红", committees=("提案委", "提案委员会")))
    one = add_member(db, MemberForm(name="李明", committees=("提案委", "经济委员会")))
    merge_entries(db, uuid_of(db, COMMITTEE, "提案委"), uuid_of(db, COMMITTEE, "提案委员会"))
    assert get_member(db, both).form.committees == ("提案委员会",)
    assert set(get_member(db, one).form.committees) == {"提案委员会", "经济委员会"}


def test_undo_puts_everything_back(two_spellings: Database) -> None:
    db = two_spellings
    full = add_member(db, MemberForm(name="王红", sector="中国共产党"))
    short = add_member(db, MemberForm(name="李明", sector="中共"))
    both = add_member(db, MemberForm(name="张三", committees=("提案委", "提案委员会")))
    sector = merge_entries(db, uuid_of(db, SECTOR, "中国共产党"), uuid_of(db, SECTOR, "中共"))
    committee = merge_entries(
        db, uuid_of(db, COMMITTEE, "提案委"), uuid_of(db, COMMITTEE, "提案委员会")
    )

    assert undo_merge(db, committee.undo) == "提案委"
    assert set(get_member(db, both).form.committees) == {"提案委", "提案委员会"}
    assert undo_merge(db, sector.undo) == "中国共产党"
    assert get_member(db, full).form.sector == "中国共产党"
    assert get_member(db, short).form.sector == "中共"
    items = {i.name: i for i in dic.list_entries(db, SECTOR)}
    assert items["中国共产党"].aliases == ("共产党",)
    assert items["中共"].aliases == ()
    with pytest.raises(KnownError, match="无法撤销"):
        undo_merge(db, sector.undo)  # once only


def test_undo_keeps_aliases_added_after_the_merge(two_spellings: Database) -> None:
    db = two_spellings
    target = uuid_of(db, SECTOR, "中共")
    result = merge_entries(db, uuid_of(db, SECTOR, "中国共产党"), target)
    dic.set_aliases(db, target, "中国共产党、共产党、党组")
    undo_merge(db, result.undo)
    (kept,) = [i for i in dic.list_entries(db, SECTOR) if i.name == "中共"]
    assert kept.aliases == ("党组",)


def test_merging_into_itself_is_refused(office_db: Database) -> None:
    uuid = uuid_of(office_db, SECTOR, "中共")
    with pytest.raises(KnownError, match="合并到它自己"):
        merge_entries(office_db, uuid, uuid)


def test_merging_across_lists_is_refused(office_db: Database) -> None:
    with pytest.raises(KnownError, match="不是同一种名录"):
        merge_entries(
            office_db,
            uuid_of(office_db, DictionaryKind.PARTY, "无党派人士"),
            uuid_of(office_db, SECTOR, "无党派人士"),
        )
    assert "无党派人士" in [i.name for i in dic.list_entries(office_db, DictionaryKind.PARTY)]


def test_merging_into_a_retired_entry_is_refused(two_spellings: Database) -> None:
    db = two_spellings
    target = uuid_of(db, SECTOR, "中共")
    dic.set_retired(db, target, True)
    with pytest.raises(KnownError, match="已停用"):
        merge_entries(db, uuid_of(db, SECTOR, "中国共产党"), target)


def test_the_merged_entry_is_a_tombstone(two_spellings: Database) -> None:
    db = two_spellings
    source = uuid_of(db, SECTOR, "中国共产党")
    merge_entries(db, source, uuid_of(db, SECTOR, "中共"))
    with db.begin() as session:
        entry = session.scalars(select(DictionaryEntry).where(DictionaryEntry.uuid == source)).one()
        assert entry.deleted_at is not None
        assert entry.aliases == ""
    with pytest.raises(KnownError, match="已不存在"):
        merge_entries(db, source, uuid_of(db, SECTOR, "民革"))
