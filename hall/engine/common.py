"""Small helpers shared by the deciders: the context, event construction, mark sheets."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

import msgspec

from hall.engine.commands import Actor
from hall.engine.events import EVENT_CLASSES, Event
from hall.engine.state import PartSetup, QuestionState, TeamSetup
from scoring.numbers import ScoringError, from_log
from scoring.rules import CriterionSpec, judge_total

__all__ = [
    "OPEN_PHASES",
    "Context",
    "Event",
    "answering_members",
    "criteria_of",
    "event",
    "sheet_total",
    "stage_is_free",
]

OPEN_PHASES = frozenset({"answering", "buzzing", "buzz_answering"})


class Context(msgspec.Struct, frozen=True):
    now_ms: int
    actor: Actor
    seed: int = 0


def event(event_type: str, ctx: Context, **payload: Any) -> Event:
    """The typed event ``event_type`` at ``ctx.now_ms``; its payload is checked here."""
    return msgspec.convert(
        {"type": event_type, "at": ctx.now_ms, **payload}, EVENT_CLASSES[event_type]
    )


def stage_is_free(question: QuestionState | None) -> bool:
    """No question on stage, or the one there has been revealed (the next draw clears it)."""
    return question is None or question.phase == "revealed"


def answering_members(team: TeamSetup) -> tuple[int, ...]:
    """Members allowed to answer: the registered ones, or the roster if none was registered."""
    return team.answering_member_ids or tuple(m.id for m in team.members)


@functools.lru_cache(maxsize=256)
def criteria_of(part: PartSetup) -> tuple[CriterionSpec, ...]:
    """A judged part's rubric as the scoring rules take it (keys are criterion ids)."""
    return tuple(
        CriterionSpec(
            key=str(c.id),
            max_points=from_log(c.max_points),
            weight=from_log(c.weight),
            name=c.name,
        )
        for c in part.criteria
    )


def sheet_total(part: PartSetup, marks: dict[str, Any]) -> Decimal | None:
    """A complete, in-range mark sheet's weighted total (``scoring.rules.judge_total``);
    None if the sheet is invalid."""
    if not part.criteria:
        return None
    try:
        return judge_total(criteria_of(part), marks)
    except ScoringError:
        return None
