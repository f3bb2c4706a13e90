"""The 履职记录 page: meetings with attendance, 社情民意信息, speeches and reports."""
