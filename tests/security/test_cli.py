"""`cppcc-desk users add|list` and `audit list`: the contract's names and JSON keys,
run as the operating-system user and audited as such."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app.common.operator import os_user_name
from ui.entry import main

pytestmark = pytest.mark.usefixtures("clean_logging")

INIT = ["init", "--level", "county", "--name", "示范县政协", "--code", "150523"]
INIT += ["--term", "10", "--term-years", "2021-2026"]
OS_USER = f"{os_user_name()}（操作系统用户）"


def run(capsys, monkeypatch, data_dir: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        code = main(["--data-dir", str(data_dir), *args])
    except SystemExit as exit_:  # usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(capsys, monkeypatch, tmp_path: Path) -> Path:
    folder = tmp_path / "政协数据"
    assert run(capsys, monkeypatch, folder, *INIT)[0] == 0
    return folder


def test_users_add_reads_the_password_from_stdin_and_list_prints_json(
    capsys, monkeypatch, data_dir: Path
) -> None:
    add = ("users", "add", "张红", "--role", "admin", "--password-stdin")
    assert run(capsys, monkeypatch, data_dir, *add, stdin="Admin2025\n")[0] == 0
    add = ("users", "add", "王芳", "--role", "readonly", "--password-stdin")
    code, out, _ = run(capsys, monkeypatch, data_dir, *add, stdin="Reader2025\r\n")
    assert code == 0 and "首次登录时须修改密码" in out
    code, out, _ = run(capsys, monkeypatch, data_dir, "users", "list", "--json")
    assert code == 0
    users = json.loads(out)
    assert [
        (u["name"], u["role"], u["disabled"], u["locked"], u["must_change_password"]) for u in users
    ] == [
        ("张红", "admin", False, False, False),  # the first account: its own password
        ("王芳", "readonly", False, False, True),  # chosen for her: she sets her own
    ]
    assert set(users[0]) == {
        "name",
        "role",
        "disabled",
        "locked",
        "last_login",
        "must_change_password",
    }


def test_bad_input_is_refused_with_a_message_and_exit_1(capsys, monkeypatch, data_dir: Path):
    add = ["users", "add", "张红", "--role", "admin", "--password-stdin"]
    code, _, err = run(capsys, monkeypatch, data_dir, *add, stdin="")
    assert code == 1 and "没有从标准输入读到密码" in err
    code, _, err = run(capsys, monkeypatch, data_dir, *add, stdin="张红2025abc\n")
    assert code == 1 and "不符合要求" in err
    code, _, err = run(
        capsys, monkeypatch, data_dir, "users", "add", "张红", "--role", "boss", "--password-stdin"
    )
    assert code == 2
    code, out, _ = run(capsys, monkeypatch, data_dir, "users", "list", "--json")
    assert json.loads(out) == []


def test_audit_list_prints_the_contract_keys(capsys, monkeypatch, data_dir: Path) -> None:
    add = ("users", "add", "张红", "--role", "admin", "--password-stdin")
    run(capsys, monkeypatch, data_dir, *add, stdin="Admin2025\n")
    code, out, _ = run(capsys, monkeypatch, data_dir, "audit", "list", "--json")
    assert code == 0
    entries = json.loads(out)
    assert all(list(e) == ["time", "user", "action", "target", "result"] for e in entries)
    assert entries[0] | {"time": None} == {
        "time": None,
        "user": OS_USER,
        "action": "account_change",
        "target": "张红",
        "result": "ok",
    }
    assert entries[0]["time"][:4].isdigit() and "T" in entries[0]["time"]
    code, out, _ = run(
        capsys, monkeypatch, data_dir, "audit", "list", "--since", "2999-01-01", "--json"
    )
    assert (code, json.loads(out)) == (0, [])
    code, _, err = run(capsys, monkeypatch, data_dir, "audit", "list", "--since", "2025-13-01")
    assert code == 2 and "YYYY-MM-DD" in err


def test_a_file_a_command_writes_is_audited_as_the_operating_system_user(
    capsys, monkeypatch, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "名册.xlsx"
    assert run(capsys, monkeypatch, data_dir, "members", "export", str(target))[0] == 0
    _code, out, _ = run(capsys, monkeypatch, data_dir, "audit", "list", "--json")
    [entry] = [e for e in json.loads(out) if e["action"] == "export"]
    assert (entry["user"], entry["target"]) == (OS_USER, str(target))
