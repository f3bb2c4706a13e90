"""Members (委员档案): member files, and the roster import and export."""
