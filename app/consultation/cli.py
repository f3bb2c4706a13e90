"""`cppcc-desk meetings list [--year Y] [--json]`, `meetings show ID [--json]` and
`cppcc-desk print meeting ID [--out DIR]`.

A meeting's id is its UUID (as `meetings list` gives it); `show` and `print`
also take its first 8 or more characters when they name one meeting. In the
JSON, "kind" is the Chinese name (全体会议, 协商会 …) and an attendee's
"status" is 出席 / 请假 / 缺席, or null for an invited guest. With --json,
stdout holds only the JSON.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.common.console import complain, say, say_json, year_argument
from app.common.documents import (
    add_force_option,
    made_folder,
    output_folder,
    refuse_existing,
)
from app.common.storage import Database
from app.consultation.meetings.meetings import (
    MeetingDetail,
    find_meeting_uuid,
    get_meeting,
    list_meetings,
)
from app.consultation.printouts.meeting_docs import material_paths, write_meeting_materials
from app.records.activities import ActivityRow


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands."""
    meetings = subparsers.add_parser("meetings", help="会议活动（含协商会议）")
    actions = meetings.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="列出会议活动（最新的在前）")
    listing.add_argument("--year", type=year_argument, default=None, help="只列出该年度的会议活动")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help="显示一次会议及其参会人员")
    show.add_argument("id", metavar="ID", help="会议编号（meetings list 列出的 id）")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=run_show)

    printing = subparsers.add_parser("print", help="生成会议材料（Word）")
    what = printing.add_subparsers(dest="print_command", metavar="WHAT", required=True)
    meeting = what.add_parser(
        "meeting",
        help="生成一次会议的通知、议程、签到表、座签、参会人员名单和纪要",
        description="在指定文件夹中生成六个 Word 文件，文件名注明日期、会议名称和材料种类。",
    )
    meeting.add_argument("id", metavar="ID", help="会议编号（meetings list 列出的 id）")
    meeting.add_argument(
        "--out",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="输出文件夹（默认当前文件夹；没有时新建）",
    )
    add_force_option(meeting)
    meeting.set_defaults(handler=run_print_meeting)


def run_list(args: argparse.Namespace, database: Database) -> int:
    rows = list_meetings(database, args.year)
    if args.json:
        say_json([row_as_json(r) for r in rows])
        return 0
    if not rows:
        say("没有会议活动记录。")
    for row in rows:
        say(f"{row.held_on:%Y-%m-%d}  {row.kind_label:<6}  {row.title}  [{row.uuid}]")
    return 0


def run_show(args: argparse.Namespace, database: Database) -> int:
    detail = get_meeting(database, find_meeting_uuid(database, args.id))
    if args.json:
        say_json(detail_as_json(detail))
        return 0
    form = detail.form
    assert form.held_on is not None
    say(f"{form.title}（{detail.kind_label}）")
    say(f"日期：{form.held_on:%Y-%m-%d} {form.time_text}".rstrip())
    if form.venue:
        say(f"地点：{form.venue}")
    for attendee in detail.attendees:
        say(f"  {attendee.name}  {attendee.status_label}")
    for guest in form.guests:
        say(f"  {guest.name}  列席（{guest.unit_title or guest.kind_label}）")
    return 0


def run_print_meeting(args: argparse.Namespace, database: Database) -> int:
    uuid = find_meeting_uuid(database, args.id)
    # A script's fresh folder (`--out 会议材料/20251216`) is made, and removed again when
    # nothing could be written; below a stick's mount root it is a stick not plugged in.
    with made_folder(args.out):
        folder = output_folder(args.out)
        refuse_existing(material_paths(database, uuid, folder), args.force)
        written = write_meeting_materials(database, uuid, folder)
    for path in written:
        complain(f"已生成：{path}")
    return 0


def row_as_json(row: ActivityRow) -> dict[str, object]:
    return {
        "id": row.uuid,
        "date": row.held_on.isoformat(),
        "kind": row.kind_label,
        "title": row.title,
    }


def detail_as_json(detail: MeetingDetail) -> dict[str, object]:
    form = detail.form
    assert form.held_on is not None
    attendees: list[dict[str, object]] = [
        {"name": a.name, "status": a.status_label} for a in detail.attendees
    ]
    attendees += [{"name": g.name, "status": None} for g in form.guests]
    return {
        "id": detail.uuid,
        "date": form.held_on.isoformat(),
        "kind": detail.kind_label,
        "title": form.title,
        "venue": form.venue,
        "attendees": attendees,
    }
