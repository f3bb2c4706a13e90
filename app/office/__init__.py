"""Office set-up: the office, its terms and plenary sessions, and the dictionaries.

Dictionaries: 界别, 政治面貌, 民族, 专委会, 联络组, 承办单位, 提案类别 …
"""
