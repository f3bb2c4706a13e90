"""The 五个一考核 screen, its table model and dialogs."""
