"""Proposals (提案): intake and numbering, review, the duplicate check, assignment to
handling units, handling and deadlines, feedback, supervision, publication,
statistics, leads, spreadsheet and Word intake. Services take a Database and
hand back plain frozen dataclasses (app.proposals.views)."""
