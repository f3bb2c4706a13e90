"""The 协商成果 tab: outcomes with their instructions and follow-ups."""
