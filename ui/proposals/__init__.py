"""提案: the screens of the proposal lifecycle (services in app/proposals)."""
