"""Screens for members: the member list, the member file form and the roster import wizard."""
