"""The duplicate check (查重): similar proposals of every year and its text engine."""
