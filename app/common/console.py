"""Console output for the admin commands (the GUI never prints), and the argument
types every verb shares."""

from __future__ import annotations

import argparse
import sys
import unicodedata

FIRST_YEAR, LAST_YEAR = 1949, 9999  # the first CPPCC; the last year a date can hold


def say(text: str = "") -> None:
    if sys.stdout is None:  # started with stdout closed (`>&-`): as if the reader left
        raise BrokenPipeError("stdout is closed")
    sys.stdout.write(text + "\n")


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
