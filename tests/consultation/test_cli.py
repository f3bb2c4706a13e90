"""`cppcc-desk meetings list|show` and `cppcc-desk print meeting`: JSON keys, files, bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.common.paths import location_for
from app.common.storage import open_database
from app.consultation.meetings import meetings
from app.consultation.meetings.meetings import Guest, MeetingForm
from app.members.member_files import MemberForm, add_member
from app.records.labels import ActivityKind, AttendanceStatus
from tests.command_line import INIT, run

pytestmark = pytest.mark.usefixtures("clean_logging")


@pytest.fixture
def office(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    assert run(capsys, data_dir, *INIT)[0] == 0
    database = open_database(location_for(str(data_dir)))
    try:
        member = add_member(database, MemberForm(name="张建国", sector="经济界"))
        absent = add_member(database, MemberForm(name="李秀英", sector="教育界"))
        meetings.add_meeting(
            database,
            MeetingForm(
                kind=ActivityKind.CONSULTATION,
                title="城区停车难问题季度协商座谈会",
                held_on=date(2026, 3, 18),
                venue="县政协三楼会议室",
                guests=(Guest("孙丽娟", "副县长"),),
            ),
            {member: AttendanceStatus.PRESENT, absent: AttendanceStatus.ABSENT},
        )
        meetings.add_meeting(
            database,
            MeetingForm(
                kind=ActivityKind.TRAINING, title="委员履职能力培训班", held_on=date(2025, 9, 1)
            ),
        )
    finally:
        database.close()
    return data_dir


def test_list_then_show_what_it_lists(capsys: pytest.CaptureFixture[str], office: Path) -> None:
    code, out, err = run(capsys, office, "meetings", "list", "--json")
    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert [set(m) for m in listed] == [{"id", "date", "kind", "title"}] * 2
    assert [(m["date"], m["kind"], m["title"]) for m in listed] == [
        ("2026-03-18", "协商会", "城区停车难问题季度协商座谈会"),
        ("2025-09-01", "培训", "委员履职能力培训班"),
    ]
    code, out, _ = run(capsys, office, "meetings", "list", "--year", "2025", "--json")
    assert [m["title"] for m in json.loads(out)] == ["委员履职能力培训班"]

    code, out, err = run(capsys, office, "meetings", "show", listed[0]["id"], "--json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert set(shown) == {"id", "date", "kind", "title", "venue", "attendees"}
    assert (shown["id"], shown["venue"]) == (listed[0]["id"], "县政协三楼会议室")
    assert shown["attendees"] == [  # 以姓氏笔画为序: 李 (横) before 张 (横折), guests last
        {"name": "李秀英", "status": "缺席"},
        {"name": "张建国", "status": "出席"},
        {"name": "孙丽娟", "status": None},
    ]


def test_print_meeting_writes_the_six_files(
    capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path
) -> None:
    _, out, _ = run(capsys, office, "meetings", "list", "--json")
    meeting_id = json.loads(out)[1]["id"]  # the training: nobody on its list
    folder = tmp_path / "材料"
    folder.mkdir()
    code, out, err = run(capsys, office, "print", "meeting", meeting_id, "--out", str(folder))
    assert (code, out) == (0, "")
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 6
    for word in ("通知", "议程", "签到表", "座签", "名单", "纪要"):
        assert sum(word in n for n in names) == 1, word
    assert all(n.startswith("20250901委员履职能力培训班-") and n.endswith(".docx") for n in names)
    assert err.count("已生成") == 6
    # Again: nothing replaced without --force, and all six named before any is written.
    notice = next(p for p in folder.iterdir() if "通知" in p.name)
    notice.write_bytes(b"the clerk's edited copy")
    code, out, err = run(capsys, office, "print", "meeting", meeting_id, "--out", str(folder))
    assert code == 1 and "已存在，未覆盖" in err and "--force" in err
    assert notice.read_bytes() == b"the clerk's edited copy"
    code, out, err = run(
        capsys, office, "print", "meeting", meeting_id, "--out", str(folder), "--force"
    )
    assert code == 0 and notice.read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (("meetings", "show", "nope"), "不是会议编号"),
        (("meetings", "show", "00000000-0000-0000-0000-000000000000"), "没有编号"),
        (("print", "meeting", "00000000"), "没有编号"),
    ],
)
def test_a_bad_id_is_one_clear_message(
    capsys: pytest.CaptureFixture[str], office: Path, args: tuple[str, ...], phrase: str
) -> None:
    code, out, err = run(capsys, office, *args)
    assert (code, out) == (1, "")
    assert err.startswith("错误：")
    assert phrase in err


def test_print_into_a_missing_folder_makes_it_but_not_a_sticks(
    capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path
) -> None:
    """`print meeting ID --out DIR`: a script's fresh folder is made, as `exchange export
    --out DIR` and `proposals publish --out-dir DIR` make theirs (it was refused); below
    /media a missing folder is a stick not plugged in, and nothing lands on the local disk."""
    _, out, _ = run(capsys, office, "meetings", "list", "--json")
    meeting_id = json.loads(out)[0]["id"]
    folder = tmp_path / "会议材料" / "2026-03-18 协商会"
    code, _, err = run(capsys, office, "print", "meeting", meeting_id, "--out", str(folder))
    assert code == 0, err
    assert len([p for p in folder.iterdir() if p.suffix == ".docx"]) == 6
    # A refused print leaves no folder of its own behind.
    other = tmp_path / "另一个" / "文件夹"
    code, _, err = run(capsys, office, "print", "meeting", "00000000", "--out", str(other))
    assert code == 1 and "没有编号" in err and not (tmp_path / "另一个").exists()
    stick = Path("/media/cppcc-no-such-stick") / "会议材料"
    code, _, err = run(capsys, office, "print", "meeting", meeting_id, "--out", str(stick))
    assert code == 1 and "文件夹" in err and "不存在" in err
    assert not stick.parent.exists()


def test_print_into_a_path_below_a_file_is_refused(
    capsys: pytest.CaptureFixture[str], office: Path, tmp_path: Path
) -> None:
    _, out, _ = run(capsys, office, "meetings", "list", "--json")
    (tmp_path / "名单.txt").write_text("a file, not a folder", encoding="utf-8")
    code, out_text, err = run(
        capsys,
        office,
        "print",
        "meeting",
        json.loads(out)[0]["id"],
        "--out",
        str(tmp_path / "名单.txt" / "材料"),
    )
    assert (code, out_text) == (1, "")
    assert "是一个文件，不是文件夹" in err
