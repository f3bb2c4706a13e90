"""`cppcc-desk records import FILE [--dry-run] [--include-hidden-sheets]`: duty records
from a spreadsheet (.xlsx, .xls or .ods); `records template FILE`: its blank template."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.common.console import complain, say
from app.common.documents import add_output_file, output_path
from app.common.sheets.problem_groups import TABLE_HEADING, group_problems, table_lines
from app.common.storage import Database
from app.records.records_import import RecordsImportResult, import_records
from app.records.records_template import TEMPLATE_NAME, write_records_template


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands."""
    records = subparsers.add_parser(
        "records", help="履职记录（出席、社情民意、大会发言、调研视察报告）"
    )
    actions = records.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    importer = actions.add_parser(
        "import",
        help="从表格（.xlsx、.xls 或 .ods）导入履职记录",
        description=(
            "列：姓名、身份证号码（可选，用于区分同名委员）、日期、类别、名称、情况。"
            "类别为全体会议、常委会会议、协商会、视察、调研、培训、委员活动、其他、社情民意、"
            "大会发言或调研视察报告；会议活动的情况填出席、请假或缺席，社情民意填采用、批示或留空。"
            "类别、名称、日期相同的行是同一条记录。任何一行有误则全部不导入。"
        ),
    )
    importer.add_argument(
        "file", type=Path, metavar="FILE", help="要导入的表格（.xlsx、.xls 或 .ods）"
    )
    importer.add_argument("--dry-run", action="store_true", help="只检查并显示将导入的数量，不写入")
    importer.add_argument(
        "--include-hidden-sheets",
        action="store_true",
        help="隐藏的工作表中的记录也一并导入（默认不导入，只提示）",
    )
    importer.set_defaults(handler=run_import)

    template = actions.add_parser(
        "template",
        help="保存空白的履职记录模板（表头、下拉列表和填写说明），按模板填写后导入",
    )
    add_output_file(template, TEMPLATE_NAME)
    template.set_defaults(handler=run_template)


def run_template(args: argparse.Namespace, database: Database) -> int:
    path = write_records_template(output_path(Path(args.file), ".xlsx", args.force))
    say(f"已保存空白履职记录模板：{path}")
    return 0


def run_import(args: argparse.Namespace, database: Database) -> int:
    result = import_records(
        database, args.file, dry_run=args.dry_run, include_hidden_sheets=args.include_hidden_sheets
    )
    hint = any("本次未导入" in warning for warning in result.warnings)
    if not result.ok:
        for warning in result.warnings:
            say(f"注意：{warning}")
        say(TABLE_HEADING)
        for line in table_lines(group_problems(result.errors)):
            say(line)
        _say_notes(result)
        complain(
            f"错误：“{args.file.name}”中有 {len(result.errors)} 处错误（见上），"
            "未导入任何记录。请在表格中改正后重新导入。"
        )
        return 1
    say(("检查通过（试运行，未写入）：" if result.dry_run else "导入完成：") + args.file.name)
    for line in result.summary_lines():
        say(f"  {line}")
    if hint:
        say("  （隐藏的工作表也要导入的，可在命令后加 --include-hidden-sheets）")
    if result.backup is not None:
        say(f"导入前的数据库已备份到：{result.backup}")
    elif not result.changed and not result.dry_run:
        say("没有新的记录，未作改动（也未备份）。")
    _say_notes(result)
    return 0


def _say_notes(result: RecordsImportResult) -> None:
    """Rows worth a look that did not stop the import (a member who had left)."""
    if result.row_warnings:
        say("提示（不影响导入，请核对；工作表 / 行 / 列 / 说明）：")
        for line in table_lines(group_problems(result.row_warnings)):
            say(line)
