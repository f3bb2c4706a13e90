"""The audit trail: append-only (triggers), one entry per event, files written and
settings changed on the shared paths, searched and exported by administrators."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from app.common.audit import Action, Result, audited, record
from app.common.documents.workbooks import write_table
from app.common.errors import KnownError
from app.common.settings import load_settings, save_settings
from app.common.storage import Database
from app.demo.demo import load_demo
from app.security.audit_trail import AuditQuery, audit_users, export_audit, search_audit
from db.security_models import AuditEntry

from .helpers import ADMIN, STAFF, audit_lines, staff_office


def test_the_trail_refuses_update_and_delete(office_db: Database) -> None:
    record(office_db, Action.EXPORT, "名册.xlsx")
    with pytest.raises(IntegrityError, match="append-only"), office_db.begin() as session:
        session.execute(update(AuditEntry).values(user="别人"))
    with pytest.raises(IntegrityError, match="append-only"), office_db.begin() as session:
        session.execute(delete(AuditEntry))
    # Not through the program either: the database file itself refuses.
    with closing(sqlite3.connect(office_db.path)) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit_entry")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_entry SET result = 'ok'")
    assert len(audit_lines(office_db)) == 1


def test_an_audited_action_records_its_result_and_reraises(office_db: Database) -> None:
    with audited(office_db, Action.IMPORT, "名单.xlsx") as note:
        note.detail = "新增 3"
    with pytest.raises(KnownError), audited(office_db, Action.IMPORT, "坏名单.xlsx"):
        raise KnownError("表头不对。")
    assert [line[2:] for line in audit_lines(office_db)] == [
        ("名单.xlsx", "ok", "新增 3"),
        ("坏名单.xlsx", "failed", "表头不对。"),
    ]


def test_every_file_written_is_recorded_for_the_signed_in_user(
    office_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "列表.xlsx"
    write_table(path, "列表", ["姓名"], [["张三"]])  # nobody signed in: a script's own file
    assert audit_lines(office_db) == []
    staffed = staff_office(office_db)
    staffed.as_user(STAFF)
    write_table(path, "列表", ["姓名"], [["张三"]])
    assert audit_lines(office_db)[-1] == (STAFF, "export", str(path), "ok", "Excel")


def test_a_setting_change_is_recorded_with_old_and_new_values(office_db: Database) -> None:
    staff_office(office_db)
    settings = load_settings(office_db)
    save_settings(office_db, settings)  # stored as they are: the first save adds the keys
    before = len(audit_lines(office_db))
    save_settings(office_db, settings)  # nothing changed: nothing recorded
    assert len(audit_lines(office_db)) == before
    save_settings(office_db, replace(settings, idle_lock_minutes=5))
    user, action, _target, result, detail = audit_lines(office_db)[-1]
    assert (user, action, result) == (ADMIN, "setting_change", "ok")
    assert detail == "idle_lock_minutes: 15 → 5"


def test_search_by_date_person_and_action(office_db: Database) -> None:
    staffed = staff_office(office_db)
    staffed.as_user(STAFF)
    record(office_db, Action.PRINT, "通报.docx")
    staffed.as_user(ADMIN)
    everything = search_audit(office_db, AuditQuery()).rows
    assert everything[0].action == "login" and everything[0].user == ADMIN  # newest first
    prints = search_audit(office_db, AuditQuery(action=Action.PRINT)).rows
    assert [(r.user, r.target, r.action_label, r.result_label) for r in prints] == [
        (STAFF, "通报.docx", "打印", "成功")
    ]
    by_clerk = search_audit(office_db, AuditQuery(user=STAFF)).rows
    assert {r.action for r in by_clerk} == {"login", "print"}
    today = date.today()
    assert len(search_audit(office_db, AuditQuery(since=today, until=today)).rows) == len(
        everything
    )
    assert search_audit(office_db, AuditQuery(until=today - timedelta(days=1))).rows == []
    assert search_audit(office_db, AuditQuery(since=today + timedelta(days=1))).rows == []
    assert {ADMIN, STAFF} <= set(audit_users(office_db))
    page = search_audit(office_db, AuditQuery(), limit=2)
    assert len(page.rows) == 2 and page.more


def test_only_administrators_read_the_trail(office_db: Database) -> None:
    staffed = staff_office(office_db)
    staffed.as_user(STAFF)
    with pytest.raises(KnownError, match="无权查看审计日志"):
        search_audit(office_db, AuditQuery())
    assert audit_lines(office_db)[-1][1:4] == ("denied", "审计日志", "denied")


def test_the_export_reads_back_as_shown(office_db: Database, tmp_path: Path) -> None:
    staff_office(office_db)
    record(office_db, Action.PRINT, '=HYPERLINK("x")', Result.FAILED, "没有打印机")
    rows = search_audit(office_db, AuditQuery()).rows
    path = export_audit(office_db, rows, tmp_path / "审计日志.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "审计日志"
    assert [c.value for c in sheet[2]] == ["时间", "用户", "操作", "对象", "结果", "说明"]
    assert [c.value for c in sheet[3]][1:] == [
        ADMIN,
        "打印",
        '=HYPERLINK("x")',
        "失败",
        "没有打印机",
    ]
    assert sheet["D3"].data_type == "s"  # text stays text
    assert audit_lines(office_db)[-1][1:3] == ("export", str(path))


def test_the_export_names_changed_settings_as_the_screen_does(
    office_db: Database, tmp_path: Path
) -> None:
    staff_office(office_db)
    settings = load_settings(office_db)
    save_settings(office_db, settings)
    save_settings(office_db, replace(settings, idle_lock_minutes=10, name_order="pinyin"))
    rows = search_audit(office_db, AuditQuery(action=Action.SETTING_CHANGE)).rows
    sheet = openpyxl.load_workbook(export_audit(office_db, rows, tmp_path / "a.xlsx")).active
    newest = {sheet.cell(row, 6).value for row in (3, 4)}
    assert newest == {"闲置锁定窗口（分钟）：15 → 10", "名单排序：姓氏笔画 → 拼音"}
    assert rows[0].detail.startswith(("idle_lock_minutes", "name_order"))  # stored as written


def test_loading_the_demo_reads_as_words_not_program_data(office_db: Database) -> None:
    """The demo marks itself with its counts per step (JSON); the trail says 已加入."""
    staff_office(office_db)
    load_demo(office_db)
    rows = search_audit(office_db, AuditQuery(action=Action.SETTING_CHANGE)).rows
    demo = [r for r in rows if r.detail.startswith("demo_loaded")]
    assert [r.detail_text for r in demo] == ["演示数据：（无） → 已加入"]
    assert "{" in demo[0].detail  # stored as written
