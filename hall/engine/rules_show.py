"""Deciders for the show's lifecycle and the judged parts (intro, skit).

Each decider takes the current state, a parsed command and the context, and
returns the events to append or a Refusal. They never change the state.
"""

from __future__ import annotations

import random

import msgspec

from hall.engine import commands as c
from hall.engine.common import OPEN_PHASES, Context, Event, event, sheet_total
from hall.engine.refusals import Refusal, refuse
from hall.engine.state import HallState, Setup, key
from hall.engine.texts import gettext_noop as _
from scoring.numbers import ScoringError
from scoring.standings import parse_tie_breaks

Decision = list[Event] | Refusal


# ------------------------------------------------------------------ lifecycle
def start_contest(state: HallState, cmd: c.StartContest, ctx: Context) -> Decision:
    if state.status != "ready":
        return refuse("already_started")
    try:
        parse_tie_breaks(cmd.setup.tie_breaks)
    except ScoringError as exc:
        return refuse("bad_setup", str(exc))
    return [event("contest_started", ctx, setup=msgspec.to_builtins(cmd.setup))]


def pause(state: HallState, cmd: c.Pause, ctx: Context) -> Decision:
    return [event("paused", ctx)]


def resume(state: HallState, cmd: c.Resume, ctx: Context) -> Decision:
    if state.status != "paused":
        return refuse("not_paused")
    paused_ms = max(0, ctx.now_ms - (state.paused_at_ms or ctx.now_ms))
    return [event("resumed", ctx, paused_ms=paused_ms)]


def finish(state: HallState, cmd: c.Finish, ctx: Context) -> Decision:
    return [event("finished", ctx)]


def _enter_part(state: HallState, part_id: int, ctx: Context) -> Decision:
    setup: Setup = state.setup
    part = setup.part(part_id)
    if part is None:
        return refuse("unknown_part")
    if part_id == state.part_id:
        return refuse("same_part")
    if state.question is not None and state.question.phase in OPEN_PHASES:
        return refuse("question_open")
    events = [event("part_changed", ctx, part_id=part_id, kind=part.kind, mode=part.mode)]
    if part.kind == "knowledge" and str(part_id) not in state.boards:
        order = list(part.question_ids)
        random.Random(ctx.seed).shuffle(order)
        events.append(
            event("board_made", ctx, part_id=part_id, tiles=len(order), seed=ctx.seed, order=order)
        )
    return events


def goto_part(state: HallState, cmd: c.GotoPart, ctx: Context) -> Decision:
    return _enter_part(state, cmd.part_id, ctx)


def next_part(state: HallState, cmd: c.NextPart, ctx: Context) -> Decision:
    parts = sorted(state.setup.parts, key=lambda p: p.order)
    ids = [p.id for p in parts]
    if state.part_id is None:
        if not ids:
            return refuse("no_next_part")
        return _enter_part(state, ids[0], ctx)
    index = ids.index(state.part_id)
    if index + 1 >= len(ids):
        return refuse("no_next_part")
    return _enter_part(state, ids[index + 1], ctx)


def undo(state: HallState, cmd: c.Undo, ctx: Context) -> Decision:
    if not cmd.reason.strip():
        return refuse("reason_required")
    if state.prev is None:
        return refuse("nothing_to_undo")
    by = ctx.actor.user or ctx.actor.role
    return [event("undone", ctx, undone_action=state.prev_action, reason=cmd.reason.strip(), by=by)]


# ------------------------------------------------------------------- judged
def _judged_part(state: HallState):
    part = state.part
    if part is None:
        return refuse("no_part")
    if not part.judged:
        return refuse("wrong_part")
    return part


def stage_team(state: HallState, cmd: c.StageTeam, ctx: Context) -> Decision:
    part = _judged_part(state)
    if isinstance(part, Refusal):
        return part
    team = state.setup.team(cmd.team_id)
    if team is None:
        return refuse("unknown_team")
    cast = None
    if part.kind == "skit":
        cast = cmd.cast_size if cmd.cast_size is not None else team.skit_cast_size
        if cast < 1:
            return refuse("cast_required")
        if cast > len(team.members):
            return refuse(
                "cast_too_large",
                _(
                    "Số người diễn tiểu phẩm (%(cast)d) vượt quá số thành viên "
                    "đã đăng ký của đội (%(roster)d)."
                )
                % {"cast": cast, "roster": len(team.members)},
            )
    return [
        event(
            "team_staged",
            ctx,
            part_id=part.id,
            team_id=team.id,
            cast_size=cast,
            limit_ms=part.presentation_seconds * 1000,
        )
    ]


def _current_stage(state: HallState):
    stage = state.stage
    if stage is None or stage.part_id != state.part_id:
        return refuse("no_stage")
    return stage


def start_timer(state: HallState, cmd: c.StartTimer, ctx: Context) -> Decision:
    stage = _current_stage(state)
    if isinstance(stage, Refusal):
        return stage
    timer = stage.timer
    if timer.started_at_ms is not None and timer.stopped_at_ms is None:
        return refuse("timer_running")
    return [event("timer_started", ctx, team_id=stage.team_id, limit_ms=timer.limit_ms)]


def stop_timer(state: HallState, cmd: c.StopTimer, ctx: Context) -> Decision:
    stage = _current_stage(state)
    if isinstance(stage, Refusal):
        return stage
    timer = stage.timer
    if timer.started_at_ms is None or timer.stopped_at_ms is not None:
        return refuse("timer_not_running")
    elapsed = max(0, ctx.now_ms - timer.started_at_ms)
    return [
        event(
            "timer_stopped",
            ctx,
            team_id=stage.team_id,
            elapsed_ms=elapsed,
            overtime_ms=max(0, elapsed - timer.limit_ms),
        )
    ]


def _is_open(state: HallState, part_id: int, team_id: int) -> bool:
    return any(s.part_id == part_id and s.team_id == team_id for s in state.judging_open)


def open_judging(state: HallState, cmd: c.OpenJudging, ctx: Context) -> Decision:
    stage = _current_stage(state)
    if isinstance(stage, Refusal):
        return stage
    if _is_open(state, stage.part_id, stage.team_id):
        return refuse("judging_already_open")
    return [event("judging_opened", ctx, part_id=stage.part_id, team_id=stage.team_id)]


def close_judging(state: HallState, cmd: c.CloseJudging, ctx: Context) -> Decision:
    if cmd.team_id is not None:
        slots = [s for s in state.judging_open if s.team_id == cmd.team_id]
    else:
        slots = list(state.judging_open)
    if not slots:
        return refuse("judging_not_open")
    return [
        event(
            "judging_closed",
            ctx,
            slots=[{"part_id": s.part_id, "team_id": s.team_id} for s in slots],
        )
    ]


def _sheet_target(state: HallState, part_id: int, team_id: int):
    part = state.setup.part(part_id)
    if part is None:
        return refuse("unknown_part")
    if not part.judged:
        return refuse("wrong_part")
    if state.setup.team(team_id) is None:
        return refuse("unknown_team")
    return part


def submit_marks(state: HallState, cmd: c.SubmitMarks, ctx: Context) -> Decision:
    part = _sheet_target(state, cmd.part_id, cmd.team_id)
    if isinstance(part, Refusal):
        return part
    judge_id = ctx.actor.judge_id
    if key(cmd.part_id, cmd.team_id, judge_id) in state.marks:
        return refuse("already_marked")
    if not _is_open(state, cmd.part_id, cmd.team_id):
        return refuse("judging_not_open")
    total = sheet_total(part, cmd.marks)
    if total is None:
        return refuse("bad_marks")
    return [
        event(
            "marks_submitted",
            ctx,
            judge_id=judge_id,
            part_id=cmd.part_id,
            team_id=cmd.team_id,
            marks={k: float(v) for k, v in cmd.marks.items()},
            total=float(total),
        )
    ]


def release_marks(state: HallState, cmd: c.ReleaseMarks, ctx: Context) -> Decision:
    part = state.setup.part(cmd.part_id)
    if part is None:
        return refuse("unknown_part")
    if not part.judged:
        return refuse("wrong_part")
    if cmd.part_id in state.released_parts:
        return refuse("already_released")
    return [event("marks_released", ctx, part_id=cmd.part_id)]


def request_correction(state: HallState, cmd: c.RequestCorrection, ctx: Context) -> Decision:
    part = _sheet_target(state, cmd.part_id, cmd.team_id)
    if isinstance(part, Refusal):
        return part
    judge_id = ctx.actor.judge_id
    if key(cmd.part_id, cmd.team_id, judge_id) not in state.marks:
        return refuse("not_marked")
    if not cmd.reason.strip():
        return refuse("reason_required")
    for corr in state.corrections:
        if (corr.judge_id, corr.part_id, corr.team_id, corr.status) == (
            judge_id,
            cmd.part_id,
            cmd.team_id,
            "pending",
        ):
            return refuse("correction_pending")
    total = sheet_total(part, cmd.marks)
    if total is None:
        return refuse("bad_marks")
    return [
        event(
            "correction_requested",
            ctx,
            request_id=len(state.corrections) + 1,
            judge_id=judge_id,
            part_id=cmd.part_id,
            team_id=cmd.team_id,
            marks={k: float(v) for k, v in cmd.marks.items()},
            total=float(total),
            reason=cmd.reason.strip(),
        )
    ]


def resolve_correction(state: HallState, cmd: c.ResolveCorrection, ctx: Context) -> Decision:
    corr = next((x for x in state.corrections if x.id == cmd.request_id), None)
    if corr is None:
        return refuse("unknown_request")
    if corr.status != "pending":
        return refuse("already_resolved")
    return [
        event(
            "correction_resolved",
            ctx,
            request_id=corr.id,
            accept=cmd.accept,
            note=cmd.note.strip(),
            by=ctx.actor.user or f"judge:{ctx.actor.judge_id}",
            judge_id=corr.judge_id,
            part_id=corr.part_id,
            team_id=corr.team_id,
            marks=dict(corr.marks) if cmd.accept else None,
            total=corr.total if cmd.accept else None,
        )
    ]
