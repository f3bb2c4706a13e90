"""`cppcc-desk members import|export|template`: the roster as the office keeps it in Excel."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.common.console import complain, office_code_argument, say
from app.common.documents import add_force_option, add_output_file, output_path
from app.common.jobs import ProgressTracker
from app.common.sheets.problem_groups import TABLE_HEADING, group_problems, table_lines
from app.common.storage import Database
from app.members.roster_export import TEMPLATE_NAME, export_roster, write_roster_template
from app.members.roster_import import RosterImportPlan, apply_roster_import, plan_roster_import

EXIT_OK, EXIT_FAILED = 0, 1
HIDDEN_HINT = "（或在命令后加 --include-hidden-sheets 一并导入）"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands."""
    members = subparsers.add_parser("members", help="委员名单：从 Excel 导入、导出、保存空白模板")
    actions = members.add_subparsers(dest="members_action", metavar="ACTION", required=True)

    importing = actions.add_parser(
        "import",
        help="从名单表格（.xlsx、.xls 或 .ods）导入本届委员：先检查每一行，有错误则一个也不导入",
    )
    importing.add_argument("file", metavar="FILE", help="名单文件（.xlsx、.xls 或 .ods）")
    importing.add_argument("--dry-run", action="store_true", help="只检查并报告结果，不写入")
    importing.add_argument(
        "--update", action="store_true", help="按身份证号码更新已有委员（空单元格不清除原有内容）"
    )
    importing.add_argument(
        "--include-hidden-sheets",
        action="store_true",
        help="隐藏的工作表中的名单也一并导入（默认不导入，只提示）",
    )
    importing.set_defaults(handler=run_import)

    exporting = actions.add_parser(
        "export", help="导出本届委员名单（含完整身份证号码和电话，属个人信息，请妥善保管）"
    )
    exporting.add_argument("file", metavar="FILE.xlsx", help="要保存的文件")
    exporting.add_argument(
        "--office", metavar="CODE", type=office_code_argument, help="市级：导出该县（市、区）的名单"
    )
    add_force_option(exporting)
    exporting.set_defaults(handler=run_export)

    template = actions.add_parser("template", help="保存空白名单模板（表头和一行示例）")
    add_output_file(template, TEMPLATE_NAME)
    template.set_defaults(handler=run_template)


def run_import(args: argparse.Namespace, database: Database) -> int:
    plan = plan_roster_import(
        database,
        Path(args.file),
        update=args.update,
        include_hidden_sheets=args.include_hidden_sheets,
    )
    _describe(plan)
    if not plan.ok:
        _report_errors(plan)
        complain(
            f"错误：名单中有 {plan.error_rows} 行有错误（共 {len(plan.errors)} 处），"
            "未导入任何委员。请按上面的清单修改表格后重新导入。"
        )
        return EXIT_FAILED
    if args.dry_run:
        say("仅检查（--dry-run），未写入任何数据。")
        return EXIT_OK
    summary = apply_roster_import(database, plan, ProgressTracker())
    say(summary.text)
    if summary.backup is not None:
        say(f"导入前的数据库已备份到：{summary.backup}")
    return EXIT_OK


def run_export(args: argparse.Namespace, database: Database) -> int:
    path = _new_file(args)
    result = export_roster(database, path, args.office)
    say(f"已导出 {result.members} 位委员到：{result.path}")
    say("注意：该文件含完整的身份证号码和联系电话，属个人信息，请妥善保管，用毕删除。")
    return EXIT_OK


def run_template(args: argparse.Namespace, database: Database) -> int:
    path = write_roster_template(_new_file(args))
    say(f"已保存空白名单模板：{path}")
    return EXIT_OK


def _new_file(args: argparse.Namespace) -> Path:
    return output_path(Path(args.file), ".xlsx", args.force)


def _describe(plan: RosterImportPlan) -> None:
    say(f"名单：{plan.path.name}（导入到{plan.term_text}）")
    if plan.skipped_sheets:
        say(f"未找到表头、已跳过的工作表：{'、'.join(plan.skipped_sheets)}")
    for warning in plan.warnings:
        say(f"注意：{warning}{HIDDEN_HINT if '本次未导入' in warning else ''}")
    mode = "（更新模式：按身份证号码更新已有委员）" if plan.update else ""
    say(f"检查结果{mode}：{plan.counts_text}")


def _report_errors(plan: RosterImportPlan) -> None:
    say(TABLE_HEADING)
    for line in table_lines(group_problems(plan.errors)):
        say(line)
    if plan.unknown:
        say(
            "名录中还没有的值（可在“系统设置 → 基础名录”中添加；如是已有条目的另一种写法，"
            "把它加为该条目的别名。也可在导入向导中逐个选择）："
        )
        for unknown in plan.unknown:
            near = f"；与“{'”“'.join(unknown.near)}”相近" if unknown.near else ""
            say(f"  {unknown.kind_label}：{unknown.value}（{unknown.rows} 行{near}）")
