"""`cppcc-desk demo`: fill a set-up office with demonstration data."""

from __future__ import annotations

import argparse

from app.common.console import say
from app.common.storage import Database
from app.demo import demo


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands."""
    demo_parser = subparsers.add_parser("demo", help="为已设置的单位加入演示数据")
    demo_parser.add_argument(
        "--force", action="store_true", help="本单位已有委员数据时仍然加入（会先自动备份）"
    )
    demo_parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace, database: Database) -> int:
    added = demo.load_demo(database, force=args.force)
    say("已加入演示数据：" + "，".join(f"{k} {v} 条" for k, v in added.items()) + "。")
    return 0
