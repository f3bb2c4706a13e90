"""Roster import into an office that already has members: update mode, namesakes, undo."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.common.errors import KnownError
from app.common.jobs import Cancelled, ProgressTracker
from app.common.storage import Database
from app.members.labels import Sex
from app.members.member_files import (
    MemberForm,
    add_member,
    delete_member,
    get_member_in_full,
    list_members,
)
from app.members.roster_import import apply_roster_import, plan_roster_import
from app.office.office import record_counts
from tests.xlsx_files import LI_ID, ZHANG_ID, id_number, write_sheet


def _import(database: Database, path: Path, update: bool = False):
    plan = plan_roster_import(database, path, update=update)
    assert plan.ok, [str(e) for e in plan.errors]
    return apply_roster_import(database, plan, ProgressTracker())


def _roster(tmp_path: Path, rows: list[list[object]], name: str = "a.xlsx") -> Path:
    return write_sheet(tmp_path / name, [["姓名", "性别", "界别", "联系电话", "身份证号码"], *rows])


def test_a_known_id_number_with_other_data_needs_update_mode(office_db, tmp_path):
    uuid = add_member(
        office_db, MemberForm(name="张三", sector="中共", phone="13800138000", id_number=ZHANG_ID)
    )
    before = get_member_in_full(office_db, uuid)
    path = _roster(
        tmp_path,
        [["张三", "男", "中共", "13900139000", ZHANG_ID], ["李四", "女", "民盟", None, LI_ID]],
    )
    plan = plan_roster_import(office_db, path)
    (error,) = plan.errors
    assert (error.row, error.column) == (2, "身份证号码")
    assert "更新已有委员" in error.reason

    plan = plan_roster_import(office_db, path, update=True)
    assert (plan.ok, plan.new, plan.updated, plan.unchanged) == (True, 1, 1, 0)
    apply_roster_import(office_db, plan, ProgressTracker())
    after = get_member_in_full(office_db, uuid)
    assert (after.form.phone, after.form.sex) == ("13900139000", Sex.MALE)
    assert after.uuid == before.uuid
    assert len(list_members(office_db)) == 2


def test_update_mode_never_erases_with_an_empty_cell(office_db, tmp_path):
    uuid = add_member(
        office_db,
        MemberForm(
            name="张三",
            phone="13800138000",
            id_number=ZHANG_ID,
            birth_date=date(1975, 3, 12),
            birth_day_known=True,
            address="幸福路1号",
        ),
    )
    path = write_sheet(
        tmp_path / "a.xlsx",
        [
            ["姓名", "出生年月", "联系电话", "身份证号码", "界别"],
            ["张三", "1975.03", None, ZHANG_ID, "中共"],
        ],
    )
    plan = plan_roster_import(office_db, path, update=True)
    assert plan.updated == 1
    apply_roster_import(office_db, plan, ProgressTracker())
    form = get_member_in_full(office_db, uuid).form
    assert (form.phone, form.address, form.sector) == ("13800138000", "幸福路1号", "中共")
    assert (form.birth_date, form.birth_day_known) == (date(1975, 3, 12), True)


def test_update_refuses_an_id_number_under_another_name(office_db, tmp_path):
    add_member(office_db, MemberForm(name="张三", id_number=ZHANG_ID))
    path = _roster(tmp_path, [["张山", "男", None, None, ZHANG_ID]])
    (error,) = plan_roster_import(office_db, path, update=True).errors
    assert "已属于委员“张三”" in error.reason


def test_a_namesake_without_id_number_is_not_guessed(office_db, tmp_path):
    add_member(office_db, MemberForm(name="张三", sector="中共"))
    same = _roster(tmp_path, [["张三", None, "中共", None, None]], "same.xlsx")
    assert plan_roster_import(office_db, same).unchanged == 1
    other = _roster(tmp_path, [["张三", "男", "民盟", None, None]], "other.xlsx")
    (error,) = plan_roster_import(office_db, other, update=True).errors
    assert "已有同名委员“张三”" in error.reason


def test_a_member_deleted_by_mistake_comes_back_with_the_same_record(office_db, tmp_path):
    uuid = add_member(office_db, MemberForm(name="张三", id_number=ZHANG_ID))
    delete_member(office_db, uuid)
    _import(office_db, _roster(tmp_path, [["张三", "男", "中共", None, ZHANG_ID]]))
    (row,) = list_members(office_db)
    assert row.uuid == uuid
    assert (row.sector, row.sex) == ("中共", "男")


def test_the_import_checks_again_before_writing(office_db, tmp_path):
    path = _roster(
        tmp_path, [["张三", "男", "中共", None, ZHANG_ID], ["李四", "女", "民盟", None, LI_ID]]
    )
    plan = plan_roster_import(office_db, path)
    assert plan.new == 2
    add_member(office_db, MemberForm(name="李四", id_number=LI_ID, sector="民革"))  # meanwhile
    counts = record_counts(office_db)
    with pytest.raises(KnownError) as caught:
        apply_roster_import(office_db, plan, ProgressTracker())
    assert "已有变化" in caught.value.what
    assert record_counts(office_db) == counts


def test_cancelling_midway_writes_nothing(office_db, tmp_path):
    rows = [
        [f"委员{i}", "男", "中共", None, id_number(birth=date(1960, 1, 1) + timedelta(days=i))]
        for i in range(1, 1200)
    ]
    plan = plan_roster_import(office_db, _roster(tmp_path, rows))
    assert plan.new == 1199
    counts = record_counts(office_db)
    tracker = ProgressTracker()
    seen: list[int] = []

    def cancel_after_the_first_batch(done: int, total: int, text: str) -> None:
        seen.append(done)
        if done >= 500:
            tracker.cancel()

    tracker._on_report = cancel_after_the_first_batch
    with pytest.raises(Cancelled):
        apply_roster_import(office_db, plan, tracker)
    assert max(seen) >= 500
    assert record_counts(office_db) == counts
