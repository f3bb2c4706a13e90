"""Consultation (协商): the annual plan and its topics, research, meetings with their
records and printed materials, outcomes with leader instructions and follow-up.

Screens call these modules (plain frozen dataclasses in and out; docs/consultation.md):
`plan/`: `plans` (the plan, linked share) and `topics`, `carry_over` (open topics into
next year), `research` (groups, “1+N” reports); `meetings/`: `meetings` (details) with
`meeting_forms`, `meeting_rows`, `attendance`, `checklist` and `ordering`, `speeches`,
`sign_in` (a filled sign-in spreadsheet read back); `outcomes/`: `outcomes` and
`instructions` (批示, 落实); `printouts/`: `materials` (what printouts show, for Word
and Qt alike) and the Word writers `meeting_docs`, `table_cards`, `plan_doc`. Shared at
the top: `labels`, `rules`, `attachments`, `figures` (the year in figures) and `cli`.
"""
