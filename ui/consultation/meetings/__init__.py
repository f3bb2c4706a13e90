"""The one meeting editor (shared with 履职记录) and its panels."""
