"""`office card|trust` and `exchange export|verify|import|status`.

Names and JSON keys are a contract with the offices' scripts (issue 12).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.common.console import complain, say, say_json, year_argument
from app.common.documents import add_force_option, made_folder, output_path
from app.common.storage import Database
from app.exchange import cards
from app.exchange.city import demo_city
from app.exchange.city.city_view import CountyFigures, city_view
from app.exchange.city.city_workbook import write_city_workbook
from app.exchange.errors import FileRefused
from app.exchange.export import export_file
from app.exchange.file_format.verify import verify_file
from app.exchange.history import exchange_status
from app.exchange.labels import table_label
from app.exchange.receiving.importing import import_file
from app.exchange.receiving.result import ImportResult

EXIT_OK, EXIT_FAILED = 0, 1


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    office = subparsers.add_parser("office", help="单位名片：导出本单位名片、信任对方名片")
    actions = office.add_subparsers(dest="office_action", metavar="ACTION", required=True)
    card = actions.add_parser("card", help="导出本单位名片（公钥、名称、代码），交对方导入")
    card.add_argument("--out", required=True, type=Path, metavar="FILE", help="名片文件")
    add_force_option(card)
    card.set_defaults(handler=run_card)
    trust = actions.add_parser("trust", help="导入并信任对方单位的名片，显示指纹")
    trust.add_argument("file", type=Path, metavar="FILE", help="对方的单位名片文件（.cppcccard）")
    trust.add_argument("--confirm", metavar="指纹", help="对方更换密钥时：电话核对过的新指纹")
    trust.add_argument("--json", action="store_true", help="以 JSON 输出")
    trust.set_defaults(handler=run_trust)

    exchange = subparsers.add_parser("exchange", help="交换文件：导出、校验、导入（U盘往来）")
    verbs = exchange.add_subparsers(dest="exchange_action", metavar="ACTION", required=True)
    export = verbs.add_parser("export", help="为对方单位导出一份交换文件")
    export.add_argument("--to", required=True, metavar="CODE", help="对方的行政区划代码")
    export.add_argument("--out", required=True, type=Path, metavar="DIR", help="写入的文件夹")
    export.add_argument("--full", action="store_true", help="发送全部记录（不只是变化）")
    export.add_argument("--json", action="store_true", help="以 JSON 输出")
    export.set_defaults(handler=run_export)
    verify = verbs.add_parser("verify", help="校验交换文件是否完整、是否由信任的单位签名")
    verify.add_argument(
        "file", type=Path, metavar="FILE", help="交换文件（.cppccx）或回执（.cppccr）"
    )
    verify.set_defaults(handler=run_verify)
    importing = verbs.add_parser("import", help="导入交换文件或回执")
    importing.add_argument(
        "file", type=Path, metavar="FILE", help="交换文件（.cppccx）或回执（.cppccr）"
    )
    importing.add_argument("--dry-run", action="store_true", help="只检查并报告结果，不写入")
    importing.add_argument("--json", action="store_true", help="以 JSON 输出摘要")
    importing.add_argument(
        "--skip-conflicts", action="store_true", help="有冲突记录时跳过它们，导入其余记录"
    )
    importing.add_argument("--receipt-dir", type=Path, metavar="DIR", help="回执写入的文件夹")
    importing.set_defaults(handler=run_import)
    status = verbs.add_parser("status", help="各往来单位的交换情况")
    status.add_argument("--json", action="store_true", help="以 JSON 输出")
    status.set_defaults(handler=run_status)
    summary = verbs.add_parser("summary", help="市级：各县（市、区）履职情况汇总")
    summary.add_argument("--year", type=year_argument, default=None, help="年度（默认今年）")
    summary.add_argument("--out", type=Path, metavar="FILE.xlsx", help="同时导出 Excel")
    summary.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_force_option(summary)
    summary.set_defaults(handler=run_summary)
    _extend_demo(subparsers)


def _extend_demo(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`demo --level city`: the city's demo brings three counties' files (app.demo is below
    this package, so the option is added here)."""
    demo = subparsers.choices.get("demo")
    if demo is None:
        return
    demo.add_argument(
        "--level",
        choices=["county", "city"],
        help="尚未设置单位时先设置一个演示单位；市级演示会导入三个县的交换文件",
    )
    # `--data-dir /tmp/demo demo --level county` in a scratch folder (README): it sets the
    # office up, as init does, so the folder may be new.
    demo.set_defaults(handler=run_demo, makes_data_folder=_sets_up_a_demo_office)


def _sets_up_a_demo_office(args: argparse.Namespace) -> bool:
    return args.level is not None


def run_card(args: argparse.Namespace, database: Database) -> int:
    # A script names FILE as it likes (`office card --out FILE`): the card is read by its
    # content; only the files-on-the-stick list goes by the .cppcccard ending.
    out = Path(args.out)
    target = output_path(out, out.suffix.lower(), args.force)
    card = cards.write_card(database, target)
    say(f"已导出单位名片：{target}")
    say(f"{card.name}（代码 {card.code}）指纹：{card.fingerprint}")
    if target.suffix.lower() != cards.CARD_SUFFIX:
        say(
            f"提示：文件名不以 {cards.CARD_SUFFIX} 结尾，"
            "“文件交换”页的U盘文件列表不会把它列为名片；“导入对方名片…”仍可选中它导入。"
        )
    return EXIT_OK


def run_trust(args: argparse.Namespace, database: Database) -> int:
    result = cards.trust_card(database, args.file, args.confirm)
    card = result.card
    if args.json:
        payload = {
            "name": card.name,
            "code": card.code,
            "level": card.level.value,
            "fingerprint": card.fingerprint,
            "status": result.status,
            "old_fingerprint": result.old_fingerprint,
        }
        say_json(payload)
        return EXIT_OK
    verb = {"new": "已信任", "same": "已信任（名片未变）", "replaced": "已更换密钥"}[result.status]
    say(f"{verb}：{card.name}（代码 {card.code}）")
    say(f"指纹：{card.fingerprint}")
    if result.status == "new":
        say("请与对方电话核对：双方屏幕上的指纹应完全一致。")
    return EXIT_OK


def run_export(args: argparse.Namespace, database: Database) -> int:
    # A missing DIR is made (removed again when the export is refused); below a stick's
    # mount root the export refuses it instead: the stick is not plugged in.
    with made_folder(Path(args.out)):
        result = export_file(database, args.to, args.out, full=args.full)
    if args.json:
        payload = {
            "file": str(result.path),
            "sequence": result.sequence,
            "base": result.base,
            "full": args.full,
            "tables": result.counts,
            "purged": result.purged,
            "attachments": result.attachments,
            "size": result.size_bytes,
            "sha256": result.file_sha256,
        }
        say_json(payload)
        return EXIT_OK
    say(f"已导出发往“{result.partner_name}”的第 {result.sequence} 号交换文件：{result.path}")
    say(
        f"  {result.total} 条记录（自第 {result.base} 号回执以来的变化）"
        if result.base
        else f"  {result.total} 条记录（全部）"
    )
    return EXIT_OK


def run_verify(args: argparse.Namespace, database: Database) -> int:
    try:
        found = verify_file(database, args.file)
    except FileRefused as exc:
        complain(f"错误：{exc.message}")
        return EXIT_FAILED
    what = "回执" if found.kind == "receipt" else f"第 {found.sequence} 号交换文件"
    say(
        f"完好：{found.sender_name}（{found.sender_code}）发给{found.recipient_name}的{what}，签名有效。"
    )
    if found.records is not None:
        say(f"  内容已解密核对：{found.records} 条记录。")
    return EXIT_OK


def run_import(args: argparse.Namespace, database: Database) -> int:
    try:
        result = import_file(
            database,
            args.file,
            dry_run=args.dry_run,
            skip_conflicts=args.skip_conflicts,
            receipt_dir=args.receipt_dir,
        )
    except FileRefused as exc:
        result = ImportResult.refused_early(args.file.name, exc)
    if args.json:
        say_json(result.to_json())
    else:
        _print_summary(result)
    if result.refused is not None:
        complain(f"错误：{result.refused.message}")
    return EXIT_OK if result.ok else EXIT_FAILED


def _print_summary(result: ImportResult) -> None:
    if not result.kind:
        return  # refused before it was read: the message says why
    if result.note:
        say(result.note)
    if result.kind == "receipt":
        say(result.receipt_text)
        return
    head = {"applied": "导入完成", "dry_run": "试运行（未写入）", "refused": "未导入"}[
        result.result
    ]
    say(f"{head}：{result.file_name}（{result.sender_name} 第 {result.sequence} 号）")
    totals = result.totals()
    say(
        f"  新增 {totals['new']}，更新 {totals['changed']}，"
        f"未变 {totals['unchanged']}，冲突 {totals['conflicts']}"
    )
    if not result.counts:
        return
    say("  表\t新增\t更新\t未变\t冲突")
    for table, row in result.counts.items():
        say(
            f"  {table_label(table)}\t{row['new']}\t{row['changed']}"
            f"\t{row['unchanged']}\t{row['conflicts']}"
        )
    for item in result.details:
        if item.category == "conflicts":
            say(f"  冲突：{item.reference}：{item.reason}")
    if result.receipt_path is not None:
        say(f"回执已放在：{result.receipt_path}（请带回给对方导入）")
    elif result.receipt_error:
        say(f"回执未能写到文件旁：{result.receipt_error}")


def run_demo(args: argparse.Namespace, database: Database) -> int:
    added = demo_city.load_demo_at_level(database, args.level, force=args.force)
    say("已加入演示数据：" + "，".join(f"{k} {v} 条" for k, v in added.items()) + "。")
    return EXIT_OK


def run_summary(args: argparse.Namespace, database: Database) -> int:
    if args.out is not None:
        output_path(args.out, ".xlsx", args.force)
    view = city_view(database, args.year or date.today().year)
    # The file first: a failure (a full disk) is then the only thing said.
    written = write_city_workbook(view, args.out) if args.out is not None else None
    if args.json:
        say_json([_county_json(c) for c in view.counties])
    else:
        for c in view.counties:
            latest = f"{c.latest_file:%Y-%m-%d}" if c.latest_file else "尚未收到"
            say(
                f"{c.name}（{c.code}）最新文件 {latest}；五个一达标 {c.all_met}/{c.checked}"
                f"（{c.compliance}）；提案 {c.proposals} 件，立案 {c.accepted} 件；"
                f"联接议题 {c.topics_linked} 个，自选议题 {c.topics_own} 个，"
                f"协商成果 {c.outcomes} 项"
            )
    if written is not None:
        (complain if args.json else say)(f"已导出：{written}")
    return EXIT_OK


def _county_json(c: CountyFigures) -> dict[str, object]:
    return {
        "name": c.name,
        "code": c.code,
        "latest_file": c.latest_file.isoformat() if c.latest_file else None,
        "five_ones": {"checked": c.checked, "all_met": c.all_met},
        "proposals": {
            "received": c.proposals,
            "accepted": c.accepted,
            "rejected": c.rejected,
            "pending": c.pending,
            "results": c.results,
        },
        "topics": {"linked": c.topics_linked, "own": c.topics_own, "held": c.topics_held},
        "outcomes": {"count": c.outcomes, "instructed": c.instructed, "follow_ups": c.follow_ups},
    }


def run_status(args: argparse.Namespace, database: Database) -> int:
    rows = exchange_status(database)
    if args.json:
        say_json([r.to_json() for r in rows])
        return EXIT_OK
    for r in rows:
        say(
            f"{r.name}（{r.code}）指纹 {r.fingerprint}：已发到第 {r.last_sent or 0} 号，"
            f"对方确认到第 {r.acked} 号；已收到第 {r.applied} 号。"
        )
    return EXIT_OK
