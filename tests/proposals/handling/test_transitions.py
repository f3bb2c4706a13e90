"""Every step of the lifecycle, allowed and refused; each refusal says why and changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from app.common.errors import KnownError
from app.proposals.handling.assignment import (
    UnitChoice,
    assign_proposal,
    cancel_assignment,
    hand_back,
)
from app.proposals.handling.feedback import rate_reply
from app.proposals.handling.handling import extend_deadline, record_contact, record_reply
from app.proposals.handling.review import (
    accept_proposal,
    convert_proposal,
    merge_proposal,
    reject_proposal,
    reopen_review,
    set_key_proposal,
    set_not_public,
)
from app.proposals.intake.intake import add_proposal
from app.proposals.labels import (
    ConversionKind,
    ProposalState,
    RejectionGround,
    Satisfaction,
    UnitRole,
)
from app.proposals.queries import get_proposal_detail
from app.records.record_items import list_social_info
from tests.proposals.helpers import Office, accepted, assigned, form, joint_form

LEAD, ASSIST, JOINT, SPLIT = UnitRole.LEAD, UnitRole.ASSIST, UnitRole.JOINT, UnitRole.SPLIT


def refused(call, *args, match: str, **kwargs) -> KnownError:
    with pytest.raises(KnownError, match=match) as caught:
        call(*args, **kwargs)
    return caught.value


def unchanged(office: Office, uuid: str, steps: int):
    detail = get_proposal_detail(office.database, uuid)
    assert len(detail.history) == steps, [h.text for h in detail.history]
    return detail


# --- review -------------------------------------------------------------------------


def test_accept(office: Office) -> None:
    uuid = accepted(office)
    detail = get_proposal_detail(office.database, uuid)
    assert (detail.row.state, detail.row.stage, detail.reviewed_on) == (
        ProposalState.ACCEPTED,
        "待交办",
        date(2025, 3, 10),
    )
    refused(accept_proposal, office.database, uuid, match="已审查（已立案），不能再立案")
    unchanged(office, uuid, 2)


def test_review_before_submission_is_refused(office: Office) -> None:
    uuid = add_proposal(office.database, form(office))
    refused(
        accept_proposal,
        office.database,
        uuid,
        date(2025, 2, 1),
        match="审查日期2025年2月1日早于提交日期2025年2月25日",
    )
    unchanged(office, uuid, 1)


def test_reject_with_a_standard_ground_and_with_other(office: Office) -> None:
    db = office.database
    first = add_proposal(db, form(office))
    reject_proposal(db, first, RejectionGround.PERSONAL_REQUEST, passed_to="县信访局")
    detail = get_proposal_detail(db, first)
    assert (detail.row.stage, detail.rejection_label, detail.passed_to) == (
        "不予立案",
        "属于本人或亲属的个人事务",
        "县信访局",
    )
    second = add_proposal(db, form(office, "第二件"))
    refused(reject_proposal, db, second, RejectionGround.OTHER, match="请填写具体理由")
    reject_proposal(db, second, RejectionGround.OTHER, "与上年提案重复")
    assert get_proposal_detail(db, second).rejection_label == "与上年提案重复"
    refused(set_key_proposal, db, second, True, match="只有已立案的提案才能列为重点提案")


def test_merge_points_to_the_main_proposal(office: Office) -> None:
    db = office.database
    main = accepted(office)
    other = add_proposal(db, form(office, "关于校舍维修的建议"))
    merge_proposal(db, other, main, date(2025, 3, 12))
    detail = get_proposal_detail(db, other)
    assert (detail.row.state, detail.merged_into, detail.row.stage) == (
        ProposalState.MERGED,
        "十届五次会议第0001号",
        "并入十届五次会议第0001号",
    )
    assert get_proposal_detail(db, main).merged_here == ("十届五次会议第0002号",)


def test_merge_refusals(office: Office) -> None:
    db = office.database
    main = accepted(office)
    merged = add_proposal(db, form(office, "已并案的"))
    merge_proposal(db, merged, main)
    third = add_proposal(db, form(office, "第三件"))
    refused(merge_proposal, db, third, third, match="提案不能并入它自己")
    error = refused(merge_proposal, db, third, merged, match="本身已并入提案十届五次会议第0001号")
    assert "请直接并入提案十届五次会议第0001号" in error.todo
    rejected = add_proposal(db, form(office, "不予立案的"))
    reject_proposal(db, rejected, RejectionGround.EMPTY_CONTENT)
    refused(merge_proposal, db, third, rejected, match="不予立案，不能作为并案的主提案")
    assign_proposal(db, main, [UnitChoice(office.units["县财政局"], LEAD)], date(2025, 3, 15))
    fourth = accepted(office, "第四件")
    assign_proposal(db, fourth, [UnitChoice(office.units["县财政局"], LEAD)], date(2025, 3, 15))
    refused(merge_proposal, db, fourth, main, match="已经交办，不能再并案")
    unchanged(office, third, 1)


def test_convert_to_social_info_for_the_member_signers(office: Office) -> None:
    db = office.database
    uuid = add_proposal(db, joint_form(office))
    convert_proposal(db, uuid, ConversionKind.SOCIAL_INFO, on_date=date(2025, 3, 11))
    (item,) = list_social_info(db, 2025)
    assert item.title == "关于改善农村公路养护的建议"
    assert item.submitter_names == "王五、李四"  # the name kept as text is no member
    assert get_proposal_detail(db, uuid).row.stage == "转为社情民意信息"
    reopen_review(db, uuid)  # a mistake: the 社情民意 item goes with it
    assert list_social_info(db, 2025) == []
    party = add_proposal(
        db,
        form(office, "党派提案", submitter_kind="party_group", submitter_name="民建", signers=()),
    )
    refused(convert_proposal, db, party, ConversionKind.SOCIAL_INFO, match="没有委员提案人")
    convert_proposal(db, party, ConversionKind.OPINION, passed_to="县发改局")
    assert get_proposal_detail(db, party).conversion_label == "转为意见建议"


def test_key_and_not_public_flags(office: Office) -> None:
    db = office.database
    uuid = accepted(office)
    set_key_proposal(db, uuid, True)
    set_not_public(db, uuid, True)
    row = get_proposal_detail(db, uuid).row
    assert row.is_key and row.not_public
    assert [h.text for h in get_proposal_detail(db, uuid).history][-2:] == [
        "列为重点提案",
        "标记为不公开",
    ]


def test_reopen_review_is_refused_after_assignment(office: Office) -> None:
    uuid = assigned(office)
    refused(reopen_review, office.database, uuid, match="已经交办，不能撤销审查结果")


# --- assignment -----------------------------------------------------------------------


def test_assign_lead_and_assistants_with_the_default_deadline(office: Office) -> None:
    db = office.database
    uuid = accepted(office)
    units = [
        UnitChoice(office.units["县教育和体育局"], LEAD),
        UnitChoice(office.units["县财政局"], ASSIST),
    ]
    assign_proposal(db, uuid, units, date(2025, 3, 15))
    detail = get_proposal_detail(db, uuid)
    assert detail.row.units == ("县教育和体育局（主办）", "县财政局（协办）")
    assert {a.deadline for a in detail.assignments} == {date(2025, 6, 15)}
    assert detail.row.stage == "办理中"
    assert detail.history[-1].text == (
        "交办：县教育和体育局（主办）、县财政局（协办）；办理期限2025年6月15日"
    )


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ((LEAD, LEAD), "主办单位只能有一个"),
        ((ASSIST,), "有协办单位时必须有一个主办单位"),
        ((LEAD, JOINT), "主办、会办、分办不能混用"),
        ((JOINT, SPLIT), "主办、会办、分办不能混用"),
        ((JOINT,), "会办须有两个或以上单位"),
        ((SPLIT,), "分办须有两个或以上单位"),
    ],
)
def test_unit_roles_that_make_no_sense(office: Office, roles: tuple, message: str) -> None:
    uuid = accepted(office)
    names = list(office.units.values())
    choices = [UnitChoice(names[i], role) for i, role in enumerate(roles)]
    refused(assign_proposal, office.database, uuid, choices, date(2025, 3, 15), match=message)
    assert get_proposal_detail(office.database, uuid).assignments == ()


def test_joint_and_split_units(office: Office) -> None:
    db = office.database
    for role in (JOINT, SPLIT):
        uuid = accepted(office, f"关于{role}的建议")
        names = list(office.units.values())[:3]
        assign_proposal(db, uuid, [UnitChoice(u, role) for u in names], date(2025, 3, 15))
        assert len(get_proposal_detail(db, uuid).current_assignments) == 3


def test_assignment_refusals(office: Office) -> None:
    db = office.database
    unit = office.units["县财政局"]
    waiting = add_proposal(db, form(office))
    refused(
        assign_proposal,
        db,
        waiting,
        [UnitChoice(unit, LEAD)],
        date(2025, 3, 15),
        match="待审查，只有已立案的提案才能交办",
    )
    uuid = accepted(office, "已立案")
    refused(assign_proposal, db, uuid, [], date(2025, 3, 15), match="请至少选择一个承办单位")
    refused(
        assign_proposal,
        db,
        uuid,
        [UnitChoice(unit, LEAD)],
        date(2025, 3, 1),
        match="交办日期2025年3月1日早于立案日期2025年3月10日",
    )
    refused(
        assign_proposal,
        db,
        uuid,
        [UnitChoice(unit, LEAD)],
        date(2025, 3, 15),
        date(2025, 3, 14),
        match="办理期限2025年3月14日不能早于或等于交办日期2025年3月15日",
    )
    refused(
        assign_proposal,
        db,
        uuid,
        [UnitChoice(unit, LEAD)],
        date(2025, 3, 15),
        date(2025, 9, 16),
        match="超过了最长期限2025年9月15日",
    )
    assign_proposal(db, uuid, [UnitChoice(unit, LEAD)], date(2025, 3, 15), date(2025, 9, 15))
    refused(
        assign_proposal,
        db,
        uuid,
        [UnitChoice(unit, ASSIST)],
        date(2025, 3, 16),
        match="“县财政局”已在承办单位中",
    )


def test_hand_back_and_reassign(office: Office) -> None:
    db = office.database
    uuid = assigned(office, "县交通运输局")
    refused(
        hand_back,
        db,
        uuid,
        office.units["县交通运输局"],
        date(2025, 3, 18),
        "",
        match="请填写退回理由",
    )
    hand_back(db, uuid, office.units["县交通运输局"], date(2025, 3, 18), "不属于本单位职能")
    detail = get_proposal_detail(db, uuid)
    (returned,) = detail.assignments
    assert (returned.returned_on, returned.return_reason, returned.status_label) == (
        date(2025, 3, 18),
        "不属于本单位职能",
        "已退回",
    )
    assert detail.row.stage == "待交办"
    assign_proposal(db, uuid, [UnitChoice(office.units["县教育和体育局"], LEAD)], date(2025, 3, 20))
    assert get_proposal_detail(db, uuid).row.units == ("县教育和体育局（主办）",)
    refused(
        record_reply,
        db,
        uuid,
        office.units["县交通运输局"],
        date(2025, 4, 1),
        "A",
        match="没有交给“县交通运输局”办理（或该单位已退回）",
    )


def test_cancel_assignment_only_before_a_reply(office: Office) -> None:
    db = office.database
    uuid = assigned(office)
    cancel_assignment(db, uuid)
    assert get_proposal_detail(db, uuid).row.stage == "待交办"
    refused(cancel_assignment, db, uuid, match="尚未交办")


# --- handling and feedback --------------------------------------------------------------


def test_reply_before_assignment_is_refused(office: Office) -> None:
    uuid = accepted(office)
    refused(
        record_reply,
        office.database,
        uuid,
        office.units["县财政局"],
        date(2025, 4, 1),
        "A",
        match="尚未交办，不能登记办理情况",
    )
    unchanged(office, uuid, 2)


def test_reply_checks_its_date_and_class(office: Office) -> None:
    db = office.database
    uuid = assigned(office)
    unit = office.units["县教育和体育局"]
    refused(
        record_reply,
        db,
        uuid,
        unit,
        date(2025, 3, 14),
        "A",
        match="答复日期2025年3月14日早于交办日期",
    )
    refused(
        record_reply, db, uuid, unit, date(2025, 4, 1), "D", match="办理结果类别“D”不在基础名录中"
    )
    refused(
        record_contact,
        db,
        uuid,
        unit,
        "电话",
        date(2025, 3, 1),
        match="沟通日期2025年3月1日早于交办日期",
    )
    record_contact(db, uuid, unit, "当面沟通", date(2025, 3, 20))
    record_reply(db, uuid, unit, date(2025, 5, 6), "A")
    (done,) = get_proposal_detail(db, uuid).assignments
    assert (done.contact_way, done.contacted_on, done.replied_on, done.result_class) == (
        "当面沟通",
        date(2025, 3, 20),
        date(2025, 5, 6),
        "A",
    )
    assert done.result_label == "已解决或采纳"
    assert get_proposal_detail(db, uuid).row.stage == "已答复"


def test_reply_document_is_kept_in_the_data_folder(office: Office, tmp_path) -> None:
    db = office.database
    uuid = assigned(office)
    document = tmp_path / "答复函.docx"
    document.write_bytes(b"reply document")
    record_reply(db, uuid, office.units["县教育和体育局"], date(2025, 5, 6), "B", document)
    detail = get_proposal_detail(db, uuid)
    (attachment,) = detail.attachments
    assert attachment.original_name == "答复函.docx"
    assert detail.assignments[0].reply_attachment_uuid == attachment.uuid
    from app.proposals.attachments import attachment_path

    stored = attachment_path(db, attachment.uuid)
    assert stored.read_bytes() == b"reply document"
    assert stored.parent.parent.name == "attachments" and stored.name.startswith(stored.parent.name)


def test_rating_before_a_reply_is_refused(office: Office) -> None:
    uuid = assigned(office)
    refused(
        rate_reply,
        office.database,
        uuid,
        office.units["县教育和体育局"],
        Satisfaction.SATISFIED,
        match="尚未答复，不能评价",
    )


def test_satisfied_closes_and_dissatisfied_reopens(office: Office) -> None:
    db = office.database
    uuid = assigned(office)
    unit = office.units["县教育和体育局"]
    record_reply(db, uuid, unit, date(2025, 5, 6), "C")
    refused(
        rate_reply, db, uuid, unit, Satisfaction.SATISFIED, on_date=date(2025, 5, 1),
        match="评价日期2025年5月1日早于答复日期",
    )  # fmt: skip
    rate_reply(db, uuid, unit, Satisfaction.DISSATISFIED, "没有实质措施", date(2025, 5, 10))
    detail = get_proposal_detail(db, uuid)
    first, second = detail.assignments
    assert (first.satisfaction_label, first.reopened, first.status_label) == (
        "不满意",
        True,
        "已重新办理",
    )
    assert (second.round, second.assigned_on, second.deadline, second.replied_on) == (
        2,
        date(2025, 5, 10),
        date(2025, 8, 10),
        None,
    )
    assert detail.row.stage == "办理中"
    assert detail.history[-1].text == "县教育和体育局重新办理（第2轮），期限2025年8月10日"
    record_reply(db, uuid, unit, date(2025, 7, 1), "A")
    rate_reply(db, uuid, unit, Satisfaction.SATISFIED, on_date=date(2025, 7, 5))
    assert get_proposal_detail(db, uuid).row.stage == "已办结"
    refused(record_reply, db, uuid, unit, date(2025, 7, 2), "A", match="不能再修改答复")


def test_extension_up_to_the_longest_deadline(office: Office) -> None:
    db = office.database
    uuid = assigned(office)  # 2025-03-15, due 2025-06-15, at most 2025-09-15
    unit = office.units["县教育和体育局"]
    refused(extend_deadline, db, uuid, unit, date(2025, 8, 1), "", match="延期须说明理由")
    refused(
        extend_deadline, db, uuid, unit, date(2025, 6, 15), "资金未落实",
        match="应晚于原期限2025年6月15日",
    )  # fmt: skip
    refused(
        extend_deadline, db, uuid, unit, date(2025, 9, 16), "资金未落实",
        match="超过了最长办理期限2025年9月15日",
    )  # fmt: skip
    extend_deadline(db, uuid, unit, date(2025, 9, 15), "资金未落实")
    (assignment,) = get_proposal_detail(db, uuid).assignments
    assert (assignment.due, assignment.extension_reason) == (date(2025, 9, 15), "资金未落实")


def test_every_step_names_the_operator(office: Office) -> None:
    uuid = assigned(office)
    history = get_proposal_detail(office.database, uuid).history
    assert [h.action for h in history] == ["intake", "accept", "assign"]
    assert {h.operator for h in history} == {"刘秘书"}
    assert history[1].on_date == date(2025, 3, 10)
