"""The five-ones check against hand-worked cases: every default rule and each setting."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from app.common.errors import KnownError
from app.common.settings import load_settings
from app.common.storage import Database
from app.five_ones.check import (
    Criterion,
    FiveOnesRules,
    NoProposals,
    check_five_ones,
    five_ones_years,
    load_rules,
    save_rules,
)
from db.member_models import CppccRole
from db.record_models import Activity, ActivityKind, WorkKind
from tests.five_ones.helpers import (
    ABSENT,
    LEAVE,
    PLENARY_DAY,
    PRESENT,
    ListedProposals,
    add_activity,
    add_member,
    add_social_info,
    add_term,
    add_work,
    counts,
    full_year,
    met,
)

# --- the reference case and the report's shape ----------------------------------


def test_a_member_who_did_everything_meets_all_five(office_db: Database) -> None:
    uuid = add_member(
        office_db,
        "张三",
        sector="经济界",
        committees=["经济委员会", "提案委员会"],
        liaison_group="第三联络组",
        role=CppccRole.STANDING,
    )
    proposals = ListedProposals()
    full_year(office_db, uuid, proposals)
    report = check_five_ones(office_db, 2025, proposals=proposals)

    assert proposals.years_asked == [2025]
    assert report.year == 2025 and report.term_number == 10
    assert report.term_text == "第十届（2021—2026）"
    assert report.office_name == "示范县政协"
    [member] = report.members
    assert (member.name, member.sector, member.liaison_group) == ("张三", "经济界", "第三联络组")
    assert member.committees == ("提案委员会", "经济委员会")  # dictionary order
    assert member.is_standing and member.role_label == "常委"
    assert [r.criterion for r in member.results] == list(Criterion)
    assert all(r.count == 1 and r.met for r in member.results)
    assert member.all_met and member.notes == ""
    assert (member.judged_from, member.judged_to) == (date(2025, 1, 1), date(2025, 12, 31))
    plenary = member.result(Criterion.PLENARY).evidence
    assert [(e.day, e.kind, e.title, e.detail) for e in plenary] == [
        (PLENARY_DAY, "全体会议", "十届四次全会", "出席")
    ]
    social = member.result(Criterion.SOCIAL_INFO).evidence[0]
    assert (social.kind, social.title, social.detail) == ("社情民意", "关于农村养老的建议", "采用")
    proposal = member.result(Criterion.PROPOSAL).evidence[0]
    assert (proposal.kind, proposal.detail) == ("提案", "第一提案人，已立案")
    assert report.summary.checked == 1 and report.summary.all_met == 1
    assert report.summary.line == (
        "共 1 人，五项全部达到 1 人；参加全体会议 1 人，提交提案 1 人，报送社情民意 1 人，"
        "参加政协活动 1 人，大会发言或调研视察报告 1 人"
    )
    assert report.warnings == ()


def test_a_member_with_no_records_meets_none(office_db: Database) -> None:
    add_member(office_db, "李四")
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert counts(report, "李四") == {c.value: (0, False) for c in Criterion}
    assert report.members[0].shortfalls == tuple(Criterion)
    assert report.summary.all_met == 0
    assert dict(report.summary.met) == dict.fromkeys(Criterion, 0)


def test_counts_add_up_and_summary_counts_each_duty(office_db: Database) -> None:
    a = add_member(office_db, "甲")
    b = add_member(office_db, "乙")
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {a: PRESENT, b: PRESENT})
    add_activity(office_db, ActivityKind.RESEARCH, date(2025, 3, 1), {a: PRESENT})
    add_activity(office_db, ActivityKind.TRAINING, date(2025, 4, 1), {a: PRESENT})
    add_social_info(office_db, date(2025, 2, 1), [a, b])  # two submitters: one item each
    add_social_info(office_db, date(2025, 2, 2), [a])
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert counts(report, "甲")["activity"] == (2, True)
    assert counts(report, "甲")["social_info"] == (2, True)
    assert counts(report, "乙")["social_info"] == (1, True)
    assert counts(report, "乙")["activity"] == (0, False)
    assert report.summary.met_count(Criterion.PLENARY) == 2
    assert report.summary.met_count(Criterion.ACTIVITY) == 1
    assert report.summary.met_count(Criterion.SOCIAL_INFO) == 2


# --- plenary and activities: attendance rules --------------------------------------


def test_leave_does_not_count_by_default(office_db: Database) -> None:
    uuid = add_member(office_db, "王五")
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {uuid: LEAVE})
    add_activity(office_db, ActivityKind.CONSULTATION, date(2025, 6, 1), {uuid: LEAVE})
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    member = report.members[0]
    assert counts(report, "王五")["plenary"] == (0, False)
    assert counts(report, "王五")["activity"] == (0, False)
    assert [e.detail for e in member.result(Criterion.PLENARY).not_counted] == [
        "请假（按规则不计）"
    ]
    assert "请假不视为出席" in report.rules.text


def test_leave_counts_when_the_office_says_so(office_db: Database) -> None:
    uuid = add_member(office_db, "王五")
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {uuid: LEAVE})
    add_activity(office_db, ActivityKind.CONSULTATION, date(2025, 6, 1), {uuid: LEAVE})
    rules = FiveOnesRules(leave_counts=True)
    report = check_five_ones(office_db, 2025, rules=rules, proposals=ListedProposals())
    assert counts(report, "王五")["plenary"] == (1, True)
    assert counts(report, "王五")["activity"] == (1, True)
    evidence = report.members[0].result(Criterion.PLENARY).evidence[0]
    assert evidence.detail == "请假（按规则视为出席）"
    assert "请假视为出席" in report.rules.text


@pytest.mark.parametrize("leave_counts", [False, True])
def test_absent_never_counts(office_db: Database, leave_counts: bool) -> None:
    uuid = add_member(office_db, "赵六")
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {uuid: ABSENT})
    add_activity(office_db, ActivityKind.INSPECTION, date(2025, 6, 1), {uuid: ABSENT})
    rules = FiveOnesRules(leave_counts=leave_counts)
    report = check_five_ones(office_db, 2025, rules=rules, proposals=ListedProposals())
    assert counts(report, "赵六")["plenary"] == (0, False)
    assert counts(report, "赵六")["activity"] == (0, False)
    assert report.members[0].result(Criterion.ACTIVITY).not_counted[0].detail == "缺席（不计）"


def test_plenary_attendance_is_not_an_activity_and_every_other_kind_is(
    office_db: Database,
) -> None:
    only_plenary = add_member(office_db, "甲")
    others = {kind: add_member(office_db, f"乙{i}") for i, kind in enumerate(ActivityKind)}
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {only_plenary: PRESENT})
    for kind, uuid in others.items():
        if kind is not ActivityKind.PLENARY:
            add_activity(office_db, kind, date(2025, 7, 1), {uuid: PRESENT})
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert counts(report, "甲") == {
        **{c.value: (0, False) for c in Criterion},
        "plenary": (1, True),
    }
    for i, kind in enumerate(ActivityKind):
        assert met(report, f"乙{i}", Criterion.ACTIVITY) is (kind is not ActivityKind.PLENARY)


def test_records_of_other_years_do_not_count(office_db: Database) -> None:
    uuid = add_member(office_db, "钱七")
    add_activity(office_db, ActivityKind.PLENARY, date(2024, 1, 10), {uuid: PRESENT})
    add_activity(office_db, ActivityKind.TRAINING, date(2026, 1, 2), {uuid: PRESENT})
    add_social_info(office_db, date(2024, 12, 31), [uuid])
    proposals = ListedProposals().add(uuid, date(2024, 1, 9))
    report = check_five_ones(office_db, 2025, proposals=proposals)
    assert counts(report, "钱七") == {c.value: (0, False) for c in Criterion}
    assert counts(check_five_ones(office_db, 2024, proposals=proposals), "钱七") == {
        "plenary": (1, True),
        "proposal": (1, True),
        "social_info": (1, True),
        "activity": (0, False),
        "speech_or_report": (0, False),
    }


def test_deleted_records_do_not_count(office_db: Database) -> None:
    uuid = add_member(office_db, "孙八")
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {uuid: PRESENT}, "误录")
    with office_db.begin() as session:
        session.execute(update(Activity).values(deleted_at=datetime(2025, 2, 1, tzinfo=UTC)))
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert counts(report, "孙八")["plenary"] == (0, False)


# --- proposals: co-signed and unaccepted ---------------------------------------------


def test_co_signed_proposal_counts_by_default(office_db: Database) -> None:
    uuid = add_member(office_db, "周九")
    proposals = ListedProposals().add(uuid, date(2025, 1, 9), "联名提案", co_signed=True)
    report = check_five_ones(office_db, 2025, proposals=proposals)
    assert counts(report, "周九")["proposal"] == (1, True)
    assert report.members[0].result(Criterion.PROPOSAL).evidence[0].detail == "联名，已立案"


def test_co_signed_proposal_does_not_count_when_the_office_says_so(office_db: Database) -> None:
    lead = add_member(office_db, "吴一")
    cosigner = add_member(office_db, "郑二")
    proposals = (
        ListedProposals()
        .add(lead, date(2025, 1, 9), "联名提案")
        .add(cosigner, date(2025, 1, 9), "联名提案", co_signed=True)
    )
    rules = FiveOnesRules(cosigned_counts=False)
    report = check_five_ones(office_db, 2025, rules=rules, proposals=proposals)
    assert counts(report, "吴一")["proposal"] == (1, True)
    assert counts(report, "郑二")["proposal"] == (0, False)
    ignored = next(m for m in report.members if m.name == "郑二").result(Criterion.PROPOSAL)
    assert ignored.not_counted[0].detail == "联名，已立案（联名提案按规则不计）"


def test_unaccepted_proposal_counts_by_default(office_db: Database) -> None:
    uuid = add_member(office_db, "冯三")
    proposals = ListedProposals().add(uuid, date(2025, 1, 9), accepted=False)
    report = check_five_ones(office_db, 2025, proposals=proposals)
    assert counts(report, "冯三")["proposal"] == (1, True)
    assert report.members[0].result(Criterion.PROPOSAL).evidence[0].detail == "第一提案人，未立案"


def test_unaccepted_proposal_does_not_count_when_the_office_says_so(office_db: Database) -> None:
    rejected = add_member(office_db, "陈四")
    pending = add_member(office_db, "褚五")
    proposals = (
        ListedProposals()
        .add(rejected, date(2025, 1, 9), accepted=False)
        .add(pending, date(2025, 11, 9), accepted=None)  # not reviewed yet: submitted counts
    )
    rules = FiveOnesRules(unaccepted_counts=False)
    report = check_five_ones(office_db, 2025, rules=rules, proposals=proposals)
    assert counts(report, "陈四")["proposal"] == (0, False)
    assert counts(report, "褚五")["proposal"] == (1, True)


def test_both_proposal_rules_off_keep_only_accepted_lead_proposals(office_db: Database) -> None:
    uuid = add_member(office_db, "卫六")
    proposals = (
        ListedProposals()
        .add(uuid, date(2025, 1, 9), "联名立案", co_signed=True)
        .add(uuid, date(2025, 1, 9), "领衔未立案", accepted=False)
        .add(uuid, date(2025, 2, 9), "领衔立案")
    )
    rules = FiveOnesRules(cosigned_counts=False, unaccepted_counts=False)
    report = check_five_ones(office_db, 2025, rules=rules, proposals=proposals)
    result = report.members[0].result(Criterion.PROPOSAL)
    assert (result.count, [e.title for e in result.evidence]) == (1, ["领衔立案"])
    assert len(result.not_counted) == 2


def test_proposals_of_unknown_members_are_ignored(office_db: Database) -> None:
    add_member(office_db, "蒋七")
    proposals = ListedProposals().add("no-such-member", date(2025, 1, 9))
    report = check_five_ones(office_db, 2025, proposals=proposals)
    assert counts(report, "蒋七")["proposal"] == (0, False)


# --- the once-a-term duty ---------------------------------------------------------------


def test_speech_in_an_earlier_year_of_the_same_term_counts(office_db: Database) -> None:
    speaker = add_member(office_db, "施八")
    reporter = add_member(office_db, "张九")
    add_work(office_db, WorkKind.PLENARY_SPEECH, date(2021, 1, 12), [speaker], "2021年发言")
    add_work(office_db, WorkKind.RESEARCH_REPORT, date(2023, 9, 1), [reporter], "调研报告")
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert counts(report, "施八")["speech_or_report"] == (1, True)
    assert counts(report, "张九")["speech_or_report"] == (1, True)
    speech = next(m for m in report.members if m.name == "施八")
    evidence = speech.result(Criterion.SPEECH_OR_REPORT).evidence[0]
    assert (evidence.kind, evidence.detail) == ("大会发言", "2021年")


def test_speech_from_the_previous_term_does_not_count(office_db: Database) -> None:
    add_term(office_db, 9, 2016, 2020)
    uuid = add_member(office_db, "孔一")
    add_work(office_db, WorkKind.PLENARY_SPEECH, date(2020, 1, 12), [uuid], "上届发言")
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert counts(report, "孔一")["speech_or_report"] == (0, False)


def test_speech_after_the_checked_year_does_not_count_for_it(office_db: Database) -> None:
    uuid = add_member(office_db, "曹二")
    add_work(office_db, WorkKind.PLENARY_SPEECH, date(2025, 1, 12), [uuid])
    assert counts(check_five_ones(office_db, 2024), "曹二")["speech_or_report"] == (0, False)
    assert counts(check_five_ones(office_db, 2025), "曹二")["speech_or_report"] == (1, True)
    assert counts(check_five_ones(office_db, 2026), "曹二")["speech_or_report"] == (1, True)


def test_co_authored_report_counts_for_every_author(office_db: Database) -> None:
    a, b = add_member(office_db, "严三"), add_member(office_db, "华四")
    add_work(office_db, WorkKind.RESEARCH_REPORT, date(2024, 8, 1), [a, b])
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    assert counts(report, "严三")["speech_or_report"] == (1, True)
    assert counts(report, "华四")["speech_or_report"] == (1, True)


# --- rules in the settings, years, warnings --------------------------------------------


def test_rules_default_to_the_settings_and_are_saved_there(office_db: Database) -> None:
    uuid = add_member(office_db, "金五")
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {uuid: LEAVE})
    assert load_rules(office_db) == FiveOnesRules(True, True, False)
    assert counts(check_five_ones(office_db, 2025), "金五")["plenary"] == (0, False)

    save_rules(office_db, FiveOnesRules(cosigned_counts=False, leave_counts=True))
    settings = load_settings(office_db)
    assert settings.five_ones_leave_counts and not settings.five_ones_cosigned_counts
    assert settings.five_ones_unaccepted_counts
    assert settings.backups_kept == 12  # other settings untouched
    report = check_five_ones(office_db, 2025)
    assert report.rules == FiveOnesRules(cosigned_counts=False, leave_counts=True)
    assert counts(report, "金五")["plenary"] == (1, True)


def test_warnings_name_the_gaps_that_explain_many_shortfalls(office_db: Database) -> None:
    add_member(office_db, "魏六")
    report = check_five_ones(office_db, 2025)  # the default source: the (empty) register
    assert report.warnings == (
        "尚未录入2025年的全体会议（类别为“全体会议”的活动），“参加全体会议”一项无人达到。",
        "2025年没有提案记录，“提交提案”一项无人达到。",
    )
    without_register = check_five_ones(office_db, 2025, proposals=NoProposals())
    assert without_register.warnings[1] == "提案管理尚未启用，“提交提案”一项暂无数据，无人达到。"
    assert list(NoProposals().credits(None, 2025, "")) == []  # type: ignore[arg-type]


def test_a_year_outside_every_term_is_a_known_error(office_db: Database) -> None:
    with pytest.raises(KnownError) as caught:
        check_five_ones(office_db, 2019)
    assert "2019年不在已设置的任何届次之内" in caught.value.what


def test_handover_year_belongs_to_the_new_term(office_db: Database) -> None:
    add_term(office_db, 11, 2026, 2031)
    add_member(office_db, "陶七")  # 第十届
    add_member(office_db, "姜八", term_number=11)
    report = check_five_ones(office_db, 2026)
    assert report.term_number == 11 and [m.name for m in report.members] == ["姜八"]


def test_years_offered_are_those_of_the_terms_up_to_this_year(office_db: Database) -> None:
    this_year = date.today().year
    expected = [y for y in range(2026, 2020, -1) if y <= this_year]
    assert five_ones_years(office_db) == expected


def test_members_are_listed_by_name(office_db: Database) -> None:
    for name in ("王", "李", "张"):
        add_member(office_db, name)
    names = [m.name for m in check_five_ones(office_db, 2025).members]
    assert names == ["王", "李", "张"]  # 姓氏笔画, the default order (4, 7 and 7 strokes)
