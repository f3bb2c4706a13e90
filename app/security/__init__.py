"""Accounts, login and the audit trail (MLPS 2.0 level 2): who is at the keyboard,
what their role allows (app.common.operator, app.common.access), and who did what
(app.common.audit)."""
