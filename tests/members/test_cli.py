"""`cppcc-desk members import|export|template`: counts and exit 0, or every bad row and exit 1."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.common.paths import location_for
from app.common.storage import Database, open_database
from app.members.member_files import get_member, list_members
from app.office.dictionaries import add_entry
from app.office.labels import DictionaryKind
from app.office.office import record_counts
from tests.command_line import INIT, run
from tests.sheet_files import messy_roster_xls
from tests.xlsx_files import (
    BROKEN_ERRORS,
    MESSY_NAMES,
    ZHANG_ID,
    broken_roster,
    messy_roster,
    messy_roster_with_hidden_sheet,
    write_sheet,
)
from ui.entry import main

pytestmark = pytest.mark.usefixtures("clean_logging")


def opened(data_dir: Path) -> Database:
    return open_database(location_for(str(data_dir)))


@pytest.fixture
def office(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    data_dir = tmp_path / "政协数据"
    code, _, err = run(capsys, data_dir, *INIT)
    assert (code, err) == (0, "")
    database = opened(data_dir)
    try:
        for name in ("第一联络组", "第二联络组"):
            add_entry(database, DictionaryKind.LIAISON_GROUP, name)
    finally:
        database.close()
    return data_dir


def members_of(data_dir: Path) -> list[str]:
    database = opened(data_dir)
    try:
        return sorted(row.name for row in list_members(database))
    finally:
        database.close()


def counts_of(data_dir: Path) -> dict[str, int]:
    database = opened(data_dir)
    try:
        return record_counts(database)
    finally:
        database.close()


def test_import_prints_the_counts_and_exits_0(capsys, office, tmp_path):
    path = messy_roster(tmp_path / "名单.xlsx")
    code, out, err = run(capsys, office, "members", "import", str(path))
    assert (code, err) == (0, "")
    assert "检查结果：新增 5 人，更新 0 人，无变化 0 人" in out
    assert "已导入：新增 5 人" in out
    assert "导入前的数据库已备份到" in out
    assert members_of(office) == sorted(MESSY_NAMES)

    code, out, err = run(capsys, office, "members", "import", str(path))
    assert (code, err) == (0, "")
    assert "新增 0 人，更新 0 人，无变化 5 人" in out


def test_a_dry_run_reports_and_writes_nothing(capsys, office, tmp_path):
    path = messy_roster(tmp_path / "名单.xlsx")
    before = counts_of(office)
    code, out, err = run(capsys, office, "members", "import", str(path), "--dry-run")
    assert (code, err) == (0, "")
    assert "新增 5 人" in out and "未写入任何数据" in out
    assert counts_of(office) == before


def test_a_broken_roster_lists_every_bad_row_exits_1_and_writes_nothing(capsys, office, tmp_path):
    path = broken_roster(tmp_path / "名单.xlsx")
    before = counts_of(office)
    code, out, err = run(capsys, office, "members", "import", str(path))
    assert code == 1
    lines = [line.strip() for line in out.splitlines() if line.startswith("  委员名单")]
    assert len(lines) == len(BROKEN_ERRORS)
    for line, (row, column, phrase) in zip(lines, BROKEN_ERRORS, strict=True):
        sheet, where, header, reason = line.split("\t")
        assert (sheet, where) == ("委员名单", f"第{row}行")
        assert header.startswith(column)
        assert phrase in reason
    assert "界别：工人界（1 行）" in out
    assert err.count("错误：") == 1 and "9 行有错误" in err and "未导入任何委员" in err
    assert counts_of(office) == before


def test_update_mode_on_the_command_line(capsys, office, tmp_path):
    path = messy_roster(tmp_path / "名单.xlsx")
    assert run(capsys, office, "members", "import", str(path))[0] == 0
    book = openpyxl.load_workbook(path)
    book.active["L4"] = "13900139000"  # 张三's phone
    book.save(path)
    code, out, _ = run(capsys, office, "members", "import", str(path))
    # The way to update said for the command line too, not only the wizard's check box.
    assert code == 1 and "请勾选“更新已有委员”（命令行加 --update）后再导入" in out
    code, out, err = run(capsys, office, "members", "import", str(path), "--update")
    assert (code, err) == (0, "")
    assert "新增 0 人，更新 1 人，无变化 4 人" in out


def test_hidden_sheets_are_reported_and_imported_with_the_flag(capsys, office, tmp_path):
    path = messy_roster_with_hidden_sheet(tmp_path / "名单.xlsx")
    code, out, err = run(capsys, office, "members", "import", str(path))
    assert (code, err) == (0, "")
    assert "注意：隐藏的工作表“往届”（1 行）中也有数据，本次未导入" in out
    assert "--include-hidden-sheets" in out
    assert "孙八" not in members_of(office)
    code, out, err = run(capsys, office, "members", "import", str(path), "--include-hidden-sheets")
    assert (code, err) == (0, "")
    assert "已按要求一并读取隐藏的工作表“往届”（1 行）" in out
    assert members_of(office) == sorted([*MESSY_NAMES, "孙八"])


def test_an_old_excel_roster_imports_from_the_command_line(capsys, office, tmp_path):
    path = messy_roster_xls(tmp_path / "名单.xls")
    code, _, err = run(capsys, office, "members", "import", str(path))
    assert (code, err) == (0, "")
    assert members_of(office) == sorted(MESSY_NAMES)


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"", "是空文件"),
        ("姓名,性别\n张三,男\n".encode(), "其实是文本（CSV）格式的表格"),
        (b"PK\x03\x04 not really a workbook", "文件已损坏"),
        (None, "找不到文件"),
    ],
)
def test_a_wrong_file_gives_one_clear_message(capsys, office, tmp_path, content, phrase):
    path = tmp_path / "名单.xlsx"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, office, "members", "import", str(path))
    assert (code, out) == (1, "")
    assert err.startswith("错误：") and err.count("错误：") == 1
    assert phrase in err
    assert "Traceback" not in err


def test_export_then_import_into_an_empty_office_gives_the_same_members(capsys, office, tmp_path):
    run(capsys, office, "members", "import", str(messy_roster(tmp_path / "名单.xlsx")))
    exported = tmp_path / "导出.xlsx"
    code, out, err = run(capsys, office, "members", "export", str(exported))
    assert (code, err) == (0, "")
    assert "已导出 5 位委员" in out and "个人信息" in out
    sheet = openpyxl.load_workbook(exported).active
    ids = [sheet.cell(row, 16).value for row in range(4, 9)]
    assert ZHANG_ID in ids and ids.count(None) == 1  # 钱七 has none
    assert all(isinstance(v, str) and len(v) == 18 for v in ids if v is not None)

    other = tmp_path / "另一台电脑"
    run(capsys, other, *INIT)
    database = opened(other)
    try:
        for name in ("第一联络组", "第二联络组"):
            add_entry(database, DictionaryKind.LIAISON_GROUP, name)
    finally:
        database.close()
    code, out, err = run(capsys, other, "members", "import", str(exported))
    assert (code, err) == (0, ""), out
    assert _files(office) == _files(other)


def _files(data_dir: Path) -> dict[str, object]:
    database = opened(data_dir)
    try:
        return {
            row.name: (get_member(database, row.uuid).form, row.status, row.status_date)
            for row in list_members(database)
        }
    finally:
        database.close()


def test_export_and_template_never_overwrite_without_force(capsys, office, tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"the office's own roster")
    for action in ("export", "template"):
        code, out, err = run(capsys, office, "members", action, str(path))
        assert (code, out) == (1, "")
        assert "已存在，未覆盖" in err
        assert path.read_bytes() == b"the office's own roster"
    code, out, err = run(capsys, office, "members", "template", str(path), "--force")
    assert (code, err) == (0, "")
    assert openpyxl.load_workbook(path).active.cell(3, 2).value == "姓名"


def test_the_template_imports_only_after_its_example_row_is_deleted(capsys, office, tmp_path):
    path = tmp_path / "模板.xlsx"
    assert run(capsys, office, "members", "template", str(path))[0] == 0
    code, out, _ = run(capsys, office, "members", "import", str(path))
    assert code == 1 and "示例行" in out


def test_a_file_name_that_is_not_xlsx_is_refused(capsys, office, tmp_path):
    code, _, err = run(capsys, office, "members", "export", str(tmp_path / "名单.xls"))
    assert code == 1 and "不是 .xlsx 文件名" in err


def test_members_without_an_action_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(tmp_path), "members"])
    assert caught.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_values_missing_from_the_lists_are_named_with_near_entries(capsys, office, tmp_path):
    path = write_sheet(
        tmp_path / "a.xlsx", [["姓名", "界别"], ["甲", "医卫"], ["乙", "中国共产党"]]
    )
    code, out, _err = run(capsys, office, "members", "import", str(path))
    assert code == 1
    assert "界别：医卫（1 行；与“医药卫生界”相近）" in out
    assert "中国共产党" not in out  # an alias of 中共: no problem at all


def test_the_same_problem_on_many_rows_is_one_line_with_every_row(capsys, office, tmp_path):
    rows = [["姓名", "界别", "出生年月"]]
    rows += [[f"委员{n}", "工人界", "1975.03"] for n in range(80)]
    rows += [[f"另{n}", "中共", "待定"] for n in range(3)]
    code, out, err = run(
        capsys, office, "members", "import", str(write_sheet(tmp_path / "a.xlsx", rows))
    )
    assert code == 1 and "83 行有错误（共 83 处）" in err
    report = out.split("相同的问题合并为一行）：\n")[1].splitlines()
    assert report[:3] == [
        "  委员名单\t第2、3、4…行等共 80 行\t界别（B列）\t“工人界”不在界别名录中",
        "    全部 80 行：第2至81行",
        "  委员名单\t第82、83、84行\t出生年月（C列）\t“待定”不是可识别的日期"
        "（可写成 1975.03、1975年3月 或 1975-03-12）",
    ]
    assert "界别：工人界（80 行）" in out


def test_template_without_a_file_name(capsys, office, tmp_path, monkeypatch):
    """`members template` alone, as the issues write it: the window's name, in the current
    folder, and an existing one is kept without --force."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, office, "members", "template")
    assert (code, err) == (0, "")
    path = tmp_path / "委员名单模板.xlsx"
    assert out == "已保存空白名单模板：委员名单模板.xlsx\n"
    assert openpyxl.load_workbook(path).active.cell(3, 2).value == "姓名"
    path.write_bytes(b"the clerk's filled-in copy")
    code, out, err = run(capsys, office, "members", "template")
    assert (code, out) == (1, "") and "已存在，未覆盖" in err
    assert path.read_bytes() == b"the clerk's filled-in copy"
    assert run(capsys, office, "members", "template", "--force")[0] == 0
