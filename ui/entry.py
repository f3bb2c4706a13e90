"""The `cppcc-desk` command: the GUI, or a headless subcommand.

This lives in ui/ (the top layer) because it may start the GUI; Qt itself is
imported only when the GUI is really started, so subcommands stay light. The
GUI path reads only its own two options and never imports the command-line
parser, which imports every feature's verbs.
"""

from __future__ import annotations

import argparse
import sys

from app.common.console import (
    EXIT_INTERRUPTED,
    INTERRUPTED,
    ChineseArgumentParser,
    data_dir_argument,
)

# Qt's own command-line options that take a value (QGuiApplication, QApplication, xcb).
# They must be taken out before argparse sees them, or it reads the value as SUBCOMMAND.
QT_OPTIONS_WITH_VALUE = frozenset(
    {
        "platform",
        "platformpluginpath",
        "platformtheme",
        "plugin",
        "qwindowgeometry",
        "qwindowicon",
        "qwindowtitle",
        "style",
        "stylesheet",
        "display",
        "geometry",
        "session",
    }
)


def split_qt_args(argv: list[str]) -> tuple[list[str], list[str]]:
    """(our arguments, Qt's `-option value` pairs); Qt accepts one or two dashes."""
    ours: list[str] = []
    qt: list[str] = []
    items = iter(argv)
    for item in items:
        if item.startswith("-") and item.lstrip("-") in QT_OPTIONS_WITH_VALUE:
            qt.append(item)
            value = next(items, None)
            if value is not None:
                qt.append(value)
        else:
            ours.append(item)
    return ours, qt


def gui_parser() -> argparse.ArgumentParser:
    """The GUI's own options; they mean the same in the full parser (app.cli.parser)."""
    parser = ChineseArgumentParser(prog="cppcc-desk", add_help=False)
    parser.add_argument("--data-dir", metavar="DIR", type=data_dir_argument)
    parser.add_argument("--self-test", action="store_true")
    return parser


def wants_command_line(rest: list[str]) -> bool:
    """A subcommand, --help or --version: anything but options left over for Qt."""
    return any(not item.startswith("-") or item in ("-h", "--help", "--version") for item in rest)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ours, qt_args = split_qt_args(argv)
    gui_args, rest = gui_parser().parse_known_args(ours)
    if wants_command_line(rest):
        return _run_command_line(ours, qt_args)
    from ui.application import run_gui

    gui_args.command = None
    # Other unknown options are Qt's flags too (e.g. `-reverse`).
    return run_gui(gui_args, qt_args + rest)


def _run_command_line(argv: list[str], qt_args: list[str]) -> int:
    try:
        from app.cli.main import run_command
        from app.cli.parser import build_parser  # imports every feature: a second or two
    except KeyboardInterrupt:  # Ctrl+C before the command began: nothing was done
        sys.stderr.write(INTERRUPTED + "\n")
        return EXIT_INTERRUPTED

    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if args.command is None or qt_args or unknown:
        parser.error("无法识别的参数：" + " ".join(qt_args + unknown))
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
