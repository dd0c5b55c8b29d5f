"""Applying one event to the state: deterministic, no clock, no randomness, no arithmetic
on scores (the state keeps the scored answers; ``scoring`` sums them when shown).

Each handler mutates a *draft*: the plain-data form of the state without its
setup (a fresh copy made for this event), which is then frozen again. Events
arrive typed (``hall.engine.events``); a plain dict (a log entry) is decoded first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from hall.engine import events as ev
from hall.engine.state import HallState, Setup, key

Draft = dict[str, Any]

# What an MC's undo never takes back: draws stay burned, judges' work stays, and
# so do the committee's draws of lots.
KEPT_ON_UNDO = ("burned", "boards", "marks", "corrections", "released_parts", "lots", "lots_shown")


def _snapshot(state: HallState) -> Draft:
    """A fresh, mutable plain-data copy (lists, dicts) of the state without setup and prev."""
    return msgspec.json.decode(
        msgspec.json.encode(msgspec.structs.replace(state, setup=None, prev=None))
    )


def _b(value: object) -> Any:
    return msgspec.to_builtins(value)


def _score(d: Draft, part_id: int, question_id: int, result: Any) -> None:
    """Keep an answer that earned or cost points (a ``ResultRecord`` or a judged buzz)."""
    d["scored"].append(
        {
            "part_id": part_id,
            "question_id": question_id,
            "team_id": result.team_id,
            "member_id": result.member_id,
            "correct": result.correct,
            "points": result.points,
            "individual": bool(result.individual and result.member_id is not None),
        }
    )


def _note_member(d: Draft, part_id: int, team_id: int, member_id: int | None) -> None:
    if member_id is None:
        return
    members = d["answered_members"].setdefault(key(part_id, team_id), [])
    if member_id not in members:
        members.append(member_id)


# ------------------------------------------------------------------ handlers
def _paused(d: Draft, e: ev.Paused) -> None:
    d["status"] = "paused"
    d["paused_at_ms"] = e.at


def _resumed(d: Draft, e: ev.Resumed) -> None:
    d["status"] = "running"
    d["paused_at_ms"] = None
    shift = e.paused_ms
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


def _finished(d: Draft, e: ev.Finished) -> None:
    d["status"] = "finished"
    d["finished_at_ms"] = e.at
    d["paused_at_ms"] = None


def _part_changed(d: Draft, e: ev.PartChanged) -> None:
    d["part_id"] = e.part_id
    d["stage"] = None
    d["turn_team_id"] = None
    d["question"] = None


def _board_made(d: Draft, e: ev.BoardMade) -> None:
    d["boards"][str(e.part_id)] = {
        "part_id": e.part_id,
        "order": list(e.order),
        "seed": e.seed,
        "used_tiles": [],
    }


def _team_staged(d: Draft, e: ev.TeamStaged) -> None:
    d["stage"] = {
        "part_id": e.part_id,
        "team_id": e.team_id,
        "cast_size": e.cast_size,
        "timer": {"limit_ms": e.limit_ms, "started_at_ms": None, "stopped_at_ms": None},
    }


def _timer_started(d: Draft, e: ev.TimerStarted) -> None:
    d["stage"]["timer"].update(started_at_ms=e.at, stopped_at_ms=None)


def _timer_stopped(d: Draft, e: ev.TimerStopped) -> None:
    d["stage"]["timer"]["stopped_at_ms"] = e.at


def _judging_opened(d: Draft, e: ev.JudgingOpened) -> None:
    d["judging_open"].append({"part_id": e.part_id, "team_id": e.team_id})


def _judging_closed(d: Draft, e: ev.JudgingClosed) -> None:
    closing = {(s.part_id, s.team_id) for s in e.slots}
    d["judging_open"] = [
        s for s in d["judging_open"] if (s["part_id"], s["team_id"]) not in closing
    ]


def _marks_submitted(d: Draft, e: ev.MarksSubmitted) -> None:
    d["marks"][key(e.part_id, e.team_id, e.judge_id)] = {
        "judge_id": e.judge_id,
        "part_id": e.part_id,
        "team_id": e.team_id,
        "marks": dict(e.marks),
        "total": e.total,
        "at_ms": e.at,
        "correction_id": None,
    }


def _marks_released(d: Draft, e: ev.MarksReleased) -> None:
    d["released_parts"].append(e.part_id)


def _correction_requested(d: Draft, e: ev.CorrectionRequested) -> None:
    d["corrections"].append(
        {
            "id": e.request_id,
            "judge_id": e.judge_id,
            "part_id": e.part_id,
            "team_id": e.team_id,
            "marks": dict(e.marks),
            "total": e.total,
            "reason": e.reason,
            "requested_at_ms": e.at,
            "status": "pending",
            "note": "",
            "resolved_at_ms": None,
        }
    )


def _correction_resolved(d: Draft, e: ev.CorrectionResolved) -> None:
    for corr in d["corrections"]:
        if corr["id"] == e.request_id:
            corr.update(
                status="accepted" if e.accept else "rejected",
                note=e.note,
                resolved_at_ms=e.at,
            )
    if e.accept:
        sheet = d["marks"][key(e.part_id, e.team_id, e.judge_id)]
        sheet.update(marks=dict(e.marks or {}), total=e.total, correction_id=e.request_id)


def _team_called(d: Draft, e: ev.TeamCalled) -> None:
    d["turn_team_id"] = e.team_id
    d["question"] = None


def _question_drawn(d: Draft, e: ev.QuestionDrawn) -> None:
    board = d["boards"][str(e.part_id)]
    board["used_tiles"].append(e.tile)
    if e.question_id not in d["burned"]:
        d["burned"].append(e.question_id)
    if e.team_id is not None:
        dkey = key(e.part_id, e.team_id)
        d["draws"][dkey] = d["draws"].get(dkey, 0) + 1
    d["question"] = {
        "part_id": e.part_id,
        "question_id": e.question_id,
        "tile": e.tile,
        "mode": e.mode,
        "phase": "shown",
        "drawn_at_ms": e.at,
        "team_id": e.team_id,
    }


def _question(d: Draft) -> Draft:
    return d["question"]


def _answering_opened(d: Draft, e: ev.AnsweringOpened) -> None:
    _question(d).update(phase="answering", deadline_ms=e.deadline_ms)


def _answering_closed(d: Draft, e: ev.AnsweringClosed) -> None:
    _question(d)["phase"] = "closed"


def _answer_submitted(d: Draft, e: ev.AnswerSubmitted) -> None:
    q = _question(d)
    q.setdefault("answers", []).append(
        {"team_id": e.team_id, "member_id": e.member_id, "choice": e.choice, "at_ms": e.at}
    )
    _note_member(d, e.part_id, e.team_id, e.member_id)


def _buzz_opened(d: Draft, e: ev.BuzzOpened) -> None:
    _question(d)["phase"] = "buzzing"


def _buzz_pressed(d: Draft, e: ev.BuzzPressed) -> None:
    q = _question(d)
    q.setdefault("presses", []).append(
        {
            "team_id": e.team_id,
            "member_id": e.member_id,
            "pressed_at_ms": e.pressed_at_ms,
            "received_at_ms": e.received_at_ms,
        }
    )
    q["window_ends_ms"] = e.window_ends_ms


def _buzz_verdict(d: Draft, e: ev.BuzzVerdict) -> None:
    _question(d).update(
        phase="buzz_answering",
        winner_team_id=e.winner_team_id,
        winner_member_id=e.winner_member_id,
        order=_b(e.order),
        ties=[list(t) for t in e.ties],
        deadline_ms=e.deadline_ms,
    )


def _buzz_answer_judged(d: Draft, e: ev.BuzzAnswerJudged) -> None:
    q = _question(d)
    q.setdefault("judged", []).append(
        {
            "team_id": e.team_id,
            "member_id": e.member_id,
            "choice": e.choice,
            "correct": e.correct,
            "points": e.points,
            "individual": e.individual,
            "timed_out": e.timed_out,
        }
    )
    tried = q.setdefault("tried_team_ids", [])
    if e.team_id not in tried:
        tried.append(e.team_id)
    q.update(phase="answered" if e.correct else "closed", deadline_ms=None)
    _score(d, e.part_id, e.question_id, e)
    if not e.timed_out:
        _note_member(d, e.part_id, e.team_id, e.member_id)


def _buzz_reopened(d: Draft, e: ev.BuzzReopened) -> None:
    _question(d).update(
        phase="buzzing",
        presses=[],
        window_ends_ms=None,
        winner_team_id=None,
        winner_member_id=None,
        deadline_ms=None,
        tried_team_ids=list(e.excluded_team_ids),
    )


def _revealed(d: Draft, e: ev.Revealed) -> None:
    q = _question(d)
    q.update(phase="revealed", results=_b(e.results), deadline_ms=None)
    if e.applies_points:
        for result in e.results:
            _score(d, e.part_id, e.question_id, result)


def _question_cleared(d: Draft, e: ev.QuestionCleared) -> None:
    d["question"] = None


def _undone(d: Draft, e: ev.Undone) -> None:
    restored = dict(d["prev"])
    for field in KEPT_ON_UNDO:
        restored[field] = d[field]
    restored["prev"] = None
    restored["prev_action"] = ""
    d.clear()
    d.update(restored)


def _lots_drawn(d: Draft, e: ev.LotsDrawn) -> None:
    d["lots"].append(
        {
            "id": e.draw_id,
            "kind": e.kind,
            "ids": list(e.ids),
            "order": list(e.order),
            "seed": e.seed,
            "by": e.by,
            "at_ms": e.at,
            "tied_at": e.tied_at,
        }
    )


def _lots_shown(d: Draft, e: ev.LotsShown) -> None:
    d["lots_shown"] = e.draw_id


HANDLERS: dict[type, Callable[[Draft, Any], None]] = {
    ev.Paused: _paused,
    ev.Resumed: _resumed,
    ev.Finished: _finished,
    ev.PartChanged: _part_changed,
    ev.BoardMade: _board_made,
    ev.TeamStaged: _team_staged,
    ev.TimerStarted: _timer_started,
    ev.TimerStopped: _timer_stopped,
    ev.JudgingOpened: _judging_opened,
    ev.JudgingClosed: _judging_closed,
    ev.MarksSubmitted: _marks_submitted,
    ev.MarksReleased: _marks_released,
    ev.CorrectionRequested: _correction_requested,
    ev.CorrectionResolved: _correction_resolved,
    ev.TeamCalled: _team_called,
    ev.QuestionDrawn: _question_drawn,
    ev.AnsweringOpened: _answering_opened,
    ev.AnsweringClosed: _answering_closed,
    ev.AnswerSubmitted: _answer_submitted,
    ev.BuzzOpened: _buzz_opened,
    ev.BuzzPressed: _buzz_pressed,
    ev.BuzzVerdict: _buzz_verdict,
    ev.BuzzAnswerJudged: _buzz_answer_judged,
    ev.BuzzReopened: _buzz_reopened,
    ev.Revealed: _revealed,
    ev.QuestionCleared: _question_cleared,
    ev.Undone: _undone,
    ev.LotsDrawn: _lots_drawn,
    ev.LotsShown: _lots_shown,
}


def evolve(state: HallState, event: ev.Event | dict) -> HallState:
    """The state after ``event`` (a struct, or a log entry decoded first); the input state is
    never changed."""
    e = ev.decode(event)
    if isinstance(e, ev.ContestStarted):
        return HallState(setup=e.setup, status="running", started_at_ms=e.at, last_event_at_ms=e.at)
    setup: Setup | None = state.setup
    draft = _snapshot(state)
    draft["prev"] = state.prev
    draft["prev_action"] = state.prev_action
    if e.checkpoint:
        draft["prev"] = _snapshot(state)
        draft["prev_action"] = e.checkpoint
    HANDLERS[type(e)](draft, e)
    draft["last_event_at_ms"] = e.at
    new = msgspec.convert(draft, HallState)
    return msgspec.structs.replace(new, setup=setup)
