"""`cppcc-desk proposals import|export|list|similar`: the contract scripts rely on."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import openpyxl
import pytest

from app.proposals.duplicates import similar
from app.proposals.queries import list_proposals
from tests.proposals.helpers import Office, assigned
from tests.proposals.history_workbook import (
    PER_YEAR,
    YEARS,
    add_hidden_year,
    history_rows,
    write_history,
)
from ui.entry import main

pytestmark = pytest.mark.usefixtures("clean_logging")
LIST_KEYS = {"number", "year", "title", "proposer", "state", "units", "result"}
SIMILAR_KEYS = {"number", "year", "title", "score", "likely_duplicate"}


@pytest.fixture(autouse=True)
def no_kept_index():
    similar.forget_cached_index()
    yield
    similar.forget_cached_index()


def run(capsys, office: Office, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(office.database.location.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_list_as_json(office: Office, tmp_path: Path, capsys) -> None:
    path = write_history(tmp_path / "历年提案.xlsx")
    code, out, err = run(capsys, office, "proposals", "import", str(path), "--dry-run")
    assert (code, err) == (0, "")
    assert out.startswith("检查通过（试运行，未写入）：历年提案.xlsx")
    assert list_proposals(office.database) == []
    code, out, err = run(capsys, office, "proposals", "import", str(path))
    assert (code, err) == (0, "")
    assert f"新增提案 {len(YEARS) * PER_YEAR} 件" in out
    assert "\t提案人（D列）\t“孙前委员”“钱老”不在委员名册中，按文字保存\n" in out
    assert "\n    “钱老”：第7、14、21、27、28、34、41行\n" in out  # every name, with its rows

    code, out, err = run(capsys, office, "proposals", "list", "--year", "2023", "--json")
    assert (code, err) == (0, "")
    items = json.loads(out)
    assert len(items) == PER_YEAR
    assert all(set(item) == LIST_KEYS for item in items)
    first = next(i for i in items if i["number"] == "2023-001")
    assert first["year"] == 2023 and first["state"] == "accepted"
    assert isinstance(first["units"], list) and first["result"] in ("A", "B", "C")


def test_list_json_for_a_proposal_in_handling(office: Office, capsys) -> None:
    assigned(office)
    code, out, _ = run(capsys, office, "proposals", "list", "--json")
    assert code == 0
    (item,) = json.loads(out)
    assert item == {
        "number": "十届五次会议第0001号",
        "year": 2025,
        "title": "关于加强农村学校校舍安全的建议",
        "proposer": "张三",
        "state": "accepted",
        "units": ["县教育和体育局"],
        "result": "",
    }


def test_a_bad_file_exits_1_with_the_row_report(office: Office, tmp_path: Path, capsys) -> None:
    rows = history_rows()
    rows[0] = (*rows[0][:3], "", *rows[0][4:])
    path = write_history(tmp_path / "bad.xlsx", rows)
    code, out, err = run(capsys, office, "proposals", "import", str(path))
    assert code == 1
    assert "历年提案\t第4行\t提案人（D列）\t提案人为空" in out
    assert "未导入任何提案" in err
    assert list_proposals(office.database) == []


def test_the_same_problem_on_many_rows_is_one_line_with_every_row(
    office: Office, tmp_path: Path, capsys
) -> None:
    rows = [(*row[:6], "待定", *row[7:]) for row in history_rows()]
    rows[5] = (*rows[5][:6], "上旬", *rows[5][7:])
    code, out, err = run(
        capsys, office, "proposals", "import", str(write_history(tmp_path / "b.xlsx", rows))
    )
    assert code == 1 and "40 行有错误" in err
    report = out.split("相同的问题合并为一行）：\n")[1].splitlines()
    assert report[:4] == [
        "  历年提案\t第4、5、6…行等共 40 行\t提交日期（G列）\t“待定”“上旬”不是可识别的日期"
        "（可写成 1975.03、1975年3月 或 1975-03-12）",
        "    全部 40 行：第4至43行",
        "    “待定”：第4至8、10至43行",
        "    “上旬”：第9行",
    ]
    assert list_proposals(office.database) == []


def test_similar_as_json(office: Office, tmp_path: Path, capsys) -> None:
    run(capsys, office, "proposals", "import", str(write_history(tmp_path / "h.xlsx")))
    code, out, err = run(
        capsys, office, "proposals", "similar", "--title", "关于推进老旧小区改造的建议", "--json"
    )
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert found and all(set(f) == SIMILAR_KEYS for f in found)
    assert found[0]["likely_duplicate"] is True
    assert [f["score"] for f in found] == sorted((f["score"] for f in found), reverse=True)
    code, out, _ = run(
        capsys, office, "proposals", "similar", "--title", "关于推进老旧小区改造的建议"
    )
    assert "【可能重复】" in out.splitlines()[0]


def test_similar_to_an_empty_title_is_a_usage_error(office: Office, capsys) -> None:
    """A script's unset variable (--title "") was answered [] with exit 0: no duplicates."""
    for title in ("", "  "):
        with pytest.raises(SystemExit) as ended:
            run(capsys, office, "proposals", "similar", "--title", title, "--json")
        assert ended.value.code == 2
        out, err = capsys.readouterr()
        assert out == "" and "--title 不能为空" in err


def test_export_writes_columns_that_import_again(office: Office, tmp_path: Path, capsys) -> None:
    assigned(office)
    out_file = tmp_path / "导出.xlsx"
    code, out, _ = run(capsys, office, "proposals", "export", str(out_file), "--year", "2025")
    assert code == 0 and "已导出 1 件提案" in out
    sheet = openpyxl.load_workbook(out_file).active
    headers = [c.value for c in sheet[2]]
    assert headers[:4] == ["年度", "提案号", "案由", "提案人"]
    assert [c.value for c in sheet[3]][:4] == [
        2025,
        "十届五次会议第0001号",
        "关于加强农村学校校舍安全的建议",
        "张三",
    ]
    code, out, _ = run(capsys, office, "proposals", "import", str(out_file))
    assert "已在库中（年度和提案号相同）1 件" in out


def test_stats_on_a_full_disk_print_no_figures_only_the_message(
    office: Office, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    assigned(office)

    def disk_full(*args: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("app.proposals.cli.write_statistics_xlsx", disk_full)
    target = tmp_path / "统计.xlsx"
    code, out, err = run(
        capsys, office, "proposals", "stats", "--year", "2025", "--out", str(target)
    )
    assert (code, out) == (1, "")
    assert "磁盘" in err and not target.exists()


def test_stats_and_publish(office: Office, tmp_path: Path, capsys) -> None:
    assigned(office)
    code, out, _ = run(capsys, office, "proposals", "stats", "--year", "2025")
    assert code == 0 and out.startswith("2025年共收到提案1件，立案1件")
    code, out, _ = run(
        capsys,
        office,
        "proposals",
        "publish",
        "--year",
        "2025",
        "--out-dir",
        str(tmp_path / "公开"),
    )
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "公开").iterdir()) == [
        "2025年提案公开材料.xlsx",
        "2025年提案办理结果.docx",
        "2025年提案承办单位.docx",
        "2025年立案提案目录.docx",
    ]
    # Published again: nothing replaced without --force, all four checked first.
    publish = ("proposals", "publish", "--year", "2025", "--out-dir", str(tmp_path / "公开"))
    sheet = tmp_path / "公开" / "2025年提案公开材料.xlsx"
    sheet.write_bytes(b"edited")
    code, _, err = run(capsys, office, *publish)
    assert code == 1 and "“2025年提案公开材料.xlsx”已存在，未覆盖" in err
    assert sheet.read_bytes() == b"edited"
    assert run(capsys, office, *publish, "--force")[0] == 0 and sheet.read_bytes() != b"edited"


def test_usage_errors_exit_2(office: Office, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(office.database.location.data_dir), "proposals", "similar"])
    assert caught.value.code == 2


def test_import_names_a_hidden_sheet_it_left_out(office: Office, tmp_path: Path, capsys) -> None:
    path = add_hidden_year(write_history(tmp_path / "历年提案.xlsx", history_rows()[:1]), "往年")
    code, out, err = run(capsys, office, "proposals", "import", str(path), "--dry-run")
    assert (code, err) == (0, "")
    assert "注意：隐藏的工作表“往年”（1 行）中也有数据，本次未导入。" in out
