"""The command line against hostile input: every refusal in Chinese, never a traceback."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

import app.consultation.cli
from tests.cli.test_cli import INIT, run, usage_error

pytestmark = pytest.mark.usefixtures("clean_logging")


@pytest.fixture
def set_up(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    code, _, err = run(capsys, data_dir, *INIT)
    assert (code, err) == (0, "")
    return data_dir


@pytest.mark.parametrize("year", ["0", "-1", "10000", "99999", "二〇二五", "2025.0"])
@pytest.mark.parametrize("command", [("meetings", "list"), ("exchange", "summary")])
def test_a_year_no_date_can_hold_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], set_up: Path, year: str, command: tuple[str, str]
) -> None:
    err = usage_error(capsys, "--data-dir", str(set_up), *command, f"--year={year}")
    assert "Traceback" not in err
    assert "参数 --year：年度" in err
    assert "2025" in err  # an example of what to write


def test_a_year_in_full_width_digits_is_read(
    capsys: pytest.CaptureFixture[str], set_up: Path
) -> None:
    code, out, err = run(capsys, set_up, "meetings", "list", "--year", "２０２５")
    assert (code, err) == (0, "")
    assert "没有会议活动记录" in out


@pytest.mark.parametrize(
    ("argv", "chinese", "english"),
    [
        (["init", "--level", "county"], "缺少必须给出的参数：--name", "required"),
        (["five-ones", "--year"], "参数 --year 后面缺少它的值", "expected"),
        (["demo", "--level", "town"], "“town”不是可选的值，可选：county、city", "choose"),
        (["proposals", "similar", "--title", "x", "--limit", "x"], "不是有效的整数", "invalid"),
        (["info", "--json=1"], "参数 --json 不接受值“1”", "ignored"),
        (["frobnicate"], "可选：init、info", "invalid choice"),
    ],
)
def test_usage_errors_are_said_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], chinese: str, english: str
) -> None:
    err = usage_error(capsys, "--data-dir", str(tmp_path / "data"), *argv)
    assert chinese in err
    assert english not in err.splitlines()[-2]  # the usage line above may be English
    assert "--help 查看用法" in err


def test_the_usage_hint_names_the_subcommand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    err = usage_error(capsys, "--data-dir", str(tmp_path), "proposals", "stats")
    assert "运行 cppcc-desk proposals stats --help 查看用法" in err


@pytest.mark.parametrize("argv", [["--data-dir", ""], ["--data-dir", " "]])
def test_an_empty_data_dir_is_refused_not_the_current_folder(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    err = usage_error(capsys, *argv, *INIT)
    assert "用法错误：参数 --data-dir" in err
    assert "error:" not in err
    assert list(tmp_path.iterdir()) == []  # no database made in the current folder


def test_closed_stdout_is_no_traceback(
    capsys: pytest.CaptureFixture[str], set_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", None)  # what Python gives a command run with `>&-`
    code, _, err = run(capsys, set_up, "info")
    assert code == 1
    assert "Traceback" not in err
    assert "意外错误" not in err


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def _interrupt_inside_the_database(*_: object) -> None:
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        raise RuntimeError("Can't reconnect until invalid transaction is rolled back") from None


def _terminate(*_: object) -> None:
    signal.raise_signal(signal.SIGTERM)


@pytest.mark.parametrize("stop", [_interrupt, _interrupt_inside_the_database, _terminate])
def test_ctrl_c_or_sigterm_is_a_clear_message(
    capsys: pytest.CaptureFixture[str], set_up: Path, monkeypatch: pytest.MonkeyPatch, stop: object
) -> None:
    monkeypatch.setattr(app.consultation.cli, "list_meetings", stop)
    before = signal.getsignal(signal.SIGTERM)
    try:
        code, out, err = run(capsys, set_up, "meetings", "list")
    finally:
        signal.signal(signal.SIGTERM, before)
    assert (code, out) == (130, "")
    assert err.startswith("错误：操作被中断，没有完成。")
    assert "Traceback" not in err


def test_an_output_path_through_a_file_says_so(
    capsys: pytest.CaptureFixture[str], set_up: Path, tmp_path: Path
) -> None:
    a_file = tmp_path / "名单"
    a_file.write_text("")
    code, out, err = run(capsys, set_up, "members", "template", str(a_file / "x.xlsx"))
    assert (code, out) == (1, "")
    assert f"路径中的“{a_file}”是一个文件，不是文件夹" in err
    assert "不存在" not in err
    assert a_file.read_text() == ""


@pytest.mark.parametrize("inside", ["", "sub"])
def test_an_output_folder_that_is_a_file_says_so(
    capsys: pytest.CaptureFixture[str], set_up: Path, tmp_path: Path, inside: str
) -> None:
    a_file = tmp_path / "公开材料"
    a_file.write_text("")
    folder = a_file / inside if inside else a_file
    code, out, err = run(
        capsys, set_up, "proposals", "publish", "--year", "2025", "--out-dir", str(folder)
    )
    assert (code, out) == (1, "")
    assert "是一个文件，不是文件夹" in err
    assert "无法创建" not in err
    assert a_file.read_text() == ""


def test_a_dangling_link_is_not_replaced_without_force(
    capsys: pytest.CaptureFixture[str], set_up: Path, tmp_path: Path
) -> None:
    link = tmp_path / "模板.xlsx"
    link.symlink_to(tmp_path / "elsewhere" / "模板.xlsx")
    code, out, err = run(capsys, set_up, "members", "template", str(link))
    assert (code, out) == (1, "")
    assert "已存在，未覆盖" in err
    assert link.is_symlink()


@pytest.mark.parametrize(
    "argv",
    [
        ["proposals", "list", "--office="],
        ["five-ones", "--office", " "],
        ["members", "export", "--office=", "/nonexistent-folder/x.xlsx"],
    ],
)
def test_an_empty_office_code_is_refused_not_every_office(
    capsys: pytest.CaptureFixture[str], set_up: Path, argv: list[str]
) -> None:
    err = usage_error(capsys, "--data-dir", str(set_up), *argv)
    assert "参数 --office：单位代码不能为空" in err


@pytest.mark.parametrize(
    "argv",
    [["proposals", "export", "{}"], ["proposals", "stats", "--year", "2025", "--out", "{}"]],
)
def test_proposal_outputs_keep_an_existing_file_and_the_suffix(
    capsys: pytest.CaptureFixture[str], set_up: Path, tmp_path: Path, argv: list[str]
) -> None:
    kept = tmp_path / "提案.xlsx"
    kept.write_text("原有内容")
    code, out, err = run(capsys, set_up, *[a.format(kept) for a in argv])
    assert (code, out) == (1, "")
    assert "已存在，未覆盖" in err
    assert kept.read_text() == "原有内容"
    code, _, err = run(capsys, set_up, *[a.format(tmp_path / "提案.txt") for a in argv])
    assert code == 1
    assert "不是 .xlsx 文件名" in err
    assert not (tmp_path / "提案.txt").exists()
    code, _, err = run(capsys, set_up, *[a.format(kept) for a in argv], "--force")
    assert (code, err) == (0, "")
    assert kept.read_bytes().startswith(b"PK")
