"""The hall's reducer: ``decide`` (command → events or Refusal), ``evolve`` (event → state).

Pure: no Django, no I/O, no clock. The service passes ``Context(now_ms, actor,
seed)``; every draw records its seed in the event, so ``fold`` replays the log
exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import msgspec

from hall.engine import commands as c
from hall.engine import rules_lots as lots
from hall.engine import rules_quiz as quiz
from hall.engine import rules_show as show
from hall.engine.commands import ALLOWED, CommandError, command_type, parse_command
from hall.engine.common import Context, Event
from hall.engine.evolve import evolve
from hall.engine.refusals import Refusal, refuse
from hall.engine.state import HallState

__all__ = [
    "Context",
    "Event",
    "Refusal",
    "apply",
    "decide",
    "evolve",
    "fold",
    "next_deadline",
]

Decider = Callable[[HallState, Any, Context], list[Event] | Refusal]

DECIDERS: dict[type, Decider] = {
    c.StartContest: show.start_contest,
    c.Pause: show.pause,
    c.Resume: show.resume,
    c.Finish: show.finish,
    c.GotoPart: show.goto_part,
    c.NextPart: show.next_part,
    c.Undo: show.undo,
    c.StageTeam: show.stage_team,
    c.StartTimer: show.start_timer,
    c.StopTimer: show.stop_timer,
    c.OpenJudging: show.open_judging,
    c.CloseJudging: show.close_judging,
    c.SubmitMarks: show.submit_marks,
    c.ReleaseMarks: show.release_marks,
    c.RequestCorrection: show.request_correction,
    c.ResolveCorrection: show.resolve_correction,
    c.CallTeam: quiz.call_team,
    c.PickTile: quiz.pick_tile,
    c.Draw: quiz.draw,
    c.OpenAnswering: quiz.open_answering,
    c.CloseAnswering: quiz.close_answering,
    c.AnswerCmd: quiz.answer,
    c.Reveal: quiz.reveal,
    c.ClearQuestion: quiz.clear_question,
    c.Next: quiz.clear_question,
    c.OpenBuzz: quiz.open_buzz,
    c.Buzz: quiz.buzz,
    c.DrawLots: lots.draw_lots,
    c.ShowLots: lots.show_lots,
}

# Judges keep working while the show is paused or after it has finished.
JUDGING_WORK = frozenset({"submit_marks", "request_correction", "resolve_correction"})
WHILE_PAUSED = JUDGING_WORK | {"resume", "undo"}
AFTER_FINISH = JUDGING_WORK | {"release_marks", "undo", "draw_lots", "show_lots"}
# MC commands that leave no one-level undo point: a draw of lots is final, like a
# question drawn, and showing it on the big screen is not part of the show's flow.
NOT_UNDOABLE = frozenset({"undo", "tick", "start_contest", "draw_lots", "show_lots"})


def _check_actor(state: HallState, actor: Any, kind: str) -> Refusal | None:
    if not isinstance(actor, c.Actor) or kind not in ALLOWED.get(actor.role, frozenset()):
        return refuse("forbidden")
    setup = state.setup
    if setup is None:
        return None
    if actor.role == "team" and setup.team(actor.team_id) is None:
        return refuse("forbidden")
    if actor.role in ("judge", "head_judge"):
        judge = setup.judge(actor.judge_id)
        if judge is None or (actor.role == "head_judge" and not judge.is_head):
            return refuse("forbidden")
    return None


def _check_status(state: HallState, kind: str) -> Refusal | None:
    if kind == "start_contest":
        return None
    if state.status == "ready" or state.setup is None:
        return refuse("not_started")
    if state.status == "paused" and kind not in WHILE_PAUSED:
        return refuse("paused")
    if state.status == "finished" and kind not in AFTER_FINISH:
        return refuse("finished")
    return None


def decide(state: HallState, command: Any, ctx: Context) -> list[Event] | Refusal:
    """The events a command produces, or why it is refused. Never changes anything."""
    if isinstance(command, dict):
        try:
            command = parse_command(command)
        except CommandError as exc:
            return Refusal(code=exc.code, reason=exc.reason)
    if type(command) not in DECIDERS and not isinstance(command, c.Tick):
        return refuse("bad_command")
    kind = command_type(command)
    refusal = _check_actor(state, ctx.actor, kind)
    if refusal is not None:
        return refusal
    if kind == "tick":
        return quiz.due_events(state, ctx)
    refusal = _check_status(state, kind)
    if refusal is not None:
        return refusal
    if isinstance(command, c.AnswerCmd) and state.status == "running":
        refusal = quiz.late_answer(state, ctx)
        if refusal is not None:
            return refusal
    # The clock may already have closed a buzz window or an answer deadline.
    due = quiz.due_events(state, ctx)
    current = state
    for ev in due:
        current = evolve(current, ev)
    result = DECIDERS[type(command)](current, command, ctx)
    if isinstance(result, Refusal):
        return result
    if result and ctx.actor.role == "mc" and kind not in NOT_UNDOABLE:
        result[0] = msgspec.structs.replace(result[0], checkpoint=kind)
    return due + result


def apply(state: HallState, command: Any, ctx: Context) -> tuple[HallState, list[Event]] | Refusal:
    """decide, then evolve each event."""
    events = decide(state, command, ctx)
    if isinstance(events, Refusal):
        return events
    for ev in events:
        state = evolve(state, ev)
    return state, events


def fold(events: Iterable[Event | dict], state: HallState | None = None) -> HallState:
    """Replay a log (typed events or log entries); it starts with ``contest_started``."""
    current = state if state is not None else HallState()
    for ev in events:
        current = evolve(current, ev)
    return current


def next_deadline(state: HallState) -> int | None:
    """The earliest server ms at which a ``tick`` would change something; None if none."""
    return quiz.pending_deadline(state)
