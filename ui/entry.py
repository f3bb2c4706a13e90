"""The `cppcc-desk` command: the GUI, or a headless subcommand.

This lives in ui/ (the top layer) because it may start the GUI; Qt itself is
imported only when the GUI is really started, so subcommands stay light.
"""

from __future__ import annotations

import sys

from app.cli.main import run_command
from app.cli.parser import build_parser

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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    argv, qt_args = split_qt_args(argv)
    # Other unknown options are Qt's flags too (e.g. `-reverse`).
    args, unknown = parser.parse_known_args(argv)
    qt_args += unknown
    if args.command is not None:
        if qt_args:
            parser.error("无法识别的参数：" + " ".join(qt_args))
        return run_command(args)
    from ui.application import run_gui

    return run_gui(args, qt_args)


if __name__ == "__main__":
    sys.exit(main())
