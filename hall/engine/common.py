"""Small helpers shared by the deciders: the context, event construction, mark sheets."""

from __future__ import annotations

import math
from typing import Any

import msgspec

from hall.engine.commands import Actor
from hall.engine.state import PartSetup, QuestionState, Setup, TeamSetup

Event = dict  # {"type": str, "at": now_ms, ...payload}

OPEN_PHASES = frozenset({"answering", "buzzing", "buzz_answering"})


class Context(msgspec.Struct, frozen=True):
    now_ms: int
    actor: Actor
    seed: int = 0


def event(event_type: str, ctx: Context, **payload: Any) -> Event:
    return {"type": event_type, "at": ctx.now_ms, **payload}


def stage_is_free(question: QuestionState | None) -> bool:
    """No question on stage, or the one there has been revealed (the next draw clears it)."""
    return question is None or question.phase == "revealed"


def answering_members(team: TeamSetup) -> tuple[int, ...]:
    """Members allowed to answer: the registered ones, or the roster if none was registered."""
    return team.answering_member_ids or tuple(m.id for m in team.members)


def marks_total(part: PartSetup, marks: dict[str, float]) -> float | None:
    """The weighted total of a complete, in-range mark sheet; None if the sheet is invalid."""
    criteria = {str(c.id): c for c in part.criteria}
    if not criteria or set(marks) != set(criteria):
        return None
    total = 0.0
    for cid, value in marks.items():
        crit = criteria[cid]
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if not math.isfinite(value) or value < 0 or value > crit.max_points:
            return None
        total += float(value) * crit.weight
    return round(total, 6)


def add(a: float, b: float) -> float:
    return round(a + b, 6)


def team_exists(setup: Setup, team_id: int | None) -> bool:
    return setup.team(team_id) is not None
