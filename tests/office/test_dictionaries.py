"""app/office/dictionaries.py: the office's editable lists (界别, 政治面貌, 民族 …)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from app.common.errors import KnownError
from app.common.storage import Database
from app.office import dictionaries as dic
from app.office.office import record_counts
from db.models import DictionaryEntry, DictionaryKind

SECTORS = [
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "无党派人士",
    "共青团",
    "工会",
    "妇联",
    "工商联",
    "科协",
    "经济界",
    "农业界",
    "教育界",
    "医药卫生界",
    "文化艺术界",
    "少数民族界",
    "宗教界",
    "特邀人士",
]
PARTIES = [
    "中共党员",
    "中共预备党员",
    "共青团员",
    "民革党员",
    "民盟盟员",
    "民建会员",
    "民进会员",
    "农工党党员",
    "致公党党员",
    "九三学社社员",
    "台盟盟员",
    "无党派人士",
    "群众",
]
# GB/T 3304-1991, codes 01 to 56 in order.
ETHNIC_GROUPS = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]
COMMITTEES = [
    "提案委员会",
    "经济委员会",
    "农业和农村委员会",
    "教科卫体委员会",
    "社会和法制委员会",
    "文史和学习委员会",
    "民族宗教委员会",
]


def names(database: Database, kind: DictionaryKind, include_retired: bool = True) -> list[str]:
    return [item.name for item in dic.list_entries(database, kind, include_retired)]


def item(database: Database, kind: DictionaryKind, name: str) -> dic.DictionaryItem:
    (found,) = [i for i in dic.list_entries(database, kind) if i.name == name]
    return found


def row(database: Database, uuid: str) -> DictionaryEntry:
    with database.begin() as session:
        return session.scalars(select(DictionaryEntry).where(DictionaryEntry.uuid == uuid)).one()


def create_member_table(database: Database, deleted_at: bool = True) -> None:
    """A later table (members) that refers to dictionary entries, as a future migration will."""
    tombstone = ", deleted_at DATETIME" if deleted_at else ""
    with database.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE referrer (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " sector_id INTEGER REFERENCES dictionary_entry(id),"
            f" ethnic_group_id INTEGER REFERENCES dictionary_entry{tombstone})"
        )


def add_member(database: Database, name: str, **entry_uuids: str) -> int:
    values = {"name": name, "sector_id": None, "ethnic_group_id": None}
    with database.begin() as session:
        for column, uuid in entry_uuids.items():
            values[column] = row(database, uuid).id
        return session.execute(
            text(
                "INSERT INTO referrer (name, sector_id, ethnic_group_id)"
                " VALUES (:name, :sector_id, :ethnic_group_id) RETURNING id"
            ),
            values,
        ).scalar_one()


# --- defaults seeded at setup -------------------------------------------------------------


def test_default_lists(office_db: Database) -> None:
    assert names(office_db, DictionaryKind.SECTOR) == SECTORS
    assert len(SECTORS) == 22
    assert names(office_db, DictionaryKind.PARTY) == PARTIES
    assert len(PARTIES) == 13
    assert names(office_db, DictionaryKind.ETHNIC_GROUP) == ETHNIC_GROUPS
    assert len(set(ETHNIC_GROUPS)) == 56
    assert names(office_db, DictionaryKind.COMMITTEE) == COMMITTEES
    assert len(COMMITTEES) == 7
    assert names(office_db, DictionaryKind.PROPOSAL_CATEGORY) == [
        "经济",
        "政治",
        "文化",
        "社会",
        "生态文明",
    ]
    assert names(office_db, DictionaryKind.LIAISON_GROUP) == []
    assert names(office_db, DictionaryKind.HANDLING_UNIT) == []


def test_ethnic_groups_follow_gbt_3304_codes(office_db: Database) -> None:
    groups = names(office_db, DictionaryKind.ETHNIC_GROUP)
    codes = {name: f"{index + 1:02d}" for index, name in enumerate(groups)}
    assert codes["汉族"] == "01"
    assert codes["满族"] == "11"
    assert codes["土家族"] == "15"
    assert codes["高山族"] == "23"
    assert codes["俄罗斯族"] == "44"
    assert codes["基诺族"] == "56"


def test_result_classes(office_db: Database) -> None:
    items = dic.list_entries(office_db, DictionaryKind.RESULT_CLASS)
    assert [(i.name, i.description) for i in items] == [
        ("A", "已解决或采纳"),
        ("B", "正在解决或列入计划"),
        ("C", "留作参考"),
    ]
    assert not any(i.retired or i.in_use for i in items)


# --- add, rename, describe, move, retire -------------------------------------------------


def test_add_appends_a_cleaned_entry(office_db: Database) -> None:
    added = dic.add_entry(
        office_db, DictionaryKind.HANDLING_UNIT, "\u3000县教育局 ", "学前教育、义务教育１"
    )
    assert (added.name, added.description, added.retired, added.usage) == (
        "县教育局",
        "学前教育、义务教育1",
        False,
        0,
    )
    dic.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县卫健委")
    assert names(office_db, DictionaryKind.HANDLING_UNIT) == ["县教育局", "县卫健委"]
    dic.add_entry(office_db, DictionaryKind.SECTOR, "港澳台侨界")
    assert names(office_db, DictionaryKind.SECTOR)[-1] == "港澳台侨界"
    assert (
        row(office_db, added.uuid).owner_uuid
        == row(office_db, item(office_db, DictionaryKind.SECTOR, "中共").uuid).owner_uuid
    )


@pytest.mark.parametrize("name", ["农业界", "　农业界 ", "农业界\u3000"])
def test_duplicate_names_are_refused(office_db: Database, name: str) -> None:
    with pytest.raises(KnownError, match="已经在列表中"):
        dic.add_entry(office_db, DictionaryKind.SECTOR, name)
    assert names(office_db, DictionaryKind.SECTOR) == SECTORS


def test_full_width_duplicate_is_refused(office_db: Database) -> None:
    dic.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县12345热线")
    with pytest.raises(KnownError, match="已经在列表中"):
        dic.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县１２３４５热线")


def test_same_name_in_another_list_is_fine(office_db: Database) -> None:
    # 无党派人士 is both a 界别 and a 政治面貌.
    assert "无党派人士" in SECTORS
    assert "无党派人士" in PARTIES
    dic.add_entry(office_db, DictionaryKind.LIAISON_GROUP, "中共")
    assert names(office_db, DictionaryKind.LIAISON_GROUP) == ["中共"]


def test_duplicate_of_a_retired_entry_says_so(office_db: Database) -> None:
    dic.set_retired(office_db, item(office_db, DictionaryKind.SECTOR, "特邀人士").uuid, True)
    with pytest.raises(KnownError, match="已停用"):
        dic.add_entry(office_db, DictionaryKind.SECTOR, "特邀人士")


@pytest.mark.parametrize("name", ["", "   ", "\u3000\u3000"])
def test_empty_names_are_refused(office_db: Database, name: str) -> None:
    with pytest.raises(KnownError, match="名称不能为空"):
        dic.add_entry(office_db, DictionaryKind.SECTOR, name)


def test_name_length_limit(office_db: Database) -> None:
    dic.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "局" * 100)
    with pytest.raises(KnownError, match="名称过长"):
        dic.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "局" * 101)


def test_adding_before_setup_is_a_known_error(database: Database) -> None:
    with pytest.raises(KnownError, match="尚未设置"):
        dic.add_entry(database, DictionaryKind.SECTOR, "农业界")


def test_rename_keeps_the_identity(office_db: Database) -> None:
    old = item(office_db, DictionaryKind.COMMITTEE, "社会和法制委员会")
    renamed = dic.rename_entry(office_db, old.uuid, "社会和法制委员会（港澳台侨）")
    assert renamed.uuid == old.uuid
    assert renamed.name == "社会和法制委员会（港澳台侨）"
    assert row(office_db, old.uuid).revision == 2
    assert names(office_db, DictionaryKind.COMMITTEE).index(renamed.name) == 4  # same place


def test_rename_to_its_own_name_changes_nothing(office_db: Database) -> None:
    entry = item(office_db, DictionaryKind.SECTOR, "工会")
    dic.rename_entry(office_db, entry.uuid, " 工会 ")
    assert row(office_db, entry.uuid).revision == 1


def test_rename_onto_another_entry_is_refused(office_db: Database) -> None:
    entry = item(office_db, DictionaryKind.SECTOR, "工会")
    with pytest.raises(KnownError, match="已经在列表中"):
        dic.rename_entry(office_db, entry.uuid, "妇联")
    assert row(office_db, entry.uuid).name == "工会"


def test_rename_onto_a_deleted_name_is_a_known_error(office_db: Database) -> None:
    old = dic.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县旅游局")
    dic.delete_entry(office_db, old.uuid)
    new = dic.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县文化旅游体育局")
    with pytest.raises(KnownError, match="县旅游局"):
        dic.rename_entry(office_db, new.uuid, "县旅游局")
    assert row(office_db, new.uuid).name == "县文化旅游体育局"
    assert dic.undelete_entry(office_db, old.uuid).name == "县旅游局"  # the way back


def test_set_description(office_db: Database) -> None:
    unit = dic.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县水利局")
    dic.set_description(office_db, unit.uuid, " 防汛抗旱、饮水安全 ")
    assert (
        item(office_db, DictionaryKind.HANDLING_UNIT, "县水利局").description
        == "防汛抗旱、饮水安全"
    )


def test_move_up_and_down(office_db: Database) -> None:
    kind = DictionaryKind.PROPOSAL_CATEGORY
    uuid = item(office_db, kind, "文化").uuid
    dic.move_entry(office_db, uuid, -1)
    assert names(office_db, kind) == ["经济", "文化", "政治", "社会", "生态文明"]
    dic.move_entry(office_db, uuid, -1)
    dic.move_entry(office_db, uuid, -1)  # already first: nothing happens
    assert names(office_db, kind) == ["文化", "经济", "政治", "社会", "生态文明"]
    last = item(office_db, kind, "生态文明").uuid
    dic.move_entry(office_db, last, +1)  # already last
    dic.move_entry(office_db, uuid, +1)
    assert names(office_db, kind) == ["经济", "文化", "政治", "社会", "生态文明"]
    with office_db.begin() as session:
        orders = session.scalars(
            select(DictionaryEntry.sort_order)
            .where(DictionaryEntry.kind == kind)
            .order_by(DictionaryEntry.sort_order)
        ).all()
    assert orders == [0, 1, 2, 3, 4]


def test_move_skips_deleted_entries(office_db: Database) -> None:
    kind = DictionaryKind.PROPOSAL_CATEGORY
    dic.delete_entry(office_db, item(office_db, kind, "政治").uuid)
    dic.move_entry(office_db, item(office_db, kind, "文化").uuid, -1)
    assert names(office_db, kind) == ["文化", "经济", "社会", "生态文明"]


def test_retire_and_reinstate(office_db: Database) -> None:
    uuid = item(office_db, DictionaryKind.PARTY, "中共预备党员").uuid
    dic.set_retired(office_db, uuid, True)
    assert "中共预备党员" not in names(office_db, DictionaryKind.PARTY, include_retired=False)
    assert item(office_db, DictionaryKind.PARTY, "中共预备党员").retired
    dic.set_retired(office_db, uuid, False)
    assert names(office_db, DictionaryKind.PARTY, include_retired=False) == PARTIES


# --- delete, undelete and entries in use ------------------------------------------------


def test_delete_leaves_a_tombstone_and_can_be_undone(office_db: Database) -> None:
    before = record_counts(office_db)["dictionary_entry"]
    uuid = item(office_db, DictionaryKind.SECTOR, "宗教界").uuid
    dic.delete_entry(office_db, uuid)
    assert "宗教界" not in names(office_db, DictionaryKind.SECTOR)
    assert record_counts(office_db)["dictionary_entry"] == before - 1
    tombstone = row(office_db, uuid)
    assert tombstone.is_deleted
    assert tombstone.revision == 2

    with pytest.raises(KnownError, match="已不存在"):
        dic.delete_entry(office_db, uuid)
    with pytest.raises(KnownError, match="已不存在"):
        dic.rename_entry(office_db, uuid, "宗教界别")

    restored = dic.undelete_entry(office_db, uuid)
    assert (restored.uuid, restored.name) == (uuid, "宗教界")
    assert names(office_db, DictionaryKind.SECTOR) == SECTORS


def test_deleting_then_adding_revives_the_same_record(office_db: Database) -> None:
    first = dic.add_entry(office_db, DictionaryKind.LIAISON_GROUP, "第一联络组", "中共界别")
    dic.add_entry(office_db, DictionaryKind.LIAISON_GROUP, "第二联络组")
    dic.set_retired(office_db, first.uuid, True)
    dic.delete_entry(office_db, first.uuid)
    again = dic.add_entry(office_db, DictionaryKind.LIAISON_GROUP, "第一联络组", "新说明")
    assert again.uuid == first.uuid
    assert (again.description, again.retired) == ("新说明", False)
    assert names(office_db, DictionaryKind.LIAISON_GROUP) == ["第二联络组", "第一联络组"]
    assert not row(office_db, first.uuid).is_deleted


def test_an_entry_in_use_cannot_be_deleted(office_db: Database) -> None:
    create_member_table(office_db)
    sector = item(office_db, DictionaryKind.SECTOR, "农业界")
    add_member(office_db, "张三", sector_id=sector.uuid)

    listed = item(office_db, DictionaryKind.SECTOR, "农业界")
    assert (listed.usage, listed.in_use) == (1, True)
    with pytest.raises(KnownError, match="已被 1 条记录使用") as caught:
        dic.delete_entry(office_db, sector.uuid)
    assert "停用" in caught.value.todo
    assert "农业界" in names(office_db, DictionaryKind.SECTOR)
    assert not row(office_db, sector.uuid).is_deleted

    dic.set_retired(office_db, sector.uuid, True)  # what to do instead
    assert "农业界" not in names(office_db, DictionaryKind.SECTOR, include_retired=False)


def test_usage_counts_every_referring_column(office_db: Database) -> None:
    create_member_table(office_db)
    sector = item(office_db, DictionaryKind.SECTOR, "少数民族界").uuid
    group = item(office_db, DictionaryKind.ETHNIC_GROUP, "蒙古族").uuid
    add_member(office_db, "巴特尔", sector_id=sector, ethnic_group_id=group)
    add_member(office_db, "其其格", ethnic_group_id=group)
    assert item(office_db, DictionaryKind.ETHNIC_GROUP, "蒙古族").usage == 2
    assert item(office_db, DictionaryKind.SECTOR, "少数民族界").usage == 1
    with pytest.raises(KnownError, match="已被 2 条记录使用"):
        dic.delete_entry(office_db, group)


def test_tombstoned_referrers_do_not_count(office_db: Database) -> None:
    create_member_table(office_db)
    sector = item(office_db, DictionaryKind.SECTOR, "经济界").uuid
    member = add_member(office_db, "李四", sector_id=sector)
    with office_db.begin() as session:
        session.execute(
            text("UPDATE referrer SET deleted_at = '2025-01-01 00:00:00' WHERE id = :id"),
            {"id": member},
        )
    assert item(office_db, DictionaryKind.SECTOR, "经济界").usage == 0
    dic.delete_entry(office_db, sector)
    assert "经济界" not in names(office_db, DictionaryKind.SECTOR)


def test_referrers_without_tombstones_always_count(office_db: Database) -> None:
    create_member_table(office_db, deleted_at=False)
    sector = item(office_db, DictionaryKind.SECTOR, "教育界").uuid
    add_member(office_db, "王五", sector_id=sector)
    with pytest.raises(KnownError, match="不能删除"):
        dic.delete_entry(office_db, sector)


def test_rows_of_other_tables_with_the_same_number_do_not_count(office_db: Database) -> None:
    sector = item(office_db, DictionaryKind.SECTOR, "中共")
    entry_id = row(office_db, sector.uuid).id
    with office_db.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE note (id INTEGER PRIMARY KEY, term_id INTEGER REFERENCES term(id),"
            " other INTEGER)"
        )
        term_id = conn.exec_driver_sql("SELECT id FROM term").scalar()
        conn.exec_driver_sql("INSERT INTO note (term_id, other) VALUES (?, ?)", (term_id, entry_id))
    assert term_id == entry_id  # both are row 1: only the foreign key tells them apart
    dic.delete_entry(office_db, sector.uuid)
