"""The hall's numbers: the state's facts handed to ``scoring.hall.compute_scoreboard``.

The engine's views, its deciders (``draw_lots``) and the compiled results all get
their figures here, from one fold of the same log, so the big screen, the pads,
the judges, the MC, the results page, the minutes and the exports show the same
numbers. The scoreboard of a state is computed once (states are immutable; the
last one is kept), however many audiences it is projected for.
"""

from __future__ import annotations

import threading

import msgspec

from hall.engine.common import answering_members, criteria_of
from hall.engine.state import HallState
from scoring.hall import (
    AnswerFacts,
    PartFacts,
    Scoreboard,
    SheetFacts,
    ShowFacts,
    TeamFacts,
    compute_scoreboard,
)
from scoring.numbers import from_log, to_decimal
from scoring.standings import LotsDraw

__all__ = ["facts", "scoreboard"]


def _draws(state: HallState, kind: str) -> tuple[LotsDraw, ...]:
    return tuple(
        LotsDraw(
            order=lots.order,
            draw_id=lots.id,
            value=to_decimal(lots.tied_at, "tied_at") if lots.tied_at else None,
        )
        for lots in state.lots
        if lots.kind == kind
    )


def facts(state: HallState) -> ShowFacts:
    """What the log says, as the scoring rules take it (numbers as the decimals written)."""
    setup = state.setup
    assert setup is not None
    released = set(state.released_parts)
    return ShowFacts(
        parts=tuple(
            PartFacts(
                id=p.id,
                kind=p.kind,
                title=p.title,
                weight=from_log(p.weight),
                aggregation=p.aggregation,
                decimals=p.decimals,
                mode=p.mode,
                answer_by=p.answer_by,
                criteria=criteria_of(p),
                released=p.id in released,
                order=p.order,
            )
            for p in setup.parts
        ),
        teams=tuple(
            TeamFacts(
                id=t.id,
                number=t.number,
                name=t.name,
                members=tuple((m.id, m.name) for m in t.members),
                answering=answering_members(t),
            )
            for t in setup.teams
        ),
        judges={j.id: j.name for j in setup.judges},
        sheets=tuple(
            SheetFacts(
                part_id=s.part_id,
                team_id=s.team_id,
                judge_id=s.judge_id,
                marks={k: from_log(v) for k, v in s.marks.items()},
            )
            for s in state.marks.values()
        ),
        answers=tuple(
            AnswerFacts(
                part_id=a.part_id,
                team_id=a.team_id,
                member_id=a.member_id,
                correct=a.correct,
                points=from_log(a.points),
                individual=a.individual,
            )
            for a in state.scored
        ),
        team_draws=_draws(state, "teams"),
        member_draws=_draws(state, "members"),
        tie_breaks=setup.tie_breaks,
        unusual_threshold=from_log(setup.unusual_mark_threshold),
    )


def _facts_key(state: HallState) -> bytes:
    """What the figures depend on besides the setup: most events (timers, draws of
    questions, answers not yet revealed) leave it unchanged, and the board is reused."""
    return msgspec.json.encode((state.marks, state.released_parts, state.scored, state.lots))


class _Last(msgspec.Struct):
    state: HallState
    setup: object
    key: bytes
    board: Scoreboard


_lock = threading.Lock()
_last: _Last | None = None


def scoreboard(state: HallState) -> Scoreboard:
    """The scoreboard of ``state``. The last one is kept: the same state (projected for
    every audience) or one with the same facts (the next event) reuses it."""
    global _last
    with _lock:
        last = _last
    if last is not None and last.state is state:
        return last.board
    key = _facts_key(state)
    if last is not None and last.setup is state.setup and last.key == key:
        board = last.board
    else:
        board = compute_scoreboard(facts(state))
    with _lock:
        _last = _Last(state=state, setup=state.setup, key=key, board=board)
    return board
