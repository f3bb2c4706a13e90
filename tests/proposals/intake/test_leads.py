"""Proposal leads and the published reference topics; a proposal cites its lead."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from app.common.errors import KnownError
from app.common.operator import Operator, Role, current_operator, os_user_name, sign_in, sign_out
from app.proposals.intake.intake import add_proposal, intake_choices
from app.proposals.intake.leads import (
    LeadForm,
    add_lead,
    delete_lead,
    list_leads,
    set_published,
    update_lead,
    write_reference_topics,
)
from app.proposals.labels import LeadSource
from app.proposals.queries import get_proposal_detail
from tests.proposals.helpers import Office, form


def test_leads_are_collected_published_and_cited(office: Office, tmp_path: Path) -> None:
    db = office.database
    first = add_lead(db, LeadForm(2025, "城区停车难问题", LeadSource.PUBLIC, "群众来信"))
    second = add_lead(db, LeadForm(2025, "农村生活污水治理", LeadSource.RESEARCH))
    add_lead(db, LeadForm(2024, "去年的线索"))
    with pytest.raises(KnownError, match="还没有公布的提案线索"):
        write_reference_topics(db, 2025, tmp_path / "x.docx")
    assert intake_choices(db).leads == ()
    set_published(db, first, True)
    update_lead(
        db, second, LeadForm(2025, "农村生活污水治理问题", LeadSource.RESEARCH, published=True)
    )
    assert [t for _, t in intake_choices(db).leads] == ["城区停车难问题", "农村生活污水治理问题"]
    uuid = add_proposal(db, form(office, "关于缓解城区停车难的建议", lead_uuid=first))
    assert get_proposal_detail(db, uuid).lead_title == "城区停车难问题"
    rows = list_leads(db, 2025)
    assert [(r.title, r.source_label, r.proposals) for r in rows] == [
        ("城区停车难问题", "社会公众", 1),
        ("农村生活污水治理问题", "调研", 0),
    ]
    path = write_reference_topics(db, 2025, tmp_path / "参考题目.docx", date(2025, 1, 10))
    text = [p.text for p in Document(str(path)).paragraphs if p.text.strip()]
    assert text[0] == "示范县政协2025年提案参考题目"
    assert "1. 城区停车难问题" in text and "2. 农村生活污水治理问题" in text
    delete_lead(db, second)
    assert [r.title for r in list_leads(db, 2025)] == ["城区停车难问题"]
    with pytest.raises(KnownError, match="请填写线索题目"):
        add_lead(db, LeadForm(2025, " "))


def test_the_operator_is_the_signed_in_user(office: Office) -> None:
    db = office.database
    assert current_operator(db) == "刘秘书"
    sign_in(db, Operator("李干事", Role.STAFF, account_id=2))
    uuid = add_proposal(db, form(office))
    assert get_proposal_detail(db, uuid).history[0].operator == "李干事"
    sign_out()  # nobody signed in: the operating-system user, as the command line runs
    uuid = add_proposal(db, form(office, "关于改善城区停车的建议"))
    assert get_proposal_detail(db, uuid).history[0].operator == f"{os_user_name()}（操作系统用户）"
