"""The audit screen tells the administrator why a search finds nothing."""

from __future__ import annotations

from datetime import date

import pytest

from tests.security.helpers import ADMIN, staff_office
from tests.ui.conftest import settled
from ui.security.audit_panel import AuditPanel


@pytest.fixture
def panel(qtbot, office_db) -> AuditPanel:
    staff_office(office_db).as_user(ADMIN)
    panel = AuditPanel(office_db)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_dates_the_wrong_way_round_say_so(qtbot, panel):
    assert panel.table.rowCount() > 0  # the accounts made and the login
    panel.set_range(date.today(), date(2020, 1, 1))
    panel.search_button.click()
    assert panel.table.rowCount() == 0 and not panel.export_button.isEnabled()
    assert "晚于截止日期" in panel.count.text() and "请调整日期范围" in panel.count.text()

    panel.set_range(date(2020, 1, 1), date.today())
    panel.search_button.click()
    assert panel.table.rowCount() > 0 and panel.count.text().startswith("共 ")


def test_the_explanation_column_has_room_on_a_small_screen(qtbot, panel):
    """At 1366×768 and 125 % the panel is about 860 wide: 说明 (新增账户，角色… ) was cut
    to a few characters."""
    panel.resize(860, 480)
    settled(qtbot, panel)
    header = panel.table.horizontalHeader()
    assert panel.table.horizontalHeaderItem(5).text() == "说明"
    assert header.sectionSize(5) >= 160 and header.sectionSize(3) >= 160  # 说明, 对象
    assert not panel.table.horizontalScrollBar().isVisible()
    texts = [panel.table.item(r, 5).text() for r in range(panel.table.rowCount())]
    assert any(texts) and panel.table.item(0, 5).toolTip() == texts[0]
