"""Team and individual standings, tie-breaks and their names: hand-computed values."""

from decimal import Decimal as D

import pytest

from scoring.rules import MemberKnowledge, ScoringError, jsonable
from scoring.standings import (
    LotsDraw,
    PartSpec,
    TeamResult,
    compute_standings,
    describe_criterion,
    parse_tie_breaks,
    rank_members,
)

PARTS = (
    PartSpec("p1", "intro", D(1), "Giới thiệu"),
    PartSpec("p2", "knowledge", D(1), "Kiến thức"),
    PartSpec("p3", "skit", D(1), "Tiểu phẩm"),
)


def team(name, intro, knowledge, skit, penalty=0):
    return TeamResult(name, {"p1": intro, "p2": knowledge, "p3": skit}, penalty)


def order(standings):
    return [(r.rank, r.team) for r in standings.rows]


class TestTotals:
    def test_weighted_total(self):
        parts = (
            PartSpec("p1", "intro", D("1"), "Giới thiệu"),
            PartSpec("p2", "knowledge", D("2"), "Kiến thức"),
            PartSpec("p3", "skit", D("1.5"), "Tiểu phẩm"),
        )
        result = compute_standings(parts, [team("A", "85.50", 40, "90.25")])
        # 85.50 × 1 + 40 × 2 + 90.25 × 1.5 = 85.50 + 80 + 135.375 = 300.875
        row = result.row("A")
        assert row.total == D("300.875")
        assert [line.weighted for line in row.parts] == [D("85.50"), D(80), D("135.375")]

    def test_total_rounded_half_up_when_asked(self):
        parts = (PartSpec("p1", "intro", D("1.5")), PartSpec("p2", "skit", D(1)))
        result = compute_standings(parts, [TeamResult("A", {"p1": "10.25", "p2": 0})], decimals=2)
        # 10.25 × 1.5 = 15.375 → 15.38
        assert result.row("A").total == D("15.38")

    def test_ordered_by_total(self):
        result = compute_standings(PARTS, [team("A", 30, 40, 20), team("B", 30, 41, 20)])
        # A: 30 + 40 + 20 = 90 ; B: 30 + 41 + 20 = 91
        assert order(result) == [(1, "B"), (2, "A")]
        assert result.rows[0].above_next_by == "total"
        assert result.decisions == ()
        assert result.unresolved == ()

    def test_missing_part_refused_unless_partial(self):
        results = [TeamResult("A", {"p1": 30, "p2": 40})]
        with pytest.raises(ScoringError, match="Đội A chưa có điểm phần thi: Tiểu phẩm"):
            compute_standings(PARTS, results)
        # provisional: 30 + 40 + 0 = 70
        assert compute_standings(PARTS, results, partial=True).row("A").total == D(70)

    def test_unknown_part_refused(self):
        with pytest.raises(ScoringError, match="phần thi không tồn tại: p9"):
            compute_standings(PARTS, [TeamResult("A", {"p1": 1, "p2": 1, "p3": 1, "p9": 1})])

    def test_duplicate_team_refused(self):
        with pytest.raises(ScoringError, match="xuất hiện hai lần"):
            compute_standings(PARTS, [team("A", 1, 1, 1), team("A", 2, 2, 2)])


class TestTieBreaks:
    def test_knowledge_then_skit_then_shared_rank(self):
        results = [
            team("A", 30, 40, 20),  # 90, knowledge 40, skit 20
            team("B", 25, 45, 20),  # 90, knowledge 45 → above A, C, D by knowledge
            team("C", 30, 40, 20),  # 90, same as A in every criterion → tied with A
            team("D", 35, 40, 15),  # 90, knowledge 40, skit 15 → below A and C by skit
            team("E", 30, 30, 20),  # 80
        ]
        result = compute_standings(PARTS, results, tie_breaks="knowledge,skit")
        assert order(result) == [(1, "B"), (2, "A"), (2, "C"), (4, "D"), (5, "E")]
        assert [r.tied for r in result.rows] == [False, True, True, False, False]
        assert [r.above_next_by for r in result.rows] == [
            "knowledge",
            None,
            "skit",
            "total",
            None,
        ]
        assert [(d.upper, d.lower, d.criterion) for d in result.decisions] == [
            ("B", "A", "knowledge"),
            ("C", "D", "skit"),
        ]
        first = result.decisions[0]
        assert (first.upper_value, first.lower_value) == (D(45), D(40))
        assert "xếp trên nhờ điểm phần kiến thức cao hơn" in first.note
        assert "điểm phần tiểu phẩm cao hơn" in result.decisions[1].note
        assert [(u.rank, u.entries) for u in result.unresolved] == [(2, ("A", "C"))]
        assert "cùng xếp hạng 2" in result.unresolved[0].note

    def test_intro_tie_break(self):
        results = [team("A", 30, 40, 20), team("B", 35, 40, 15)]
        # both 90 ; knowledge 40 = 40 ; intro 35 > 30 → B first
        result = compute_standings(PARTS, results, tie_breaks=["knowledge", "intro", "skit"])
        assert order(result) == [(1, "B"), (2, "A")]
        assert result.decisions[0].criterion == "intro"

    def test_penalties_fewer_first(self):
        results = [team("A", 30, 40, 20, penalty=5), team("B", 30, 40, 20, penalty=0)]
        result = compute_standings(PARTS, results, tie_breaks="penalties")
        assert order(result) == [(1, "B"), (2, "A")]
        decision = result.decisions[0]
        assert (decision.criterion, decision.upper_value, decision.lower_value) == (
            "penalties",
            D(0),
            D(5),
        )
        assert "bị trừ ít điểm hơn" in decision.note

    def test_tie_break_order_matters(self):
        # A: knowledge 45, skit 10 ; B: knowledge 40, skit 15 ; both 30 + 45 + 10 = 25 + 40 + 20 = 85
        results = [team("A", 30, 45, 10), team("B", 30, 40, 15)]
        assert order(compute_standings(PARTS, results, tie_breaks="knowledge,skit")) == [
            (1, "A"),
            (2, "B"),
        ]
        assert order(compute_standings(PARTS, results, tie_breaks="skit,knowledge")) == [
            (1, "B"),
            (2, "A"),
        ]

    def test_recorded_draw_decides(self):
        results = [team("A", 30, 40, 20), team("B", 30, 40, 20), team("C", 30, 40, 20)]
        draw = LotsDraw(order=("B", "C", "A"), value=D(90))
        result = compute_standings(PARTS, results, tie_breaks="knowledge,skit,draw", draws=[draw])
        assert order(result) == [(1, "B"), (2, "C"), (3, "A")]
        assert [d.criterion for d in result.decisions] == ["draw", "draw"]
        assert (result.decisions[0].upper_value, result.decisions[0].lower_value) == (1, 2)
        assert "bốc thăm" in result.decisions[0].note
        assert result.unresolved == ()

    def test_draw_comes_last_even_when_not_listed(self):
        results = [team("A", 30, 40, 20), team("B", 30, 40, 20)]
        result = compute_standings(
            PARTS, results, tie_breaks="knowledge", draws=[LotsDraw(order=("B", "A"))]
        )
        assert order(result) == [(1, "B"), (2, "A")]
        assert result.decisions[0].criterion == "draw"

    def test_draw_for_another_tie_decides_nothing(self):
        results = [team("A", 30, 40, 20), team("B", 30, 40, 20), team("C", 30, 40, 20)]
        # drawn when only A and B were tied: the three-way tie stays a tie
        result = compute_standings(PARTS, results, draws=[LotsDraw(order=("A", "B"))])
        assert order(result) == [(1, "A"), (1, "B"), (1, "C")]
        assert result.unresolved[0].entries == ("A", "B", "C")
        assert "Ban Tổ chức bốc thăm nếu cần phân định" in result.unresolved[0].note
        # drawn when they were tied at another total: not this tie
        stale = LotsDraw(order=("C", "B", "A"), value=D(75))
        assert compute_standings(PARTS, results, draws=[stale]).unresolved[0].rank == 1

    def test_latest_draw_for_the_tie_counts(self):
        results = [team("A", 30, 40, 20), team("B", 30, 40, 20)]
        draws = [LotsDraw(order=("A", "B")), LotsDraw(order=("B", "A"))]
        assert order(compute_standings(PARTS, results, draws=draws)) == [(1, "B"), (2, "A")]

    def test_draw_listing_an_entry_twice_refused(self):
        with pytest.raises(ScoringError, match="mỗi bên một lần"):
            compute_standings(
                PARTS, [team("A", 1, 1, 1), team("B", 1, 1, 1)], draws=[LotsDraw(("A", "A"))]
            )

    def test_parse_tie_breaks(self):
        assert parse_tie_breaks(" Knowledge, skit ,penalties,draw ") == (
            "knowledge",
            "skit",
            "penalties",
            "draw",
        )
        assert parse_tie_breaks("") == ()
        with pytest.raises(ScoringError, match="Tiêu chí phụ không hợp lệ: age"):
            parse_tie_breaks("knowledge,age")
        with pytest.raises(ScoringError, match="ghi hai lần"):
            parse_tie_breaks("skit,skit")

    def test_every_criterion_has_a_reason(self):
        for name in ("total", "knowledge", "skit", "intro", "penalties", "draw", "fewer_wrong"):
            assert describe_criterion(name)

    def test_standings_are_jsonable(self):
        result = compute_standings(PARTS, [team("A", 30, 40, 20)])
        data = jsonable(result)
        assert data["rows"][0]["total"] == "90"
        assert data["rows"][0]["parts"][1]["kind"] == "knowledge"


def member(name, team_name, points, wrong):
    return MemberKnowledge(name, team_name, D(points), 0, wrong, 0, D(0))


class TestIndividual:
    def test_points_then_fewer_wrong_then_equal(self):
        members = [
            member("Lan", "A", 20, 0),
            member("Minh", "B", 30, 2),
            member("Hà", "A", 30, 1),  # 30 points, 1 wrong → above Minh
            member("Tú", "C", 30, 2),  # same as Minh → shared rank 2
            member("Bình", "C", 10, 0),
        ]
        ranking = rank_members(members)
        assert [(r.rank, r.member) for r in ranking.rows] == [
            (1, "Hà"),
            (2, "Minh"),
            (2, "Tú"),
            (4, "Lan"),
            (5, "Bình"),
        ]
        assert [r.above_next_by for r in ranking.rows] == [
            "fewer_wrong",
            None,
            "points",
            "points",
            None,
        ]
        assert [(u.rank, u.entries) for u in ranking.unresolved] == [(2, ("Minh", "Tú"))]
        assert "cùng xếp hạng 2" in ranking.unresolved[0].note
