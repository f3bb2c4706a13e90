"""提案: the screens of the proposal lifecycle (services in app/proposals).

page.py holds the tabs, detail_dialog.py one proposal's window; intake/, handling/
and outputs/ hold the screens of those parts, as in app/proposals."""
