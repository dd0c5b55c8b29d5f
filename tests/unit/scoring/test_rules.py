"""Judged parts, rounding, unusual marks and knowledge points: hand-computed values."""

from decimal import Decimal as D

import pytest

from scoring.rules import (
    AnswerOutcome,
    CriterionSpec,
    DeviationThreshold,
    ScoringError,
    aggregate,
    answer_points,
    describe_aggregation,
    flag_unusual_marks,
    jsonable,
    judge_total,
    round_half_up,
    rubric_max,
    score_judged_part,
    score_knowledge,
    set_localization,
    to_decimal,
)

# Nội dung: max 10, weight 3; Hình thức: max 10, weight 2; Thời gian: max 5, weight 1.
RUBRIC = (
    CriterionSpec("content", D(10), D(3), "Nội dung"),
    CriterionSpec("form", D(10), D(2), "Hình thức"),
    CriterionSpec("time", D(5), D(1), "Thời gian"),
)


def sheet(content, form, time):
    return {"content": content, "form": form, "time": time}


class TestJudgeTotal:
    def test_weighted_total(self):
        # 8 × 3 + 7.5 × 2 + 4 × 1 = 24 + 15 + 4 = 43
        assert judge_total(RUBRIC, sheet(8, "7.5", 4)) == D("43")

    def test_rubric_max(self):
        # 10 × 3 + 10 × 2 + 5 × 1 = 55
        assert rubric_max(RUBRIC) == D(55)

    def test_full_marks_and_zero_are_allowed(self):
        assert judge_total(RUBRIC, sheet(10, 10, 5)) == D(55)
        assert judge_total(RUBRIC, sheet(0, 0, 0)) == D(0)

    def test_mark_above_max_refused(self):
        with pytest.raises(ScoringError, match="Điểm tiêu chí Thời gian phải từ 0 đến 5"):
            judge_total(RUBRIC, sheet(8, 7, "5.5"))

    def test_negative_mark_refused(self):
        with pytest.raises(ScoringError, match="Nội dung phải từ 0 đến 10"):
            judge_total(RUBRIC, sheet(-1, 7, 5))

    def test_missing_criterion_refused(self):
        with pytest.raises(ScoringError, match="thiếu điểm tiêu chí: Hình thức"):
            judge_total(RUBRIC, {"content": 8, "time": 4})

    def test_blank_criterion_counts_as_missing(self):
        with pytest.raises(ScoringError, match="thiếu điểm tiêu chí: Thời gian"):
            judge_total(RUBRIC, sheet(8, 7, None))

    def test_unknown_criterion_refused(self):
        with pytest.raises(ScoringError, match="không thuộc thang điểm: style"):
            judge_total(RUBRIC, {**sheet(8, 7, 4), "style": 3})

    def test_non_numeric_mark_refused(self):
        with pytest.raises(ScoringError, match="phải là một số"):
            judge_total(RUBRIC, sheet("tám", 7, 4))

    def test_scoring_error_is_a_value_error(self):
        assert issubclass(ScoringError, ValueError)


class TestAggregation:
    def test_mean_of_three_judges(self):
        # (43 + 40 + 45) / 3 = 128 / 3 = 42.666… → 42.67
        assert aggregate([D(43), D(40), D(45)], "mean", 2) == D("42.67")

    def test_trimmed_with_five_judges(self):
        # drop 95 (highest) and 70 (lowest): (80 + 85 + 90) / 3 = 255 / 3 = 85.00
        assert aggregate([80, 85, 90, 70, 95], "trimmed", 2) == D("85.00")

    def test_trimmed_with_four_judges_is_plain_mean(self):
        # fewer than 5 judges: (80 + 85 + 90 + 70) / 4 = 325 / 4 = 81.25
        assert aggregate([80, 85, 90, 70], "trimmed", 2) == D("81.25")
        assert aggregate([80, 85, 90, 70], "mean", 2) == D("81.25")

    def test_trimmed_drops_only_one_of_equal_extremes(self):
        # 70, 70, 80, 90, 90 → drop one 70 and one 90: (70 + 80 + 90) / 3 = 80.00
        assert aggregate([70, 90, 80, 70, 90], "trimmed", 2) == D("80.00")

    def test_rounding_half_up_two_decimals(self):
        # (85.12 + 85.13) / 2 = 170.25 / 2 = 85.125 → half-up → 85.13 (banker's would give 85.12)
        assert aggregate([D("85.12"), D("85.13")], "mean", 2) == D("85.13")
        # (85.11 + 85.12) / 2 = 85.115 → 85.12
        assert aggregate([D("85.11"), D("85.12")], "mean", 2) == D("85.12")

    def test_rounding_other_decimals(self):
        # (7 + 8) / 2 = 7.5 → 0 decimals → 8 ; (8 + 8 + 9) / 3 = 8.333… → 1 decimal → 8.3
        assert aggregate([7, 8], "mean", 0) == D("8")
        assert aggregate([8, 8, 9], "mean", 1) == D("8.3")

    def test_round_half_up_exact_and_negative(self):
        assert round_half_up(D("2.675"), 2) == D("2.68")
        assert round_half_up(D("-2.5"), 0) == D("-3")
        assert str(round_half_up(D(85), 2)) == "85.00"

    def test_unknown_method_refused(self):
        with pytest.raises(ScoringError, match="Cách tổng hợp điểm không hợp lệ"):
            aggregate([1, 2], "median", 2)

    def test_no_judge_refused(self):
        with pytest.raises(ScoringError, match="Chưa có điểm của giám khảo nào"):
            aggregate([], "mean", 2)

    def test_bad_decimals_refused(self):
        with pytest.raises(ScoringError, match="Số chữ số thập phân phải từ 0 đến 6"):
            aggregate([1, 2], "mean", 7)


class TestDescribeAggregation:
    def test_trimmed_five_judges(self):
        assert describe_aggregation("trimmed", 2, 5) == (
            "Điểm phần thi = trung bình cộng điểm của 5 giám khảo, bỏ 1 điểm cao nhất "
            "và 1 điểm thấp nhất, làm tròn 2 chữ số thập phân"
        )

    def test_trimmed_with_too_few_judges_says_so(self):
        text = describe_aggregation("trimmed", 2, 4)
        assert "4 giám khảo" in text
        assert "không bỏ điểm cao nhất" in text

    def test_mean_integer_rounding(self):
        assert describe_aggregation("mean", 0, 3) == (
            "Điểm phần thi = trung bình cộng điểm của 3 giám khảo, làm tròn đến số nguyên"
        )

    def test_translator_is_used(self):
        set_localization(translate=lambda s: s.replace("Điểm phần thi", "Part score"))
        try:
            assert describe_aggregation("mean", 2, 3).startswith("Part score = ")
        finally:
            set_localization()
        assert describe_aggregation("mean", 2, 3).startswith("Điểm phần thi")


class TestScoreJudgedPart:
    def test_five_judges_trimmed(self):
        sheets = {
            "gk1": sheet(8, 7, 4),  # 24 + 14 + 4 = 42
            "gk2": sheet(9, 8, 5),  # 27 + 16 + 5 = 48
            "gk3": sheet(7, 7, 4),  # 21 + 14 + 4 = 39
            "gk4": sheet(8, 8, 4),  # 24 + 16 + 4 = 44
            "gk5": sheet(10, 9, 5),  # 30 + 18 + 5 = 53
        }
        result = score_judged_part(RUBRIC, sheets, "trimmed", 2, team="Đắk Mil")
        # drop 53 (gk5) and 39 (gk3): (42 + 48 + 44) / 3 = 134 / 3 = 44.666… → 44.67
        assert result.score == D("44.67")
        assert result.team == "Đắk Mil"
        assert {jt.judge: jt.total for jt in result.judge_totals} == {
            "gk1": D(42),
            "gk2": D(48),
            "gk3": D(39),
            "gk4": D(44),
            "gk5": D(53),
        }
        assert {jt.judge for jt in result.judge_totals if jt.dropped} == {"gk3", "gk5"}
        assert "bỏ 1 điểm cao nhất" in result.rule

    def test_bad_sheet_names_the_judge(self):
        sheets = {"gk1": sheet(8, 7, 4), "gk2": sheet(8, 11, 4)}
        with pytest.raises(ScoringError, match="Giám khảo gk2: Điểm tiêu chí Hình thức"):
            score_judged_part(RUBRIC, sheets, "mean", 2)

    def test_jsonable(self):
        result = score_judged_part(RUBRIC, {"gk1": sheet(8, 7, 4)}, "mean", 2, team="A")
        data = jsonable(result)
        assert data["score"] == "42.00"
        assert data["judge_totals"] == [{"judge": "gk1", "total": "42", "dropped": False}]


class TestUnusualMarks:
    TOTALS = {"A": {"gk1": 42, "gk2": 48, "gk3": 39, "gk4": 44, "gk5": 53}}

    def test_absolute_threshold(self):
        flags = flag_unusual_marks(self.TOTALS, DeviationThreshold(D(8)))
        # gk5: others 39, 42, 44, 48 → median (42 + 44) / 2 = 43; 53 − 43 = 10 > 8 → flagged
        # gk3: others 42, 44, 48, 53 → median (44 + 48) / 2 = 46; 39 − 46 = −7, |−7| ≤ 8
        # gk2: others 39, 42, 44, 53 → median 43; 48 − 43 = 5 ; gk1: median 46, −4 ; gk4: 45, −1
        assert [(f.judge, f.team, f.total, f.median, f.deviation) for f in flags] == [
            ("gk5", "A", D(53), D(43), D(10))
        ]
        assert "cao hơn trung vị" in flags[0].note

    def test_relative_threshold(self):
        # 10 % of the rubric max 55 = 5.5 points: gk5 (+10) and gk3 (−7) are flagged
        flags = flag_unusual_marks(
            self.TOTALS, DeviationThreshold(D("0.1"), relative=True), rubric_max(RUBRIC)
        )
        assert [(f.judge, f.deviation, f.limit) for f in flags] == [
            ("gk3", D(-7), D("5.5")),
            ("gk5", D(10), D("5.5")),
        ]
        assert "thấp hơn trung vị" in flags[0].note

    def test_exactly_at_threshold_is_not_flagged(self):
        assert flag_unusual_marks(self.TOTALS, DeviationThreshold(D(10))) == ()

    def test_single_judge_is_never_flagged(self):
        assert flag_unusual_marks({"A": {"gk1": 0}}, DeviationThreshold(D(1))) == ()

    def test_relative_threshold_needs_rubric_max(self):
        with pytest.raises(ScoringError, match="cần biết điểm tối đa"):
            flag_unusual_marks(self.TOTALS, DeviationThreshold(D("0.1"), relative=True))

    def test_threshold_must_be_positive(self):
        with pytest.raises(ScoringError, match="lớn hơn 0"):
            flag_unusual_marks(self.TOTALS, DeviationThreshold(D(0)))


class TestKnowledge:
    def test_answer_points_by_mode(self):
        assert answer_points("team_turn", True, 10, 5) == D(10)
        assert answer_points("team_turn", False, 10, 5) == D(0)  # own turn: no penalty
        assert answer_points("buzz_in", True, "2.5", 0) == D("2.5")
        assert answer_points("buzz_in", False, 10, 5) == D(-5)
        assert answer_points("buzz_in", False, 10.0, 0.0) == D(0)
        with pytest.raises(ScoringError, match="không được âm"):
            answer_points("buzz_in", True, 10, -5)
        with pytest.raises(ScoringError, match="không hợp lệ"):
            answer_points("oral", True, 10, 0)

    def test_points_with_penalty(self):
        outcomes = [
            AnswerOutcome("team_turn", "A", "a1", True, D(10)),
            AnswerOutcome("team_turn", "A", "a2", False, D(0)),  # wrong on own turn
            AnswerOutcome("buzz_in", "A", "a1", True, D(10)),
            AnswerOutcome("buzz_in", "A", "a3", False, D(-5)),
            AnswerOutcome("buzz_in", "B", "b1", True, D(10)),
            AnswerOutcome("buzz_in", "B", None, False, D(-5)),  # joint team answer
            AnswerOutcome("buzz_in", "B", "b1", False, D(-5)),
        ]
        result = score_knowledge(outcomes, teams=["A", "B", "C"])
        # A: 10 + 0 + 10 − 5 = 15 ; B: 10 − 5 − 5 = 0 ; C: no answer = 0
        a, b, c = result.teams
        assert (a.team, a.points, a.correct_count, a.wrong_count) == ("A", D(15), 2, 2)
        assert (a.penalty_count, a.penalty_points) == (1, D(5))
        assert (b.points, b.penalty_count, b.penalty_points) == (D(0), 2, D(10))
        assert (c.team, c.points, c.correct_count) == ("C", D(0), 0)
        # members: a1 2 × 10 = 20 ; a2 0 ; a3 −5 ; b1 10 − 5 = 5
        assert result.member("a1").points == D(20)
        assert result.member("a2").points == D(0)
        assert result.member("a2").wrong_count == 1
        assert result.member("a3").points == D(-5)
        assert result.member("b1").points == D(5)
        assert result.member("b1").team == "B"

    def test_decimal_points(self):
        # 3 correct × 2.5 − 1 × 0.5 = 7.5 − 0.5 = 7
        outcomes = [AnswerOutcome("buzz_in", "A", None, True, D("2.5"))] * 3 + [
            AnswerOutcome("buzz_in", "A", None, False, D("-0.5"))
        ]
        assert score_knowledge(outcomes).team("A").points == D("7")

    def test_listed_members_appear_without_answers(self):
        result = score_knowledge([], members={"m1": "A"})
        assert result.member("m1").points == D(0)
        assert result.team("A").points == D(0)

    def test_correct_and_penalty_refused(self):
        with pytest.raises(ScoringError, match="vừa đúng vừa bị trừ điểm"):
            score_knowledge([AnswerOutcome("buzz_in", "A", "a1", True, D(-5))])

    def test_bad_mode_refused(self):
        with pytest.raises(ScoringError, match="hình thức không hợp lệ"):
            score_knowledge([AnswerOutcome("oral", "A", "a1", True, D(10))])

    def test_member_in_two_teams_refused(self):
        outcomes = [
            AnswerOutcome("team_turn", "A", "x", True, D(10)),
            AnswerOutcome("team_turn", "B", "x", True, D(10)),
        ]
        with pytest.raises(ScoringError, match="trả lời cho hai đội"):
            score_knowledge(outcomes)

    def test_keys_are_ids_and_names_only_name(self):
        # two members with the same name in two teams never collide: they are ids
        outcomes = [
            AnswerOutcome("team_turn", 1, 101, True, D(10)),
            AnswerOutcome("team_turn", 2, 201, False, D(0)),
        ]
        result = score_knowledge(outcomes, names={101: "Nguyễn Văn A", 201: "Nguyễn Văn A"})
        assert [(m.member, m.points, m.name) for m in result.members] == [
            (101, D(10), "Nguyễn Văn A"),
            (201, D(0), "Nguyễn Văn A"),
        ]


class TestToDecimal:
    def test_float_and_comma(self):
        assert to_decimal(8.1, "x") == D("8.1")
        assert to_decimal("7,5", "x") == D("7.5")

    @pytest.mark.parametrize("bad", [True, "NaN", "inf", None, "abc"])
    def test_refused(self, bad):
        with pytest.raises(ScoringError, match="phải là một số"):
            to_decimal(bad, "Điểm")
