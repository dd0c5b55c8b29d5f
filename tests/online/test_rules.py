"""Pure rules: ranking order, best attempt per person, prizes, spread, eligibility."""

from datetime import UTC, date, datetime, timedelta

import pytest

from online import ranking, rules
from online.ranking import AttemptResult

T0 = datetime(2024, 10, 10, 8, 0, tzinfo=UTC)


def r(aid, pid, correct, seconds, minute, prediction=None):
    return AttemptResult(aid, pid, correct, seconds, T0 + timedelta(minutes=minute), prediction)


def test_best_attempt_is_most_correct_then_shortest_then_earliest():
    results = [r(1, 7, 20, 600, 0), r(2, 7, 25, 900, 30), r(3, 7, 25, 800, 60)]
    best = ranking.best_per_person(results, ["correct", "prediction", "duration", "submitted"])
    assert [b.attempt_id for b in best] == [3]


def test_binh_thuan_best_attempt_is_most_correct_then_earliest_completion():
    results = [r(1, 7, 15, 900, 0), r(2, 7, 15, 100, 30), r(3, 7, 14, 50, 60)]
    best = ranking.best_per_person(results, ["correct", "prediction", "submitted"])
    assert [b.attempt_id for b in best] == [1]


def test_prediction_breaks_ties_before_duration_and_none_ranks_last():
    results = [
        r(1, 1, 30, 300, 0, prediction=1000),
        r(2, 2, 30, 100, 1, prediction=1300),
        r(3, 3, 30, 50, 2, prediction=None),
        r(4, 4, 29, 10, 3, prediction=1200),
    ]
    ranked = ranking.rank(results, ["correct", "prediction", "duration", "submitted"], 1250, [1, 2])
    assert [x.result.participant_id for x in ranked] == [2, 1, 3, 4]
    assert [x.prize_level for x in ranked] == [1, 2, 2, None]
    assert ranked[0].prediction_distance == 50


def test_equal_on_everything_ranks_earlier_submission_first():
    results = [r(1, 1, 10, 100, 5, 7), r(2, 2, 10, 100, 4, 7)]
    ranked = ranking.rank(results, ["correct", "prediction", "duration", "submitted"], 7)
    assert [x.result.participant_id for x in ranked] == [2, 1]


@pytest.mark.parametrize(
    ("kind", "expected"), [("participations", 4), ("participants", 3), ("perfect", 2)]
)
def test_actual_value_of_each_prediction_kind(kind, expected):
    rows = [(1, 15, 15), (1, 14, 15), (2, 15, 15), (3, 3, 15)]
    assert ranking.actual_value(kind, rows) == expected


def test_prize_structures_and_labels():
    assert rules.parse_prizes("1,3,5,20") == [1, 3, 5, 20]
    assert rules.prize_label(1) == "Giải Nhất"
    assert rules.prize_label(4) == "Giải Khuyến khích"
    with pytest.raises(ValueError, match="số nguyên"):
        rules.parse_prizes("1,hai,3")
    with pytest.raises(ValueError, match="không hợp lệ"):
        rules.parse_criteria("correct,luck")


def test_spread_is_even_and_respects_small_pools():
    assert rules.spread(30, {"a": 100, "b": 100, "c": 100}) == {"a": 10, "b": 10, "c": 10}
    plan = rules.spread(15, {"a": 2, "b": 50, "c": 50})
    assert plan["a"] == 2 and sum(plan.values()) == 15
    assert sum(rules.spread(50, {"a": 3, "b": 4}).values()) == 7


def test_eligibility_age_role_unit():
    rule = rules.Eligibility(
        min_age=18, excluded_roles=frozenset({"judge"}), excluded_unit_ids=frozenset({9})
    )
    today = date(2024, 10, 10)
    young = rules.eligibility_problems(
        rule,
        born=date(2006, 10, 11),
        role="resident",
        role_label="Người dân",
        unit_id=None,
        unit_label="",
        today=today,
    )
    assert young and "18 tuổi" in young[0]
    adult = rules.eligibility_problems(
        rule,
        born=date(2006, 10, 10),
        role="resident",
        role_label="Người dân",
        unit_id=1,
        unit_label="X",
        today=today,
    )
    assert adult == []
    judge = rules.eligibility_problems(
        rule,
        born=date(1980, 1, 1),
        role="judge",
        role_label="Thành viên Ban Giám khảo",
        unit_id=9,
        unit_label="Sở TT&TT",
        today=today,
    )
    assert len(judge) == 2 and "Ban Giám khảo" in judge[0] and "Sở TT&TT" in judge[1]


def test_unit_shortfalls():
    assert rules.unit_shortfalls([("A", 31), ("B", 12)], 30) == [("B", 12, 18)]
    assert rules.unit_shortfalls([("A", 1)], 0) == []
