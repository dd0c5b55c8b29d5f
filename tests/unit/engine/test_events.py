"""Typed events: every type the engine emits is documented and round-trips; the log is
validated when read; a log recorded before events were typed still folds."""

import json
import re
from pathlib import Path

import msgspec
import pytest

from hall.engine import events as ev
from hall.engine.reducer import fold
from hall.engine.views import Audience, project_state
from tests.unit.engine.factories import (
    BUZZ,
    INTRO,
    MC,
    QUIZ,
    SKIT,
    SYSTEM,
    Show,
    correct_label,
    judge,
    make_setup,
    plain_judge,
    team,
)

ROOT = Path(__file__).resolve().parents[3]
LEGACY = json.loads((Path(__file__).parent / "data" / "legacy_show_log.json").read_text())


def _wrong(qid: int) -> str:
    return "A" if correct_label(qid) != "A" else "B"


def full_show() -> Show:
    """A show that makes every kind of event the engine has (a draw of lots included)."""
    show = Show(make_setup(teams=3, judges=3))
    do, adv = show.do, show.advance
    show.goto(INTRO)
    for t in (1, 2, 3):
        do(MC, {"type": "stage_team", "team_id": t})
        adv(1000).do(MC, {"type": "start_timer"})
        adv(1000).do(MC, {"type": "stop_timer"})
        do(MC, {"type": "open_judging"})
        for j in (1, 2, 3):
            do(judge(j), {"type": "submit_marks", "part_id": INTRO, "team_id": t,
                          "marks": {"11": 20, "12": 20, "13": 20}})  # fmt: skip
        do(MC, {"type": "close_judging"})
    do(plain_judge(2), {"type": "request_correction", "part_id": INTRO, "team_id": 1,
                        "marks": {"11": 20, "12": 20, "13": 20}, "reason": "Xem lại"})  # fmt: skip
    do(judge(1), {"type": "resolve_correction", "request_id": 1, "accept": True})
    do(judge(1), {"type": "release_marks", "part_id": INTRO})
    do(MC, {"type": "pause"})
    adv(5000).do(MC, {"type": "resume"})
    show.goto(QUIZ)
    for t in (1, 2, 3):
        do(MC, {"type": "call_team", "team_id": t})
        qid = do(MC, {"type": "draw"})[-1]["question_id"]
        do(MC, {"type": "open_answering"})
        do(team(t), {"type": "answer", "member_id": t * 100 + 1, "choice": _wrong(qid)})
        do(MC, {"type": "reveal"})
        do(MC, {"type": "clear_question"})
    do(MC, {"type": "undo", "reason": "Nhầm"})
    show.goto(BUZZ)
    qid = do(MC, {"type": "draw"})[-1]["question_id"]
    do(MC, {"type": "open_buzz"})
    do(team(1), {"type": "buzz", "member_id": 101})
    adv(300).do(SYSTEM, {"type": "tick"})
    do(team(1), {"type": "answer", "choice": _wrong(qid)})
    do(team(2), {"type": "buzz", "member_id": 201})
    adv(300).do(SYSTEM, {"type": "tick"})
    do(team(2), {"type": "answer", "choice": _wrong(qid)})
    do(MC, {"type": "close_answering"})
    do(MC, {"type": "reveal"})
    show.goto(SKIT)
    do(MC, {"type": "finish"})
    # all three teams are level on every criterion: the committee's draw, shown on screen
    tie = project_state(show.state, Audience("mc"))["can"]["draw_lots"][0]
    drawn = do(MC, {"type": "draw_lots", **tie})[0]
    do(MC, {"type": "show_lots", "draw_id": drawn["draw_id"]})
    return show


@pytest.fixture(scope="module")
def show() -> Show:
    return full_show()


def documented_events() -> set[str]:
    text = (ROOT / "docs" / "ENGINE.md").read_text()
    section = text.split("## Events", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"`([a-z_]+) ?[{`]", section))


def test_every_event_type_is_emitted_and_documented(show):
    emitted = {e["type"] for e in show.events}
    assert emitted == ev.EVENT_TYPES
    assert ev.EVENT_TYPES <= documented_events()


def test_every_event_round_trips(show):
    for payload in show.events:
        typed = ev.decode(payload)
        assert typed.type == payload["type"]
        assert ev.to_payload(typed) == payload
        assert ev.decode(json.loads(json.dumps(payload))) == typed


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ({"type": "nothing", "at": 1}, "unknown event type"),
        ({"at": 1}, "unknown event type"),
        ({"type": "resumed", "at": 1}, "missing required field `paused_ms`"),
        ({"type": "marks_released", "at": 1, "part_id": "x"}, "Expected `int`"),
        ({"type": "paused", "at": 1, "extra": True}, "unknown field `extra`"),
        ([1, 2], "JSON object"),
    ],
)
def test_invalid_log_entries_are_refused(payload, problem):
    with pytest.raises(ev.EventError, match=problem):
        ev.decode(payload)
    with pytest.raises(ev.EventError):
        fold([payload])


def test_log_recorded_before_typed_events_still_folds():
    payloads = [e["payload"] for e in LEGACY["log"]]
    typed = [ev.decode(p) for p in payloads]
    assert {t.type for t in typed} == ev.EVENT_TYPES - {"lots_drawn", "lots_shown"}
    # the JSON shape is unchanged (the frozen setup only gains the newer tie_breaks field)
    again = [ev.to_payload(t) for t in typed]
    assert again[1:] == payloads[1:]
    assert again[0]["setup"] == {**payloads[0]["setup"], "tie_breaks": ""}
    state = fold(payloads)
    assert state == fold(typed)
    screen = project_state(state, Audience("screen"))
    old = LEGACY["old_live"]
    # the same teams, in the same order, with the same ranks...
    assert [(r["team_id"], r["rank"]) for r in screen["standings"]] == [
        (r["team_id"], r["rank"]) for r in old["standings"]
    ]
    # ...but every figure from scoring: 85 and 85.25 make 85.13, not the old 85.12
    assert old["released_scores"][str(INTRO)]["1"] == 85.12
    intro = {s["team_id"]: s["score"] for s in screen["released_scores"][str(INTRO)]}
    assert intro[1] == "85.13"
    assert screen["standings"][0]["total"] == "205.63"
    assert [float(r["total"]) for r in screen["standings"][1:]] == [
        r["total"] for r in old["standings"][1:]
    ]
    assert {k: float(v) for k, v in screen["member_points"].items() if float(v)} == {
        k: v for k, v in old["member_points"].items() if v
    }


def test_events_are_frozen_structs():
    event = ev.decode({"type": "marks_released", "at": 5, "part_id": 1})
    with pytest.raises(AttributeError):
        event.part_id = 2  # type: ignore[misc]
    assert isinstance(event, msgspec.Struct) and event.checkpoint is None
    assert "checkpoint" not in ev.to_payload(event)
