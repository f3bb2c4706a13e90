"""The proposal duplicate check: its figures on the labelled set, and its edges."""

from __future__ import annotations

import json
import time

import pytest

from app.proposals import similarity
from app.proposals.similarity import SimilarityIndex, normalize, text_terms
from tests.proposals.similarity_figures import DATA, Figures, load, measure, report

PARKING = (
    "关于缓解县城停车难问题的建议",
    "县城老城区停车位严重不足，医院、学校周边车辆乱停乱放。建议建设立体停车场，"
    "推动机关单位停车位错时开放。",
)
WATER = ("山区群众吃水难", "高山村组季节性缺水，自来水工程规模小、水源单一，水质发黄。")
FUNERAL = ("推进殡葬改革", "农村乱埋乱葬占用耕地，城区经营性公墓价格高。")


@pytest.fixture(scope="module")
def figures() -> Figures:
    labelled = load()
    result = measure(labelled)
    print("\n" + "\n".join(report(result, "duplicate check, title + body")))  # noqa: T201
    return result


def small_index() -> SimilarityIndex:
    return SimilarityIndex(
        [("parking", *PARKING), ("water", *WATER), ("funeral", *FUNERAL)]
        + [(f"filler-{i}", f"其他事项{i}", "与本题无关的一些内容。") for i in range(5)]
    )


# --- the labelled set -----------------------------------------------------------------


def test_labelled_set_is_as_large_and_varied_as_promised() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert len(data["duplicates"]) >= 40
    assert len(data["near_misses"]) >= 30
    assert len(data["background"]) >= 150
    for pair in data["duplicates"] + data["near_misses"]:
        assert pair["a"]["title"] != pair["b"]["title"]
        assert normalize(pair["a"]["title"]) != normalize(pair["b"]["title"])
        assert pair["a"]["body"] and pair["b"]["body"]


def test_ranking_finds_the_partner_among_the_distractors(figures: Figures) -> None:
    # Measured: first for 73 of 90 queries, in the top three for 86.
    assert figures.first / figures.pairs >= 0.75
    assert figures.top3 / figures.pairs >= 0.90


def test_flag_does_not_get_worse(figures: Figures) -> None:
    # Measured at DUPLICATE_THRESHOLD 0.38: recall 0.178, precision 0.762. A floor
    # against regressions, well below the target (next test).
    assert figures.recall >= 0.15
    assert figures.precision >= 0.70
    assert figures.near_miss_flags == 0


@pytest.mark.xfail(
    strict=True,
    reason="issue 10 target not met: lexical similarity cannot tell same-subject pairs "
    "in different words from same-field neighbours well enough (see the figures script)",
)
def test_flag_meets_the_issue_target(figures: Figures) -> None:
    assert figures.recall >= 0.90
    assert figures.precision >= 0.80


# --- normalisation --------------------------------------------------------------------


def test_normalize_turns_full_width_into_half_width_and_drops_punctuation() -> None:
    assert normalize("ＡＰＰ推广，５Ｇ基站！") == "app推广 5g基站"
    assert normalize("“双减”（试行）") == "双减 试行"


def test_normalize_removes_boilerplate_and_unifies_synonyms() -> None:
    assert normalize("关于进一步加强我县农村饮水安全的建议") == "农村饮水安全"
    assert normalize("楼道里给电瓶车充电") == normalize("楼道里给电动车充电")
    assert "电动自行车" in normalize("电瓶车")


def test_terms_are_bigrams_and_characters_without_bare_numbers() -> None:
    assert text_terms(normalize("停车难2023年")) == ["停", "车", "难", "停车", "车难", "年"]
    assert text_terms(normalize("推广app")) == ["推", "广", "推广", "app"]


# --- edges ----------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["", "   ", "\u3000"])
def test_an_empty_title_finds_nothing(title: str) -> None:
    assert small_index().similar(title, PARKING[1]) == []


def test_punctuation_or_boilerplate_only_finds_nothing() -> None:
    index = small_index()
    assert index.similar("！？。，", "……——") == []
    assert index.similar("关于……的建议", "") == []


def test_short_query_does_not_crash() -> None:
    matches = small_index().similar("水")
    assert all(0 <= m.score <= 1 for m in matches)


def test_empty_index_and_zero_limit_find_nothing() -> None:
    assert SimilarityIndex().similar(*PARKING) == []
    assert small_index().similar(*PARKING, limit=0) == []


def test_a_very_long_body_is_handled_quickly() -> None:
    index = small_index()
    body = PARKING[1] * 2000  # ~100,000 characters
    started = time.perf_counter()
    matches = index.similar(PARKING[0], body)
    assert time.perf_counter() - started < 2.0
    assert matches[0].key == "parking"


def test_results_are_best_first_within_the_limit_and_skip_excluded_keys() -> None:
    index = small_index()
    matches = index.similar(*PARKING, limit=3)
    assert len(matches) <= 3
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert matches[0].key == "parking"
    assert "parking" not in [m.key for m in index.similar(*PARKING, exclude=["parking"])]


def test_similar_to_an_indexed_proposal_leaves_it_out() -> None:
    index = small_index()
    assert "parking" not in [m.key for m in index.similar_to("parking")]
    with pytest.raises(KeyError):
        index.similar_to("no such key")


def test_add_after_build_is_found_and_a_key_is_indexed_once() -> None:
    index = small_index()
    index.add(
        "parking-2024", "城区车位供给不足", "医院周边找不到泊位，建议建设公共停车场和立体车库。"
    )
    assert "parking-2024" in index
    assert len(index) == 9
    assert index.similar("城区车位供给不足", "医院周边停车难")[0].key == "parking-2024"
    with pytest.raises(ValueError, match="already indexed"):
        index.add("parking", "另一个标题", "")


def test_same_text_scores_one_and_is_flagged() -> None:
    top = small_index().similar(*WATER)[0]
    assert top.key == "water"
    assert top.score == pytest.approx(1.0)
    assert top.likely_duplicate


def test_flag_is_exactly_score_at_or_above_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    index = small_index()
    query = ("停车难", "医院周边停车位不足，公墓价格高，自来水发黄。")
    matches = index.similar(*query)
    assert len({m.score for m in matches}) >= 2
    for match in matches:
        monkeypatch.setattr(similarity, "DUPLICATE_THRESHOLD", match.score)
        flags = {m.key: m.likely_duplicate for m in index.similar(*query)}
        assert flags == {m.key: m.score >= match.score for m in matches}
        assert flags[match.key]
    monkeypatch.setattr(similarity, "DUPLICATE_THRESHOLD", 1.01)
    assert not any(m.likely_duplicate for m in index.similar(*WATER))
