"""Duty records (履职记录): meetings and activities with attendance, 社情民意信息, plenary speeches and reports."""
