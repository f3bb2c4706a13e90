"""The `cppcc-desk` command: the GUI, or a headless subcommand.

This lives in ui/ (the top layer) because it may start the GUI; Qt itself is
imported only when the GUI is really started, so subcommands stay light.
"""

from __future__ import annotations

import sys

from app.cli.main import run_command
from app.cli.parser import build_parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    # Unknown options are Qt's (e.g. `-platform offscreen`, which Wine needs).
    args, qt_args = parser.parse_known_args(argv)
    if args.command is not None:
        if qt_args:
            parser.error("无法识别的参数：" + " ".join(qt_args))
        return run_command(args)
    from ui.application import run_gui

    return run_gui(args, qt_args)


if __name__ == "__main__":
    sys.exit(main())
