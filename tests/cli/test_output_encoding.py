"""Output a script reads when stdout is not UTF-8: a Chinese Windows writes pipes and files
in GBK (cp936), which lacks rare characters of names (生僻字 such as 𠇔 or 䶮 … beyond it).
The JSON stays valid and names come back exactly; text output never stops half-way."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.common.console import say, say_json

RARE = "王𠇔"  # U+201D4: not in GBK
INIT = ["init", "--level", "county", "--name", "示范县政协", "--code", "150523"]
INIT += ["--term", "10", "--term-years", "2021-2026"]


def gbk_stdout(monkeypatch: pytest.MonkeyPatch) -> io.BytesIO:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="gbk", newline="\n"))
    return raw


def test_json_with_a_character_gbk_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = gbk_stdout(monkeypatch)
    payload = [{"name": RARE, "status": "出席"}, {"name": "张三", "status": None}]
    say_json(payload)
    sys.stdout.flush()
    text = raw.getvalue().decode("gbk")
    assert json.loads(text) == payload
    assert "出席" in text and "\\ud840\\uddd4" in text  # only what GBK lacks is escaped


def test_json_on_utf8_is_written_as_is(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8", newline="\n"))
    say_json({"name": RARE})
    sys.stdout.flush()
    assert raw.getvalue().decode("utf-8") == '{\n  "name": "王𠇔"\n}\n'


def test_text_with_a_character_gbk_lacks_shows_a_question_mark(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = gbk_stdout(monkeypatch)
    say(f"已新增账户：{RARE}（工作人员）。")
    sys.stdout.flush()
    assert raw.getvalue().decode("gbk") == "已新增账户：王?（工作人员）。\n"


def run_with_gbk_pipes(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    command = Path(sys.executable).parent / "cppcc-desk"
    if not command.is_file():
        pytest.skip("cppcc-desk is not installed in this environment")
    env = {**os.environ, "HOME": str(home), "PYTHONIOENCODING": "gbk"}
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [str(command), *args],
        input=stdin.encode("gbk"),
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_installed_command_on_gbk_pipes(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "政协数据")
    assert run_with_gbk_pipes("--data-dir", data_dir, *INIT, home=tmp_path).returncode == 0
    # The name comes in as an argument (Linux: UTF-8 whatever stdout is), and goes out
    # through GBK pipes.
    added = run_with_gbk_pipes(
        "--data-dir",
        data_dir,
        "users",
        "add",
        RARE,
        "--role",
        "staff",
        "--password-stdin",
        home=tmp_path,
        stdin="Secret2025\n",
    )
    assert added.returncode == 0, added.stderr.decode("gbk", "replace")
    assert added.stdout.decode("gbk").startswith("已新增账户：王?（工作人员）")
    listed = run_with_gbk_pipes("--data-dir", data_dir, "users", "list", "--json", home=tmp_path)
    assert (listed.returncode, listed.stderr) == (0, b"")
    assert [a["name"] for a in json.loads(listed.stdout.decode("gbk"))] == [RARE]
    text = run_with_gbk_pipes("--data-dir", data_dir, "users", "list", home=tmp_path)
    assert text.returncode == 0
    assert text.stdout.decode("gbk").startswith("王?\t工作人员")
