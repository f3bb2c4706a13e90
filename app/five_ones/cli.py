"""`cppcc-desk five-ones --year 2025 [--out FILE.xlsx] [--json] [--notice [FILE.docx]]
[--member-files [FILE.docx]] [--force] [--notice-… options]`: the year's five-ones check
and its forms.

With --json, stdout holds only the JSON array; other messages (the files written, the
warnings the summary shows) go to stderr. An
existing file is replaced only with --force; every file is checked before any is
written. The 通报 takes what the clerk last set in the GUI, overridden by the
--notice-… options (which are not remembered).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path

from app.common.console import complain, office_code_argument, say, say_json, year_argument
from app.common.documents import add_force_option, output_path
from app.common.storage import Database
from app.five_ones.check import Criterion, FiveOnesReport, MemberResult, check_five_ones
from app.five_ones.member_file_doc import member_files_name, write_member_files
from app.five_ones.notice import notice_name, write_five_ones_notice
from app.five_ones.notice_options import (
    Attachment,
    NoticeOptions,
    clean_options,
    load_notice_options,
    split_copy_to,
)
from app.five_ones.workbook import write_five_ones_workbook


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands."""
    parser = subparsers.add_parser(
        "five-ones",
        help="委员履职“五个一”年度考核",
        description=(
            "按“五个一”要求考核委员一年的履职情况：参加全体会议、提交提案、报送社情民意、"
            "参加政协活动、本届以来大会发言或调研视察报告。考核规则在图形界面中设置。"
        ),
    )
    parser.add_argument("--year", type=year_argument, default=None, help="考核年度（默认今年）")
    parser.add_argument(
        "--office", metavar="CODE", type=office_code_argument, help="市级：考核该县（市、区）的委员"
    )
    parser.add_argument("--out", type=Path, metavar="FILE.xlsx", help="导出年度履职考核表")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出每位委员的结果")
    # FILE may be left out (`--notice --member-files`, as the issues write them): the
    # window's own file names, in the current folder.
    parser.add_argument(
        "--notice",
        type=Path,
        nargs="?",
        const=NAMED_BY_YEAR,
        metavar="FILE.docx",
        help=f"生成通报（Word）；不写文件名时存为当前文件夹中的“{notice_name('YYYY')}”",
    )
    parser.add_argument(
        "--member-files",
        type=Path,
        nargs="?",
        const=NAMED_BY_YEAR,
        metavar="FILE.docx",
        help=f"生成全部委员的履职档案（Word）；不写文件名时存为“{member_files_name('YYYY')}”",
    )
    add_force_option(parser)
    notice = parser.add_argument_group(
        "通报的设置", "不给出时沿用图形界面中上次的设置；在此给出的不会被记住"
    )
    notice.add_argument(
        "--notice-issuer", metavar="TEXT", help="发文机关署名（默认：本单位办公室）"
    )
    notice.add_argument(
        "--notice-mark", metavar="TEXT", help="发文机关标志（默认：发文机关加“文件”）"
    )
    notice.add_argument(
        "--notice-number", metavar="TEXT", help="发文字号，如 示政协办发〔2025〕3号"
    )
    notice.add_argument(
        "--notice-date", type=_day, metavar="YYYY-MM-DD", help="成文日期和印发日期（默认：今天）"
    )
    notice.add_argument("--notice-copy-to", metavar="TEXT", help="抄送机关，用顿号分隔")
    notice.add_argument("--notice-printer", metavar="TEXT", help="印发机关（默认：发文机关）")
    notice.add_argument(
        "--notice-attachment",
        choices=[a.value for a in Attachment],
        help="考核表作为附件：appended 附在通报之后，named 只列名称，none 不列",
    )
    parser.set_defaults(handler=run_five_ones)


# --notice or --member-files given without a file name (argparse would pass a str const
# through type=Path; this very object is told apart by identity).
NAMED_BY_YEAR = Path("按年度命名.docx")


def _named_files(args: argparse.Namespace, year: int) -> None:
    """A bare --notice or --member-files: the name the window offers for that year."""
    if args.notice is NAMED_BY_YEAR:
        args.notice = Path(notice_name(year))
    if args.member_files is NAMED_BY_YEAR:
        args.member_files = Path(member_files_name(year))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，应写成 2025-01-15") from None


def run_five_ones(args: argparse.Namespace, database: Database) -> int:
    year = args.year if args.year is not None else date.today().year
    _named_files(args, year)
    for path, suffix in ((args.out, ".xlsx"), (args.notice, ".docx"), (args.member_files, ".docx")):
        if path is not None:
            output_path(path, suffix, args.force)
    options = _notice_options(args, database) if args.notice is not None else None
    report = check_five_ones(database, year, office_code=args.office)
    # The files first: when one cannot be written (a full disk), the command fails with
    # that message alone, not after a table or JSON a script would take for the result.
    done = []
    if args.out is not None:
        done.append(f"已导出考核表：{write_five_ones_workbook(report, args.out)}")
    if args.notice is not None:
        done.append(f"已生成通报：{write_five_ones_notice(report, args.notice, options)}")
    if args.member_files is not None:
        written = write_member_files(database, args.member_files, year, report=report)
        done.append(f"已生成履职档案（{len(report.members)} 人）：{written}")
    if args.json:
        say_json(report_as_json(report))
        for warning in report.warnings:  # why a criterion is met by nobody: for the reader
            complain(f"注意：{warning}")
    else:
        _print_summary(report)
    for line in done:
        (complain if args.json else say)(line)
    return 0


def _notice_options(args: argparse.Namespace, database: Database) -> NoticeOptions:
    options = load_notice_options(database)
    given = {
        "issuer": args.notice_issuer,
        "organ_mark": args.notice_mark,
        "number": args.notice_number,
        "issued_on": args.notice_date,
        "printer": args.notice_printer,
    }
    options = replace(options, **{k: v for k, v in given.items() if v is not None})
    if args.notice_copy_to is not None:
        options = replace(options, copy_to=split_copy_to(args.notice_copy_to))
    if args.notice_attachment is not None:
        options = replace(options, attachment=Attachment(args.notice_attachment))
    return clean_options(options)


def report_as_json(report: FiveOnesReport) -> list[dict[str, object]]:
    return [member_as_json(member) for member in report.members]


def member_as_json(member: MemberResult) -> dict[str, object]:
    return {
        "member": member.name,
        "criteria": {
            criterion.value: {
                "count": member.result(criterion).count,
                "met": member.result(criterion).met,
                "applicable": member.result(criterion).applicable,
            }
            for criterion in Criterion
        },
        "all_met": member.all_met,
    }


def _print_summary(report: FiveOnesReport) -> None:
    say(f"{report.office_name} {report.term_text} {report.year}年度“五个一”考核")
    say(f"考核规则：{report.rules.text}")
    say(report.summary.line + "。")
    left = report.summary.left_before_year
    if left:
        say(f"另有 {left} 名本届委员在{report.year}年之前已离任，未参加考核。")
    for warning in report.warnings:
        say(f"注意：{warning}")
    short = [m for m in report.members if not m.all_met]
    if short:
        say(f"未全部达到的委员 {len(short)} 人：")
        for member in short:
            missed = "、".join(c.label for c in member.shortfalls)
            note = f"（{member.notes}）" if member.notes else ""
            say(f"  {member.name}：未达到 {missed}{note}")
