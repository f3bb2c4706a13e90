"""`cppcc-desk init` and `info`: set the office up, and show what the database holds."""

from __future__ import annotations

import argparse
import re

from app.common.console import say, say_json
from app.common.errors import KnownError
from app.common.storage import Database
from app.common.table_labels import table_label
from app.office import office
from db import migrate
from db.models import OfficeLevel


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands."""
    init = subparsers.add_parser("init", help="设置新单位（首次使用）")
    init.add_argument("--level", required=True, choices=["county", "city"], help="县级或市级")
    init.add_argument("--name", required=True, help="单位名称，例如“××县政协”")
    init.add_argument("--code", required=True, help="6位行政区划代码")
    init.add_argument("--term", required=True, type=int, help="当前届次，例如 10 表示第十届")
    init.add_argument("--term-years", required=True, help="届次起止年份，例如 2021-2026")
    init.set_defaults(handler=run_init, makes_data_folder=True, check_first=check_init)

    info = subparsers.add_parser("info", help="显示单位、届次、数据库和记录数")
    info.add_argument("--json", action="store_true", help="以 JSON 输出")
    info.set_defaults(handler=run_info, reads_only=True)


def parse_term_years(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})\s*[-－—–~～至到]\s*(\d{4})\s*", text)
    if not match:
        raise KnownError(f"届次起止年份“{text}”格式不对。", "请写成 2021-2026 这样的形式。")
    return int(match.group(1)), int(match.group(2))


def _setup(args: argparse.Namespace) -> office.OfficeSetup:
    first, last = parse_term_years(args.term_years)
    return office.OfficeSetup(
        level=OfficeLevel(args.level),
        name=args.name,
        division_code=args.code,
        term_number=args.term,
        term_first_year=first,
        term_last_year=last,
    )


def check_init(args: argparse.Namespace) -> None:
    """Refuse a wrong setup before the data folder and database are made: a refused
    `init` leaves nothing behind."""
    office.require_valid_setup(_setup(args))


def run_init(args: argparse.Namespace, database: Database) -> int:
    info = office.set_up_office(database, _setup(args))
    say(f"已设置：{info.name}（{info.level_label}，代码 {info.division_code}），{info.term_text}。")
    say(f"数据库：{database.path}")
    return 0


def run_info(args: argparse.Namespace, database: Database) -> int:
    info = office.office_info(database)
    counts = office.record_counts(database)
    revision = migrate.stored_revision(database.path)
    if args.json:
        payload = {
            "office": {"name": info.name, "level": info.level.value, "code": info.division_code},
            "term": info.term_number,
            "term_years": [info.term_first_year, info.term_last_year],
            "schema_revision": revision,
            "database": str(database.path),
            "counts": counts,
        }
        say_json(payload)
        return 0
    say(f"单位：{info.name}（{info.level_label}）")
    say(f"行政区划代码：{info.division_code}")
    say(f"当前届次：{info.term_text}")
    say(f"数据格式版本：{revision}（程序自动维护，无需处理）")
    say(f"数据库：{database.path}")
    say("记录数：")
    for table, count in counts.items():
        say(f"  {table_label(table)}：{count}")
    return 0
