"""No role but the MC sees a correct answer before the reveal, hidden tiles, or others' marks."""

import json

import pytest

from hall.engine.reducer import evolve
from hall.engine.views import Audience, audience_key, project_event, project_state
from tests.unit.engine.factories import (
    BUZZ,
    INTRO,
    JUDGE_IDS,
    MC,
    QUIZ,
    SKIT,
    SYSTEM,
    TEAM_IDS,
    Show,
    correct_label,
    judge,
    team,
)

AUDIENCES = (
    [Audience("screen")]
    + [Audience("team", team_id=t) for t in TEAM_IDS]
    + [Audience("judge", judge_id=j) for j in JUDGE_IDS if j != 1]
    + [Audience("head_judge", judge_id=1)]
)


def sheet(total):
    return {"11": total * 0.4, "12": total * 0.3, "13": total * 0.3}


def scripted_show() -> Show:
    show = Show()
    show.goto(INTRO)
    for t in (1, 2):
        show.do(MC, {"type": "stage_team", "team_id": t})
        show.do(MC, {"type": "start_timer"})
        show.advance(290_000).do(MC, {"type": "stop_timer"})
        show.do(MC, {"type": "open_judging"})
        for j in JUDGE_IDS:
            show.do(
                judge(j),
                {"type": "submit_marks", "part_id": INTRO, "team_id": t, "marks": sheet(60 + j)},
            )
        show.do(MC, {"type": "close_judging"})
    show.do(
        judge(3),
        {
            "type": "request_correction",
            "part_id": INTRO,
            "team_id": 1,
            "marks": sheet(70),
            "reason": "Cộng nhầm",
        },
    )
    show.do(
        judge(1), {"type": "resolve_correction", "request_id": 1, "accept": True, "note": "Đồng ý"}
    )
    show.goto(QUIZ)
    for t in (1, 2, 3):
        show.do(MC, {"type": "call_team", "team_id": t})
        show.do(team(t), {"type": "pick_tile", "tile": t})
        show.do(MC, {"type": "open_answering"})
        qid = show.state.question.question_id
        show.advance(3000).do(
            team(t), {"type": "answer", "member_id": t * 100 + 1, "choice": correct_label(qid)}
        )
        show.do(team(t), {"type": "answer", "member_id": t * 100 + 2, "choice": "A"})
        show.advance(30_000).do(SYSTEM, {"type": "tick"})
        if t != 3:
            show.do(MC, {"type": "reveal"})
    show.do(MC, {"type": "clear_question"})
    show.goto(BUZZ)
    show.do(MC, {"type": "draw"})
    show.do(MC, {"type": "open_buzz"})
    qid = show.state.question.question_id
    show.do(team(4), {"type": "buzz", "pressed_at_ms": show.now_ms})
    show.advance(100).do(team(5), {"type": "buzz", "pressed_at_ms": show.now_ms - 200})
    show.advance(200).do(SYSTEM, {"type": "tick"})
    winner = show.state.question.winner_team_id
    show.do(team(winner), {"type": "answer", "choice": "A" if correct_label(qid) != "A" else "B"})
    show.do(team(6), {"type": "buzz"})
    show.advance(300).do(team(6), {"type": "answer", "choice": correct_label(qid)})
    show.do(MC, {"type": "reveal"})
    show.do(MC, {"type": "draw"})  # a second buzz question, never revealed
    show.do(MC, {"type": "open_buzz"})
    show.do(team(7), {"type": "buzz"})
    show.advance(300).do(team(7), {"type": "answer", "choice": "A"})
    show.do(MC, {"type": "close_answering"}) if show.state.question.phase == "buzzing" else None
    show.goto(SKIT)
    show.do(MC, {"type": "stage_team", "team_id": 1, "cast_size": 5})
    show.do(MC, {"type": "open_judging"})
    for j in JUDGE_IDS:
        show.do(
            judge(j),
            {
                "type": "submit_marks",
                "part_id": SKIT,
                "team_id": 1,
                "marks": {"41": 40 + j, "42": 30},
            },
        )
    show.do(MC, {"type": "release_marks", "part_id": INTRO})
    return show


def walk(value, path=()):
    """Yield (path, key, value) for every dict entry in a JSON tree."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield path, k, v
            yield from walk(v, (*path, k))
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, path)


def assert_no_leak(payload, state, audience, revealed_ok: bool):
    text = json.dumps(payload, ensure_ascii=False)
    assert "boards" not in payload and "question_full" not in payload
    assert "seed" not in text and '"order": [1' not in text.replace(" ", " ")
    burned = set(state.burned)
    for path, key, value in walk(payload):
        if key == "correct":
            assert revealed_ok or (
                path and path[0] == "question" and payload["question"]["phase"] == "revealed"
            ), (
                audience_key(audience),
                path,
            )
        if key == "question_id" and value is not None:
            assert value in burned, "an undrawn question left the server"
        if key == "setup":
            pytest.fail("the setup (with correct answers) left the server")
        if (
            isinstance(value, dict)
            and "marks" in value
            and "judge_id" in value
            and "part_id" in value
        ):
            mine = audience.role == "judge" and value["judge_id"] == audience.judge_id
            if audience.role != "head_judge" and not mine:
                assert value["part_id"] in state.released_parts, (audience_key(audience), value)


def test_no_leaks_in_any_event_or_state():
    show = scripted_show()
    state = None
    from hall.engine.state import HallState

    state = HallState()
    delivered = {audience_key(a): 0 for a in AUDIENCES}
    for ev in show.events:
        state = evolve(state, ev)
        for audience in AUDIENCES:
            projected = project_event(ev, state, audience)
            if projected is not None:
                delivered[audience_key(audience)] += 1
                json.dumps(projected)
                assert_no_leak(projected, state, audience, revealed_ok=ev["type"] == "revealed")
                assert "checkpoint" not in projected
            view = project_state(state, audience)
            json.dumps(view)
            assert_no_leak(view, state, audience, revealed_ok=False)
    assert all(delivered.values())


def test_unrevealed_question_hidden_but_mc_sees_it():
    show = scripted_show()
    q = show.state.question
    assert q is None  # moved on to the skit; the last buzz question was never revealed
    # rebuild the moment the third team-turn question was open and unrevealed
    for audience in AUDIENCES:
        view = project_state(show.state, audience)
        assert "question_full" not in view


def test_mc_sees_everything():
    show = scripted_show()
    view = project_state(show.state, Audience("mc"))
    assert view["boards"][str(QUIZ)]["order"]
    assert len(view["all_marks"]) == 15
    started = show.events[0]
    assert project_event(started, show.state, Audience("mc"))["setup"]


def test_judges_see_only_their_own_unreleased_marks():
    show = scripted_show()
    view = project_state(show.state, Audience("judge", judge_id=2))
    skit_marks = [m for m in view["judge"]["my_marks"] if m["part_id"] == SKIT]
    assert [m["judge_id"] for m in skit_marks] == [2]
    assert "all_marks" not in view
    head = project_state(show.state, Audience("head_judge", judge_id=1))
    assert len([m for m in head["all_marks"] if m["part_id"] == SKIT]) == 5
    screen = project_state(show.state, Audience("screen"))
    assert {m["part_id"] for m in screen["released_marks"]} == {INTRO}
    # a judge who claims to be head judge but is not gets no extra view
    fake = project_state(show.state, Audience("head_judge", judge_id=2))
    assert "all_marks" not in fake
    mark_event = next(
        e for e in show.events if e["type"] == "marks_submitted" and e["part_id"] == SKIT
    )
    assert project_event(mark_event, show.state, Audience("screen")) is None
    assert project_event(mark_event, show.state, Audience("judge", judge_id=mark_event["judge_id"]))
    assert (
        project_event(
            mark_event,
            show.state,
            Audience("judge", judge_id=5 if mark_event["judge_id"] != 5 else 4),
        )
        is None
    )


def test_audience_keys():
    assert audience_key(Audience("mc")) == "mc"
    assert audience_key(Audience("screen")) == "screen"
    assert audience_key(Audience("head_judge", judge_id=7)) == "head_judge:7"
    assert audience_key(Audience("judge", judge_id=7)) == "judge:7"
    assert audience_key(Audience("team", team_id=3)) == "team:3"
