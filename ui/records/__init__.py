"""The 履职记录 page: meetings and activities with attendance, 社情民意信息, speeches and reports."""
