"""The 概况 page's figures: the office at a glance."""
