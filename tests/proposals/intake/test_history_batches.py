"""A big history file: planned from one read, written in batches — the same rows as writing
each proposal on its own, a dry run without the write lock, and no stale plan written."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from app.common.access import PermissionRefused
from app.common.operator import Operator, Role, current_operator, sign_in
from app.common.paths import DataLocation
from app.common.sheets.reader import read_rows
from app.common.storage import Database, open_database
from app.proposals.intake import history_import
from app.proposals.intake.history_import import import_history
from app.proposals.intake.history_plan import plan_history
from app.proposals.intake.import_rows import HISTORY_COLUMNS, HistoryLine, read_history_line
from app.proposals.labels import SubmitterKind
from app.proposals.queries import list_proposals
from app.proposals.store import record_step
from db.proposal_models import Proposal, ProposalSigner
from tests.common.database_states.write_lock import promptly, write_lock_held
from tests.five_ones.helpers import add_member
from tests.proposals.helpers import Office
from tests.proposals.history_workbook import write_history

PROPOSERS = (
    ("张三", ""),  # two members of this name: kept as text
    ("李四", "王五、赵六"),
    ("钱老", ""),  # a former member
    ("民盟示范县支部", "李四"),
    ("王五", "张三、孙前委员"),
    ("提案委", "李四"),  # a committee by its alias
    ("经济界", ""),
    ("第一联络组活动组", ""),
)
CATEGORIES = ("经济", "社会类", "法治和民生", "", "文化")
RESULTS = ("A", "B", "不予立案", "", "C")
ROWS = 300
BEFORE = 40  # of them imported earlier: already in the database


def _rows(count: int = ROWS) -> list[tuple[object, ...]]:
    rows = []
    for i in range(count):
        year = 2019 + i % 7  # 2019 and 2020: before the term and its sessions
        proposer, co_signers = PROPOSERS[i % len(PROPOSERS)]
        rows.append(
            (
                year,
                f"{year}-{i:03d}",
                f"关于第{i}件事的建议",
                proposer,
                co_signers,
                CATEGORIES[i % len(CATEGORIES)],
                None if i % 9 == 0 else f"{year}-02-{1 + i % 28:02d}",
                "情况分析：……\n具体建议：……",
                "县财政局、县民政局" if i % 3 == 0 else "县财政局",
                RESULTS[i % len(RESULTS)],
            )
        )
    return rows


def _stored(database: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the three tables, ids included, without what differs by the clock."""
    varying = {"uuid", "created_at", "updated_at", "recorded_at"}
    found = {}
    with database.read() as session:
        for table in ("proposal", "proposal_signer", "proposal_history"):
            result = session.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            kept = [i for i, name in enumerate(result.keys()) if name not in varying]
            found[table] = [tuple(row[i] for i in kept) for row in result]
    return found


def _lines(path: Path) -> list[HistoryLine]:
    lines = [read_history_line(row, date.today()) for row in read_rows(path, HISTORY_COLUMNS).rows]
    assert all(isinstance(line, HistoryLine) for line in lines)
    return lines  # type: ignore[return-value]


def _row_by_row(database: Database, path: Path, operator: str) -> None:
    """What the import wrote before it was batched: one Proposal at a time, flushed for
    its id, then its history step through record_step."""
    with database.begin() as session:
        plan = plan_history(session, _lines(path))
        for planned in plan.new:
            line = planned.line
            proposal = Proposal(
                owner_uuid=plan.office_uuid,
                year=line.year,
                number=line.number,
                serial=None,
                term_id=planned.term_id,
                session_id=planned.session_id,
                submitter_kind=planned.kind,
                submitter_name=planned.collective,
                title=line.title,
                body=line.body,
                submitted_on=line.submitted_on,
                state=planned.state,
                imported=True,
                imported_units=line.units,
                imported_result=line.result,
            )
            if planned.category_id is not None:
                proposal.category_id = planned.category_id
            else:
                proposal.category_text = planned.category_text
            for signer in planned.signers:
                proposal.signers.append(
                    ProposalSigner(
                        owner_uuid=plan.office_uuid,
                        position=signer.position,
                        member_id=signer.member_id,
                        name=signer.name,
                    )
                )
            session.add(proposal)
            session.flush()
            step = f"从表格“{path.name}”{line.where}导入（历年提案）"
            record_step(session, proposal, "import", step, operator)


def _copy(database: Database, folder: Path) -> Database:
    shutil.copytree(database.location.data_dir, folder / "data")
    return open_database(DataLocation(folder / "data", folder / "logs"))


def test_batches_store_the_same_rows_as_one_proposal_at_a_time(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = office.database
    add_member(db, "张三")  # a second 张三
    rows = _rows()
    assert import_history(db, write_history(tmp_path / "earlier.xlsx", rows[:BEFORE])).ok
    path = write_history(tmp_path / "历年提案.xlsx", rows)
    reference = _copy(db, tmp_path / "reference")
    monkeypatch.setattr(history_import, "BATCH", 7)  # many batches, none of them full at the end
    try:
        dry = import_history(db, path, dry_run=True)
        result = import_history(db, path)
        _row_by_row(reference, path, current_operator(db))
        assert _stored(db) == _stored(reference)
    finally:
        reference.close()
    assert result.ok, result.errors[:3]
    assert (result.new, result.unchanged) == (ROWS - BEFORE, BEFORE)
    assert (dry.new, dry.unchanged, dry.warnings) == (result.new, result.unchanged, result.warnings)
    reasons = {w.reason for w in result.warnings}
    assert "有 2 位委员名叫“张三”，无法区分，按文字保存" in reasons
    assert "“孙前委员”不在委员名册中，按文字保存" in reasons
    kinds = {r.proposer: r.submitter_kind for r in list_proposals(db)}
    assert kinds["提案委"] is SubmitterKind.COMMITTEE
    assert kinds["第一联络组活动组"] is SubmitterKind.MEMBER_GROUP
    again = import_history(db, path)
    assert (again.new, again.unchanged, again.backup) == (0, ROWS, None)


def test_a_number_twice_in_a_big_file_writes_nothing(office: Office, tmp_path: Path) -> None:
    rows = _rows()
    rows[250] = (rows[5][0], rows[5][1], *rows[250][2:])  # row 9's year and number again
    result = import_history(office.database, write_history(tmp_path / "h.xlsx", rows))
    assert [(e.row, e.column) for e in result.errors] == [(254, "提案号")]
    assert "与工作表“历年提案”第9行重复" in result.errors[0].reason
    assert list_proposals(office.database) == []


def test_the_dry_run_does_not_wait_for_another_programs_write_lock(
    office: Office, tmp_path: Path
) -> None:
    """Checking a big file took the write lock for its whole length: a save in another
    window waited, and a check while another program wrote failed (数据库正被占用)."""
    path = write_history(tmp_path / "h.xlsx", _rows(30))
    with write_lock_held(office.database), promptly():
        result = import_history(office.database, path, dry_run=True)
    assert (result.ok, result.new) == (True, 30)


def test_a_number_taken_meanwhile_is_found_under_the_write_lock(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another window saves a proposal with one of the file's numbers between the check
    and the write: the row is refused, not passed over as already there, and nothing
    is written."""
    db = office.database
    backup = history_import._back_up

    def another_window_saves(database: Database) -> Path:
        with database.begin() as session:
            office_uuid = session.scalar(text("SELECT uuid FROM office WHERE is_local = 1"))
            session.add(
                Proposal(
                    owner_uuid=office_uuid,
                    year=2021,
                    number="2021-002",
                    title="关于另一件事的建议",
                    submitter_kind=SubmitterKind.INDIVIDUAL,
                )
            )
        return backup(database)

    monkeypatch.setattr(history_import, "_back_up", another_window_saves)
    result = import_history(db, write_history(tmp_path / "h.xlsx", _rows(30)))
    assert [(e.row, e.column) for e in result.errors] == [(6, "提案号")]
    assert "已是另一件提案（案由“关于另一件事的建议”）" in result.errors[0].reason
    assert [r.number for r in list_proposals(db)] == ["2021-002"]


def test_a_read_only_account_is_refused_the_check_as_the_import(
    office: Office, tmp_path: Path
) -> None:
    path = write_history(tmp_path / "h.xlsx", _rows(5))
    sign_in(office.database, Operator("王芳", Role.READONLY, account_id=3))
    for dry_run in (True, False):
        with pytest.raises(PermissionRefused, match="无权修改数据"):
            import_history(office.database, path, dry_run=dry_run)
    assert list_proposals(office.database) == []
