"""Qt widgets and item models. Screens call services in app/; no SQL here."""
