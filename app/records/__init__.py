"""Duty records (履职记录).

Meetings and activities with attendance, 社情民意信息, plenary speeches and reports.
"""
