"""The online round's ranking (scoring.attempts): best attempt per person, the order of
the criteria, shared ranks, prizes that never split a tie, the organizers' draw."""

from datetime import UTC, datetime, timedelta

import pytest

from scoring.attempts import (
    AttemptResult,
    actual_value,
    best_per_person,
    rank_attempts,
    rank_with_prizes,
)
from scoring.standings import LotsDraw

T0 = datetime(2024, 10, 10, 8, 0, tzinfo=UTC)
ALL = ["correct", "prediction", "duration", "submitted"]


def r(aid, pid, correct, seconds, minute, prediction=None):
    return AttemptResult(aid, pid, correct, seconds, T0 + timedelta(minutes=minute), prediction)


def test_best_attempt_is_most_correct_then_shortest_then_earliest():
    results = [r(1, 7, 20, 600, 0), r(2, 7, 25, 900, 30), r(3, 7, 25, 800, 60)]
    assert [b.attempt_id for b in best_per_person(results, ALL)] == [3]


def test_binh_thuan_best_attempt_is_most_correct_then_earliest_completion():
    results = [r(1, 7, 15, 900, 0), r(2, 7, 15, 100, 30), r(3, 7, 14, 50, 60)]
    best = best_per_person(results, ["correct", "prediction", "submitted"])
    assert [b.attempt_id for b in best] == [1]


def test_prediction_breaks_ties_before_duration_and_none_ranks_last():
    results = [
        r(1, 1, 30, 300, 0, prediction=1000),
        r(2, 2, 30, 100, 1, prediction=1300),
        r(3, 3, 30, 50, 2, prediction=None),
        r(4, 4, 29, 10, 3, prediction=1200),
    ]
    ranked, allocation = rank_with_prizes(results, ALL, 1250, [1, 2])
    assert [x.result.participant_id for x in ranked] == [2, 1, 3, 4]
    assert [x.rank for x in ranked] == [1, 2, 3, 4]
    assert [x.prize_level for x in ranked] == [1, 2, 2, None]
    assert ranked[0].prediction_distance == 50 and ranked[2].prediction_distance is None
    assert allocation.boundary_ties == ()


def test_equal_on_everything_but_submission_ranks_earlier_submission_first():
    results = [r(1, 1, 10, 100, 5, 7), r(2, 2, 10, 100, 4, 7)]
    ranked = rank_attempts(results, ALL, 7)
    assert [(x.result.participant_id, x.rank, x.tied) for x in ranked] == [
        (2, 1, False),
        (1, 2, False),
    ]


def test_equal_on_every_criterion_share_the_rank_and_the_prize_waits():
    # Criteria without "submitted": two people with 10 correct in 100 s are tied; the
    # attempt id never decides between them (it used to).
    results = [r(1, 1, 12, 90, 0), r(2, 2, 10, 100, 5), r(3, 3, 10, 100, 4), r(4, 4, 3, 10, 1)]
    ranked, allocation = rank_with_prizes(results, ["correct", "duration"], None, [1, 1])
    assert [(x.result.participant_id, x.rank, x.tied) for x in ranked] == [
        (1, 1, False),
        (2, 2, True),
        (3, 2, True),
        (4, 4, False),
    ]
    assert [x.prize_level for x in ranked] == [1, None, None, None]
    (tie,) = allocation.boundary_ties
    assert [e.result.participant_id for e in tie.entries] == [2, 3]
    # the organizers' recorded draw settles that tie, and only that tie
    ranked, allocation = rank_with_prizes(
        results, ["correct", "duration"], None, [1, 1], [LotsDraw(order=(3, 2))]
    )
    assert [(x.result.participant_id, x.rank, x.prize_level) for x in ranked] == [
        (1, 1, 1),
        (3, 2, 2),
        (2, 3, None),
        (4, 4, None),
    ]
    assert allocation.boundary_ties == ()


@pytest.mark.parametrize(
    ("kind", "expected"), [("participations", 4), ("participants", 3), ("perfect", 2)]
)
def test_actual_value_of_each_prediction_kind(kind, expected):
    rows = [(1, 15, 15), (1, 14, 15), (2, 15, 15), (3, 3, 15)]
    assert actual_value(kind, rows) == expected
