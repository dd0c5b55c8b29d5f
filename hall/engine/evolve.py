"""Applying one event to the state: deterministic, no clock, no randomness.

Each handler mutates a *draft*: the plain-data form of the state without its
setup (a fresh copy made for this event), which is then frozen again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from hall.engine.common import add
from hall.engine.state import HallState, Setup, key, setup_from_dict

Draft = dict[str, Any]

# What an MC's undo never takes back: draws stay burned, judges' work stays.
KEPT_ON_UNDO = ("burned", "boards", "marks", "corrections", "released_parts")


def _snapshot(state: HallState) -> Draft:
    """A fresh, mutable plain-data copy (lists, dicts) of the state without setup and prev."""
    return msgspec.json.decode(
        msgspec.json.encode(msgspec.structs.replace(state, setup=None, prev=None))
    )


def _add_points(d: Draft, part_id: int, result: dict) -> None:
    team, points = result["team_id"], float(result["points"])
    d["team_points"][str(team)] = add(d["team_points"].get(str(team), 0.0), points)
    pkey = key(part_id, team)
    d["part_points"][pkey] = add(d["part_points"].get(pkey, 0.0), points)
    if result.get("individual") and result.get("member_id") is not None:
        mkey = str(result["member_id"])
        d["member_points"][mkey] = add(d["member_points"].get(mkey, 0.0), points)
    if points < 0:
        d["penalties"][str(team)] = add(d["penalties"].get(str(team), 0.0), -points)


def _note_member(d: Draft, part_id: int, team_id: int, member_id: int | None) -> None:
    if member_id is None:
        return
    members = d["answered_members"].setdefault(key(part_id, team_id), [])
    if member_id not in members:
        members.append(member_id)


# ------------------------------------------------------------------ handlers
def _paused(d: Draft, e: dict, setup: Setup) -> None:
    d["status"] = "paused"
    d["paused_at_ms"] = e["at"]


def _resumed(d: Draft, e: dict, setup: Setup) -> None:
    d["status"] = "running"
    d["paused_at_ms"] = None
    shift = e["paused_ms"]
    q = d["question"]
    if q is not None:
        for field in ("deadline_ms", "window_ends_ms"):
            if q[field] is not None:
                q[field] += shift
    stage = d["stage"]
    if stage is not None:
        timer = stage["timer"]
        if timer["started_at_ms"] is not None and timer["stopped_at_ms"] is None:
            timer["started_at_ms"] += shift


def _finished(d: Draft, e: dict, setup: Setup) -> None:
    d["status"] = "finished"
    d["finished_at_ms"] = e["at"]
    d["paused_at_ms"] = None


def _part_changed(d: Draft, e: dict, setup: Setup) -> None:
    d["part_id"] = e["part_id"]
    d["stage"] = None
    d["turn_team_id"] = None
    d["question"] = None


def _board_made(d: Draft, e: dict, setup: Setup) -> None:
    d["boards"][str(e["part_id"])] = {
        "part_id": e["part_id"],
        "order": list(e["order"]),
        "seed": e["seed"],
        "used_tiles": [],
    }


def _team_staged(d: Draft, e: dict, setup: Setup) -> None:
    d["stage"] = {
        "part_id": e["part_id"],
        "team_id": e["team_id"],
        "cast_size": e["cast_size"],
        "timer": {"limit_ms": e["limit_ms"], "started_at_ms": None, "stopped_at_ms": None},
    }


def _timer_started(d: Draft, e: dict, setup: Setup) -> None:
    d["stage"]["timer"].update(started_at_ms=e["at"], stopped_at_ms=None)


def _timer_stopped(d: Draft, e: dict, setup: Setup) -> None:
    d["stage"]["timer"]["stopped_at_ms"] = e["at"]


def _judging_opened(d: Draft, e: dict, setup: Setup) -> None:
    d["judging_open"].append({"part_id": e["part_id"], "team_id": e["team_id"]})


def _judging_closed(d: Draft, e: dict, setup: Setup) -> None:
    closing = {(s["part_id"], s["team_id"]) for s in e["slots"]}
    d["judging_open"] = [
        s for s in d["judging_open"] if (s["part_id"], s["team_id"]) not in closing
    ]


def _marks_submitted(d: Draft, e: dict, setup: Setup) -> None:
    d["marks"][key(e["part_id"], e["team_id"], e["judge_id"])] = {
        "judge_id": e["judge_id"],
        "part_id": e["part_id"],
        "team_id": e["team_id"],
        "marks": dict(e["marks"]),
        "total": e["total"],
        "at_ms": e["at"],
        "correction_id": None,
    }


def _marks_released(d: Draft, e: dict, setup: Setup) -> None:
    d["released_parts"].append(e["part_id"])


def _correction_requested(d: Draft, e: dict, setup: Setup) -> None:
    d["corrections"].append(
        {
            "id": e["request_id"],
            "judge_id": e["judge_id"],
            "part_id": e["part_id"],
            "team_id": e["team_id"],
            "marks": dict(e["marks"]),
            "total": e["total"],
            "reason": e["reason"],
            "requested_at_ms": e["at"],
            "status": "pending",
            "note": "",
            "resolved_at_ms": None,
        }
    )


def _correction_resolved(d: Draft, e: dict, setup: Setup) -> None:
    for corr in d["corrections"]:
        if corr["id"] == e["request_id"]:
            corr.update(
                status="accepted" if e["accept"] else "rejected",
                note=e["note"],
                resolved_at_ms=e["at"],
            )
    if e["accept"]:
        sheet = d["marks"][key(e["part_id"], e["team_id"], e["judge_id"])]
        sheet.update(marks=dict(e["marks"]), total=e["total"], correction_id=e["request_id"])


def _team_called(d: Draft, e: dict, setup: Setup) -> None:
    d["turn_team_id"] = e["team_id"]
    d["question"] = None


def _question_drawn(d: Draft, e: dict, setup: Setup) -> None:
    board = d["boards"][str(e["part_id"])]
    board["used_tiles"].append(e["tile"])
    if e["question_id"] not in d["burned"]:
        d["burned"].append(e["question_id"])
    if e["team_id"] is not None:
        dkey = key(e["part_id"], e["team_id"])
        d["draws"][dkey] = d["draws"].get(dkey, 0) + 1
    d["question"] = {
        "part_id": e["part_id"],
        "question_id": e["question_id"],
        "tile": e["tile"],
        "mode": e["mode"],
        "phase": "shown",
        "drawn_at_ms": e["at"],
        "team_id": e["team_id"],
    }


def _question(d: Draft) -> Draft:
    return d["question"]


def _answering_opened(d: Draft, e: dict, setup: Setup) -> None:
    _question(d).update(phase="answering", deadline_ms=e["deadline_ms"])


def _answering_closed(d: Draft, e: dict, setup: Setup) -> None:
    _question(d)["phase"] = "closed"


def _answer_submitted(d: Draft, e: dict, setup: Setup) -> None:
    q = _question(d)
    q.setdefault("answers", []).append(
        {
            "team_id": e["team_id"],
            "member_id": e["member_id"],
            "choice": e["choice"],
            "at_ms": e["at"],
        }
    )
    _note_member(d, e["part_id"], e["team_id"], e["member_id"])


def _buzz_opened(d: Draft, e: dict, setup: Setup) -> None:
    _question(d)["phase"] = "buzzing"


def _buzz_pressed(d: Draft, e: dict, setup: Setup) -> None:
    q = _question(d)
    q.setdefault("presses", []).append(
        {
            "team_id": e["team_id"],
            "member_id": e["member_id"],
            "pressed_at_ms": e["pressed_at_ms"],
            "received_at_ms": e["received_at_ms"],
        }
    )
    q["window_ends_ms"] = e["window_ends_ms"]


def _buzz_verdict(d: Draft, e: dict, setup: Setup) -> None:
    _question(d).update(
        phase="buzz_answering",
        winner_team_id=e["winner_team_id"],
        winner_member_id=e["winner_member_id"],
        order=list(e["order"]),
        ties=[list(t) for t in e["ties"]],
        deadline_ms=e["deadline_ms"],
    )


def _result(e: dict) -> dict:
    return {
        "team_id": e["team_id"],
        "member_id": e["member_id"],
        "choice": e["choice"],
        "correct": e["correct"],
        "points": e["points"],
        "individual": e["individual"],
        "timed_out": e["timed_out"],
    }


def _buzz_answer_judged(d: Draft, e: dict, setup: Setup) -> None:
    q = _question(d)
    result = _result(e)
    q.setdefault("judged", []).append(result)
    tried = q.setdefault("tried_team_ids", [])
    if e["team_id"] not in tried:
        tried.append(e["team_id"])
    q.update(phase="answered" if e["correct"] else "closed", deadline_ms=None)
    _add_points(d, e["part_id"], result)
    if not e["timed_out"]:
        _note_member(d, e["part_id"], e["team_id"], e["member_id"])


def _buzz_reopened(d: Draft, e: dict, setup: Setup) -> None:
    _question(d).update(
        phase="buzzing",
        presses=[],
        window_ends_ms=None,
        winner_team_id=None,
        winner_member_id=None,
        deadline_ms=None,
        tried_team_ids=list(e["excluded_team_ids"]),
    )


def _revealed(d: Draft, e: dict, setup: Setup) -> None:
    q = _question(d)
    q.update(phase="revealed", results=list(e["results"]), deadline_ms=None)
    if e["applies_points"]:
        for result in e["results"]:
            _add_points(d, e["part_id"], result)


def _question_cleared(d: Draft, e: dict, setup: Setup) -> None:
    d["question"] = None


def _undone(d: Draft, e: dict, setup: Setup) -> None:
    restored = dict(d["prev"])
    for field in KEPT_ON_UNDO:
        restored[field] = d[field]
    restored["prev"] = None
    restored["prev_action"] = ""
    d.clear()
    d.update(restored)


HANDLERS: dict[str, Callable[[Draft, dict, Setup], None]] = {
    "paused": _paused,
    "resumed": _resumed,
    "finished": _finished,
    "part_changed": _part_changed,
    "board_made": _board_made,
    "team_staged": _team_staged,
    "timer_started": _timer_started,
    "timer_stopped": _timer_stopped,
    "judging_opened": _judging_opened,
    "judging_closed": _judging_closed,
    "marks_submitted": _marks_submitted,
    "marks_released": _marks_released,
    "correction_requested": _correction_requested,
    "correction_resolved": _correction_resolved,
    "team_called": _team_called,
    "question_drawn": _question_drawn,
    "answering_opened": _answering_opened,
    "answering_closed": _answering_closed,
    "answer_submitted": _answer_submitted,
    "buzz_opened": _buzz_opened,
    "buzz_pressed": _buzz_pressed,
    "buzz_verdict": _buzz_verdict,
    "buzz_answer_judged": _buzz_answer_judged,
    "buzz_reopened": _buzz_reopened,
    "revealed": _revealed,
    "question_cleared": _question_cleared,
    "undone": _undone,
}

EVENT_TYPES = frozenset(HANDLERS) | {"contest_started"}


def evolve(state: HallState, event: dict) -> HallState:
    """The state after ``event``; the input state is never changed."""
    kind = event["type"]
    if kind == "contest_started":
        setup = setup_from_dict(event["setup"])
        return HallState(
            setup=setup, status="running", started_at_ms=event["at"], last_event_at_ms=event["at"]
        )
    setup = state.setup
    draft = _snapshot(state)
    draft["prev"] = state.prev
    draft["prev_action"] = state.prev_action
    if event.get("checkpoint"):
        draft["prev"] = _snapshot(state)
        draft["prev_action"] = event["checkpoint"]
    HANDLERS[kind](draft, event, setup)
    draft["last_event_at_ms"] = event["at"]
    new = msgspec.convert(draft, HallState)
    return msgspec.structs.replace(new, setup=setup)
