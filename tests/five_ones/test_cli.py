"""`cppcc-desk five-ones`: summary, JSON, the files it writes, and bad input."""

from __future__ import annotations

import errno
import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from app.common.paths import location_for
from app.common.storage import open_database
from db.record_models import ActivityKind, WorkKind
from tests.command_line import INIT, run
from tests.five_ones.helpers import (
    ABSENT,
    LEAVE,
    PRESENT,
    add_activity,
    add_member,
    add_social_info,
    add_work,
)
from ui.entry import main

pytestmark = pytest.mark.usefixtures("clean_logging")


@pytest.fixture
def office(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """A set-up office with three members and a year of records.

    张三 attended the plenary, an inspection, sent a 社情民意 item and spoke in
    2023; 李四 was on leave at the plenary and absent from the inspection;
    王五 joined on 1 March 2025, after the plenary, and sent one item.
    """
    data_dir = tmp_path / "政协数据"
    assert run(capsys, data_dir, *INIT)[0] == 0
    database = open_database(location_for(data_dir))
    try:
        zhang = add_member(database, "张三", sector="经济界")
        li = add_member(database, "李四", sector="教育界")
        wang = add_member(database, "王五", start=date(2025, 3, 1))
        add_activity(database, ActivityKind.PLENARY, date(2025, 1, 10), {zhang: PRESENT, li: LEAVE})
        add_activity(
            database, ActivityKind.INSPECTION, date(2025, 5, 6), {zhang: PRESENT, li: ABSENT}
        )
        add_social_info(database, date(2025, 4, 1), [zhang])
        add_social_info(database, date(2025, 6, 1), [wang])
        add_work(database, WorkKind.PLENARY_SPEECH, date(2023, 1, 12), [zhang])
    finally:
        database.close()
    return data_dir


def test_json_is_one_object_per_member(capsys: pytest.CaptureFixture[str], office: Path) -> None:
    code, out, err = run(capsys, office, "five-ones", "--year", "2025", "--json")
    # The warning the summary shows goes to stderr, never into the JSON.
    assert (code, err) == (0, "注意：2025年没有提案记录，“提交提案”一项无人达到。\n")
    rows = {row["member"]: row for row in json.loads(out)}
    assert set(rows) == {"张三", "李四", "王五"}
    assert rows["张三"] == {
        "member": "张三",
        "criteria": {
            "plenary": {"count": 1, "met": True, "applicable": True},
            "proposal": {"count": 0, "met": False, "applicable": True},
            "social_info": {"count": 1, "met": True, "applicable": True},
            "activity": {"count": 1, "met": True, "applicable": True},
            "speech_or_report": {"count": 1, "met": True, "applicable": True},
        },
        "all_met": False,
    }
    assert rows["李四"]["criteria"]["plenary"] == {"count": 0, "met": False, "applicable": True}
    # The plenary was held before 王五's seat began: not applicable, not a shortfall.
    assert rows["王五"]["criteria"]["plenary"] == {"count": 0, "met": True, "applicable": False}
    assert rows["李四"]["criteria"]["activity"]["met"] is False
    assert rows["王五"]["criteria"]["social_info"]["met"] is True
    assert list(rows["王五"]["criteria"]) == [
        "plenary",
        "proposal",
        "social_info",
        "activity",
        "speech_or_report",
    ]


def test_summary_in_chinese(capsys: pytest.CaptureFixture[str], office: Path) -> None:
    code, out, err = run(capsys, office, "five-ones", "--year", "2025")
    assert (code, err) == (0, "")
    assert "示范县政协 第十届（2021—2026） 2025年度“五个一”考核" in out
    assert (
        "考核规则：联名提案计入每位联名委员；未立案的提案也计入；请假不视为出席；缺席不计。" in out
    )
    assert "共 3 人，五项全部达到 0 人；参加全体会议 1 人" in out
    assert "注意：2025年没有提案记录" in out
    assert "王五：未达到 提交提案、参加政协活动、大会发言或调研视察报告" in out
    assert "（2025年3月1日增补，自该日起考核）" in out


def test_writes_the_workbook_notice_and_member_files(
    capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path
) -> None:
    xlsx, notice, files = tmp_path / "考核表.xlsx", tmp_path / "通报.docx", tmp_path / "档案.docx"
    code, out, err = run(
        capsys,
        office,
        "five-ones",
        "--year",
        "2025",
        "--json",
        "--out",
        str(xlsx),
        "--notice",
        str(notice),
        "--member-files",
        str(files),
    )
    assert code == 0
    assert len(json.loads(out)) == 3  # stdout stays pure JSON
    assert f"已导出考核表：{xlsx}" in err and f"已生成通报：{notice}" in err
    assert f"已生成履职档案（3 人）：{files}" in err
    sheet = load_workbook(xlsx).active
    assert sheet["B6"].value == "张三" and sheet["F6"].value == "✓ 1"  # 王五 李四 张三
    text = "\n".join(p.text for p in Document(str(notice)).paragraphs)
    assert "关于2025年度委员履职" in text and "李四。" in text
    titles = [p.text for p in Document(str(files)).paragraphs if p.text.endswith("委员履职档案")]
    assert titles == ["王五委员履职档案", "李四委员履职档案", "张三委员履职档案"]


def test_year_outside_the_terms_fails_with_one_message(
    capsys: pytest.CaptureFixture[str], office: Path
) -> None:
    code, out, err = run(capsys, office, "five-ones", "--year", "2019", "--json")
    assert (code, out) == (1, "")
    assert err.startswith("错误：2019年不在已设置的任何届次之内。")


def test_wrong_file_suffix_writes_nothing(
    capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, office, "five-ones", "--year", "2025", "--out", str(tmp_path / "考核表.docx")
    )
    assert (code, out) == (1, "")
    assert "应以 .xlsx 结尾" in err
    assert not (tmp_path / "考核表.docx").exists()


def test_unwritable_folder_is_a_clear_message(
    capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "没有这个文件夹" / "考核表.xlsx"
    code, out, err = run(capsys, office, "five-ones", "--year", "2025", "--out", str(missing))
    assert (code, out) == (1, "")  # refused before anything is printed
    assert err.startswith("错误：文件夹") and "不存在" in err and "Traceback" not in err


@pytest.mark.parametrize("json_out", [False, True])
def test_a_full_disk_prints_no_result_only_the_message(
    capsys: pytest.CaptureFixture[str],
    office: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    json_out: bool,
) -> None:
    """A script reading stdout must not take a table or JSON for a finished run."""

    def disk_full(*args: object, **kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("app.five_ones.cli.write_five_ones_notice", disk_full)
    notice = tmp_path / "通报.docx"
    extra = ["--json"] if json_out else []
    code, out, err = run(
        capsys, office, "five-ones", "--year", "2025", "--notice", str(notice), *extra
    )
    assert (code, out) == (1, "")
    assert "磁盘" in err and "Traceback" not in err
    assert not notice.exists()


def test_year_must_be_a_number(capsys: pytest.CaptureFixture[str], office: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(office), "five-ones", "--year", "二〇二五"])
    assert caught.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_before_set_up_it_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, tmp_path / "新文件夹", "five-ones", "--year", "2025")
    assert (code, out) == (1, "")
    assert "本单位尚未设置" in err


def test_an_existing_file_is_replaced_only_with_force(
    capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path
) -> None:
    xlsx, notice = tmp_path / "考核表.xlsx", tmp_path / "通报.docx"
    notice.write_bytes(b"earlier")
    code, out, err = run(
        capsys, office, "five-ones", "--year", "2025", "--out", str(xlsx), "--notice", str(notice)
    )
    assert (code, out) == (1, "")
    assert "已存在，未覆盖" in err and "--force" in err
    assert notice.read_bytes() == b"earlier"
    assert not xlsx.exists()  # every file is checked before any is written
    for flag, path in (("--notice", notice), ("--member-files", tmp_path / "档案.docx")):
        code, _, _ = run(capsys, office, "five-ones", "--year", "2025", flag, str(path), "--force")
        assert code == 0
    assert notice.read_bytes().startswith(b"PK")
    code, _, err = run(
        capsys, office, "five-ones", "--year", "2025", "--member-files", str(tmp_path / "档案.docx")
    )
    assert code == 1 and "已存在，未覆盖" in err


def test_the_notice_takes_its_settings_as_options(
    capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path
) -> None:
    notice = tmp_path / "通报.docx"
    code, _, err = run(
        capsys,
        office,
        "five-ones",
        "--year",
        "2025",
        "--notice",
        str(notice),
        "--notice-issuer",
        "政协示范县委员会办公室",
        "--notice-number",
        "示政协办发[2026]1号",
        "--notice-date",
        "2026-01-15",
        "--notice-copy-to",
        "县委办公室、县政府办公室",
        "--notice-attachment",
        "none",
    )
    assert code == 0, err
    document = Document(str(notice))
    lines = [p.text for p in document.paragraphs if p.text]
    assert lines[:2] == ["政协示范县委员会办公室文件", "示政协办发〔2026〕1号"]
    assert lines[-2:] == ["政协示范县委员会办公室", "2026年1月15日"]
    assert not any(line.startswith("附件") for line in lines)
    imprint = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert imprint[0][0] == "抄送：县委办公室，县政府办公室。"
    assert imprint[1] == ["政协示范县委员会办公室", "2026年1月15日印发"]


def test_a_bad_notice_date_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as caught:
        notice = str(tmp_path / "n.docx")
        main(["--data-dir", str(office), "five-ones", "--notice", notice, "--notice-date", "1月"])
    assert caught.value.code == 2
    assert "不是日期" in capsys.readouterr().err


def test_json_warnings_go_to_stderr_and_stdout_stays_json(
    capsys: pytest.CaptureFixture[str], office: Path
) -> None:
    """A year with no plenary and no proposals: every member misses two criteria, and a
    script is told why, as the summary tells the clerk."""
    code, out, err = run(capsys, office, "five-ones", "--year", "2026", "--json")
    assert code == 0
    rows = json.loads(out)
    assert not any(row["criteria"]["plenary"]["met"] for row in rows)
    assert err.splitlines() == [
        "注意：尚未录入2026年的全体会议（类别为“全体会议”的活动），“参加全体会议”一项无人达到。",
        "注意：2026年没有提案记录，“提交提案”一项无人达到。",
    ]


def test_notice_and_member_files_without_a_file_name(
    capsys: pytest.CaptureFixture[str],
    office: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`five-ones --year 2025 --notice --member-files`, as the issues write it: the files
    get the names the window offers, in the current folder; still never replaced."""
    here = tmp_path / "输出 文件夹"
    here.mkdir()
    monkeypatch.chdir(here)
    code, out, err = run(
        capsys, office, "five-ones", "--year", "2025", "--notice", "--member-files", "--json"
    )
    assert code == 0, err
    assert len(json.loads(out)) == 3
    notice = here / "关于2025年度委员履职五个一情况的通报.docx"
    files = here / "委员履职档案2025.docx"
    assert sorted(p.name for p in here.iterdir()) == sorted([notice.name, files.name])
    assert notice.read_bytes().startswith(b"PK") and files.read_bytes().startswith(b"PK")
    assert f"已生成通报：{notice.name}" in err
    code, out, err = run(capsys, office, "five-ones", "--year", "2025", "--notice")
    assert (code, out) == (1, "")
    assert "已存在，未覆盖" in err
    code, _, err = run(capsys, office, "five-ones", "--notice", "--year", "2025", "--force")
    assert code == 0, err
    # A file name still goes where it is written.
    code, _, err = run(
        capsys, office, "five-ones", "--year", "2025", "--notice", str(tmp_path / "通报.docx")
    )
    assert code == 0 and (tmp_path / "通报.docx").exists()
