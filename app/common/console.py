"""Console output for the admin commands (the GUI never prints), argparse in Chinese, and
the argument types every verb shares.

Light on purpose: ui/entry.py reads the GUI's own options with it before any feature loads.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from typing import Any

FIRST_YEAR, LAST_YEAR = 1949, 9999  # the first CPPCC; the last year a date can hold


def say(text: str = "") -> None:
    if sys.stdout is None:  # started with stdout closed (`>&-`): as if the reader left
        raise BrokenPipeError("stdout is closed")
    try:
        sys.stdout.write(text + "\n")
    except UnicodeEncodeError:
        # A character stdout's encoding lacks: a rare character in a name (a 生僻字 outside
        # GBK), on a Chinese Windows whose pipes and files are GBK. It shows as "?"; the
        # command still finishes (it failed half-way through its output).
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.write((text + "\n").encode(encoding, "replace").decode(encoding))


def say_json(payload: object) -> None:
    """A script's JSON on stdout, and nothing else: Chinese written as such, except a
    character stdout's encoding lacks (see `say`), written as a JSON \\u escape, which
    every JSON reader turns back into that very character."""
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = "".join(_json_escaped(c, encoding) for c in text)
    except LookupError:  # an encoding Python does not know: plain ASCII is safe
        text = json.dumps(payload, ensure_ascii=True, indent=2)
    say(text)


def _json_escaped(char: str, encoding: str) -> str:
    """The character itself, or its JSON escape (a surrogate pair beyond U+FFFF). Outside
    strings, JSON text is ASCII, so only characters inside strings are ever escaped."""
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return json.dumps(char)[1:-1]
    return char


def complain(text: str) -> None:
    if sys.stderr is not None:  # stderr closed: the exit code is all the caller gets
        sys.stderr.write(text + "\n")


def year_argument(text: str) -> int:
    """`--year`: a year a date can hold, written in digits (full-width ones too)."""
    try:
        year = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度“{text}”应写成4位数字，例如 2025") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"年度 {year} 不合理，应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间，例如 2025"
        )
    return year


def office_code_argument(text: str) -> str:
    """`--office`: a county's code, full-width digits read; empty is refused, for an empty
    script variable would otherwise quietly mean every office."""
    code = unicodedata.normalize("NFKC", text).strip()
    if not code:
        raise argparse.ArgumentTypeError(
            "单位代码不能为空；要列出全部单位，请不加 --office，要看一个县（市、区），"
            "请写出它的6位行政区划代码，例如 150523"
        )
    return code


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell's own code for Ctrl+C (128 + SIGINT)
INTERRUPTED = (
    "错误：操作被中断，没有完成。已保存的数据不受影响，没写完的文件不会留下。\n"
    "需要时请重新运行该命令。"
)


# argparse's own complaints (Python 3.11 wording) and how to say them in Chinese.
_ARGPARSE_WORDS = (
    (r"the following arguments are required: (.*)", r"缺少必须给出的参数：\1"),
    (r"invalid choice: '(.*)' \(choose from (.*)\)", r"“\1”不是可选的值，可选：\2"),
    (r"invalid (\w+) value: '(.*)'", r"“\2”不是有效的\1值"),
    (r"expected one argument", "后面缺少它的值"),
    (r"expected at least one argument", "后面至少要给出一个值"),
    (r"expected at most one argument", "后面最多只能给出一个值"),
    (r"expected (\d+) arguments?", r"后面应给出 \1 个值"),
    (r"ignored explicit argument '(.*)'", r"不接受值“\1”"),
    (r"not allowed with argument (.*)", r"不能与 \1 同时使用"),
    (r"one of the arguments (.*) is required", r"必须给出以下参数之一：\1"),
    (r"ambiguous option: (\S+) could match (.*)", r"参数 \1 不明确，可能是：\2"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
)
_NUMBER_KINDS = {"int": "整数", "float": "数字"}


def in_chinese(message: str) -> str:
    """argparse's English message in Chinese; messages of our own pass unchanged."""
    prefix = ""
    argument = re.fullmatch(r"argument (\S+?): (.*)", message, flags=re.DOTALL)
    if argument is not None:
        prefix, message = f"参数 {argument[1]}", argument[2]
    for english, chinese in _ARGPARSE_WORDS:
        if re.fullmatch(english, message, flags=re.DOTALL):
            message = re.sub(english, chinese, message, flags=re.DOTALL)
            for kind, word in _NUMBER_KINDS.items():
                message = message.replace(f"有效的{kind}值", f"有效的{word}")
            if "choose from" in english:  # 'a', 'b' → a、b
                message = message.replace("', '", "、").replace("可选：'", "可选：")[:-1]
            break
    if not prefix:
        return message
    return f"{prefix} {message}" if message.startswith(("后面", "不")) else f"{prefix}：{message}"


HELP_HELP = "显示本帮助后退出"
USAGE_PREFIX = "用法："


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's help with its own headings in Chinese ("usage:" and the like)."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)

    def _format_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None,
    ) -> str:
        # argparse indents the usage's further lines by the prefix's length in characters;
        # 用法： is twice as wide on the screen as it is long.
        text = super()._format_usage(usage, actions, groups, prefix)
        return text.replace("\n ", "\n" + " " * (len(USAGE_PREFIX) + 1))


class ChineseSubParsersAction(argparse._SubParsersAction):  # type: ignore[type-arg]
    """A verb's own --help opens with what the verb does: the line the list shows for
    it, unless the verb has a description of its own."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if "help" in kwargs and "description" not in kwargs:
            kwargs["description"] = kwargs["help"]
        parser = super().add_parser(name, **kwargs)
        # Scripts also write `cppcc-desk info --json --data-dir DIR`: taken after the verb
        # too; left unset there (SUPPRESS) so the one before the verb stays.
        parser.add_argument(
            "--data-dir",
            metavar="DIR",
            type=data_dir_argument,
            default=argparse.SUPPRESS,
            help="数据文件夹（也可写在子命令之前）",
        )
        return parser


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with every word it prints in Chinese: the help's headings and -h line,
    and its complaints (exit 2, on stderr)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", ChineseSubParsersAction)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = HELP_HELP

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)  # stdout may be a script's JSON
        self.exit(
            EXIT_USAGE,
            f"{self.prog}: 用法错误：{in_chinese(message)}\n运行 {self.prog} --help 查看用法。\n",
        )


def filled_argument(text: str) -> str:
    """Text a command cannot do without (proposals similar --title): an empty one, a
    script's unset variable, would answer "nothing similar" to nothing at all."""
    if not text.strip():
        raise argparse.ArgumentTypeError("不能为空")
    return text


def data_dir_argument(text: str) -> str:
    """--data-dir: an empty one would quietly mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("数据文件夹不能为空，请写出文件夹的路径")
    return text
