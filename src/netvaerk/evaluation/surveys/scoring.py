"""Scoring a relational-coordination tie survey, as pure functions (no database).

A respondent in group A rates every group B on seven items from 1 to 5, or says they don't
know. Their score for B is the mean of the items they answered ("don't know" is left out, never
counted as 0); the communication subscale is the mean of the first four, the relationship
subscale of the last three. The tie A→B is the mean over A's respondents of their score for B,
and the network index the mean over the ties — every tie weighs the same, however many answered.

A group with fewer respondents than the anonymity threshold is hidden: it is neither the source
nor the target of any tie, its respondents count nowhere, and only the number of hidden groups
is left. So nothing computed from a `Result` can reveal a small group.

The variance of an index is the linearisation (influence-function) estimate, stratified by the
respondent's group, with Satterthwaite degrees of freedom; `compare` turns two waves (different
respondents, so independent samples) into a difference with a t confidence interval. Sums use
`math.fsum`, so the order of the ratings does not change a single bit of the result.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from scipy.stats import t as student_t

DIMENSIONS = (1, 2, 3, 4, 5, 6, 7)
COMMUNICATION = (1, 2, 3, 4)
RELATIONSHIP = (5, 6, 7)
MEASURES = ("index", "communication", "relationship")

# Which items each measure averages; the index's tie value is `Tie.score`.
_ITEMS = {"index": DIMENSIONS, "communication": COMMUNICATION, "relationship": RELATIONSHIP}
_TIE_FIELD = {"index": "score", "communication": "communication", "relationship": "relationship"}


@dataclass(frozen=True)
class Rating:
    """One respondent's answers about one target group."""

    respondent: Hashable  # a response id (pseudonymous)
    group: Hashable  # the respondent's own group id
    target: Hashable  # the rated group id
    answers: Mapping[int, int | None]  # dimension -> 1..5; None or missing = "don't know"


def mean_of(
    answers: Mapping[int, int | None], dimensions: Sequence[int] = DIMENSIONS
) -> float | None:
    """The mean of the answered items among `dimensions`; None when none is answered."""
    values = [value for d in dimensions if (value := answers.get(d)) is not None]
    if not values:
        return None
    for value in values:
        if not 1 <= value <= 5:
            raise ValueError(f"An answer must be 1 to 5 or None, not {value!r}.")
    return math.fsum(values) / len(values)


@dataclass(frozen=True)
class Tie:
    """How well the respondents in `source` say they coordinate with `target`."""

    source: Hashable
    target: Hashable
    score: float  # mean over respondents in source of their score for target
    communication: float | None  # same, on the subscale means
    relationship: float | None
    respondents: int  # respondents in source with a score for target
    variance: float | None  # sample variance (n-1) of those respondents' scores; None if n<2


@dataclass(frozen=True)
class Result:
    """A wave's scores between the groups large enough to be shown."""

    groups: tuple[Hashable, ...]  # the shown groups, in the order given to score()
    hidden: int  # how many groups were not shown (only a count)
    respondents: int  # respondents in shown groups
    group_sizes: Mapping[Hashable, int]  # shown groups only
    ties: Mapping[tuple[Hashable, Hashable], Tie]  # only between shown groups
    index: float | None
    communication: float | None
    relationship: float | None
    variance: Mapping[str, float | None]  # per measure, linearisation variance
    df: Mapping[str, float | None]  # per measure, Satterthwaite degrees of freedom

    def tie(self, source: Hashable, target: Hashable) -> Tie | None:
        return self.ties.get((source, target))


def _mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def _sample_variance(values: Sequence[float]) -> float | None:
    if len(values) < 2:
        return None
    mean = math.fsum(values) / len(values)
    return math.fsum((value - mean) ** 2 for value in values) / (len(values) - 1)


def score(ratings: Iterable[Rating], *, groups: Sequence[Hashable], min_group_size: int) -> Result:
    """Ties, indexes and their variances between the groups with `min_group_size` respondents."""
    order = tuple(dict.fromkeys(groups))
    known = set(order)
    group_of: dict[Hashable, Hashable] = {}
    # respondent -> target -> measure -> their value (only the measures they have a value for)
    values: dict[Hashable, dict[Hashable, dict[str, float]]] = {}
    for rating in ratings:
        if rating.group not in known or rating.target not in known:
            continue
        if group_of.setdefault(rating.respondent, rating.group) != rating.group:
            raise ValueError(f"Respondent {rating.respondent!r} is in two groups.")
        of_respondent = values.setdefault(rating.respondent, {})
        if rating.target in of_respondent:
            raise ValueError(f"Respondent {rating.respondent!r} rated {rating.target!r} twice.")
        measured = {
            measure: value
            for measure, items in _ITEMS.items()
            if (value := mean_of(rating.answers, items)) is not None
        }
        of_respondent[rating.target] = measured
    # Only those who answered at least one item count, for the group size as for the ties.
    members: dict[Hashable, list[Hashable]] = {group: [] for group in order}
    for respondent, targets in values.items():
        if any(targets.values()):
            members[group_of[respondent]].append(respondent)
    shown = tuple(group for group in order if len(members[group]) >= min_group_size)

    ties: dict[tuple[Hashable, Hashable], Tie] = {}
    # measure -> (source, target) -> the respondents' values, for the variance below
    samples: dict[str, dict[tuple[Hashable, Hashable], dict[Hashable, float]]] = {
        measure: {} for measure in MEASURES
    }
    for source in shown:
        for target in shown:
            for measure in MEASURES:
                by_respondent = {
                    respondent: values[respondent][target][measure]
                    for respondent in members[source]
                    if measure in values[respondent].get(target, {})
                }
                if by_respondent:
                    samples[measure][source, target] = by_respondent
            scores = list(samples["index"].get((source, target), {}).values())
            if not scores:
                continue
            ties[source, target] = Tie(
                source=source,
                target=target,
                score=math.fsum(scores) / len(scores),
                communication=_mean(
                    list(samples["communication"].get((source, target), {}).values())
                ),
                relationship=_mean(
                    list(samples["relationship"].get((source, target), {}).values())
                ),
                respondents=len(scores),
                variance=_sample_variance(scores),
            )

    indexes: dict[str, float | None] = {}
    variance: dict[str, float | None] = {}
    df: dict[str, float | None] = {}
    for measure in MEASURES:
        tie_values = [
            value
            for tie in ties.values()
            if (value := getattr(tie, _TIE_FIELD[measure])) is not None
        ]
        indexes[measure] = _mean(tie_values)
        variance[measure], df[measure] = _linearised(samples[measure], shown)
    return Result(
        groups=shown,
        hidden=len(order) - len(shown),
        respondents=sum(len(members[group]) for group in shown),
        group_sizes={group: len(members[group]) for group in shown},
        ties=ties,
        index=indexes["index"],
        communication=indexes["communication"],
        relationship=indexes["relationship"],
        variance=variance,
        df=df,
    )


def _linearised(
    samples: Mapping[tuple[Hashable, Hashable], Mapping[Hashable, float]],
    shown: Sequence[Hashable],
) -> tuple[float | None, float | None]:
    """The variance of a mean over ties, and its Satterthwaite degrees of freedom.

    The index is (1/T) Σ_ties mean_AB; a respondent r in A moves it by their influence
    IF_r = (1/T) Σ_B (s_rB − m_AB) / n_AB. The respondents of a group are a sample of it, the
    groups are strata: v_A = n_A/(n_A−1) Σ_r IF_r², the variance Σ_A v_A.
    """
    count = len(samples)
    if not count:
        return None, None
    parts: list[tuple[float, int]] = []  # (v_A, n_A) of the groups with two or more
    for source in shown:
        influence: dict[Hashable, list[float]] = {}
        for target in shown:
            by_respondent = samples.get((source, target))
            if not by_respondent:
                continue
            n = len(by_respondent)
            mean = math.fsum(by_respondent.values()) / n
            for respondent, value in by_respondent.items():
                influence.setdefault(respondent, []).append((value - mean) / (count * n))
        n_a = len(influence)
        if n_a < 2:
            continue
        v_a = n_a / (n_a - 1) * math.fsum(math.fsum(terms) ** 2 for terms in influence.values())
        parts.append((v_a, n_a))
    denominator = math.fsum(v_a**2 / (n_a - 1) for v_a, n_a in parts)
    total = math.fsum(v_a for v_a, _n in parts)
    return total, (total**2 / denominator if denominator else None)


@dataclass(frozen=True)
class Difference:
    """after − before, with the confidence interval of that difference."""

    before: float | None
    after: float | None
    difference: float | None
    low: float | None
    high: float | None
    df: float | None


def _interval(
    difference: float | None,
    terms: Sequence[tuple[float | None, float | None]],
    confidence: float,
) -> tuple[float | None, float | None, float | None]:
    """(low, high, df) from the variance terms (variance, its df) of independent estimates."""
    if difference is None or any(v is None for v, _df in terms):
        return None, None, None
    variance = math.fsum(v for v, _df in terms if v is not None)
    if variance <= 0:
        return difference, difference, None
    denominator = 0.0
    for v, v_df in terms:
        if not v:
            continue  # a zero term adds nothing to either sum
        if v_df is None or v_df <= 0:
            return None, None, None
        denominator += v**2 / v_df
    df = variance**2 / denominator
    half = float(student_t.ppf((1 + confidence) / 2, df)) * math.sqrt(variance)
    return difference - half, difference + half, df


def compare(
    before: Result, after: Result, *, measure: str = "index", confidence: float = 0.95
) -> Difference:
    """The change of a measure from one wave to the next, with its t interval."""
    if measure not in MEASURES:
        raise ValueError(f"Unknown measure {measure!r}; one of {', '.join(MEASURES)}.")
    old: float | None = getattr(before, measure)
    new: float | None = getattr(after, measure)
    difference = new - old if old is not None and new is not None else None
    low, high, df = _interval(
        difference,
        [
            (before.variance.get(measure), before.df.get(measure)),
            (after.variance.get(measure), after.df.get(measure)),
        ],
        confidence,
    )
    return Difference(old, new, difference, low, high, df)


def compare_ties(
    before: Result, after: Result, *, confidence: float = 0.95
) -> dict[tuple[Hashable, Hashable], Difference]:
    """The change of every tie shown in both waves, with Welch's interval on the scores."""
    differences: dict[tuple[Hashable, Hashable], Difference] = {}
    for key, old in before.ties.items():
        new = after.ties.get(key)
        if new is None:
            continue
        terms: list[tuple[float | None, float | None]] = [
            (
                tie.variance / tie.respondents if tie.variance is not None else None,
                float(tie.respondents - 1),
            )
            for tie in (old, new)
        ]
        difference = new.score - old.score
        low, high, df = _interval(difference, terms, confidence)
        differences[key] = Difference(old.score, new.score, difference, low, high, df)
    return differences
