"""member_files: member files added, edited, listed masked, retired, deleted and back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.common.errors import KnownError
from app.members.labels import CppccRole, MembershipStatus, Sex
from app.members.member_files import (
    FIELD_LABELS,
    FORM_DICTIONARIES,
    MemberForm,
    add_member,
    clean_form,
    delete_member,
    form_choices,
    form_problems,
    get_member,
    get_member_in_full,
    get_members,
    list_members,
    set_status,
    undelete_member,
    update_member,
)
from app.members.member_form import FIELD_LIMITS
from app.office.dictionaries import list_entries, set_retired
from app.office.labels import DictionaryKind
from app.office.office import record_counts
from app.office.terms import add_term
from tests.xlsx_files import LI_ID, ZHANG_ID

ZHANG = MemberForm(
    name="张三",
    sex=Sex.MALE,
    ethnic_group="汉族",
    birth_date=date(1975, 3, 12),
    birth_day_known=True,
    party="中共党员",
    sector="中共",
    employer="县教育局局长",
    committees=("经济委员会", "提案委员会"),
    phone="13800138000",
    id_number=ZHANG_ID,
    role=CppccRole.STANDING,
)


def test_a_member_is_added_and_read_back_in_full(office_db):
    uuid = add_member(office_db, ZHANG)
    file = get_member_in_full(office_db, uuid)
    assert file.form.id_number == ZHANG_ID and file.form.phone == "13800138000"
    assert set(file.form.committees) == {"经济委员会", "提案委员会"}
    assert (file.form.role, file.form.sector, file.form.birth_date) == (
        CppccRole.STANDING,
        "中共",
        date(1975, 3, 12),
    )
    (seat,) = file.memberships
    assert (seat.term_number, seat.term_text, seat.status_label) == (
        10,
        "第十届（2021—2026）",
        "在任",
    )


def test_many_member_files_are_read_at_once_in_the_order_asked(office_db):
    """打印履职档案 reads a whole county in one go: the same masked files as one by one."""
    zhang = add_member(office_db, ZHANG)
    li = add_member(office_db, MemberForm(name="李四", id_number=LI_ID, sector="经济界"))
    add_term(office_db, 11, 2027, 2031)
    files = get_members(office_db, [li, zhang])
    assert files == [get_member(office_db, li), get_member(office_db, zhang)]
    assert files[1].form.phone == "138****8000"
    assert files[1].form.id_number == "*" * 14 + ZHANG_ID[-4:]
    assert set(files[1].form.committees) == {"经济委员会", "提案委员会"}
    assert get_members(office_db, []) == []
    delete_member(office_db, li)
    with pytest.raises(KnownError, match="已不存在"):
        get_members(office_db, [zhang, li])


def test_the_list_masks_id_and_phone_numbers(office_db):
    add_member(office_db, ZHANG)
    (row,) = list_members(office_db)
    # The row carries the birth date: only the last four of the ID (region + birth
    # date + last four is the whole number).
    assert (row.id_masked, row.phone_masked) == ("**************159X", "138****8000")
    assert ZHANG_ID not in repr(row) and "13800138000" not in repr(row)
    assert ZHANG_ID[:6] not in row.id_masked
    assert (row.birth_text, row.role_label, row.is_standing) == ("1975-03-12", "常委", True)
    assert "县教育局局长" in row.search_text


def test_what_clerks_type_is_cleaned(office_db):
    uuid = add_member(
        office_db,
        MemberForm(
            name=" 张　三 ",
            employer=" 县医院 ",
            id_number=ZHANG_ID.lower(),
            phone="１３８００１３８０００",
        ),
    )
    form = get_member_in_full(office_db, uuid).form
    assert (form.name, form.employer, form.id_number, form.phone) == (
        "张三",
        "县医院",
        ZHANG_ID,
        "13800138000",
    )
    assert clean_form(form) == form


def test_an_edit_is_stored_and_counts_as_a_new_revision(office_db):
    uuid = add_member(office_db, ZHANG)
    before = list_members(office_db)[0]
    changed = MemberForm(
        **{**get_member_in_full(office_db, uuid).form.__dict__, "phone": "0477-8123456"}
    )
    update_member(office_db, uuid, changed)
    assert get_member_in_full(office_db, uuid).form.phone == "0477-8123456"
    assert list_members(office_db)[0].phone_masked == "0477*****56"
    assert before.phone_masked == "138****8000"


def test_a_member_who_leaves_is_retired_with_a_date_not_deleted(office_db):
    uuid = add_member(office_db, ZHANG)
    with pytest.raises(KnownError) as caught:
        set_status(office_db, uuid, MembershipStatus.RESIGNED, None)
    assert "请填写辞去的日期" in caught.value.what
    set_status(office_db, uuid, MembershipStatus.RESIGNED, date(2024, 3, 1))
    (row,) = list_members(office_db)
    assert (row.status_label, row.status_date) == ("辞去", date(2024, 3, 1))
    set_status(office_db, uuid, MembershipStatus.ACTIVE, date(2024, 5, 1))
    (row,) = list_members(office_db)
    assert (row.status, row.status_date) == (MembershipStatus.ACTIVE, None)


def test_deleting_a_record_made_by_mistake_can_be_undone(office_db):
    uuid = add_member(office_db, ZHANG)
    delete_member(office_db, uuid)
    assert list_members(office_db) == []
    with pytest.raises(KnownError):
        get_member_in_full(office_db, uuid)
    undelete_member(office_db, uuid)
    (row,) = list_members(office_db)
    assert row.uuid == uuid


def test_the_same_id_number_twice_is_refused_and_nothing_is_written(office_db):
    add_member(office_db, ZHANG)
    counts = record_counts(office_db)
    with pytest.raises(KnownError) as caught:
        add_member(office_db, MemberForm(name="张山", id_number=ZHANG_ID))
    assert "已属于委员“张三”" in caught.value.what
    assert ZHANG_ID not in caught.value.message  # masked even in the message
    assert record_counts(office_db) == counts


def test_an_edit_onto_another_members_id_number_is_refused(office_db):
    add_member(office_db, ZHANG)
    li = add_member(office_db, MemberForm(name="李四", id_number=LI_ID))
    with pytest.raises(KnownError):
        update_member(office_db, li, MemberForm(name="李四", id_number=ZHANG_ID))
    assert get_member_in_full(office_db, li).form.id_number == LI_ID


def test_a_deleted_record_of_the_same_person_comes_back_instead_of_a_new_one(office_db):
    uuid = add_member(office_db, ZHANG)
    delete_member(office_db, uuid)
    again = add_member(office_db, MemberForm(name="张三", id_number=ZHANG_ID, sector="民盟"))
    assert again == uuid
    (row,) = list_members(office_db)
    assert row.sector == "民盟"


def test_an_edit_onto_the_number_of_a_deleted_record_is_refused_clearly(office_db):
    uuid = add_member(office_db, MemberForm(name="张三", id_number=ZHANG_ID))
    delete_member(office_db, uuid)
    li = add_member(office_db, MemberForm(name="李四", id_number=LI_ID))
    with pytest.raises(KnownError) as caught:
        update_member(office_db, li, MemberForm(name="李四", id_number=ZHANG_ID))
    assert "已删除" in caught.value.what
    assert get_member_in_full(office_db, li).form.id_number == LI_ID
    undelete_member(office_db, uuid)
    assert len(list_members(office_db)) == 2


def test_a_value_missing_from_the_lists_is_refused(office_db):
    with pytest.raises(KnownError) as caught:
        add_member(office_db, MemberForm(name="张三", sector="工人界"))
    assert "“工人界”不在界别名录中" in caught.value.what
    assert list_members(office_db) == []


def test_the_form_offers_active_list_entries_only(office_db):
    sector = next(e for e in list_entries(office_db, DictionaryKind.SECTOR) if e.name == "民盟")
    set_retired(office_db, sector.uuid, True)
    choices = form_choices(office_db)
    assert "民盟" not in choices.by_field["sector"] and "中共" in choices.by_field["sector"]
    assert "汉族" in choices.by_field["ethnic_group"]
    assert "提案委员会" in choices.committees
    problems = form_problems(
        MemberForm(name="张三", sector="民盟", committees=("外事委员会",)), choices
    )
    assert [(p.label, p.message) for p in problems] == [
        ("界别", "“民盟”不在界别名录中"),
        ("专委会", "“外事委员会”不在专委会名录中"),
    ]


@pytest.mark.parametrize(
    ("form", "field", "phrase"),
    [
        (MemberForm(), "name", "姓名不能为空"),
        (MemberForm(name="张" * 51), "name", "姓名过长"),
        (MemberForm(name="张三", id_number=ZHANG_ID[:-1] + "1"), "id_number", "校验位错误"),
        (
            MemberForm(name="张三", id_number=ZHANG_ID, birth_date=date(1975, 4, 1)),
            "birth_date",
            "与身份证号码中的 1975-03-12 不一致",
        ),
        (
            MemberForm(
                name="张三", id_number=ZHANG_ID, birth_date=date(1975, 3, 11), birth_day_known=True
            ),
            "birth_date",
            "不一致",
        ),
        (MemberForm(name="张三", birth_date=date(1890, 1, 1)), "birth_date", "不合理"),
        (
            MemberForm(name="张三", id_number=ZHANG_ID, sex=Sex.FEMALE),
            "sex",
            "性别与身份证号码（男）不一致",
        ),
    ],
)
def test_form_problems_name_the_field(form, field, phrase):
    (problem,) = form_problems(clean_form(form))
    assert problem.field == field and phrase in problem.message


def test_a_month_only_birth_matching_the_id_is_fine():
    form = MemberForm(name="张三", id_number=ZHANG_ID, birth_date=date(1975, 3, 1))
    assert form_problems(form) == []


def test_the_list_shows_the_chosen_term(office_db):
    uuid = add_member(office_db, ZHANG)
    eleventh = add_term(office_db, 11, 2026, 2031)
    assert list_members(office_db) == []  # the newest term is the current one
    assert [r.uuid for r in list_members(office_db, term_uuid=None)] == []
    tenth = get_member_in_full(office_db, uuid).memberships[0].term_uuid
    assert [r.uuid for r in list_members(office_db, term_uuid=tenth)] == [uuid]
    update_member(
        office_db, uuid, get_member_in_full(office_db, uuid).form, term_uuid=eleventh.uuid
    )
    (row,) = list_members(office_db)
    assert row.term_numbers == (10, 11)  # 连任


# --- control characters and lengths (what a paste or a broken file brings) --------------


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\x1b", "\x07", "\x9b", "\u200b", "\ufeff"])
def test_control_characters_never_reach_the_database(office_db, bad):
    uuid = add_member(
        office_db,
        MemberForm(
            name=f"张{bad}三",
            employer=f"县{bad}教育局",
            address=f"幸福路{bad}1号",
            note=f"第一行{bad}\n第二行",
        ),
    )
    form = get_member_in_full(office_db, uuid).form
    assert form.name == "张三"
    assert form.employer.replace(" ", "") == "县教育局"
    assert form.note.split("\n")[0] == "第一行" and form.note.endswith("第二行")
    for text in (form.name, form.employer, form.address, form.note):
        assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in text)
        assert "\u200b" not in text and "\ufeff" not in text


def test_one_line_fields_lose_their_line_breaks_notes_keep_them(office_db):
    uuid = add_member(
        office_db,
        MemberForm(name="张\n三", employer="县医院\r\n院长", note="连任\r\n曾任常委"),
    )
    form = get_member_in_full(office_db, uuid).form
    assert (form.name, form.employer, form.note) == ("张三", "县医院 院长", "连任\n曾任常委")


@pytest.mark.parametrize(("field", "limit"), sorted(FIELD_LIMITS.items()))
def test_every_text_field_has_a_length_limit_with_a_clear_message(office_db, field, limit):
    label = FIELD_LABELS[field]
    with pytest.raises(KnownError) as caught:
        add_member(office_db, replace(MemberForm(name="张三"), **{field: "字" * (limit + 1)}))
    assert f"{label}：{label}过长（{limit + 1}字，不超过{limit}字）" in caught.value.what
    assert list_members(office_db) == []
    # Dictionary values must also be in the office's lists; a phone must be a number.
    if field not in FORM_DICTIONARIES and field != "phone":
        add_member(office_db, replace(MemberForm(name="张三"), **{field: "字" * limit}))
