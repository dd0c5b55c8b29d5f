import pytest

from hall.engine.reducer import next_deadline
from hall.engine.views import Audience, project_event, project_state
from tests.unit.engine.factories import (
    BUZZ,
    MC,
    QUIZ,
    SYSTEM,
    Show,
    correct_label,
    make_setup,
    member_points,
    penalties,
    team,
    team_points,
)


def wrong(qid):
    return "A" if correct_label(qid) != "A" else "B"


@pytest.fixture
def race():
    show = Show()
    show.goto(BUZZ)
    show.do(MC, {"type": "draw"})
    return show


def press(show, team_id, pressed_at=None, member_id=None):
    cmd = {"type": "buzz", "pressed_at_ms": show.now_ms if pressed_at is None else pressed_at}
    if member_id is not None:
        cmd["member_id"] = member_id
    return show.do(team(team_id), cmd)


def test_buzz_draw_has_no_team_and_teams_cannot_pick(race):
    assert race.state.question.team_id is None
    assert race.state.draws == {}
    race.do(MC, {"type": "clear_question"})
    assert race.refused(team(1), {"type": "pick_tile", "tile": 1}).code == "not_your_turn"


def test_buzz_refused_before_open(race):
    assert race.refused(team(1), {"type": "buzz"}).code == "not_open"
    race.do(MC, {"type": "open_buzz"})
    assert race.refused(MC, {"type": "open_buzz"}).code == "wrong_phase"


def test_race_ranked_by_pressed_time_within_grace(race):
    race.do(MC, {"type": "open_buzz"})
    t0 = race.now_ms
    events = press(race, 3, pressed_at=t0 - 10)
    assert events[0]["window_ends_ms"] == t0 + 250
    assert next_deadline(race.state) == t0 + 250
    assert race.refused(team(3), {"type": "buzz"}).code == "locked"
    race.advance(100)
    press(race, 5, pressed_at=t0 - 50)  # pressed earlier, arrived later
    race.advance(50)
    press(race, 2, pressed_at=t0 - 50)  # exact tie with team 5
    race.advance(100)  # window closed at t0 + 250
    refusal = race.refused(team(7), {"type": "buzz", "pressed_at_ms": t0 - 200})
    assert refusal.code == "late" and refusal.reason.startswith("Đội bạn bấm chậm hơn")
    events = race.do(SYSTEM, {"type": "tick"})
    verdict = events[0]
    assert verdict["type"] == "buzz_verdict"
    assert verdict["winner_team_id"] == 5
    assert [o["team_id"] for o in verdict["order"]] == [5, 2, 3]
    assert verdict["ties"] == [[5, 2]]
    assert race.state.question.deadline_ms == race.now_ms + 15_000
    assert race.refused(team(7), {"type": "buzz"}).code == "late"
    assert race.refused(team(2), {"type": "buzz"}).code == "locked"
    assert race.refused(team(2), {"type": "answer", "choice": "A"}).code == "not_your_turn"
    screen = project_state(race.state, Audience("screen"))
    assert screen["question"]["winner_team_id"] == 5
    states = {
        t: project_state(race.state, Audience("team", team_id=t))["team"]["buzz_state"]
        for t in (5, 2, 7)
    }
    assert states == {5: "first", 2: "locked", 7: "late"}


def test_pressed_time_is_clamped_into_rtt_bound(race):
    race.do(MC, {"type": "open_buzz"})
    events = press(race, 1, pressed_at=race.now_ms - 5_000)
    assert events[0]["pressed_at_ms"] == race.now_ms - 300
    race.advance(10)
    events = press(race, 2, pressed_at=race.now_ms + 5_000)
    assert events[0]["pressed_at_ms"] == race.now_ms


def test_any_later_command_emits_the_verdict_first(race):
    race.do(MC, {"type": "open_buzz"})
    press(race, 4)
    race.advance(300)
    qid = race.state.question.question_id
    events = race.do(team(4), {"type": "answer", "choice": correct_label(qid)})
    assert [e["type"] for e in events] == ["buzz_verdict", "buzz_answer_judged"]
    assert team_points(race.state) == {"4": "20"}
    assert race.state.question.phase == "answered"


def test_wrong_answer_penalised_and_reopened_for_others(race):
    race.do(MC, {"type": "open_buzz"})
    qid = race.state.question.question_id
    press(race, 1, member_id=101)
    race.advance(300).do(SYSTEM, {"type": "tick"})
    events = race.do(team(1), {"type": "answer", "choice": wrong(qid)})
    assert [e["type"] for e in events] == ["buzz_answer_judged", "buzz_reopened"]
    assert events[1]["excluded_team_ids"] == [1]
    assert team_points(race.state) == {"1": "-10"}
    assert penalties(race.state) == {"1": "10"}
    assert member_points(race.state) == {"101": "-10"}
    assert race.state.question.phase == "buzzing"
    assert race.refused(team(1), {"type": "buzz"}).code == "locked"
    # the screen learns the outcome but not the choice nor the correct label
    screen_event = project_event(events[0], race.state, Audience("screen"))
    assert "correct" not in screen_event and "choice" not in screen_event
    assert screen_event["outcome"] == "wrong"
    press(race, 6)
    race.advance(300).do(SYSTEM, {"type": "tick"})
    assert race.state.question.winner_team_id == 6
    race.do(team(6), {"type": "answer", "choice": correct_label(qid)})
    assert team_points(race.state) == {"1": "-10", "6": "20"}
    race.do(MC, {"type": "reveal"})
    assert team_points(race.state) == {"1": "-10", "6": "20"}  # reveal does not score twice
    assert len(race.state.question.results) == 2


def test_winner_silence_times_out(race):
    race.do(MC, {"type": "open_buzz"})
    press(race, 2)
    race.advance(300).do(SYSTEM, {"type": "tick"})
    deadline = race.state.question.deadline_ms
    assert next_deadline(race.state) == deadline
    race.now_ms = deadline
    assert race.refused(team(2), {"type": "answer", "choice": "A"}).code == "late"
    events = race.do(SYSTEM, {"type": "tick"})
    assert events[0]["type"] == "buzz_answer_judged" and events[0]["timed_out"]
    assert team_points(race.state) == {"2": "-10"}
    assert race.state.question.phase == "buzzing"


def test_no_reopen_when_disabled_or_everyone_tried():
    show = Show(make_setup(teams=2, parts={BUZZ: {"reopen_on_wrong": False}}))
    show.goto(BUZZ)
    show.do(MC, {"type": "draw"})
    show.do(MC, {"type": "open_buzz"})
    qid = show.state.question.question_id
    press(show, 1)
    show.advance(300)
    events = show.do(team(1), {"type": "answer", "choice": wrong(qid)})
    assert [e["type"] for e in events] == ["buzz_verdict", "buzz_answer_judged"]
    assert show.state.question.phase == "closed"
    assert show.refused(team(2), {"type": "buzz"}).code == "closed"

    show = Show(make_setup(teams=2))
    show.goto(BUZZ)
    show.do(MC, {"type": "draw"})
    show.do(MC, {"type": "open_buzz"})
    for t in (1, 2):
        press(show, t)
        show.advance(300)
        show.do(
            team(t), {"type": "answer", "choice": wrong(qid := show.state.question.question_id)}
        )
    assert show.state.question.phase == "closed"


def test_reveal_refused_while_winner_answers(race):
    race.do(MC, {"type": "open_buzz"})
    press(race, 1)
    race.advance(300)
    assert race.refused(MC, {"type": "reveal"}).code == "answer_pending"
    assert race.refused(MC, {"type": "close_answering"}).code == "answer_pending"


def test_buzz_member_must_answer_knowledge(race):
    race.do(MC, {"type": "open_buzz"})
    assert race.refused(team(1), {"type": "buzz", "member_id": 105}).code == "not_answering_member"


def test_buzz_not_in_team_turn():
    show = Show()
    show.goto(QUIZ)
    show.do(MC, {"type": "call_team", "team_id": 1})
    show.do(MC, {"type": "draw"})
    assert show.refused(team(1), {"type": "buzz"}).code == "wrong_part"
