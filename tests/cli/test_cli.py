"""The `cppcc-desk` command without the GUI: exit codes, output, and bad input.

Exit codes: 0 done; 1 failed for a reason the one message on stderr explains;
2 wrong usage.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import app.cli.main
from app.common.errors import KnownError
from app.common.storage import open_database
from app.office.cli import parse_term_years
from db import migrate
from tests.command_line import INIT, run
from ui.entry import main

pytestmark = pytest.mark.usefixtures("clean_logging")

CHINESE = range(0x4E00, 0xA000)


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    assert caught.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err


def assert_one_clear_message(out: str, err: str, phrase: str = "") -> None:
    assert out == ""
    assert err.startswith("错误：")
    assert err.count("错误：") == 1
    assert "Traceback" not in err
    assert "sqlite3." not in err
    assert any(ord(c) in CHINESE for c in err)
    assert phrase in err


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "政协数据"


@pytest.fixture
def set_up(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    code, _, err = run(capsys, data_dir, *INIT)
    assert (code, err) == (0, "")
    return data_dir


# --- the good path -------------------------------------------------------------------------


def test_init(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, data_dir, *INIT)
    assert (code, err) == (0, "")
    assert "已设置：示范县政协" in out
    assert "150523" in out
    assert "第十届（2021—2026）" in out
    assert (data_dir / "cppcc-desk.sqlite3").is_file()
    assert (data_dir / "logs" / "cppcc-desk.log").is_file()


def test_init_twice_fails_with_a_message(capsys: pytest.CaptureFixture[str], set_up: Path) -> None:
    code, out, err = run(capsys, set_up, *INIT)
    assert code == 1
    assert_one_clear_message(out, err, "已经设置过")


def test_init_with_full_width_input(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    argv = [*INIT]
    argv[argv.index("150523")] = "１５０５２３"
    argv[argv.index("2021-2026")] = "２０２１－２０２６"  # typed with the IME in full-width mode
    code, out, err = run(capsys, data_dir, *argv)
    assert (code, err) == (0, "")
    assert "代码 150523" in out
    assert "（2021—2026）" in out


@pytest.mark.parametrize("years", ["2021—2026", "2021至2026", " 2021 ~ 2026 "])
def test_init_accepts_the_usual_ways_of_writing_years(
    capsys: pytest.CaptureFixture[str], data_dir: Path, years: str
) -> None:
    code, _, err = run(capsys, data_dir, *INIT[:-1], years)
    assert (code, err) == (0, "")


def test_info_json(capsys: pytest.CaptureFixture[str], set_up: Path) -> None:
    code, out, err = run(capsys, set_up, "info", "--json")
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert payload["office"] == {"name": "示范县政协", "level": "county", "code": "150523"}
    assert payload["term"] == 10
    assert payload["schema_revision"] == migrate.head_revision()
    assert payload["database"] == str(set_up / "cppcc-desk.sqlite3")
    counts = payload["counts"]
    assert isinstance(counts, dict)
    assert all(isinstance(k, str) and type(v) is int for k, v in counts.items())
    assert {k: counts[k] for k in ("dictionary_entry", "office", "plenary_session", "term")} == {
        "dictionary_entry": 106,
        "office": 1,
        "plenary_session": 0,
        "term": 1,
    }


def test_data_dir_may_follow_the_verb(
    capsys: pytest.CaptureFixture[str], set_up: Path, tmp_path: Path
) -> None:
    """`cppcc-desk info --json --data-dir DIR`, as scripts also write it (was exit 2);
    after the verb it wins over one before, and nested verbs take it too."""
    code = main(["info", "--json", "--data-dir", str(set_up)])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["office"]["code"] == "150523"
    code = main(["--data-dir", str(tmp_path / "elsewhere"), "info", "--data-dir", str(set_up)])
    assert code == 0 and "150523" in capsys.readouterr().out
    card = tmp_path / "card.cppcccard"
    assert main(["office", "card", "--out", str(card), "--data-dir", str(set_up)]) == 0
    assert card.is_file() and "指纹" in capsys.readouterr().out
    assert "数据文件夹不能为空" in usage_error(capsys, "info", "--data-dir", " ")


def test_info_text(capsys: pytest.CaptureFixture[str], set_up: Path) -> None:
    code, out, err = run(capsys, set_up, "info")
    assert (code, err) == (0, "")
    assert "单位：示范县政协（县（市、区）政协）" in out
    assert "当前届次：第十届（2021—2026）" in out
    assert "基础名录条目：106" in out
    assert "dictionary_entry" not in out  # a clerk reads Chinese names, not table names


def test_info_before_init_fails(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, data_dir, "info", "--json")
    assert code == 1
    assert_one_clear_message(out, err, "尚未设置")
    assert "--data-dir 写错了" in err  # a typo must not become a new, empty office
    assert not data_dir.exists()


def test_check_on_a_good_database(capsys: pytest.CaptureFixture[str], set_up: Path) -> None:
    code, out, err = run(capsys, set_up, "check")
    assert (code, err) == (0, "")
    assert out.count("[通过]") == 4  # integrity, foreign keys, schema, content
    assert "检查通过" in out


def test_check_finds_a_broken_foreign_key(capsys: pytest.CaptureFixture[str], set_up: Path) -> None:
    with closing(sqlite3.connect(set_up / "cppcc-desk.sqlite3")) as conn, conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(
            "INSERT INTO plenary_session (uuid, owner_uuid, term_id, number,"
            " created_at, updated_at, revision)"
            " SELECT 'p-1', owner_uuid, 999, 1, created_at, updated_at, 1 FROM term"
        )
    code, out, _ = run(capsys, set_up, "check")
    assert code == 1
    assert "[失败] 记录之间的关联" in out
    assert "全体会议" in out
    assert "检查未通过" in out


def test_demo_once_then_refused(capsys: pytest.CaptureFixture[str], set_up: Path) -> None:
    code, out, err = run(capsys, set_up, "demo")
    assert (code, err) == (0, "")
    assert "已加入演示数据" in out
    assert "承办单位 24 条" in out
    code, out, err = run(capsys, set_up, "demo")
    assert code == 1
    assert_one_clear_message(out, err, "已经添加过")


def test_demo_before_init_fails(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, data_dir, "demo")
    assert code == 1
    assert_one_clear_message(out, err, "尚未设置")


# --- wrong usage: exit 2 -------------------------------------------------------------------


def test_unknown_subcommand(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    err = usage_error(capsys, "--data-dir", str(data_dir), "frobnicate")
    assert "用法错误" in err
    assert not data_dir.exists()  # nothing was opened


def test_missing_required_option(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    err = usage_error(capsys, "--data-dir", str(data_dir), "init", "--level", "county")
    assert "--name" in err
    assert not data_dir.exists()


def test_bad_level(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    argv = [*INIT]
    argv[argv.index("county")] = "province"
    err = usage_error(capsys, "--data-dir", str(data_dir), *argv)
    assert "province" in err


def test_term_that_is_not_a_number(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    argv = [*INIT]
    argv[argv.index("10")] = "十"
    usage_error(capsys, "--data-dir", str(data_dir), *argv)


def test_unknown_option_after_a_subcommand(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    err = usage_error(capsys, "--data-dir", str(data_dir), "info", "--colour")
    assert "--colour" in err


# --- bad values: exit 1 with one message ---------------------------------------------------


@pytest.mark.parametrize("years", ["2021", "二〇二一-二〇二六", "2021-26", "abc"])
def test_bad_term_years_text(
    capsys: pytest.CaptureFixture[str], data_dir: Path, years: str
) -> None:
    code, out, err = run(capsys, data_dir, *INIT[:-1], years)
    assert code == 1
    assert_one_clear_message(out, err, "格式不对")
    assert not data_dir.exists()  # a refused init leaves no empty office behind


@pytest.mark.parametrize(
    ("option", "value", "phrase"),
    [
        ("--term-years", "2026-2021", "起止年份不合理"),
        ("--code", "150500", "不以“00”结尾"),
        ("--code", "ABCDEF", "6位数字"),
        ("--name", "  ", "请填写单位名称"),
        ("--term", "0", "届次应在"),
    ],
)
def test_bad_setup_values(
    capsys: pytest.CaptureFixture[str], data_dir: Path, option: str, value: str, phrase: str
) -> None:
    argv = [*INIT]
    argv[argv.index(option) + 1] = value
    code, out, err = run(capsys, data_dir, *argv)
    assert code == 1
    assert_one_clear_message(out, err, phrase)
    assert not data_dir.exists()  # a refused init leaves no empty office behind


@given(
    first=st.integers(1000, 9999),
    last=st.integers(1000, 9999),
    separator=st.sampled_from(["-", "－", "—", "–", "~", "～", "至", "到"]),
    spaces=st.sampled_from(["", " ", "  "]),
)
def test_term_years_in_every_usual_spelling(
    first: int, last: int, separator: str, spaces: str
) -> None:
    text = f"{spaces}{first}{spaces}{separator}{spaces}{last}{spaces}"
    assert parse_term_years(text) == (first, last)


@given(st.text(alphabet="0123456789-年 ", max_size=12))
def test_term_years_parse_or_refuse_clearly(text: str) -> None:
    try:
        first, last = parse_term_years(text)
    except KnownError as exc:
        assert "格式不对" in exc.what
    else:
        assert text.strip().startswith(f"{first:04d}")
        assert text.strip().endswith(f"{last:04d}")


# --- bad data folders and databases: exit 1, one message, nothing changed ------------------


def test_data_dir_that_is_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a_file = tmp_path / "名单.txt"
    a_file.write_text("张三", encoding="utf-8")
    code, out, err = run(capsys, a_file, *INIT)
    assert code == 1
    assert_one_clear_message(out, err, "不是一个文件夹")
    assert a_file.read_text(encoding="utf-8") == "张三"


def test_data_dir_beneath_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a_file = tmp_path / "名单.txt"
    a_file.write_text("张三", encoding="utf-8")
    code, out, err = run(capsys, a_file / "data", "info")
    assert code == 1
    assert_one_clear_message(out, err, "不是文件夹")
    assert a_file.read_text(encoding="utf-8") == "张三"


def test_unwritable_data_dir(capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path("/sys/kernel")  # sysfs refuses new files even to root
    try:
        (folder / ".cppcc-probe").write_bytes(b"")
    except OSError:
        pass
    else:
        (folder / ".cppcc-probe").unlink()
        pytest.skip("no folder on this machine refuses writes by root")
    code, out, err = run(capsys, folder, "info")
    assert code == 1
    assert_one_clear_message(out, err, "没有权限写入")


def test_locked_database(
    capsys: pytest.CaptureFixture[str],
    set_up: Path,
    monkeypatch: pytest.MonkeyPatch,
    file_digest: Callable[[Path], str],
) -> None:
    # The command waits 5 s for a lock by default; the same code path, just shorter.
    monkeypatch.setattr(
        app.cli.main, "open_database", functools.partial(open_database, busy_timeout_ms=100)
    )
    path = set_up / "cppcc-desk.sqlite3"
    digest = file_digest(path)
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        code, out, err = run(capsys, set_up, "info", "--json")
        other.execute("ROLLBACK")
    assert code == 1
    assert_one_clear_message(out, err, "占用")
    assert file_digest(path) == digest


def test_broken_database(
    capsys: pytest.CaptureFixture[str],
    broken_database,  # conftest.BrokenDatabase
    file_digest: Callable[[Path], str],
) -> None:
    for command in (["info", "--json"], ["check"], INIT, ["demo"]):
        code, out, err = run(capsys, broken_database.path.parent, *command)
        assert code == 1, command
        assert_one_clear_message(out, err, broken_database.expected)
    assert file_digest(broken_database.path) == broken_database.digest
    assert not (broken_database.path.parent / "backups").exists()


# --- the installed command, as a clerk's shortcut or a script runs it ----------------------


def installed_command() -> Path:
    command = Path(sys.executable).parent / "cppcc-desk"
    if not command.is_file():
        pytest.skip("cppcc-desk is not installed in this environment")
    return command


def run_installed(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [str(installed_command()), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_installed_command(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "政协数据")
    done = run_installed("--data-dir", data_dir, *INIT, home=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert "已设置：示范县政协" in done.stdout

    info = run_installed("--data-dir", data_dir, "info", "--json", home=tmp_path)
    assert info.returncode == 0
    assert json.loads(info.stdout)["office"]["code"] == "150523"

    again = run_installed("--data-dir", data_dir, *INIT, home=tmp_path)
    assert again.returncode == 1
    assert_one_clear_message(again.stdout, again.stderr, "已经设置过")

    wrong = run_installed("--data-dir", data_dir, "frobnicate", home=tmp_path)
    assert wrong.returncode == 2
    assert "Traceback" not in wrong.stderr

    version = run_installed("--version", home=tmp_path)
    assert version.returncode == 0
    assert version.stdout.startswith("cppcc-desk ")


def test_installed_command_with_a_bad_data_dir(tmp_path: Path) -> None:
    a_file = tmp_path / "名单.txt"
    a_file.write_text("张三", encoding="utf-8")
    done = run_installed("--data-dir", str(a_file), "info", home=tmp_path)
    assert done.returncode == 1
    assert_one_clear_message(done.stdout, done.stderr, "不是一个文件夹")


def test_subcommands_never_import_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from ui.entry import main\n"
        f"code = main(['--data-dir', {str(tmp_path / 'd')!r}, 'info'])\n"
        "assert code == 1, code\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_output_read_only_in_part_is_not_an_error(tmp_path: Path) -> None:
    """`cppcc-desk info | head -1`: the reader leaving early printed 错误：…（代码 32）."""
    data_dir = str(tmp_path / "政协数据")
    assert run_installed("--data-dir", data_dir, *INIT, home=tmp_path).returncode == 0
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONWARNINGS", None)
    with subprocess.Popen(
        [str(installed_command()), "--data-dir", data_dir, "info"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as command:
        assert command.stdout is not None and command.stderr is not None
        command.stdout.close()  # as `head` does once it has its lines
        errors = command.stderr.read().decode("utf-8")
        command.wait(timeout=120)
    assert "错误" not in errors and "Traceback" not in errors and "Exception" not in errors
