"""Aliases of list entries (中国共产党 = 中共) and the one lookup every import uses."""

from __future__ import annotations

import pytest

from app.common.errors import KnownError
from app.common.storage import Database
from app.office import dictionaries as dic
from app.office.dictionary_defaults import DEFAULT_ENTRIES, KNOWN_ALIASES
from app.office.dictionary_names import Named, NameLookup, name_key, split_aliases
from db.models import DictionaryKind

SECTOR, PARTY = DictionaryKind.SECTOR, DictionaryKind.PARTY
# DOMAIN.md "Conventions offices expect": full name = short name.
FULL_NAMES = {
    "中国共产党": "中共",
    "中国国民党革命委员会": "民革",
    "中国民主同盟": "民盟",
    "中国民主建国会": "民建",
    "中国民主促进会": "民进",
    "中国农工民主党": "农工党",
    "中国致公党": "致公党",
    "中国共产主义青年团": "共青团",
    "总工会": "工会",
    "中华全国总工会": "工会",
    "妇女联合会": "妇联",
    "中华全国妇女联合会": "妇联",
    "中华全国工商业联合会": "工商联",
    "中国科学技术协会": "科协",
    "共产主义青年团": "共青团",
}


def item(database: Database, kind: DictionaryKind, name: str) -> dic.DictionaryItem:
    (found,) = [i for i in dic.list_entries(database, kind) if i.name == name]
    return found


def test_the_usual_full_names_are_seeded_and_found(office_db: Database) -> None:
    lookup = dic.name_lookup(office_db)
    for full, short in FULL_NAMES.items():
        assert lookup.find(SECTOR, full) == short, full
    assert item(office_db, SECTOR, "中共").aliases == ("中国共产党", "共产党")
    assert lookup.find(PARTY, "中国共产党党员") == "中共党员"
    assert lookup.find(PARTY, "共产党员") == "中共党员"
    assert lookup.find(PARTY, "中共") == "中共党员"
    assert lookup.find(PARTY, "民革") == "民革党员"


def test_seeded_aliases_are_unique_in_their_list() -> None:
    """An alias matched twice would make an import guess: none may be seeded twice."""
    for kind, aliases in KNOWN_ALIASES.items():
        names = {name_key(n) for n, _ in DEFAULT_ENTRIES[kind]} | {name_key(n) for n in aliases}
        seen: dict[str, str] = {}
        for name, others in aliases.items():
            for alias in others:
                assert name_key(alias) not in names, (kind, alias)
                assert seen.setdefault(name_key(alias), name) == name, (kind, alias)


def test_lookup_spellings(office_db: Database) -> None:
    lookup = dic.name_lookup(office_db)
    assert lookup.find(SECTOR, "中国 共产党") == "中共"
    assert lookup.find(SECTOR, "ＡＢ") is None
    assert lookup.find(DictionaryKind.ETHNIC_GROUP, "汉") == "汉族"
    assert lookup.find(DictionaryKind.ETHNIC_GROUP, "蒙族") == "蒙古族"
    assert lookup.find(SECTOR, "经济界别") == "经济界"
    assert lookup.find(SECTOR, "中共界") == "中共"
    assert lookup.find(DictionaryKind.COMMITTEE, "提案") == "提案委员会"
    assert lookup.find(DictionaryKind.RESULT_CLASS, "a类") == "A"
    assert lookup.find(SECTOR, "") is None
    assert lookup.find(SECTOR, "台盟") is None  # not in the default list


def test_a_name_wins_over_another_entrys_alias() -> None:
    lookup = NameLookup([Named(SECTOR, "中共", ("党",)), Named(SECTOR, "党")])
    assert lookup.find(SECTOR, "党") == "党"


def test_an_alias_matched_twice_finds_nothing() -> None:
    """Two entries claiming one alias (a list from elsewhere): the import must not guess."""
    lookup = NameLookup([Named(SECTOR, "工会", ("职工",)), Named(SECTOR, "总工会", ("职工",))])
    assert lookup.find(SECTOR, "职工") is None
    retired = NameLookup([Named(SECTOR, "工会", ("职工",)), Named(SECTOR, "老", ("职工",), True)])
    assert retired.find(SECTOR, "职工") == "工会"  # the live one


def test_near_names(office_db: Database) -> None:
    lookup = dic.name_lookup(office_db)
    assert lookup.near(SECTOR, "中国共产党委员会")[0] == "中共"
    assert lookup.near(SECTOR, "医卫") == ["医药卫生界"]
    assert lookup.near(SECTOR, "体育界") == []  # 育 and 界 alone are not near 教育界
    assert lookup.near(PARTY, "中共正式党员")[0] == "中共党员"


def test_set_aliases(office_db: Database) -> None:
    uuid = item(office_db, SECTOR, "经济界").uuid
    changed = dic.set_aliases(office_db, uuid, "经济 、经济系统\n经济界，经济")
    assert changed.aliases == ("经济", "经济系统")  # its own name and repeats dropped
    assert changed.aliases_text == "经济、经济系统"
    assert dic.name_lookup(office_db).find(SECTOR, "经济系统") == "经济界"
    assert dic.set_aliases(office_db, uuid, "").aliases == ()


def test_an_alias_of_another_entry_is_refused(office_db: Database) -> None:
    uuid = item(office_db, SECTOR, "民盟").uuid
    with pytest.raises(KnownError, match="已是界别“中共”的别名"):
        dic.set_aliases(office_db, uuid, "中国民主同盟、中国共产党")
    assert item(office_db, SECTOR, "民盟").aliases == ("中国民主同盟",)  # unchanged
    with pytest.raises(KnownError) as error:
        dic.set_aliases(office_db, uuid, "民革")
    # About the alias, not a name to change: and how to say the two are one.
    assert "别名“民革”是界别“民革”的名称" in error.value.what
    assert "请换一个名称" not in error.value.todo and "合并到" in error.value.todo
    assert item(office_db, SECTOR, "民盟").aliases == ("中国民主同盟",)  # unchanged


def test_a_name_that_is_an_alias_cannot_be_added_or_renamed_to(office_db: Database) -> None:
    with pytest.raises(KnownError, match="已是界别“中共”的别名"):
        dic.add_entry(office_db, SECTOR, "中国共产党")
    uuid = item(office_db, SECTOR, "民革").uuid
    with pytest.raises(KnownError, match="别名"):
        dic.rename_entry(office_db, uuid, "中国共产党")


def test_renaming_onto_another_name_points_to_merging(office_db: Database) -> None:
    dic.set_aliases(office_db, item(office_db, SECTOR, "中共").uuid, "")
    added = dic.add_entry(office_db, SECTOR, "中国共产党")
    with pytest.raises(KnownError) as error:
        dic.rename_entry(office_db, added.uuid, "中共")
    assert "已经在列表中" in error.value.what
    assert "合并到" in error.value.todo


def test_renaming_to_its_own_alias_swaps_them(office_db: Database) -> None:
    uuid = item(office_db, SECTOR, "民盟").uuid
    renamed = dic.rename_entry(office_db, uuid, "中国民主同盟")
    assert (renamed.name, renamed.aliases) == ("中国民主同盟", ("民盟",))
    assert dic.name_lookup(office_db).find(SECTOR, "民盟") == "中国民主同盟"


def test_an_added_entry_gets_its_known_aliases(office_db: Database) -> None:
    added = dic.add_entry(office_db, SECTOR, "台盟")
    assert added.aliases == ("台湾民主自治同盟",)
    other = dic.add_entry(office_db, PARTY, "中共正式党员")
    assert other.aliases == ()


def test_value_choices_add_aliases_and_entries_all_or_nothing(office_db: Database) -> None:
    choices = [
        dic.ValueChoice(SECTOR, "中共界别委员", "中共"),
        dic.ValueChoice(SECTOR, "社会福利界"),
    ]
    dic.apply_value_choices(office_db, choices)
    lookup = dic.name_lookup(office_db)
    assert lookup.find(SECTOR, "中共界别委员") == "中共"
    assert lookup.find(SECTOR, "社会福利界") == "社会福利界"

    bad = [dic.ValueChoice(SECTOR, "体育界"), dic.ValueChoice(SECTOR, "中国共产党", "民革")]
    with pytest.raises(KnownError, match="已是界别“中共”的别名"):
        dic.apply_value_choices(office_db, bad)
    assert dic.name_lookup(office_db).find(SECTOR, "体育界") is None  # nothing written


def test_undeleting_drops_aliases_taken_meanwhile(office_db: Database) -> None:
    added = dic.add_entry(office_db, SECTOR, "体育界")
    dic.set_aliases(office_db, added.uuid, "体育")
    dic.delete_entry(office_db, added.uuid)
    dic.set_aliases(office_db, item(office_db, SECTOR, "教育界").uuid, "体育")
    assert dic.undelete_entry(office_db, added.uuid).aliases == ()


def test_split_aliases() -> None:
    assert split_aliases(" 甲 、乙，丙;丁\n\n甲") == ["甲", "乙", "丙", "丁"]
