"""Proposals (提案): intake and numbering, review, the duplicate check, assignment to
handling units, handling and deadlines, feedback, supervision, publication,
statistics, leads, spreadsheet and Word intake. Services take a Database and
hand back plain frozen dataclasses (app.proposals.views).

intake/ gets proposals in, handling/ takes them through the office, duplicates/ is
the duplicate check (查重), outputs/ is what the register gives out; the pieces they
share (labels, settings, store, views, queries, attachments) and the cli stay here."""
