"""`cppcc-desk records import FILE [--dry-run] [--include-hidden-sheets]`."""

from __future__ import annotations

import openpyxl
import pytest

from app.common.storage import Database
from app.office.office import record_counts
from app.records.activities import list_activities
from app.records.record_items import list_social_info
from tests.records.test_records_import import YEAR, members, messy_file, write_book  # noqa: F401
from tests.sheet_files import xlsx_as_xls
from ui.entry import main

pytestmark = pytest.mark.usefixtures("clean_logging", "members")


def run(capsys: pytest.CaptureFixture[str], database: Database, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(database.location.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_the_counts_and_stores_the_records(office_db, tmp_path, capsys):
    path = messy_file(tmp_path / "履职登记.xlsx")
    code, out, err = run(capsys, office_db, "records", "import", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "导入完成：履职登记.xlsx"
    assert "会议活动：新增 2 次，出席情况新增 6 条、更改 0 条" in out
    assert "社情民意信息：新增 2 条" in out
    assert len(list_activities(office_db)) == 2
    assert len(list_social_info(office_db)) == 2


def test_importing_again_says_nothing_was_new_and_made_no_backup(office_db, tmp_path, capsys):
    path = messy_file(tmp_path / "履职登记.xlsx")
    run(capsys, office_db, "records", "import", str(path))
    code, out, err = run(capsys, office_db, "records", "import", str(path))
    assert (code, err) == (0, "")
    assert "没有新的记录，未作改动（也未备份）。" in out.splitlines()
    assert "已备份" not in out


def test_a_dry_run_prints_the_counts_and_writes_nothing(office_db, tmp_path, capsys):
    path = messy_file(tmp_path / "履职登记.xlsx")
    before = record_counts(office_db)
    code, out, err = run(capsys, office_db, "records", "import", str(path), "--dry-run")
    assert (code, err) == (0, "")
    assert out.startswith("检查通过（试运行，未写入）：履职登记.xlsx")
    assert "出席情况新增 6 条" in out
    assert record_counts(office_db) == before


def test_bad_rows_are_listed_and_nothing_is_written(office_db, tmp_path, capsys):
    path = write_book(
        tmp_path / "bad.xlsx",
        [
            [1, "张建国", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
            [2, "赵无名", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
            [3, "李秀英", None, f"{YEAR}-03-02", "茶话会", "新春茶话会", "出席"],
        ],
    )
    before = record_counts(office_db)
    code, out, err = run(capsys, office_db, "records", "import", str(path))
    assert code == 1
    assert out.splitlines() == [
        "错误清单（工作表 / 行 / 列 / 原因；相同的问题合并为一行）：",
        "  履职登记\t第3行\t姓  名（B列）\t“赵无名”不在委员名单中（请核对姓名或先添加该委员）",
        "  履职登记\t第4行\t类别（E列）\t类别“茶话会”无法识别（应为全体会议、常委会会议、"
        "协商会、视察、调研、培训、委员活动、其他、社情民意、大会发言、调研视察报告之一）",
    ]
    assert err.count("错误：") == 1
    assert "有 2 处错误" in err and "未导入任何记录" in err
    assert record_counts(office_db) == before


def test_a_missing_file_is_one_clear_message(office_db, tmp_path, capsys):
    code, out, err = run(capsys, office_db, "records", "import", str(tmp_path / "没有.xlsx"))
    assert (code, out) == (1, "")
    assert err.startswith("错误：") and "没有.xlsx" in err
    assert "Traceback" not in err


def test_records_without_an_action_is_a_usage_error(office_db, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(office_db.location.data_dir), "records"])
    assert caught.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_the_help_names_the_columns(capsys):
    with pytest.raises(SystemExit):
        main(["records", "import", "--help"])
    out = capsys.readouterr().out
    assert "身份证号码（可选，用于区分同名委员）" in out
    assert "--dry-run" in out


def test_hidden_sheets_are_reported_and_imported_with_the_flag(office_db, tmp_path, capsys):
    path = write_book(
        tmp_path / "a.xls.xlsx", [[1, "张建国", None, f"{YEAR}-03-02", "视察", "视察水利", "出席"]]
    )
    book = openpyxl.load_workbook(path)
    book.active.sheet_state = "hidden"
    shown = book.create_sheet("说明")
    shown["A1"] = "本表按月填报"
    book.active = 1
    book.save(path)
    code, out, err = run(capsys, office_db, "records", "import", str(path))
    assert code == 1 and "数据都在隐藏的工作表“履职登记”（1 行）中" in err
    code, out, err = run(
        capsys, office_db, "records", "import", str(path), "--include-hidden-sheets"
    )
    assert (code, err) == (0, "")
    assert "注意：已按要求一并读取隐藏的工作表“履职登记”（1 行）。" in out
    assert len(list_activities(office_db)) == 1


def test_an_old_excel_file_imports(office_db, tmp_path, capsys):
    xls = xlsx_as_xls(messy_file(tmp_path / "履职登记.xlsx"), tmp_path / "履职登记.xls")
    code, out, err = run(capsys, office_db, "records", "import", str(xls))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "导入完成：履职登记.xls"
    assert len(list_activities(office_db)) == 2


def test_template_without_a_file_name(office_db, tmp_path, capsys, monkeypatch):
    """`records template` alone saves the window's 履职记录模板.xlsx in the current folder."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, office_db, "records", "template")
    assert (code, err) == (0, "")
    assert out == "已保存空白履职记录模板：履职记录模板.xlsx\n"
    assert openpyxl.load_workbook(tmp_path / "履职记录模板.xlsx").active["A3"].value == "姓名"
    code, out, err = run(capsys, office_db, "records", "template")
    assert (code, out) == (1, "") and "已存在，未覆盖" in err
