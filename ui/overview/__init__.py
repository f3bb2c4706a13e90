"""The 概况 page."""
