"""Deciders for the Organizing Committee's draw of lots between tied teams or members.

A draw settles exactly one tie that every rule left open: the named entries must
be one group still tied in the standings (teams) or the individual ranking
(members) once the show has finished. The order comes from the service's seed,
recorded in the event, so folding the log gives the same order every time.
Who may draw: the MC (on stage, from the console) and the committee (role
``committee``, from the results page); the MC decides whether the big screen
shows it (``show_lots``).
"""

from __future__ import annotations

import random

from hall.engine import commands as c
from hall.engine.common import Context, Event, event
from hall.engine.refusals import Refusal, refuse
from hall.engine.scoreboard import scoreboard
from hall.engine.state import HallState
from scoring.numbers import wire

Decision = list[Event] | Refusal

KINDS = ("teams", "members")


def _known(state: HallState, kind: str, ids: list[int]) -> bool:
    setup = state.setup
    if kind == "teams":
        known = {t.id for t in setup.teams}
    else:
        known = {m.id for t in setup.teams for m in t.members}
    return set(ids) <= known


def draw_lots(state: HallState, cmd: c.DrawLots, ctx: Context) -> Decision:
    if cmd.kind not in KINDS or len(set(cmd.ids)) != len(cmd.ids) or len(cmd.ids) < 2:
        return refuse("bad_lots")
    if not _known(state, cmd.kind, cmd.ids):
        return refuse("bad_lots")
    if state.status != "finished":
        return refuse("not_finished")
    board = scoreboard(state)
    wanted = set(cmd.ids)
    if cmd.kind == "teams":
        ties = board.standings.unresolved
        value_of = {r.team: r.total for r in board.standings.rows}
    else:
        ties = board.members.unresolved
        value_of = {r.member: r.points for r in board.members.rows}
    if not any(set(tie.entries) == wanted for tie in ties):
        return refuse("not_tied")
    named = sorted(cmd.ids)
    order = list(named)
    random.Random(ctx.seed).shuffle(order)
    return [
        event(
            "lots_drawn",
            ctx,
            draw_id=len(state.lots) + 1,
            kind=cmd.kind,
            ids=named,
            order=order,
            seed=ctx.seed,
            by=ctx.actor.user or ctx.actor.role,
            tied_at=wire(value_of[named[0]]),
        )
    ]


def show_lots(state: HallState, cmd: c.ShowLots, ctx: Context) -> Decision:
    if cmd.draw_id is not None and all(lots.id != cmd.draw_id for lots in state.lots):
        return refuse("unknown_lots")
    if cmd.draw_id == state.lots_shown:
        return []
    return [event("lots_shown", ctx, draw_id=cmd.draw_id)]
