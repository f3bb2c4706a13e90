"""`cppcc-desk proposals …`: import, export, list and the duplicate check for scripts,
and the outputs a clerk may want without the window (overdue list, statistics,
publication files, reading a folder of Word files).

The verbs import/export/list/similar and their JSON keys are a contract (issue 10).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.common.console import (
    complain,
    filled_argument,
    office_code_argument,
    say,
    say_json,
    year_argument,
)
from app.common.documents import add_force_option, output_folder, output_path, refuse_existing
from app.common.sheets.problem_groups import TABLE_HEADING, group_problems, table_lines
from app.common.storage import Database
from app.proposals.duplicates.similar import similar_proposals
from app.proposals.handling.handling import due_lists
from app.proposals.intake.history_import import import_history
from app.proposals.intake.word_intake import read_word_folder
from app.proposals.outputs.publication import (
    publication,
    write_catalogue_docx,
    write_publication_xlsx,
    write_results_docx,
    write_units_docx,
)
from app.proposals.outputs.register_export import export_register
from app.proposals.outputs.statistics import proposal_statistics, write_statistics_xlsx
from app.proposals.queries import ProposalFilter, list_proposals

EXIT_OK, EXIT_FAILED = 0, 1


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands."""
    proposals = subparsers.add_parser("proposals", help="提案：导入、导出、列表、查重、统计")
    actions = proposals.add_subparsers(dest="proposals_action", metavar="ACTION", required=True)

    importing = actions.add_parser(
        "import",
        help="从 .xlsx 导入历年提案：先检查每一行，有任何错误则一件也不导入",
        description=(
            "列：年度、提案号、案由、提案人、联名人、类别、提交日期、内容、承办单位、办理结果"
            "（可用常见的其他列名）。年度和提案号相同的提案视为同一件，重复导入不会增加。"
            "不是委员的提案人（党派团体、界别、原委员）按文字保存，并列为提示。"
        ),
    )
    importing.add_argument("file", type=Path, metavar="FILE.xlsx", help="要导入的表格")
    importing.add_argument("--dry-run", action="store_true", help="只检查并报告结果，不写入")
    importing.set_defaults(handler=run_import)

    exporting = actions.add_parser("export", help="导出提案（可再导入的列）到 .xlsx")
    exporting.add_argument("file", type=Path, metavar="FILE.xlsx", help="要保存的文件")
    exporting.add_argument("--year", type=year_argument, help="只导出该年度")
    add_force_option(exporting)
    exporting.set_defaults(handler=run_export)

    listing = actions.add_parser("list", help="列出提案")
    listing.add_argument("--year", type=year_argument, help="只列出该年度")
    listing.add_argument(
        "--office", metavar="CODE", type=office_code_argument, help="市级：列出该县（市、区）的提案"
    )
    listing.add_argument("--json", action="store_true", help="以 JSON 输出（供脚本使用）")
    listing.set_defaults(handler=run_list)

    similar = actions.add_parser("similar", help="查重：列出与给定案由（和内容）相似的历年提案")
    similar.add_argument("--title", required=True, type=filled_argument, help="案由")
    similar.add_argument("--body", default="", help="提案内容")
    similar.add_argument("--limit", type=int, default=10, help="最多列出几件（默认10）")
    similar.add_argument("--json", action="store_true", help="以 JSON 输出（供脚本使用）")
    similar.set_defaults(handler=run_similar)

    overdue = actions.add_parser("overdue", help="逾期和即将到期未答复的提案")
    overdue.add_argument("--json", action="store_true", help="以 JSON 输出")
    overdue.set_defaults(handler=run_overdue)

    stats = actions.add_parser("stats", help="年度提案统计")
    stats.add_argument("--year", type=year_argument, required=True, help="统计年度")
    stats.add_argument("--out", type=Path, metavar="FILE.xlsx", help="同时导出统计表")
    add_force_option(stats)
    stats.set_defaults(handler=run_stats)

    publish = actions.add_parser(
        "publish",
        help="生成公开材料：立案目录、承办单位、办理结果（Word 和 Excel，不含不公开的提案）",
    )
    publish.add_argument("--year", type=year_argument, required=True, help="公开哪一年度的提案")
    publish.add_argument(
        "--out-dir", type=Path, required=True, metavar="DIR", help="保存的文件夹（没有时新建）"
    )
    add_force_option(publish)
    publish.set_defaults(handler=run_publish)

    word = actions.add_parser(
        "word", help="读取一个文件夹中的提案 Word 文件，列出识别结果（不写入）"
    )
    word.add_argument("folder", type=Path, metavar="FOLDER", help="存放提案 Word 文件的文件夹")
    word.set_defaults(handler=run_word)


def run_import(args: argparse.Namespace, database: Database) -> int:
    result = import_history(database, args.file, dry_run=args.dry_run)
    for note in result.notes:
        say(f"注意：{note}")
    if not result.ok:
        say(TABLE_HEADING)
        for line in table_lines(group_problems(result.errors)):
            say(line)
        complain(
            f"错误：“{args.file.name}”中有 {result.error_rows} 行有错误"
            f"（共 {len(result.errors)} 处），未导入任何提案。请在表格中改正后重新导入。"
        )
        return EXIT_FAILED
    say(("检查通过（试运行，未写入）：" if result.dry_run else "导入完成：") + args.file.name)
    for line in result.summary_lines():
        say(f"  {line}")
    if result.backup is not None:
        say(f"导入前的数据库已备份到：{result.backup}")
    if result.warnings:
        say("提示（工作表 / 行 / 列 / 说明）：")
        for line in table_lines(group_problems(result.warnings)):
            say(line)
    return EXIT_OK


def run_export(args: argparse.Namespace, database: Database) -> int:
    result = export_register(database, output_path(args.file, ".xlsx", args.force), args.year)
    say(f"已导出 {result.proposals} 件提案到：{result.path}")
    return EXIT_OK


def run_list(args: argparse.Namespace, database: Database) -> int:
    rows = list_proposals(database, ProposalFilter(year=args.year, office_code=args.office))
    if args.json:
        say_json(
            [
                {
                    "number": r.number,
                    "year": r.year,
                    "title": r.title,
                    "proposer": r.proposer,
                    "state": r.state.value,
                    "units": [u.split("（")[0] for u in r.units],
                    "result": r.result,
                }
                for r in rows
            ],
        )
        return EXIT_OK
    for r in rows:
        say(f"{r.number}\t{r.title}\t{r.proposer}\t{r.stage}\t{'、'.join(r.units)}\t{r.result}")
    say(f"共 {len(rows)} 件。")
    return EXIT_OK


def run_similar(args: argparse.Namespace, database: Database) -> int:
    found = similar_proposals(database, args.title, args.body, limit=args.limit)
    if args.json:
        say_json(
            [
                {
                    "number": f.number,
                    "year": f.year,
                    "title": f.title,
                    "score": f.score,
                    "likely_duplicate": f.likely_duplicate,
                }
                for f in found
            ],
        )
        return EXIT_OK
    if not found:
        say("没有找到相似的提案。")
    for f in found:
        flag = "【可能重复】" if f.likely_duplicate else ""
        say(f"{f.score:.2f}\t{f.year}年\t{f.number}\t{f.title}\t{f.result or f.stage}{flag}")
    return EXIT_OK


def run_overdue(args: argparse.Namespace, database: Database) -> int:
    lists = due_lists(database)
    items = [("逾期", i) for i in lists.overdue] + [("即将到期", i) for i in lists.due_soon]
    if args.json:
        say_json(
            [
                {
                    "number": i.number,
                    "year": i.year,
                    "title": i.title,
                    "unit": i.unit_name,
                    "due": i.due.isoformat(),
                    "days_left": i.days_left,
                }
                for _, i in items
            ],
        )
        return EXIT_OK
    for what, i in items:
        say(f"{what}\t{i.number}\t{i.title}\t{i.unit_name}（{i.role_label}）\t期限{i.due:%Y-%m-%d}")
    say(f"逾期 {len(lists.overdue)} 件次，即将到期 {len(lists.due_soon)} 件次。")
    return EXIT_OK


def run_stats(args: argparse.Namespace, database: Database) -> int:
    if args.out:  # checked before any work, like every file a command writes
        output_path(args.out, ".xlsx", args.force)
    stats = proposal_statistics(database, args.year)
    # The file first: a failure (a full disk) is then the only thing said.
    written = write_statistics_xlsx(stats, args.out) if args.out else None
    say(stats.summary)
    for title, counts in (("按提出方式", stats.by_kind), ("按类别", stats.by_category)):
        say(f"{title}：" + "，".join(f"{c.label} {c.count}" for c in counts))
    say("按办理结果：" + "，".join(f"{c.label}类 {c.count}" for c in stats.by_result))
    if written is not None:
        say(f"统计表已保存：{written}")
    return EXIT_OK


def run_publish(args: argparse.Namespace, database: Database) -> int:
    folder = output_folder(args.out_dir, create=True)
    names = ("立案提案目录.docx", "提案承办单位.docx", "提案办理结果.docx", "提案公开材料.xlsx")
    catalogue, units, results, sheet = (folder / f"{args.year}年{name}" for name in names)
    refuse_existing([catalogue, units, results, sheet], args.force)
    pub = publication(database, args.year)
    today = date.today()
    written = [
        write_catalogue_docx(pub, catalogue, today),
        write_units_docx(pub, units, today),
        write_results_docx(pub, results, today),
        write_publication_xlsx(pub, sheet),
    ]
    for path in written:
        say(f"已保存：{path}")
    if pub.left_out:
        say(f"有 {pub.left_out} 件立案提案标记为不公开，未列入。")
    return EXIT_OK


def run_word(args: argparse.Namespace, database: Database) -> int:
    batch = read_word_folder(args.folder)
    for draft in batch.drafts:
        signers = "、".join((draft.proposer, *draft.co_signers))
        notes = f"（{'；'.join(draft.notes)}）" if draft.notes else ""
        say(f"{draft.file_name}\t{draft.title}\t{signers}\t{draft.category}{notes}")
    for failed in batch.failed:
        say(f"无法读取\t{failed.path.name}\t{failed.reason}")
    say(batch.summary + "。请在图形界面中逐件核对后登记。")
    return EXIT_OK
