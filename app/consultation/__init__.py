"""Consultation (协商): the annual plan and its topics, research, meetings with their
records and printed materials, outcomes with leader instructions and follow-up.

Screens call these modules (plain frozen dataclasses in and out):
`plans` (plan and topics, linked share), `carry_over` (open topics into next
year), `research` (groups, “1+N” reports), `meetings` (meeting details,
attendance, checklist), `speeches`, `sign_in` (reading a filled sign-in
spreadsheet back), `outcomes` (outcomes, instructions, follow-up, year
figures), `attachments`, `materials` (what printouts show, for Word and Qt),
`meeting_docs` / `table_cards` / `plan_doc` (the Word files).
"""
