"""Pure ranking of online attempts: best attempt per person, period ranking, prizes.

Criteria are names from ``online.rules.CRITERIA`` in priority order:
``correct`` (more is better), ``prediction`` (closer to the actual figure is
better; no prediction ranks last), ``duration`` (shorter is better) and
``submitted`` (earlier is better). The attempt id is the final, stable tie-break.
May later be unified with ``scoring.prizes.allocate_prizes``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

INFINITY = float("inf")


@dataclass(frozen=True)
class AttemptResult:
    attempt_id: int
    participant_id: int
    correct: int
    duration_seconds: float
    submitted_at: datetime
    prediction: int | None = None


@dataclass(frozen=True)
class Ranked:
    rank: int
    result: AttemptResult
    prediction_distance: float
    prize_level: int | None = None


def _key(criteria: Sequence[str], actual: int | None) -> Callable[[AttemptResult], tuple]:
    def key(r: AttemptResult) -> tuple:
        parts: list[float] = []
        for name in criteria:
            if name == "correct":
                parts.append(-r.correct)
            elif name == "prediction":
                parts.append(distance(r.prediction, actual))
            elif name == "duration":
                parts.append(r.duration_seconds)
            elif name == "submitted":
                parts.append(r.submitted_at.timestamp())
            else:
                raise ValueError(name)
        return (*parts, r.attempt_id)

    return key


def distance(prediction: int | None, actual: int | None) -> float:
    if prediction is None or actual is None:
        return INFINITY
    return abs(prediction - actual)


def best_per_person(
    results: Iterable[AttemptResult], criteria: Sequence[str]
) -> list[AttemptResult]:
    """The one attempt that counts for each person: best by the criteria without the prediction."""
    own = [c for c in criteria if c != "prediction"] or ["correct"]
    key = _key(own, None)
    best: dict[int, AttemptResult] = {}
    for r in results:
        current = best.get(r.participant_id)
        if current is None or key(r) < key(current):
            best[r.participant_id] = r
    return list(best.values())


def rank(
    results: Iterable[AttemptResult],
    criteria: Sequence[str],
    actual: int | None,
    prizes: Sequence[int] = (),
) -> list[Ranked]:
    """Rank each person's counting attempt and hand out prizes in order.

    ``prizes`` is the count per level (e.g. [1, 2, 3, 5]). A person who gave no
    prediction still ranks (after everyone equal on earlier criteria who did).
    """
    best = sorted(best_per_person(results, criteria), key=_key(criteria, actual))
    levels = [level for level, count in enumerate(prizes, start=1) for _ in range(count)]
    return [
        Ranked(
            rank=i,
            result=r,
            prediction_distance=distance(r.prediction, actual),
            prize_level=levels[i - 1] if i <= len(levels) else None,
        )
        for i, r in enumerate(best, start=1)
    ]


def actual_value(kind: str, attempts: Iterable[tuple[int, int, int]]) -> int:
    """The true figure for the prediction question from (participant, correct, total) rows
    of the period's submitted official attempts."""
    rows = list(attempts)
    if kind == "participations":
        return len(rows)
    if kind == "participants":
        return len({p for p, _, _ in rows})
    if kind == "perfect":
        return len({p for p, correct, total in rows if total and correct == total})
    return 0
