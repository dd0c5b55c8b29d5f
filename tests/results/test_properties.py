"""Property: folding the same log again gives the same results, and the knowledge points
recomputed by the scoring rules always equal the engine's own running totals."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from scoring.results import build_results, contest_meta, load_log, results_hash
from tests.factories import make_hall
from tests.results.show import MC, Show, assert_knowledge_matches_engine, wrong_of

marks = st.tuples(st.integers(0, 60), st.integers(0, 40))
script = st.fixed_dictionaries(
    {
        "intro": st.lists(marks, min_size=9, max_size=9),
        "answers": st.lists(st.booleans(), min_size=9, max_size=9),
        "buzz": st.lists(st.tuples(st.integers(0, 2), st.booleans()), min_size=1, max_size=3),
        "undo_last_reveal": st.booleans(),
    }
)


class RefoldTests(TestCase):
    @settings(
        max_examples=8,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(plan=script)
    def test_refolding_the_log_gives_the_same_results(self, plan):
        show = Show(make_hall(slug="prop"))
        show.do(MC, {"type": "start_contest"})
        grid = {(t, j): plan["intro"][t * 3 + j] for t in range(3) for j in range(3)}
        show.judged_part(0, grid)
        show.release(0)
        know = show.hall.parts[1]
        show.do(MC, {"type": "goto_part", "part_id": know.id})
        for t, team in enumerate(show.hall.teams):
            show.do(MC, {"type": "call_team", "team_id": team.id})
            show.do(MC, {"type": "draw"})
            correct = show.correct_of(show.last_drawn()["question_id"])
            show.do(MC, {"type": "open_answering"})
            for k, member in enumerate(show.members(t)):
                right = plan["answers"][t * 3 + k]
                choice = correct if right else wrong_of(correct)
                show.do(show.team(t), {"type": "answer", "choice": choice, "member_id": member})
            show.do(MC, {"type": "reveal"})
            if plan["undo_last_reveal"] and t == 2:
                show.do(MC, {"type": "undo", "reason": "Công bố nhầm"})
                show.do(MC, {"type": "reveal"})
            show.do(MC, {"type": "clear_question"})
        buzz = show.hall.parts[2]
        show.do(MC, {"type": "goto_part", "part_id": buzz.id})
        for team_index, right in plan["buzz"]:
            show.do(MC, {"type": "draw"})
            correct = show.correct_of(show.last_drawn()["question_id"])
            show.do(MC, {"type": "open_buzz"})
            show.do(show.team(team_index), {"type": "buzz"})
            show.do(MC, {"type": "tick"}, step_ms=400)
            choice = correct if right else wrong_of(correct)
            show.do(show.team(team_index), {"type": "answer", "choice": choice})
            show.try_do(MC, {"type": "close_answering"})
            show.do(MC, {"type": "reveal"})
            show.do(MC, {"type": "clear_question"})

        log = load_log(show.contest_id)
        meta = contest_meta(show.hall.contest)
        first = build_results(meta, log)
        again = build_results(meta, load_log(show.contest_id))
        assert first == again
        assert results_hash(first) == results_hash(again)
        assert_knowledge_matches_engine(first, show.contest_id)
        # The standings add up: total = Σ part scores (all weights are 1).
        for row in first.standings.rows:
            total = sum(p.score for p in row.parts)
            assert row.total == total.quantize(Decimal("0.01"))
