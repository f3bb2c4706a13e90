"""The exchange verbs as scripts call them: names, exit codes and JSON keys (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.exchange.conftest import Offices, add_members
from ui.entry import main

pytestmark = pytest.mark.usefixtures("clean_logging")


def run(capsys: pytest.CaptureFixture[str], office, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    office.database.close()  # the command opens the database itself
    try:
        code = main(["--data-dir", str(office.location.data_dir), *args])
    finally:
        from app.common.storage import open_database

        office.database = open_database(office.location)
    out, err = capsys.readouterr()
    return code, out, err


def test_cards_export_verify_import_as_scripts_do(
    offices: Offices, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    county, city = offices.county, offices.city
    code, out, _ = run(capsys, county, "office", "card", "--out", str(tmp_path / "c.cppcccard"))
    assert code == 0 and "指纹：" in out
    code, out, _ = run(capsys, city, "office", "trust", str(tmp_path / "c.cppcccard"), "--json")
    trusted = json.loads(out)
    assert code == 0 and trusted["status"] == "same" and trusted["code"] == "150523"
    assert trusted["fingerprint"] in _plain_card_output(capsys, county, tmp_path)

    add_members(county, "张建国", "李秀英")
    code, out, _ = run(
        capsys,
        county,
        "exchange",
        "export",
        "--to",
        "150500",
        "--out",
        str(offices.stick),
        "--json",
    )
    sent = json.loads(out)
    assert code == 0 and (sent["sequence"], sent["base"], sent["full"]) == (1, 0, False)
    assert sent["tables"]["member"] == 2
    path = Path(sent["file"])
    assert path.name.startswith("150523-0001-") and path.suffix == ".cppccx"

    assert run(capsys, city, "exchange", "verify", str(path))[0] == 0
    code, out, _ = run(capsys, city, "exchange", "import", str(path), "--dry-run", "--json")
    summary = json.loads(out)
    assert code == 0 and summary["result"] == "dry_run"
    assert summary["tables"]["member"] == {"new": 2, "changed": 0, "unchanged": 0, "conflicts": 0}
    assert {d["reference"] for d in summary["details"]["new"] if d["table"] == "member"} == {
        "委员 张建国",
        "委员 李秀英",
    }
    code, out, _ = run(capsys, city, "exchange", "import", str(path), "--json")
    applied = json.loads(out)
    assert code == 0 and applied["result"] == "applied" and applied["receipt"]
    code, out, _ = run(capsys, city, "exchange", "import", str(path), "--json")
    assert json.loads(out)["totals"]["new"] == 0

    code, out, _ = run(capsys, county, "exchange", "import", applied["receipt"])
    assert code == 0 and "第 1 号" in out
    code, out, _ = run(capsys, county, "exchange", "status", "--json")
    [status] = json.loads(out)
    assert (status["code"], status["acknowledged"], status["waiting"]) == ("150500", 1, [])
    code, out, _ = run(
        capsys,
        county,
        "exchange",
        "export",
        "--to",
        "150500",
        "--out",
        str(offices.stick),
        "--full",
        "--json",
    )
    assert json.loads(out)["base"] == 0 and json.loads(out)["tables"]["member"] == 2


def test_a_card_may_be_written_under_any_name_a_script_gives(
    offices: Offices, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`office card --out FILE`: a script's county.card is written as asked (it was
    refused for not ending in .cppcccard) and trusted from that name."""
    county, city = offices.county, offices.city
    code, out, _ = run(capsys, county, "office", "card", "--out", str(tmp_path / "county.card"))
    assert code == 0 and "指纹：" in out and "不以 .cppcccard 结尾" in out
    code, out, _ = run(capsys, city, "office", "trust", str(tmp_path / "county.card"), "--json")
    assert code == 0 and json.loads(out)["code"] == "150523"
    code, _, err = run(capsys, county, "office", "card", "--out", str(tmp_path / "county.card"))
    assert code == 1 and "已存在，未覆盖" in err  # still never overwritten without --force


def test_export_makes_a_missing_out_folder_but_not_a_sticks(
    offices: Offices, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`exchange export --out DIR`: a script's new folder is made (it was refused); one
    made for a refused export is removed again; below /media a missing folder is a
    stick not plugged in, and nothing is written to the local disk there."""
    county = offices.county
    out = tmp_path / "发往市政协" / "第一批"
    code, _, err = run(capsys, county, "exchange", "export", "--to", "999999", "--out", str(out))
    assert code == 1 and not (tmp_path / "发往市政协").exists(), err
    code, out_text, _ = run(
        capsys, county, "exchange", "export", "--to", "150500", "--out", str(out)
    )
    assert code == 0 and [p.suffix for p in out.iterdir()] == [".cppccx"], out_text
    stick = Path("/media/cppcc-no-such-stick") / "交换"
    code, _, err = run(capsys, county, "exchange", "export", "--to", "150500", "--out", str(stick))
    assert code == 1 and "请先插好U盘" in err and not stick.parent.exists()


def test_a_missing_file_is_refused_in_json_too(
    offices: Offices, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A script's `exchange import FILE --json | jq .result` got nothing on stdout when
    FILE was not there (or was a folder): now a refusal like any other."""
    for path in (tmp_path / "150523-0001-20261204.cppccx", tmp_path):
        code, out, err = run(capsys, offices.city, "exchange", "import", str(path), "--json")
        answer = json.loads(out)
        assert code == 1 and (answer["result"], answer["reason"]) == ("refused", "unreadable")
        assert answer["message"] in err


def _plain_card_output(capsys, office, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    return run(capsys, office, "office", "card", "--out", str(tmp_path / "d.cppcccard"))[1]


def test_a_refused_file_exits_1_with_one_message(
    offices: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    add_members(offices.county, "张建国")
    path = offices.county.export_to(offices.city, offices.stick).path
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))
    code, out, err = run(capsys, offices.city, "exchange", "verify", str(path))
    assert code == 1 and err.startswith("错误：") and "Traceback" not in err
    code, out, err = run(capsys, offices.city, "exchange", "import", str(path), "--json")
    summary = json.loads(out)
    assert code == 1 and summary["result"] == "refused" and summary["reason"] == "signature"
    assert err.count("错误：") == 1


def test_a_file_for_another_office_does_not_verify_here(
    offices: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    add_members(offices.second, "钱文华")
    path = offices.second.export_to(offices.city, offices.stick).path
    assert run(capsys, offices.county, "exchange", "verify", str(path))[0] == 1
    assert run(capsys, offices.second, "exchange", "verify", str(path))[0] == 0  # its own file
