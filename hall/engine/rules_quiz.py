"""Deciders for the knowledge part: the draw board, team turns, buzz-in races and reveals."""

from __future__ import annotations

import random

from hall.engine import commands as c
from hall.engine.common import (
    Context,
    Event,
    answering_members,
    event,
    stage_is_free,
)
from hall.engine.refusals import REASONS, Refusal, refuse
from hall.engine.state import HallState, PartSetup, QuestionState, Result, TeamSetup, key
from scoring.rules import answer_points

Decision = list[Event] | Refusal


def _knowledge_part(state: HallState, mode: str | None = None):
    part = state.part
    if part is None:
        return refuse("no_part")
    if part.kind != "knowledge" or (mode is not None and part.mode != mode):
        return refuse("wrong_part")
    return part


def _quota_left(state: HallState, part: PartSetup, team_id: int) -> bool:
    return state.draws.get(key(part.id, team_id), 0) < part.questions_per_team


def call_team(state: HallState, cmd: c.CallTeam, ctx: Context) -> Decision:
    part = _knowledge_part(state, "team_turn")
    if isinstance(part, Refusal):
        return part
    if state.setup.team(cmd.team_id) is None:
        return refuse("unknown_team")
    if not stage_is_free(state.question):
        return refuse("question_active")
    if not _quota_left(state, part, cmd.team_id):
        return refuse("quota_reached")
    return [event("team_called", ctx, part_id=part.id, team_id=cmd.team_id)]


def _available_tiles(state: HallState, part: PartSetup) -> list[int]:
    board = state.boards[str(part.id)]
    burned = set(state.burned)
    return [
        tile
        for tile, qid in enumerate(board.order, start=1)
        if tile not in board.used_tiles and qid not in burned
    ]


def _draw_checks(state: HallState, ctx: Context):
    """Common checks before a tile is drawn; returns (part, team_id) or a Refusal."""
    part = _knowledge_part(state)
    if isinstance(part, Refusal):
        return part
    if not stage_is_free(state.question):
        return refuse("question_active")
    team_id = None
    if part.mode == "team_turn":
        team_id = state.turn_team_id
        if team_id is None:
            return refuse("no_team_called")
        if ctx.actor.role == "team" and ctx.actor.team_id != team_id:
            return refuse("not_your_turn")
        if not _quota_left(state, part, team_id):
            return refuse("quota_reached")
    elif ctx.actor.role == "team":
        return refuse("not_your_turn")
    if not _available_tiles(state, part):
        return refuse("board_empty")
    return part, team_id


def _drawn(state: HallState, part: PartSetup, tile: int, team_id, ctx: Context, **extra) -> Event:
    board = state.boards[str(part.id)]
    return event(
        "question_drawn",
        ctx,
        part_id=part.id,
        tile=tile,
        question_id=board.order[tile - 1],
        team_id=team_id,
        mode=part.mode,
        **extra,
    )


def pick_tile(state: HallState, cmd: c.PickTile, ctx: Context) -> Decision:
    checked = _draw_checks(state, ctx)
    if isinstance(checked, Refusal):
        return checked
    part, team_id = checked
    board = state.boards[str(part.id)]
    if not 1 <= cmd.tile <= len(board.order):
        return refuse("bad_tile")
    if cmd.tile not in _available_tiles(state, part):
        return refuse("tile_used")
    return [_drawn(state, part, cmd.tile, team_id, ctx)]


def draw(state: HallState, cmd: c.Draw, ctx: Context) -> Decision:
    checked = _draw_checks(state, ctx)
    if isinstance(checked, Refusal):
        return checked
    part, team_id = checked
    tile = random.Random(ctx.seed).choice(_available_tiles(state, part))
    return [_drawn(state, part, tile, team_id, ctx, seed=ctx.seed)]


def _question(state: HallState) -> QuestionState | Refusal:
    if state.question is None:
        return refuse("no_question")
    return state.question


def open_answering(state: HallState, cmd: c.OpenAnswering, ctx: Context) -> Decision:
    q = _question(state)
    if isinstance(q, Refusal):
        return q
    if q.mode != "team_turn" or q.phase != "shown":
        return refuse("wrong_phase")
    part = state.setup.part(q.part_id)
    deadline = ctx.now_ms + part.answer_seconds * 1000
    return [event("answering_opened", ctx, question_id=q.question_id, deadline_ms=deadline)]


def open_buzz(state: HallState, cmd: c.OpenBuzz, ctx: Context) -> Decision:
    q = _question(state)
    if isinstance(q, Refusal):
        return q
    if q.mode != "buzz_in" or q.phase != "shown":
        return refuse("wrong_phase")
    return [event("buzz_opened", ctx, question_id=q.question_id)]


def close_answering(state: HallState, cmd: c.CloseAnswering, ctx: Context) -> Decision:
    q = _question(state)
    if isinstance(q, Refusal):
        return q
    if q.phase == "buzz_answering":
        return refuse("answer_pending")
    if q.phase not in ("answering", "buzzing"):
        return refuse("wrong_phase")
    return [event("answering_closed", ctx, question_id=q.question_id, reason="mc")]


def _member_check(
    state: HallState, part: PartSetup, team: TeamSetup, member_id: int | None
) -> Refusal | None:
    if member_id is None:
        return None
    if member_id not in answering_members(team):
        return refuse("not_answering_member")
    already = state.answered_members.get(key(part.id, team.id), ())
    if member_id not in already and len(already) >= part.max_answering_members:
        return refuse("too_many_members")
    return None


def answer(state: HallState, cmd: c.AnswerCmd, ctx: Context) -> Decision:
    q = _question(state)
    if isinstance(q, Refusal):
        return q
    part = state.setup.part(q.part_id)
    team = state.setup.team(ctx.actor.team_id)
    if q.phase == "shown" or q.phase == "buzzing":
        return refuse("not_open") if q.phase == "shown" else refuse("not_your_turn")
    if q.phase not in ("answering", "buzz_answering"):
        return refuse("closed")
    owner = q.team_id if q.mode == "team_turn" else q.winner_team_id
    if team.id != owner:
        return refuse("not_your_turn")
    if q.deadline_ms is not None and ctx.now_ms >= q.deadline_ms:
        return refuse("late")
    question = state.setup.question(q.question_id)
    if cmd.choice not in question.labels:
        return refuse("bad_choice")
    if q.mode == "buzz_in":
        member_id = cmd.member_id if cmd.member_id is not None else q.winner_member_id
        problem = _member_check(state, part, team, member_id)
        if problem:
            return problem
        return judge_buzz_answer(state, part, team.id, member_id, cmd.choice, ctx)
    if part.answer_by == "member":
        if cmd.member_id is None:
            return refuse("member_required")
        if any(a.member_id == cmd.member_id for a in q.answers):
            return refuse("already_answered")
    elif q.answers:
        return refuse("already_answered")
    problem = _member_check(state, part, team, cmd.member_id)
    if problem:
        return problem
    return [
        event(
            "answer_submitted",
            ctx,
            part_id=part.id,
            question_id=q.question_id,
            team_id=team.id,
            member_id=cmd.member_id,
            choice=cmd.choice,
        )
    ]


def late_answer(state: HallState, ctx: Context) -> Refusal | None:
    """An answer from the team whose answer deadline has passed (checked before the clock
    closes the question, so the team hears "late" rather than "closed")."""
    q = state.question
    if q is None or q.phase not in ("answering", "buzz_answering") or q.deadline_ms is None:
        return None
    owner = q.team_id if q.mode == "team_turn" else q.winner_team_id
    if ctx.actor.team_id == owner and ctx.now_ms >= q.deadline_ms:
        return refuse("late")
    return None


def judge_buzz_answer(
    state: HallState,
    part: PartSetup,
    team_id: int,
    member_id: int | None,
    choice: str | None,
    ctx: Context,
) -> list[Event]:
    """The buzz winner's answer (or silence at the deadline) is judged at once."""
    q = state.question
    correct = choice is not None and choice == state.setup.question(q.question_id).correct
    points = float(answer_points(part.mode, correct, part.points_correct, part.penalty_wrong))
    events = [
        event(
            "buzz_answer_judged",
            ctx,
            part_id=part.id,
            question_id=q.question_id,
            team_id=team_id,
            member_id=member_id,
            choice=choice,
            correct=correct,
            points=points,
            individual=member_id is not None,
            timed_out=choice is None,
        )
    ]
    if not correct:
        tried = set(q.tried_team_ids) | {team_id}
        untried = [t.id for t in state.setup.teams if t.id not in tried]
        if part.reopen_on_wrong and untried:
            events.append(
                event(
                    "buzz_reopened",
                    ctx,
                    question_id=q.question_id,
                    excluded_team_ids=sorted(tried),
                )
            )
    return events


def buzz(state: HallState, cmd: c.Buzz, ctx: Context) -> Decision:
    q = _question(state)
    if isinstance(q, Refusal):
        return q
    if q.mode != "buzz_in":
        return refuse("wrong_part")
    team_id = ctx.actor.team_id
    if q.phase == "shown":
        return refuse("not_open")
    if team_id in q.tried_team_ids:
        return refuse("locked")
    pressed_before = any(p.team_id == team_id for p in q.presses)
    if q.phase == "buzz_answering":
        return refuse("locked") if pressed_before else refuse("late", REASONS["late_buzz"])
    if q.phase != "buzzing":
        return refuse("closed")
    if pressed_before:
        return refuse("locked")
    received = ctx.now_ms
    if q.window_ends_ms is not None and received >= q.window_ends_ms:
        return refuse("late", REASONS["late_buzz"])
    part = state.setup.part(q.part_id)
    team = state.setup.team(team_id)
    if cmd.member_id is not None and cmd.member_id not in answering_members(team):
        return refuse("not_answering_member")
    pressed = cmd.pressed_at_ms if cmd.pressed_at_ms is not None else received
    pressed = min(received, max(received - state.setup.buzz_rtt_bound_ms, pressed))
    window_ends = q.window_ends_ms
    if window_ends is None:
        window_ends = received + state.setup.buzz_grace_ms
    return [
        event(
            "buzz_pressed",
            ctx,
            part_id=part.id,
            question_id=q.question_id,
            team_id=team_id,
            member_id=cmd.member_id,
            pressed_at_ms=pressed,
            received_at_ms=received,
            window_ends_ms=window_ends,
        )
    ]


def buzz_verdict(state: HallState, ctx: Context) -> Event:
    q = state.question
    part = state.setup.part(q.part_id)
    ranked = sorted(q.presses, key=lambda p: (p.pressed_at_ms, p.received_at_ms, p.team_id))
    groups: dict[int, list[int]] = {}
    for press in ranked:
        groups.setdefault(press.pressed_at_ms, []).append(press.team_id)
    ties = [teams for teams in groups.values() if len(teams) > 1]
    winner = ranked[0]
    return event(
        "buzz_verdict",
        ctx,
        question_id=q.question_id,
        winner_team_id=winner.team_id,
        winner_member_id=winner.member_id,
        order=[
            {
                "team_id": p.team_id,
                "member_id": p.member_id,
                "pressed_at_ms": p.pressed_at_ms,
                "received_at_ms": p.received_at_ms,
            }
            for p in ranked
        ],
        ties=ties,
        deadline_ms=ctx.now_ms + part.answer_seconds * 1000,
    )


def reveal(state: HallState, cmd: c.Reveal, ctx: Context) -> Decision:
    q = _question(state)
    if isinstance(q, Refusal):
        return q
    if q.phase == "revealed":
        return refuse("already_revealed")
    if q.phase == "buzz_answering":
        return refuse("answer_pending")
    part = state.setup.part(q.part_id)
    question = state.setup.question(q.question_id)
    events: list[Event] = []
    if q.phase in ("answering", "buzzing"):
        events.append(event("answering_closed", ctx, question_id=q.question_id, reason="reveal"))
    if q.mode == "team_turn":
        results = [
            Result(
                team_id=a.team_id,
                member_id=a.member_id,
                choice=a.choice,
                correct=a.choice == question.correct,
                points=float(
                    answer_points(
                        part.mode,
                        a.choice == question.correct,
                        part.points_correct,
                        part.penalty_wrong,
                    )
                ),
                individual=part.answer_by == "member" and a.member_id is not None,
            )
            for a in q.answers
        ]
    else:
        results = list(q.judged)
    events.append(
        event(
            "revealed",
            ctx,
            part_id=part.id,
            question_id=q.question_id,
            correct=question.correct,
            explanation=question.explanation,
            results=[
                {
                    "team_id": r.team_id,
                    "member_id": r.member_id,
                    "choice": r.choice,
                    "correct": r.correct,
                    "points": r.points,
                    "individual": r.individual,
                    "timed_out": r.timed_out,
                }
                for r in results
            ],
            applies_points=q.mode == "team_turn",
        )
    )
    return events


def clear_question(state: HallState, cmd, ctx: Context) -> Decision:
    q = _question(state)
    if isinstance(q, Refusal):
        return q
    return [event("question_cleared", ctx, question_id=q.question_id)]


def due_events(state: HallState, ctx: Context) -> list[Event]:
    """What the clock alone makes happen at ctx.now_ms (answer deadlines, buzz windows)."""
    q = state.question
    if state.status != "running" or q is None:
        return []
    now = ctx.now_ms
    if q.phase == "answering" and q.deadline_ms is not None and now >= q.deadline_ms:
        return [event("answering_closed", ctx, question_id=q.question_id, reason="deadline")]
    if q.phase == "buzzing" and q.window_ends_ms is not None and now >= q.window_ends_ms:
        return [buzz_verdict(state, ctx)]
    if q.phase == "buzz_answering" and q.deadline_ms is not None and now >= q.deadline_ms:
        part = state.setup.part(q.part_id)
        return judge_buzz_answer(state, part, q.winner_team_id, q.winner_member_id, None, ctx)
    return []


def pending_deadline(state: HallState) -> int | None:
    q = state.question
    if state.status != "running" or q is None:
        return None
    if q.phase in ("answering", "buzz_answering"):
        return q.deadline_ms
    if q.phase == "buzzing":
        return q.window_ends_ms
    return None
