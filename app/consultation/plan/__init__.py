"""年度协商计划: the plan, its topics, research (“1+N”) and topics carried into next year."""
