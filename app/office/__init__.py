"""Office set-up: the office itself, its terms and plenary sessions, and the dictionaries (界别, 专委会, 承办单位 …)."""
