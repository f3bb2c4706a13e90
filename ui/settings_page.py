"""系统设置: the office's lists, its terms and sessions, the order of names, data safety,
and for administrators the accounts and the audit trail."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.common.operator import Permission, may
from app.common.storage import Database
from ui.common.screen_fit import ScrollingTabs
from ui.common.widgets import Page
from ui.data_safety.panel import DataSafetyPanel
from ui.members.name_order_panel import NameOrderPanel
from ui.office.dictionary_editor import DictionaryEditor
from ui.office.terms_editor import TermsEditor
from ui.proposals.settings_panel import ProposalSettingsPanel


class SettingsPage(Page):
    title = "系统设置"
    hint = "维护本单位的基础名录、届次与全体会议、名单排序，提案设置（含操作人），以及数据备份。"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Each tab scrolls on its own: 提案设置's long form no longer makes the whole page
        # (and the lists of the other tabs) scroll at 125 % display scaling.
        self.tabs = ScrollingTabs()
        self.tabs.setObjectName("settingsTabs")
        self.dictionaries = DictionaryEditor(database)
        self.terms = TermsEditor(database)
        self.name_order = NameOrderPanel(database)
        self.data_safety = DataSafetyPanel(database)
        self.proposals = ProposalSettingsPanel(database)
        self.tabs.addTab(self.dictionaries, "基础名录")
        self.tabs.addTab(self.terms, "届次与会议")
        self.tabs.addTab(self.proposals, "提案设置")
        self.tabs.addTab(self.name_order, "名单排序")
        self.tabs.addTab(self.data_safety, "数据安全")
        if may(database, Permission.MANAGE_ACCOUNTS):
            from ui.security.accounts_panel import AccountsPanel
            from ui.security.audit_panel import AuditPanel

            self.accounts = AccountsPanel(database)
            self.audit = AuditPanel(database)
            self.tabs.addTab(self.accounts, "账户")
            self.tabs.addTab(self.audit, "审计日志")
        self.tabs.currentChanged.connect(self._refresh_tab)
        self.page_layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        self._refresh_tab(self.tabs.currentIndex())

    def _refresh_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        refresh = getattr(tab, "refresh", None)
        if callable(refresh):
            refresh()
