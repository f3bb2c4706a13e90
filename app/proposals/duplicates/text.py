"""Proposal text as the duplicate check reads it: normalised, then cut into terms.

Chinese has no spaces, so a text becomes character terms (see text_terms): bigrams,
which carry most words, and single characters, which catch variants such as 教师/老师
that share no bigram.
"""

from __future__ import annotations

import re
import unicodedata

from app.proposals.duplicates.synonyms import canonical_words

# Boilerplate of proposals: it says nothing about the subject, and left in it makes
# any two "关于加强……的建议" alike. Replaced by a gap, so no bigram spans it. Single
# characters only where they are (almost) never part of a word.
_STOP_LIST = """
关于 建议 提案 意见 进一步 加强 加快 加大 推进 推动 促进 完善 提升 提高 做好 切实 着力
有关 相关 问题 工作 对策 思考 几点 措施 力度 亟待 亟需 亟须 应当 应该 引起 重视 关注
解决 我县 全县 本县 我们 目前 当前 近年来 近几年 随着 存在 一些 部分 不少 很多 多措并举
的 了 和 与 及
"""
STOP_WORDS = tuple(_STOP_LIST.split())
_STOP_RE = re.compile("|".join(sorted(map(re.escape, STOP_WORDS), key=len, reverse=True)))
# Everything but Chinese characters, Latin letters and digits separates; so does
# boilerplate. One pass for both.
_GAP_RE = re.compile(_STOP_RE.pattern + r"|[^\u3400-\u4dbf\u4e00-\u9fffa-z0-9]+")
_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9]*[a-z][a-z0-9]*")


def normalize(text: str) -> str:
    """Half-width, lower case, synonyms unified (app.proposals.duplicates.synonyms), punctuation
    and boilerplate turned into single spaces."""
    text = canonical_words(unicodedata.normalize("NFKC", text).lower())
    return " ".join(_GAP_RE.sub(" ", text).split())


def text_terms(normalized: str) -> list[str]:
    """Bigrams and single characters of each run of Chinese characters, and ASCII words
    such as "app" or "5g" whole; bare numbers (years, amounts) are dropped."""
    terms: list[str] = []
    for run in _RUN_RE.findall(normalized):
        if run.isascii():
            terms.append(run)
        else:
            terms.extend(run)
            terms.extend(map(str.__add__, run, run[1:]))  # bigrams, built in C
    return terms
