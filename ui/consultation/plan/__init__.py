"""The 年度协商计划 tab: topics, the plan's details, research and carrying topics over."""
