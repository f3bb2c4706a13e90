"""年度协商计划 on the 协商 page: topics typed in and listed with the linked/own share,
the plan's approval refused outside its years, research (“1+N”), deleting with undo,
open topics carried into next year, and the plan printed as a Word file."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.consultation.labels import TopicStatus
from app.consultation.plan import plans, research
from app.consultation.plan.plans import PlanForm
from tests.consultation.conftest import topic_form
from tests.ui.conftest import ModalAnswers, loaded, type_text
from tests.ui.consultation.conftest import PLAN_YEAR, click, shown, tick
from ui.consultation.page import ConsultationPage
from ui.consultation.plan.plan_dialogs import TopicDialog
from ui.consultation.plan.research_dialog import ResearchDialog
from ui.consultation.plan.research_items import GroupDialog, ReportDialog


@pytest.fixture
def page(qtbot, office_db, roster) -> ConsultationPage:  # type: ignore[no-untyped-def]
    plans.save_plan(office_db, PLAN_YEAR, PlanForm())  # the year is offered, still empty
    widget = ConsultationPage(office_db)
    qtbot.addWidget(widget)
    widget.resize(1340, 700)
    widget.show()
    widget.show_year(PLAN_YEAR)
    widget.refresh()  # as the main window does when the page is shown
    return widget


def enter_topic(qtbot, page: ConsultationPage, title: str, linked: bool, month: str) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, page.plan.add_button)
    dialog = page.plan.dialog
    assert isinstance(dialog, TopicDialog) and dialog.isVisible()
    type_text(qtbot, dialog.title_edit, title)
    dialog.source.choose_text("党委点题")
    dialog.consultation_form.choose_text("专题协商会")
    dialog.committee.choose_text("经济委员会")
    dialog.when.choose_text(month)
    tick(qtbot, dialog.linked if linked else dialog.own)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def answer_with(modal: ModalAnswers, seen: list[str], *already_open) -> None:  # type: ignore[no-untyped-def]
    """Read the next message box; `already_open`: dialogs (open()) that are not it."""
    modal.seen.extend(already_open)

    def read(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    modal.then(read)


def test_no_meetings_yet_says_where_the_import_is(page, qtbot) -> None:
    """协商 → 会议活动 has no 从Excel导入 button: its empty list says where that is."""
    tab = page.meetings
    page.tabs.setCurrentWidget(tab)
    loaded(qtbot, tab)
    assert tab.stack.currentWidget() is tab.empty
    buttons = {b.text() for b in tab.findChildren(QPushButton) if b.isVisible()}
    assert "从Excel导入" not in buttons
    assert "在“履职记录 → 会议活动”中“从Excel导入”" in tab.empty.text()


def test_an_empty_plan_says_what_to_do(page) -> None:
    plan = page.plan
    assert plan.stack.currentWidget() is plan.empty
    assert f"{PLAN_YEAR}年度尚未制定协商计划" in plan.empty.text()
    assert not plan.meeting_button.isEnabled() and not plan.research_button.isEnabled()
    assert f"{PLAN_YEAR}年度协商计划：议题 0 个" in page.figures.text()


def test_topics_are_entered_and_the_linked_share_is_shown(qtbot, page, office_db) -> None:
    enter_topic(qtbot, page, "优化营商环境", linked=True, month="5月")
    plan = page.plan
    assert shown(plan.table, 1) == ["优化营商环境"]
    assert [shown(plan.table, c)[0] for c in (2, 3, 4, 5, 6, 7)] == [
        "党委点题", "专题协商会", "经济委员会", "5月", "联接议题", "计划中",
    ]  # fmt: skip
    assert plan.share.text().startswith("联接议题 1 个（100%）")
    assert "未达目标" not in plan.share.text()
    enter_topic(qtbot, page, "城区停车难问题", linked=False, month="第三季度")
    assert plan.share.text() == (
        "联接议题 1 个（50%）、自选议题 1 个（50%）；目标 70%（联接议题未达目标）"
    )
    assert "议题 2 个（计划中 2）" in page.figures.text()
    stored = plans.get_plan(office_db, PLAN_YEAR)
    assert [(t.title, t.when, t.linked) for t in stored.topics] == [
        ("优化营商环境", "5月", True),
        ("城区停车难问题", "第三季度", False),
    ]
    # Moving keeps the plan's order.
    plan.table.selectRow(1)
    click(qtbot, plan.up_button)
    assert shown(plan.table, 1) == ["城区停车难问题", "优化营商环境"]


def test_a_topic_with_no_form_is_refused(qtbot, page, office_db, modal) -> None:
    click(qtbot, page.plan.add_button)
    dialog = page.plan.dialog
    type_text(qtbot, dialog.title_edit, "优化营商环境")
    seen: list[str] = []
    answer_with(modal, seen)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert seen == ["协商议题未保存：\n议题来源：请选择\n协商形式：请选择"]
    assert dialog.isVisible()
    assert plans.get_plan(office_db, PLAN_YEAR).topics == ()


def test_an_approval_date_outside_the_plans_years_is_refused(qtbot, page, office_db, modal):
    dialog = page.plan.edit_plan()
    dialog.approved_on.set_value(date(PLAN_YEAR - 2, 12, 20))
    type_text(qtbot, dialog.approved_by, "县委常委会会议")
    seen: list[str] = []
    answer_with(modal, seen)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert f"不在{PLAN_YEAR - 1}年或{PLAN_YEAR}年内" in seen[0]
    assert plans.get_plan(office_db, PLAN_YEAR).form.approved_by == ""
    dialog.approved_on.set_value(date(PLAN_YEAR - 1, 12, 28))
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "县委常委会会议批准" in page.plan.heading.text()


def test_the_plan_prints_as_a_word_file(qtbot, page, office_db, topic, tmp_path) -> None:
    page.plan.refresh()
    page.plan.choose_save_path = lambda suggested: tmp_path / suggested
    click(qtbot, page.plan.word_button)
    qtbot.waitUntil(lambda: page.plan.output.path is not None)
    path = page.plan.output.path
    assert path.name == f"{PLAN_YEAR}年度协商计划.docx"
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "农村牧区人居环境整治" in text
    assert document.tables[0].rows[1].cells[1].text == "农村牧区人居环境整治"
    assert page.plan.output.open_button.isVisible()


def test_research_groups_and_the_one_general_report(
    qtbot, page, office_db, roster, topic, modal
) -> None:
    page.plan.refresh()
    page.plan.select_topic(topic)
    click(qtbot, page.plan.research_button)
    dialog = page.plan.dialog
    assert isinstance(dialog, ResearchDialog)
    click(qtbot, dialog.findChild(type(page.plan.add_button), "addGroup"))
    group = dialog.item_dialog
    assert isinstance(group, GroupDialog)
    type_text(qtbot, group.name, "第一调研组")
    group.picker.toggle_row(group.picker.proxy.index(group.picker.row_of("张建国"), 0))
    click(qtbot, group.save_button)
    qtbot.waitUntil(lambda: not group.isVisible())
    assert shown(dialog.group_table, 3) == ["张建国"]
    for title in ("总报告", "另一份总报告"):
        click(qtbot, dialog.findChild(type(page.plan.add_button), "addReport"))
        report = dialog.item_dialog
        assert isinstance(report, ReportDialog)
        type_text(qtbot, report.title_edit, title)
        tick(qtbot, report.general)
        if title == "另一份总报告":
            seen: list[str] = []
            answer_with(modal, seen, dialog, report)
        click(qtbot, report.save_button)
        if title == "总报告":
            qtbot.waitUntil(lambda r=report: not r.isVisible())
    qtbot.waitUntil(lambda: modal.done)
    assert "只有一份总报告" in seen[0]
    modal.then(lambda box: next(b for b in box.buttons() if b.text() == "放弃").click())
    report.reject()  # the refused report was typed: 取消 asks before dropping it
    qtbot.waitUntil(lambda: not report.isVisible())
    assert "报告“1+0”" in dialog.pattern.text()
    type_text(qtbot, dialog.work_plan, "分三个组赴各苏木镇调研。")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert research.get_research(office_db, topic).work_plan == "分三个组赴各苏木镇调研。"
    assert shown(page.plan.table, 7) == ["调研中"]


def test_deleting_a_topic_can_be_undone(qtbot, page, office_db, topic, modal) -> None:
    page.plan.refresh()
    page.plan.select_topic(topic)
    assert not page.plan.status.isVisible()  # nothing said: the list has the room
    modal.then(lambda box: box.buttons()[0].click())  # 删除
    click(qtbot, page.plan.delete_button)
    qtbot.waitUntil(lambda: modal.done)
    assert page.plan.stack.currentWidget() is page.plan.empty
    assert page.plan.status.isVisible() and "撤销删除" in page.plan.status.text()
    click(qtbot, page.plan.undo_button)
    assert shown(page.plan.table, 1) == ["农村牧区人居环境整治"]


def test_open_topics_are_carried_into_next_year(qtbot, page, office_db, topic) -> None:
    from app.consultation.plan.topics import add_topic

    add_topic(office_db, PLAN_YEAR, topic_form(title="已办结的议题", status=TopicStatus.CLOSED))
    page.plan.refresh()
    # At the year's end (PLAN_YEAR is past by November of it) the open ones are counted.
    assert page.plan.carry_button.text() == "转入下年（1）…"
    click(qtbot, page.plan.carry_button)
    dialog = page.plan.dialog
    assert shown(dialog.table) == ["农村牧区人居环境整治"]  # the closed one is not offered
    assert shown(dialog.table, 2) == ["尚未召开协商会议"]
    click(qtbot, dialog.carry_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.plan.status.text() == f"已将 1 个议题转入{PLAN_YEAR + 1}年度协商计划。"
    assert shown(page.plan.table, 7) == ["转入下年", "已办结"]
    assert page.plan.carry_button.text() == "转入下年…"
    next_year = plans.get_plan(office_db, PLAN_YEAR + 1)
    assert [(t.title, t.carried_from) for t in next_year.topics] == [
        ("农村牧区人居环境整治", f"{PLAN_YEAR}年转入")
    ]
