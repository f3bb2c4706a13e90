"""Consultation (协商): the annual plan and its topics, research, meetings with their
records and printed materials, outcomes with leader instructions and follow-up.

Screens call these modules (plain frozen dataclasses in and out; docs/consultation.md):
`plans` (the plan, linked share) and `topics`, `carry_over` (open topics into next
year), `figures`, `research` (groups, “1+N” reports), `meetings` (details) with
`meeting_forms`, `attendance` and `checklist`, `speeches`, `sign_in` (a filled
sign-in spreadsheet read back), `outcomes` and `instructions` (批示, 落实),
`attachments`, `materials` (what printouts show, for Word and Qt alike) and the Word
writers `meeting_docs`, `table_cards`, `plan_doc`.
"""
