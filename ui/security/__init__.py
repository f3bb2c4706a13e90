"""Screens of accounts and the audit trail: login, the lock screen, accounts, 审计日志."""
