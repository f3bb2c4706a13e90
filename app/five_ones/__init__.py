"""The five-ones check (五个一).

What it reads, its rules and results, and its outputs (考核表, 通报, 履职档案).
"""
