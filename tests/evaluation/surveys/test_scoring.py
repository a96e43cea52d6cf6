"""Scoring a tie survey: hand-computed examples, the arithmetic in the comments.

`full(x)` answers all seven items with x, so a respondent's score (and both subscales) for that
target is x; the examples then only need the respondents' scores.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable

import pytest
from scipy.stats import t as student_t

from netvaerk.evaluation.surveys.scoring import (
    COMMUNICATION,
    DIMENSIONS,
    MEASURES,
    RELATIONSHIP,
    Rating,
    Result,
    compare,
    compare_ties,
    mean_of,
    score,
)


def full(value: int) -> dict[int, int | None]:
    return dict.fromkeys(DIMENSIONS, value)


def rate(respondent: Hashable, group: Hashable, **targets: int) -> list[Rating]:
    """One respondent's ratings, every item of a target the same value."""
    return [Rating(respondent, group, target, full(value)) for target, value in targets.items()]


# Wave 1: A = a1, a2; B = b1, b2, b3; everyone rates both groups.
#   a1: A=4 B=2   a2: A=2 B=2
#   b1: A=3 B=5   b2: A=1 B=5   b3: A=2 B=2
BEFORE = [
    *rate("a1", "A", A=4, B=2),
    *rate("a2", "A", A=2, B=2),
    *rate("b1", "B", A=3, B=5),
    *rate("b2", "B", A=1, B=5),
    *rate("b3", "B", A=2, B=2),
]
# Wave 2, other respondents and other group sizes: A = a4, a5, a6; B = b4, b5.
#   a4: A=5 B=3   a5: A=4 B=3   a6: A=3 B=3
#   b4: A=4 B=5   b5: A=2 B=3
AFTER = [
    *rate("a4", "A", A=5, B=3),
    *rate("a5", "A", A=4, B=3),
    *rate("a6", "A", A=3, B=3),
    *rate("b4", "B", A=4, B=5),
    *rate("b5", "B", A=2, B=3),
]


def before() -> Result:
    return score(BEFORE, groups=["A", "B"], min_group_size=2)


def after() -> Result:
    return score(AFTER, groups=["A", "B"], min_group_size=2)


# --- mean_of


def test_mean_of_leaves_dont_know_out_instead_of_counting_it_as_zero() -> None:
    # (4 + 2) / 2 = 3, not (4 + 0 + 2) / 3 = 2
    assert mean_of({1: 4, 2: None, 3: 2}) == 3.0
    # a missing item is "don't know" too: (5 + 1 + 3) / 3 = 3
    assert mean_of({1: 5, 4: 1, 7: 3}) == 3.0


def test_mean_of_nothing_answered_is_none() -> None:
    assert mean_of({}) is None
    assert mean_of(dict.fromkeys(DIMENSIONS)) is None
    # answered, but not among the dimensions asked for
    assert mean_of({1: 5, 2: 5}, RELATIONSHIP) is None


def test_mean_of_the_subscales() -> None:
    answers = {1: 5, 2: 4, 3: None, 4: 3, 5: 2, 6: None, 7: 1}
    assert mean_of(answers, COMMUNICATION) == 4.0  # (5 + 4 + 3) / 3
    assert mean_of(answers, RELATIONSHIP) == 1.5  # (2 + 1) / 2
    assert mean_of(answers) == 3.0  # (5 + 4 + 3 + 2 + 1) / 5


@pytest.mark.parametrize("value", [0, 6, -1])
def test_mean_of_refuses_values_outside_the_scale(value: int) -> None:
    with pytest.raises(ValueError):
        mean_of({1: value})


# --- ties


def test_a_tie_is_the_mean_over_the_respondents_who_rated_the_target() -> None:
    ratings = [
        *rate("a1", "A", A=4, B=1),
        *rate("a2", "A", A=2),  # says nothing about B ...
        Rating("a2", "A", "B", dict.fromkeys(DIMENSIONS)),  # ... or only "don't know"
        *rate("a3", "A", A=3, B=3),
        *rate("b1", "B", A=2, B=2),
        *rate("b2", "B", A=4, B=4),
    ]
    result = score(ratings, groups=["A", "B"], min_group_size=2)
    a_a, a_b = result.tie("A", "A"), result.tie("A", "B")
    assert a_a is not None and a_b is not None
    # A→A over a1, a2, a3: (4 + 2 + 3) / 3 = 3; variance ((4-3)² + (2-3)² + 0²) / 2 = 1
    assert (a_a.score, a_a.respondents, a_a.variance) == (3.0, 3, 1.0)
    # A→B over a1 and a3 only: (1 + 3) / 2 = 2; variance ((1-2)² + (3-2)²) / 1 = 2
    assert (a_b.score, a_b.respondents, a_b.variance) == (2.0, 2, 2.0)
    # a2 still counts in A's size: they answered something
    assert result.group_sizes == {"A": 3, "B": 2}
    assert result.respondents == 5
    # B→A = (2 + 4) / 2 = 3, B→B = 3; index (3 + 2 + 3 + 3) / 4 = 11/4
    assert result.index == 2.75

    # The variance with a respondent missing from a tie; T = 4 ties.
    #   IF_a1 = 1/4 · ((4-3)/3 + (1-2)/2) = 1/4 · (-1/6) = -1/24
    #   IF_a2 = 1/4 · (2-3)/3                           = -2/24
    #   IF_a3 = 1/4 · (0/3 + (3-2)/2)                   =  3/24
    #   v_A = 3/2 · (1 + 4 + 9)/576 = 21/576 = 7/192
    #   IF_b1 = 1/4 · ((2-3)/2 + (2-3)/2) = -1/4, IF_b2 = +1/4; v_B = 2/1 · 2/16 = 1/4 = 48/192
    assert result.variance["index"] == pytest.approx(55 / 192)
    #   df = (55/192)² / ((7/192)²/2 + (1/4)²/1) = 3025/36864 / (4657/73728) = 6050/4657
    assert result.df["index"] == pytest.approx(6050 / 4657)


def test_a_respondent_with_one_answer_only_has_a_tie_value_and_a_subscale() -> None:
    ratings = [
        Rating("a1", "A", "A", {1: 5, 2: 5, 3: None}),  # score 5, communication 5, no relationship
        Rating("a2", "A", "A", {5: 2, 6: 3, 7: 4}),  # score 3, no communication, relationship 3
    ]
    result = score(ratings, groups=["A"], min_group_size=2)
    tie = result.tie("A", "A")
    assert tie is not None
    assert tie.score == 4.0  # (5 + 3) / 2
    assert tie.communication == 5.0  # a1 alone
    assert tie.relationship == 3.0  # a2 alone
    assert tie.respondents == 2
    assert tie.variance == 2.0  # ((5-4)² + (3-4)²) / 1
    assert (result.index, result.communication, result.relationship) == (4.0, 5.0, 3.0)
    # the subscales have one respondent each in A: no variance to estimate, v_A = 0
    assert result.variance["communication"] == 0.0
    assert result.df["communication"] is None


def test_the_subscale_indexes_skip_ties_without_that_subscale() -> None:
    ratings = [
        Rating("a1", "A", "A", {5: 4, 6: 4, 7: 4}),  # A→A: score 4, relationship 4 only
        Rating("a1", "A", "B", {1: 2, 2: 2, 3: 2, 4: 2}),  # A→B: score 2, communication 2 only
        *rate("b1", "B", A=3, B=5),
    ]
    result = score(ratings, groups=["A", "B"], min_group_size=1)
    assert result.index == 3.5  # (4 + 2 + 3 + 5) / 4
    assert result.communication == pytest.approx(10 / 3)  # (A→B 2 + B→A 3 + B→B 5) / 3
    assert result.relationship == 4.0  # (A→A 4 + B→A 3 + B→B 5) / 3
    a_a = result.tie("A", "A")
    assert a_a is not None and a_a.communication is None and a_a.relationship == 4.0


def test_the_index_is_the_mean_over_ties_not_over_respondents() -> None:
    ratings = [rating for n in range(5) for rating in rate(f"a{n}", "A", A=5)]
    ratings += rate("b1", "B", B=1)
    result = score(ratings, groups=["A", "B"], min_group_size=1)
    # Ties A→A = 5 and B→B = 1 (nobody rated across): (5 + 1) / 2 = 3,
    # while the mean over the six respondents would be (5·5 + 1) / 6 = 4.33.
    assert result.index == 3.0
    assert set(result.ties) == {("A", "A"), ("B", "B")}
    assert result.tie("A", "B") is None


# --- the anonymity threshold


THRESHOLD = [
    *rate("a1", "A", A=4, B=1),
    *rate("a2", "A", A=4, B=1),
    *rate("a3", "A", A=4, B=1),
    *rate("b1", "B", A=2, B=5),
    *rate("b2", "B", A=2, B=5),
    Rating("b3", "B", "A", dict.fromkeys(DIMENSIONS)),  # only "don't know": not a respondent
]


def test_a_group_of_exactly_the_threshold_is_shown_and_one_below_is_hidden() -> None:
    result = score(THRESHOLD, groups=["A", "B"], min_group_size=3)
    # A has 3 = the threshold: shown. B has 2 (b3 answered nothing): hidden.
    assert result.groups == ("A",)
    assert result.hidden == 1
    assert result.group_sizes == {"A": 3}
    assert result.respondents == 3  # B's two are not counted anywhere
    # B is no target either: A→B disappears, and so does B→A.
    assert set(result.ties) == {("A", "A")}
    assert result.tie("A", "B") is None and result.tie("B", "A") is None
    assert result.index == 4.0  # A→A alone


def test_the_same_ratings_with_a_lower_threshold_show_both_groups() -> None:
    result = score(THRESHOLD, groups=["A", "B"], min_group_size=2)
    assert result.groups == ("A", "B")
    assert (result.hidden, result.respondents) == (0, 5)
    assert result.group_sizes == {"A": 3, "B": 2}
    # A→A 4, A→B 1, B→A 2, B→B 5: (4 + 1 + 2 + 5) / 4 = 3, not the 4 with B hidden
    assert result.index == 3.0


def test_groups_nobody_answered_and_foreign_ratings() -> None:
    ratings = [
        *rate("a1", "A", A=3, X=1),  # X is not one of the survey's groups: ignored
        *rate("x1", "X", A=1),  # a respondent of an unknown group: ignored
    ]
    result = score(ratings, groups=["A", "C"], min_group_size=1)
    assert result.groups == ("A",)
    assert result.hidden == 1  # C: nobody answered, size 0
    assert result.respondents == 1
    assert result.index == 3.0


def test_all_hidden_gives_nothing_to_show() -> None:
    result = score(BEFORE, groups=["A", "B"], min_group_size=5)
    assert result.groups == ()
    assert (result.hidden, result.respondents) == (2, 0)
    assert result.ties == {} and result.group_sizes == {}
    assert (result.index, result.communication, result.relationship) == (None, None, None)
    assert all(result.variance[m] is None and result.df[m] is None for m in MEASURES)


def test_the_order_of_the_groups_is_kept() -> None:
    ratings = [
        *rate("z1", "Z", Z=1, M=2),
        *rate("m1", "M", Z=3, M=4),
        *rate("k1", "K", Z=5),
    ]
    result = score(ratings, groups=["Z", "K", "M", "A"], min_group_size=1)
    assert result.groups == ("Z", "K", "M")
    assert list(result.group_sizes) == ["Z", "K", "M"]
    assert list(result.ties) == [("Z", "Z"), ("Z", "M"), ("K", "Z"), ("M", "Z"), ("M", "M")]
    assert result.hidden == 1  # A


def test_a_respondent_in_two_groups_or_rating_a_target_twice_is_refused() -> None:
    with pytest.raises(ValueError):
        score([*rate("r", "A", A=1), *rate("r", "B", B=1)], groups=["A", "B"], min_group_size=1)
    with pytest.raises(ValueError):
        score([*rate("r", "A", A=1), *rate("r", "A", A=2)], groups=["A"], min_group_size=1)


# --- the variance of the index


def test_the_variance_of_a_wave_by_hand() -> None:
    result = before()
    # Ties: A→A (4+2)/2 = 3, A→B (2+2)/2 = 2, B→A (3+1+2)/3 = 2, B→B (5+5+2)/3 = 4
    assert {key: tie.score for key, tie in result.ties.items()} == {
        ("A", "A"): 3.0,
        ("A", "B"): 2.0,
        ("B", "A"): 2.0,
        ("B", "B"): 4.0,
    }
    assert [tie.variance for tie in result.ties.values()] == [2.0, 0.0, 1.0, 3.0]
    assert result.index == 2.75  # (3 + 2 + 2 + 4) / 4
    assert result.communication == result.relationship == 2.75
    # T = 4. IF_a1 = 1/4 · ((4-3)/2 + (2-2)/2) = 1/8, IF_a2 = -1/8
    #   v_A = 2/1 · 2/64 = 1/16
    # IF_b1 = 1/4 · ((3-2)/3 + (5-4)/3) = 1/6, IF_b2 = 1/4 · (-1/3 + 1/3) = 0, IF_b3 = -1/6
    #   v_B = 3/2 · 2/36 = 1/12
    for measure in MEASURES:
        assert result.variance[measure] == pytest.approx(1 / 16 + 1 / 12)  # 7/48
        # df = (7/48)² / ((1/16)²/1 + (1/12)²/2) = (49/2304) / (17/2304) = 49/17
        assert result.df[measure] == pytest.approx(49 / 17)


def test_with_complete_data_the_variance_is_the_stratified_variance_of_respondent_means() -> None:
    # Σ_A (|targets|/T)² · s_A² / n_A, s_A² the sample variance of the respondents' mean over
    # the targets. Before: A's means 3, 2 (s² = 1/2); B's 4, 3, 2 (s² = 1).
    #   (2/4)² · (1/2)/2 + (2/4)² · 1/3 = 1/16 + 1/12
    assert before().variance["index"] == pytest.approx((2 / 4) ** 2 * 0.5 / 2 + (2 / 4) ** 2 / 3)
    # After: A's means 4, 3.5, 3 (s² = 1/4); B's 4.5, 2.5 (s² = 2).
    #   (1/2)² · (1/4)/3 + (1/2)² · 2/2 = 1/48 + 1/4 = 13/48
    assert after().variance["index"] == pytest.approx(13 / 48)
    # and on random complete data
    rng = random.Random(7)
    for _round in range(20):
        groups = ["A", "B", "C"]
        ratings = []
        means: dict[str, list[float]] = {g: [] for g in groups}
        for group in groups:
            for n in range(rng.randint(2, 6)):
                values = {target: rng.randint(1, 5) for target in groups}
                ratings += rate(f"{group}{n}", group, **values)
                means[group].append(sum(values.values()) / len(groups))
        result = score(ratings, groups=groups, min_group_size=2)
        expected = 0.0
        for group in groups:
            n = len(means[group])
            mean = sum(means[group]) / n
            s2 = sum((m - mean) ** 2 for m in means[group]) / (n - 1)
            expected += (len(groups) / len(result.ties)) ** 2 * s2 / n
        assert result.variance["index"] == pytest.approx(expected)


# --- comparing waves


def test_compare_two_waves_with_different_respondents() -> None:
    old, new = before(), after()
    # After: ties A→A 4, A→B 3, B→A 3, B→B 4; index 14/4 = 3.5, three and two respondents
    assert new.index == 3.5
    assert new.group_sizes == {"A": 3, "B": 2}
    # v_A = 1/48, v_B = 1/4: df = (13/48)² / ((1/48)²/2 + (1/4)²/1) = 338/289
    assert new.df["index"] == pytest.approx(338 / 289)

    difference = compare(old, new)
    assert (difference.before, difference.after) == (2.75, 3.5)
    assert difference.difference == 0.75
    # SE² = 7/48 + 13/48 = 5/12
    # df = (5/12)² / ((7/48)²/(49/17) + (13/48)²/(338/289))
    #    = (800/4608) / (34/4608 + 289/4608) = 800/323
    assert difference.df == pytest.approx(800 / 323)
    half = student_t.ppf(0.975, 800 / 323) * math.sqrt(5 / 12)
    assert difference.low == pytest.approx(0.75 - half)
    assert difference.high == pytest.approx(0.75 + half)
    # a 90 % interval is narrower
    narrower = compare(old, new, confidence=0.90)
    assert difference.low < narrower.low < 0.75 < narrower.high < difference.high  # type: ignore[operator]


def test_compare_the_subscales() -> None:
    difference = compare(before(), after(), measure="relationship")
    assert difference.difference == 0.75  # all items the same value: as the index
    with pytest.raises(ValueError):
        compare(before(), after(), measure="respect")


def test_compare_with_nothing_to_compare_never_raises() -> None:
    empty = score([], groups=["A", "B"], min_group_size=5)
    difference = compare(empty, after())
    assert difference.before is None and difference.after == 3.5
    assert (difference.difference, difference.low, difference.high, difference.df) == (
        None,
        None,
        None,
        None,
    )
    assert compare(after(), empty).difference is None
    assert compare_ties(empty, after()) == {}


def test_compare_without_any_spread_gives_a_point_interval() -> None:
    # one respondent per group: every v_A is 0
    one = score(rate("a1", "A", A=2), groups=["A"], min_group_size=1)
    two = score(rate("a2", "A", A=5), groups=["A"], min_group_size=1)
    assert one.variance["index"] == 0.0 and one.df["index"] is None
    difference = compare(one, two)
    assert (difference.difference, difference.low, difference.high) == (3.0, 3.0, 3.0)
    assert difference.df is None


def test_compare_with_one_wave_without_spread_uses_the_other_alone() -> None:
    # the zero term is skipped: SE² = 7/48 and df = 49/17, the before wave's own
    flat = score(rate("a1", "A", A=2, B=2), groups=["A", "B"], min_group_size=1)
    difference = compare(before(), flat)
    assert difference.df == pytest.approx(49 / 17)
    half = student_t.ppf(0.975, 49 / 17) * math.sqrt(7 / 48)
    assert difference.low == pytest.approx(-0.75 - half)  # 2 - 2.75


def test_compare_ties_welch() -> None:
    differences = compare_ties(before(), after())
    assert list(differences) == [("A", "A"), ("A", "B"), ("B", "A"), ("B", "B")]
    a_a = differences["A", "A"]
    # before 3 (var 2, n 2), after 4 (var 1, n 3): SE² = 2/2 + 1/3 = 4/3
    # df = (4/3)² / ((1)²/1 + (1/3)²/2) = (16/9) / (19/18) = 32/19
    assert (a_a.before, a_a.after, a_a.difference) == (3.0, 4.0, 1.0)
    assert a_a.df == pytest.approx(32 / 19)
    half = student_t.ppf(0.975, 32 / 19) * math.sqrt(4 / 3)
    assert (a_a.low, a_a.high) == (pytest.approx(1 - half), pytest.approx(1 + half))
    # A→B: 2 → 3 with no spread in either wave: the interval is the point
    a_b = differences["A", "B"]
    assert (a_b.difference, a_b.low, a_b.high, a_b.df) == (1.0, 1.0, 1.0, None)
    # B→B: 4 (var 3, n 3) → 4 (var 2, n 2): SE² = 1 + 1 = 2; df = 4 / (1/2 + 1/1) = 8/3
    b_b = differences["B", "B"]
    assert b_b.difference == 0.0
    assert b_b.df == pytest.approx(8 / 3)
    half = student_t.ppf(0.975, 8 / 3) * math.sqrt(2)
    assert b_b.high == pytest.approx(half)


def test_compare_ties_without_a_variance_has_no_bounds() -> None:
    # B→A with a single respondent in the second wave: no variance, no interval
    second = score(
        [*rate("a9", "A", A=1), *rate("b9", "B", A=5)], groups=["A", "B"], min_group_size=1
    )
    differences = compare_ties(before(), second)
    assert set(differences) == {("A", "A"), ("B", "A")}  # only the ties in both
    b_a = differences["B", "A"]
    assert (b_a.before, b_a.after, b_a.difference) == (2.0, 5.0, 3.0)
    assert (b_a.low, b_a.high, b_a.df) == (None, None, None)


# --- properties


def test_the_order_of_the_ratings_does_not_matter() -> None:
    rng = random.Random(11)
    for _round in range(25):
        groups = ["A", "B", "C", "D"]
        ratings = []
        for n in range(rng.randint(5, 30)):
            group = rng.choice(groups)
            for target in groups:
                if rng.random() < 0.8:
                    answers = {
                        d: (rng.randint(1, 5) if rng.random() < 0.85 else None) for d in DIMENSIONS
                    }
                    ratings.append(Rating(f"r{n}", group, target, answers))
        expected = score(ratings, groups=groups, min_group_size=3)
        for _shuffle in range(3):
            rng.shuffle(ratings)
            assert score(ratings, groups=groups, min_group_size=3) == expected
