"""统计与公开: the statistics tab and its charts; publication, letters, the register export."""
