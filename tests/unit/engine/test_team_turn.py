import msgspec
import pytest

from hall.engine.reducer import Context, decide, next_deadline
from hall.engine.views import Audience, project_state
from tests.unit.engine.factories import (
    BUZZ,
    INTRO,
    MC,
    QUIZ,
    SYSTEM,
    Show,
    correct_label,
    make_setup,
    member_points,
    team,
    team_points,
)


def wrong_label(qid):
    return "A" if correct_label(qid) != "A" else "B"


@pytest.fixture
def quiz():
    show = Show()
    show.goto(QUIZ)
    return show


def drawn(show, team_id=1, tile=None):
    show.do(MC, {"type": "call_team", "team_id": team_id})
    if tile is None:
        show.do(MC, {"type": "draw"})
    else:
        show.do(team(team_id), {"type": "pick_tile", "tile": tile})
    return show.state.question.question_id


def test_call_team_rules(quiz):
    assert quiz.refused(MC, {"type": "call_team", "team_id": 99}).code == "unknown_team"
    quiz.do(MC, {"type": "call_team", "team_id": 1})
    assert quiz.state.turn_team_id == 1
    show = Show()
    show.goto(INTRO)
    assert show.refused(MC, {"type": "call_team", "team_id": 1}).code == "wrong_part"
    show.goto(BUZZ)
    assert show.refused(MC, {"type": "call_team", "team_id": 1}).code == "wrong_part"


def test_pick_tile_rules(quiz):
    assert quiz.refused(MC, {"type": "draw"}).code == "no_team_called"
    quiz.do(MC, {"type": "call_team", "team_id": 1})
    assert quiz.refused(team(2), {"type": "pick_tile", "tile": 1}).code == "not_your_turn"
    assert quiz.refused(team(1), {"type": "pick_tile", "tile": 0}).code == "bad_tile"
    assert quiz.refused(team(1), {"type": "pick_tile", "tile": 13}).code == "bad_tile"
    events = quiz.do(team(1), {"type": "pick_tile", "tile": 5})
    board = quiz.state.boards[str(QUIZ)]
    assert events[0]["question_id"] == board.order[4]
    assert quiz.state.question.team_id == 1
    assert quiz.refused(MC, {"type": "call_team", "team_id": 2}).code == "question_active"
    assert quiz.refused(MC, {"type": "draw"}).code == "question_active"
    quiz.do(MC, {"type": "clear_question"})
    # questions_per_team = 1: team 1 has had its question
    assert quiz.refused(team(1), {"type": "pick_tile", "tile": 6}).code == "quota_reached"
    assert quiz.refused(MC, {"type": "call_team", "team_id": 1}).code == "quota_reached"
    quiz.do(MC, {"type": "call_team", "team_id": 2})
    assert quiz.refused(team(2), {"type": "pick_tile", "tile": 5}).code == "tile_used"


def test_draw_records_seed_and_never_repeats():
    setup = make_setup(parts={QUIZ: {"questions_per_team": 3}})
    show = Show(setup)
    show.goto(QUIZ)
    seen = set()
    for n in range(12):
        if n % 3 == 0:
            show.do(MC, {"type": "call_team", "team_id": n // 3 + 1})
        events = show.do(MC, {"type": "draw"})
        ev = events[0]
        assert "seed" in ev
        assert ev["question_id"] not in seen
        seen.add(ev["question_id"])
        show.do(MC, {"type": "clear_question"})
    assert seen == set(setup.part(QUIZ).question_ids)
    show.do(MC, {"type": "call_team", "team_id": 5})
    assert show.refused(MC, {"type": "draw"}).code == "board_empty"


def test_answer_flow_member_mode(quiz):
    qid = drawn(quiz)
    assert (
        quiz.refused(team(1), {"type": "answer", "member_id": 101, "choice": "A"}).code
        == "not_open"
    )
    quiz.advance(2000).do(MC, {"type": "open_answering"})
    assert quiz.state.question.deadline_ms == quiz.now_ms + 30_000
    assert next_deadline(quiz.state) == quiz.now_ms + 30_000
    assert (
        quiz.refused(team(2), {"type": "answer", "member_id": 201, "choice": "A"}).code
        == "not_your_turn"
    )
    assert quiz.refused(team(1), {"type": "answer", "choice": "A"}).code == "member_required"
    assert (
        quiz.refused(team(1), {"type": "answer", "member_id": 104, "choice": "A"}).code
        == "not_answering_member"
    )
    assert (
        quiz.refused(team(1), {"type": "answer", "member_id": 201, "choice": "A"}).code
        == "not_answering_member"
    )
    assert (
        quiz.refused(team(1), {"type": "answer", "member_id": 101, "choice": "E"}).code
        == "bad_choice"
    )
    quiz.do(team(1), {"type": "answer", "member_id": 101, "choice": correct_label(qid)})
    quiz.do(team(1), {"type": "answer", "member_id": 102, "choice": wrong_label(qid)})
    assert (
        quiz.refused(team(1), {"type": "answer", "member_id": 101, "choice": "C"}).code
        == "already_answered"
    )
    # the answer deadline is strict
    quiz.advance(30_000)
    refusal = quiz.refused(team(1), {"type": "answer", "member_id": 103, "choice": "A"})
    assert refusal.code == "late" and refusal.reason == "Đã hết thời gian trả lời."
    events = quiz.do(SYSTEM, {"type": "tick"})
    assert [e["type"] for e in events] == ["answering_closed"]
    assert next_deadline(quiz.state) is None
    assert (
        quiz.refused(team(1), {"type": "answer", "member_id": 103, "choice": "A"}).code == "closed"
    )
    events = quiz.do(MC, {"type": "reveal"})
    revealed = events[-1]
    assert revealed["correct"] == correct_label(qid)
    assert [(r["member_id"], r["correct"], r["points"]) for r in revealed["results"]] == [
        (101, True, 10.0),
        (102, False, 0.0),
    ]
    assert team_points(quiz.state)["1"] == "10"
    assert member_points(quiz.state) == {"101": "10", "102": "0"}
    assert quiz.refused(MC, {"type": "reveal"}).code == "already_revealed"
    # calling the next team clears the revealed question
    quiz.do(MC, {"type": "call_team", "team_id": 2})
    assert quiz.state.question is None


def test_tick_before_deadline_does_nothing(quiz):
    drawn(quiz)
    quiz.do(MC, {"type": "open_answering"})
    ctx = Context(now_ms=quiz.now_ms + 29_999, actor=SYSTEM, seed=1)
    assert decide(quiz.state, {"type": "tick"}, ctx) == []


def test_reveal_while_open_closes_first(quiz):
    qid = drawn(quiz)
    quiz.do(MC, {"type": "open_answering"})
    quiz.do(team(1), {"type": "answer", "member_id": 103, "choice": correct_label(qid)})
    events = quiz.do(MC, {"type": "reveal"})
    assert [e["type"] for e in events] == ["answering_closed", "revealed"]
    assert member_points(quiz.state)["103"] == "10"


def test_open_answering_twice_refused(quiz):
    assert quiz.refused(MC, {"type": "open_answering"}).code == "no_question"
    drawn(quiz)
    quiz.do(MC, {"type": "open_answering"})
    assert quiz.refused(MC, {"type": "open_answering"}).code == "wrong_phase"
    assert quiz.refused(MC, {"type": "open_buzz"}).code == "wrong_phase"


def test_team_mode_first_answer_locks():
    show = Show(make_setup(parts={QUIZ: {"answer_by": "team"}}))
    show.goto(QUIZ)
    qid = drawn(show)
    show.do(MC, {"type": "open_answering"})
    show.do(team(1), {"type": "answer", "choice": correct_label(qid)})
    assert (
        show.refused(team(1), {"type": "answer", "member_id": 102, "choice": "A"}).code
        == "already_answered"
    )
    show.do(MC, {"type": "reveal"})
    assert team_points(show.state) == {"1": "10"}
    assert member_points(show.state) == {}


def test_never_more_than_max_answering_members():
    setup = make_setup(
        answering=5, parts={QUIZ: {"questions_per_team": 2, "max_answering_members": 2}}
    )
    show = Show(setup)
    show.goto(QUIZ)
    drawn(show)
    show.do(MC, {"type": "open_answering"})
    show.do(team(1), {"type": "answer", "member_id": 101, "choice": "A"})
    show.do(team(1), {"type": "answer", "member_id": 102, "choice": "A"})
    assert (
        show.refused(team(1), {"type": "answer", "member_id": 103, "choice": "A"}).code
        == "too_many_members"
    )
    show.do(MC, {"type": "reveal"})
    show.do(MC, {"type": "clear_question"})
    show.do(MC, {"type": "draw"})
    show.do(MC, {"type": "open_answering"})
    assert (
        show.refused(team(1), {"type": "answer", "member_id": 104, "choice": "A"}).code
        == "too_many_members"
    )
    show.do(team(1), {"type": "answer", "member_id": 102, "choice": "A"})


def test_goto_part_refused_while_question_open(quiz):
    drawn(quiz)
    quiz.do(MC, {"type": "open_answering"})
    assert quiz.refused(MC, {"type": "next_part"}).code == "question_open"
    quiz.do(MC, {"type": "close_answering"})
    assert quiz.refused(MC, {"type": "close_answering"}).code == "wrong_phase"
    quiz.do(MC, {"type": "next_part"})


def test_views_hide_answer_until_reveal(quiz):
    qid = drawn(quiz)
    quiz.do(MC, {"type": "open_answering"})
    quiz.do(team(1), {"type": "answer", "member_id": 101, "choice": "C"})
    screen = project_state(quiz.state, Audience("screen"))["question"]
    assert "correct" not in screen and screen["answered"] == [{"team_id": 1, "member_id": 101}]
    own = project_state(quiz.state, Audience("team", team_id=1))["team"]
    assert own["my_answers"] == [{"member_id": 101, "choice": "C"}]
    other = project_state(quiz.state, Audience("team", team_id=2))["team"]
    assert other["my_answers"] == []
    mc = project_state(quiz.state, Audience("mc"))
    assert mc["question_full"]["correct"] == correct_label(qid)
    assert mc["question_full"]["answers"][0]["choice"] == "C"
    quiz.do(MC, {"type": "reveal"})
    screen = project_state(quiz.state, Audience("screen"))["question"]
    assert screen["correct"] == correct_label(qid)
    assert screen["results"][0]["choice"] == "C"


def test_state_is_json_round_trippable(quiz):
    drawn(quiz)
    from hall.engine.state import state_from_dict, state_to_dict

    data = msgspec.json.decode(msgspec.json.encode(state_to_dict(quiz.state)))
    assert state_from_dict(data) == quiz.state
