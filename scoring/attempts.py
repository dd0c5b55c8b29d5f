"""Pure ranking of an online round: the attempt that counts for each person, the period's
ranking and its prizes.

Criteria are names in priority order: ``correct`` (more is better), ``prediction``
(closer to the actual figure is better; no prediction ranks last), ``duration``
(shorter is better) and ``submitted`` (earlier is better). People equal on every
criterion share the rank; a recorded draw of the organizers settles them (the
draw is always the last tie-break, as in the hall). Prizes are allocated by
``scoring.prizes.allocate_prizes``, which never splits a tie at a prize boundary.

Within one person's own attempts, the one that counts is the best by the same
criteria without the prediction; on a perfect tie their first attempt counts
(it is one person: nobody else is affected).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from scoring.numbers import ScoringError, _
from scoring.prizes import PrizeAllocation, allocate_prizes
from scoring.standings import LotsDraw, rank_entries

__all__ = [
    "CRITERIA",
    "AttemptResult",
    "RankedAttempt",
    "actual_value",
    "best_per_person",
    "distance",
    "rank_attempts",
    "rank_with_prizes",
]

CRITERIA = ("correct", "prediction", "duration", "submitted")
NO_PREDICTION = float("-inf")


@dataclass(frozen=True)
class AttemptResult:
    attempt_id: int
    participant_id: int
    correct: int
    duration_seconds: float
    submitted_at: datetime
    prediction: int | None = None


@dataclass(frozen=True)
class RankedAttempt:
    rank: int
    tied: bool
    result: AttemptResult
    prediction_distance: int | None
    prize_level: int | None = None

    @property
    def label(self) -> str:
        return str(self.result.participant_id)


def distance(prediction: int | None, actual: int | None) -> int | None:
    """How far a prediction is from the actual figure; None when either is missing."""
    if prediction is None or actual is None:
        return None
    return abs(prediction - actual)


def _keys(criteria: Sequence[str], actual: int | None) -> list[tuple[str, Any]]:
    """(name, key) pairs where a higher key ranks first."""
    keys: list[tuple[str, Any]] = []
    for name in criteria:
        if name == "correct":
            keys.append((name, lambda r: r.correct))
        elif name == "prediction":
            keys.append(
                (
                    name,
                    lambda r: (
                        NO_PREDICTION
                        if distance(r.prediction, actual) is None
                        else -distance(r.prediction, actual)
                    ),
                )
            )
        elif name == "duration":
            keys.append((name, lambda r: -r.duration_seconds))
        elif name == "submitted":
            keys.append((name, lambda r: -r.submitted_at.timestamp()))
        else:
            raise ScoringError(_("Tiêu chí xếp hạng không hợp lệ: %(names)s") % {"names": name})
    return keys


def best_per_person(
    results: Iterable[AttemptResult], criteria: Sequence[str]
) -> list[AttemptResult]:
    """The one attempt that counts for each person: best by the criteria without the prediction."""
    own = [c for c in criteria if c != "prediction"] or ["correct"]
    keys = _keys(own, None)

    def key(r: AttemptResult) -> tuple:
        return (*(-k(r) for _name, k in keys), r.attempt_id)

    best: dict[int, AttemptResult] = {}
    for r in results:
        current = best.get(r.participant_id)
        if current is None or key(r) < key(current):
            best[r.participant_id] = r
    return list(best.values())


def rank_attempts(
    results: Iterable[AttemptResult],
    criteria: Sequence[str],
    actual: int | None,
    draws: Sequence[LotsDraw] = (),
) -> list[RankedAttempt]:
    """Each person's counting attempt, ranked; people equal on everything share the rank."""
    best = best_per_person(results, criteria)
    placed = rank_entries(
        best, _keys(criteria, actual), key_of=lambda r: r.participant_id, draws=draws
    )
    return [
        RankedAttempt(
            rank=rank, tied=tied, result=r, prediction_distance=distance(r.prediction, actual)
        )
        for r, rank, tied in placed
    ]


def rank_with_prizes(
    results: Iterable[AttemptResult],
    criteria: Sequence[str],
    actual: int | None,
    structure: Sequence[int],
    draws: Sequence[LotsDraw] = (),
    names: Mapping[int, str] | None = None,
) -> tuple[list[RankedAttempt], PrizeAllocation | None]:
    """The ranking with each winner's prize level; the allocation says which ties wait.

    ``structure`` is the number of prizes per tier (no prizes: no allocation);
    ``names`` (participant id → name) names people in the notes."""
    ranked = rank_attempts(results, criteria, actual, draws)
    if not ranked or sum(structure) == 0:
        return ranked, None
    who = names or {}
    allocation = allocate_prizes(
        ranked,
        list(structure),
        name_of=lambda r: who.get(r.result.participant_id, str(r.result.participant_id)),
    )
    tiers = {a.entry.result.participant_id: a.tier for a in allocation.awards}
    return [replace(r, prize_level=tiers.get(r.result.participant_id)) for r in ranked], allocation


def actual_value(kind: str, attempts: Iterable[tuple[int, int, int]]) -> int:
    """The true figure for the prediction question from (participant, correct, total) rows
    of the period's submitted official attempts."""
    rows = list(attempts)
    if kind == "participations":
        return len(rows)
    if kind == "participants":
        return len({p for p, _c, _t in rows})
    if kind == "perfect":
        return len({p for p, correct, total in rows if total and correct == total})
    return 0
