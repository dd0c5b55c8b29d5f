"""Pure rules: prize names, criteria, spread, eligibility (the ranking itself is
scoring.attempts, tested in tests/unit/scoring/test_attempts.py)."""

from datetime import date

import pytest

from online import rules


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
