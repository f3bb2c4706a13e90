"""Intake and numbering: the office's pattern, the next free number, unique per session."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.common.errors import KnownError
from app.proposals.intake.intake import (
    NO_MEMBERS,
    ProposalForm,
    SignerInput,
    add_proposal,
    delete_proposal,
    form_problems,
    intake_choices,
    undelete_proposal,
    update_proposal,
)
from app.proposals.intake.numbering import offer_number, serial_of
from app.proposals.labels import SubmitterKind
from app.proposals.queries import ProposalFilter, get_proposal_detail, list_proposals
from app.proposals.settings import (
    ProposalSettings,
    load_proposal_settings,
    save_proposal_settings,
)
from tests.proposals.helpers import Office, form, joint_form


def test_numbers_follow_the_pattern_and_the_next_free_one_is_offered(office: Office) -> None:
    db = office.database
    assert offer_number(db, office.session_2025).number == "十届五次会议第0001号"
    first = add_proposal(db, form(office))
    second = add_proposal(db, form(office, "关于发展县域物流的建议"))
    numbers = [get_proposal_detail(db, u).row.number for u in (first, second)]
    assert numbers == ["十届五次会议第0001号", "十届五次会议第0002号"]
    add_proposal(db, form(office, "关于第十二号的建议", number="十届五次会议第0012号"))
    assert offer_number(db, office.session_2025).number == "十届五次会议第0013号"
    # A proposal of another year starts again at 1.
    assert offer_number(db, year=2024).number == "十届四次会议第0001号"


def test_a_number_taken_in_the_session_is_refused_with_the_next_free_one(office: Office) -> None:
    db = office.database
    add_proposal(db, form(office))
    with pytest.raises(KnownError) as caught:
        add_proposal(db, form(office, "另一件", number="十届五次会议第0001号"))
    assert "2025年已有编号为“十届五次会议第0001号”的提案" in caught.value.what
    assert "下一个可用的编号是“十届五次会议第0002号”" in caught.value.todo
    # The same number in another year's session is fine.
    other = form(office, "另一件", number="十届五次会议第0001号", session_uuid=None, year=2024)
    add_proposal(db, other)


def test_a_deleted_number_is_not_offered_again_but_can_be_typed(office: Office) -> None:
    db = office.database
    uuid = add_proposal(db, form(office))
    add_proposal(db, form(office, "第二件"))
    delete_proposal(db, uuid)
    assert offer_number(db, office.session_2025).number == "十届五次会议第0003号"
    add_proposal(db, form(office, "补登", number="十届五次会议第0001号"))
    with pytest.raises(KnownError, match="已被另一件提案使用"):
        undelete_proposal(db, uuid)


def test_year_based_pattern(office: Office) -> None:
    db = office.database
    save_proposal_settings(db, ProposalSettings(number_pattern="{年}-{号}", number_digits=3))
    assert offer_number(db, year=2025).number == "2025-001"
    uuid = add_proposal(db, form(office, session_uuid=None, year=2025))
    assert get_proposal_detail(db, uuid).row.number == "2025-001"
    settings = load_proposal_settings(db)
    assert serial_of(settings, "2025-015") == 15
    assert serial_of(settings, "第15号") is None


def test_a_session_pattern_without_a_session_is_explained(office: Office) -> None:
    with pytest.raises(KnownError, match="请先选择提案所属的会议"):
        offer_number(office.database, year=2019)


def test_settings_are_checked(office: Office) -> None:
    with pytest.raises(KnownError, match=r"必须有“\{号\}”"):
        save_proposal_settings(office.database, ProposalSettings(number_pattern="{年}年"))
    with pytest.raises(KnownError, match="不能既是假日又是调休上班日"):
        save_proposal_settings(
            office.database,
            ProposalSettings(extra_holidays=("2027-10-01",), extra_workdays=("2027-10-01",)),
        )


def test_joint_proposal_keeps_members_and_a_name_that_is_no_member(office: Office) -> None:
    db = office.database
    uuid = add_proposal(db, joint_form(office))
    detail = get_proposal_detail(db, uuid)
    assert detail.row.proposer == "李四"
    assert detail.row.co_signers == ("王五", "钱老（原委员）")
    assert [s.member_uuid is None for s in detail.signers] == [False, False, True]
    assert detail.row.stage == "待审查"
    assert [h.operator for h in detail.history] == ["刘秘书"]
    assert detail.history[0].text == "登记提案，编号十届五次会议第0001号"


def test_party_proposal_is_in_the_party_name(office: Office) -> None:
    db = office.database
    party = form(
        office,
        "关于优化营商环境的建议",
        submitter_kind=SubmitterKind.PARTY_GROUP,
        submitter_name="民盟示范县支部",
        signers=(),
    )
    row = get_proposal_detail(db, add_proposal(db, party)).row
    assert (row.proposer, row.submitter_label) == ("民盟示范县支部", "党派团体")


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"title": " "}, "请填写案由"),
        ({"signers": ()}, "请选择提案人"),
        ({"submitter_kind": SubmitterKind.JOINT}, "至少一位联名人"),
        ({"submitter_kind": SubmitterKind.SECTOR, "signers": ()}, "界别、委员小组或专委会的名称"),
        ({"signers": (SignerInput("张三"), SignerInput("张三"))}, "出现了两次"),
        ({"submitted_on": date(2999, 1, 1)}, "提交日期晚于今天"),
    ],
)
def test_form_problems(office: Office, changes: dict, problem: str) -> None:
    problems = form_problems(replace(form(office), **changes))
    assert any(problem in p for p in problems), problems
    with pytest.raises(KnownError, match="提案未保存"):
        add_proposal(office.database, replace(form(office), **changes))
    assert list_proposals(office.database) == []


def test_unknown_category_is_refused(office: Office) -> None:
    with pytest.raises(KnownError, match="提案类别“天文”不在基础名录中"):
        add_proposal(office.database, form(office, category="天文"))


def test_editing_changes_fields_and_history(office: Office) -> None:
    db = office.database
    uuid = add_proposal(db, form(office))
    update_proposal(db, uuid, joint_form(office, "关于校舍安全的建议（修改）"))
    detail = get_proposal_detail(db, uuid)
    assert detail.row.title == "关于校舍安全的建议（修改）"
    assert detail.row.signers_text == "李四、王五、钱老（原委员）"
    assert detail.row.number == "十届五次会议第0001号"  # kept: the form's number was empty
    assert [h.action for h in detail.history] == ["intake", "edit"]


def test_choices_and_filters(office: Office) -> None:
    db = office.database
    choices = intake_choices(db)
    assert [m.name for m in choices.members] == ["王五", "李四", "张三", "赵六"]  # 姓氏笔画
    assert "社会" in choices.categories
    assert choices.sessions[0].label == "第十届第五次会议（2025年）"
    add_proposal(db, form(office))
    add_proposal(db, joint_form(office))
    assert [r.title for r in list_proposals(db, ProposalFilter(text="王五"))] == [
        "关于改善农村公路养护的建议"
    ]
    assert len(list_proposals(db, ProposalFilter(year=2024))) == 0


def test_blank_form_defaults(office: Office) -> None:
    assert ProposalForm().submitter_kind is SubmitterKind.INDIVIDUAL


def test_an_office_without_members_is_told_to_add_them_first(office_db) -> None:
    """Nobody to pick yet: the refusal says what is missing and where to add it."""
    with pytest.raises(KnownError) as refused:
        add_proposal(office_db, ProposalForm(title="关于加强农村学校校舍安全管理的建议"))
    assert NO_MEMBERS in refused.value.what and "请选择提案人" not in refused.value.what
    assert "请先在“委员档案”中导入或添加委员" in NO_MEMBERS
    assert list_proposals(office_db) == []
