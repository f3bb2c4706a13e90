"""`cppcc-desk … --help`: every verb's help is in Chinese, says what the verb does, explains
each argument, and names the options the issues promise scripts."""

from __future__ import annotations

import argparse

import pytest

from app.cli.parser import build_parser
from ui.entry import main

# The options each verb's help must mention, as the issues write them.
PROMISED = {
    (): ["--data-dir", "--self-test"],
    ("init",): ["--level", "county", "city", "--name", "--code", "--term", "--term-years"],
    ("info",): ["--json"],
    ("check",): [],
    ("demo",): ["--level"],
    ("members", "import"): ["FILE", "--dry-run"],
    ("members", "export"): ["FILE.xlsx", "--office"],
    ("members", "template"): ["FILE.xlsx"],
    ("records", "import"): ["FILE", "--dry-run"],
    ("records", "template"): ["FILE"],
    ("five-ones",): ["--year", "--out", "--json", "--notice", "--member-files", "--office"],
    ("proposals", "import"): ["FILE.xlsx", "--dry-run"],
    ("proposals", "export"): ["FILE.xlsx", "--year"],
    ("proposals", "list"): ["--year", "--json", "--office"],
    ("proposals", "similar"): ["--title", "--body", "--json"],
    ("meetings", "list"): ["--year", "--json"],
    ("meetings", "show"): ["ID", "--json"],
    ("print", "meeting"): ["ID", "--out"],
    ("users", "add"): ["NAME", "--role", "admin", "staff", "readonly", "--password-stdin"],
    ("users", "list"): ["--json"],
    ("audit", "list"): ["--since", "--json"],
    ("backup",): [],
    ("backups", "list"): ["--json"],
    ("restore",): ["FILE"],
    ("office", "card"): ["--out"],
    ("office", "trust"): ["FILE"],
    ("exchange", "export"): ["--to", "--out", "--full"],
    ("exchange", "verify"): ["FILE"],
    ("exchange", "import"): ["FILE", "--dry-run", "--json"],
}

# What argparse prints in English unless told otherwise.
ENGLISH = ("usage:", "options:", "positional arguments", "optional arguments", "show this help")


def every_verb(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = [(path, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += every_verb(sub, (*path, name))
    return found


VERBS = every_verb(build_parser())


def test_the_promised_verbs_are_all_there() -> None:
    assert set(PROMISED) <= {path for path, _ in VERBS}


@pytest.mark.parametrize(
    ("path", "parser"), VERBS, ids=[" ".join(path) or "cppcc-desk" for path, _ in VERBS]
)
def test_help_is_chinese_and_explains_every_argument(
    path: tuple[str, ...], parser: argparse.ArgumentParser
) -> None:
    text = parser.format_help()
    assert text.startswith("用法：cppcc-desk")
    assert not [word for word in ENGLISH if word in text]
    if path:  # what the verb does, not only its usage line
        assert parser.description
    for action in parser._actions:
        if action.help != argparse.SUPPRESS and not isinstance(action, argparse._SubParsersAction):
            assert action.help, f"{' '.join(path)}: {action.dest} has no help"
    for option in PROMISED.get(path, []):
        assert option in text, f"{' '.join(path)} --help does not mention {option}"


def test_help_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["exchange", "import", "--help"])
    out, err = capsys.readouterr()
    assert (caught.value.code, err) == (0, "")
    assert out.startswith("用法：cppcc-desk exchange import")
    assert "显示本帮助后退出" in out and "交换文件（.cppccx）或回执（.cppccr）" in out


def test_a_usage_error_shows_the_usage_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["users", "add", "张三", "--role", "manager", "--password-stdin"])
    out, err = capsys.readouterr()
    assert (caught.value.code, out) == (2, "")
    assert err.startswith("用法：cppcc-desk users add")
    assert "usage:" not in err and "用法错误" in err


def test_wrapped_usage_lines_line_up_under_the_first_option() -> None:
    parser = dict(VERBS)[("five-ones",)]
    first, second = parser.format_usage().splitlines()[:2]
    # 用法： takes two columns a character on the screen.
    assert len(first[: first.index("[-h]")]) + len("用法：") == len(second) - len(second.lstrip())
