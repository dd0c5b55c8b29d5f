"""The events of the hall's log: one frozen msgspec struct per event type.

An event is what happened, with everything needed to replay it. The log stores
each as plain JSON (``to_payload``); ``decode`` reads it back as its struct and
refuses anything that is not a known event of the right shape. The JSON shape is
the one the engine wrote before events were typed (``{"type", "at", ...}``), so
logs recorded then still fold. Numbers that people gave (marks) or that a rule
gave (points, totals) are JSON numbers, read back as the decimal written
(``scoring.numbers.from_log``); figures are never stored, they are computed by
``scoring`` when shown.

``checkpoint`` (the MC command the event starts, for ``undo``) rides on the first
event of an MC command; fields with a ``None`` default are left out of the JSON
when they are ``None``.
"""

from __future__ import annotations

from typing import Any

import msgspec

from hall.engine.state import Setup, setup_from_dict

__all__ = ["EVENT_TYPES", "Event", "EventError", "decode", "to_payload"]


class EventError(ValueError):
    """A log entry that is not a valid event."""


class _Event(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    tag_field="type",
    omit_defaults=True,
    forbid_unknown_fields=True,
):
    at: int
    checkpoint: str | None = None

    @property
    def type(self) -> str:
        return self.__struct_config__.tag


# ------------------------------------------------------------------ lifecycle
class ContestStarted(_Event, tag="contest_started"):
    setup: Setup


class Paused(_Event, tag="paused"):
    pass


class Resumed(_Event, tag="resumed"):
    paused_ms: int


class Finished(_Event, tag="finished"):
    pass


class PartChanged(_Event, tag="part_changed"):
    part_id: int
    kind: str
    mode: str


class BoardMade(_Event, tag="board_made"):
    part_id: int
    tiles: int
    seed: int
    order: tuple[int, ...]


class Undone(_Event, tag="undone"):
    undone_action: str
    reason: str
    by: str


# ------------------------------------------------------------- judged parts
class TeamStaged(_Event, tag="team_staged"):
    part_id: int
    team_id: int
    cast_size: int | None
    limit_ms: int


class TimerStarted(_Event, tag="timer_started"):
    team_id: int
    limit_ms: int


class TimerStopped(_Event, tag="timer_stopped"):
    team_id: int
    elapsed_ms: int
    overtime_ms: int


class JudgingOpened(_Event, tag="judging_opened"):
    part_id: int
    team_id: int


class Slot(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    part_id: int
    team_id: int


class JudgingClosed(_Event, tag="judging_closed"):
    slots: tuple[Slot, ...]


class MarksSubmitted(_Event, tag="marks_submitted"):
    judge_id: int
    part_id: int
    team_id: int
    marks: dict[str, float]
    total: float  # Σ mark × weight as computed by scoring.rules.judge_total (audit copy)


class MarksReleased(_Event, tag="marks_released"):
    part_id: int


class CorrectionRequested(_Event, tag="correction_requested"):
    request_id: int
    judge_id: int
    part_id: int
    team_id: int
    marks: dict[str, float]
    total: float
    reason: str


class CorrectionResolved(_Event, tag="correction_resolved"):
    request_id: int
    accept: bool
    note: str
    by: str
    judge_id: int
    part_id: int
    team_id: int
    marks: dict[str, float] | None
    total: float | None


# ------------------------------------------------------------ knowledge part
class TeamCalled(_Event, tag="team_called"):
    part_id: int
    team_id: int


class QuestionDrawn(_Event, tag="question_drawn"):
    part_id: int
    tile: int
    question_id: int
    team_id: int | None
    mode: str
    seed: int | None = None  # a random draw (not a tile picked by hand)


class AnsweringOpened(_Event, tag="answering_opened"):
    question_id: int
    deadline_ms: int


class AnsweringClosed(_Event, tag="answering_closed"):
    question_id: int
    reason: str  # "mc" | "deadline" | "reveal"


class AnswerSubmitted(_Event, tag="answer_submitted"):
    part_id: int
    question_id: int
    team_id: int
    member_id: int | None
    choice: str


class BuzzOpened(_Event, tag="buzz_opened"):
    question_id: int


class BuzzPressed(_Event, tag="buzz_pressed"):
    part_id: int
    question_id: int
    team_id: int
    member_id: int | None
    pressed_at_ms: int
    received_at_ms: int
    window_ends_ms: int


class Press(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    team_id: int
    member_id: int | None
    pressed_at_ms: int
    received_at_ms: int


class BuzzVerdict(_Event, tag="buzz_verdict"):
    question_id: int
    winner_team_id: int
    winner_member_id: int | None
    order: tuple[Press, ...]
    ties: tuple[tuple[int, ...], ...]
    deadline_ms: int


class BuzzAnswerJudged(_Event, tag="buzz_answer_judged"):
    part_id: int
    question_id: int
    team_id: int
    member_id: int | None
    choice: str | None
    correct: bool
    points: float  # given by scoring.rules.answer_points
    individual: bool
    timed_out: bool


class BuzzReopened(_Event, tag="buzz_reopened"):
    question_id: int
    excluded_team_ids: tuple[int, ...]


class ResultRecord(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One scored answer in a ``revealed`` event."""

    team_id: int
    member_id: int | None
    choice: str | None
    correct: bool
    points: float
    individual: bool = False
    timed_out: bool = False


class Revealed(_Event, tag="revealed"):
    part_id: int
    question_id: int
    correct: str
    explanation: str
    results: tuple[ResultRecord, ...]
    applies_points: bool


class QuestionCleared(_Event, tag="question_cleared"):
    question_id: int


# ------------------------------------------------------------ committee's draw
class LotsDrawn(_Event, tag="lots_drawn"):
    draw_id: int
    kind: str  # "teams" | "members"
    ids: tuple[int, ...]  # the tied entries named, as named
    order: tuple[int, ...]  # as drawn: the first ranks best
    seed: int
    by: str
    tied_at: str  # the figure they were tied at (a total, points): the draw decides that tie


class LotsShown(_Event, tag="lots_shown"):
    draw_id: int | None  # None: the big screen stops showing a draw


Event = (
    ContestStarted
    | Paused
    | Resumed
    | Finished
    | PartChanged
    | BoardMade
    | Undone
    | TeamStaged
    | TimerStarted
    | TimerStopped
    | JudgingOpened
    | JudgingClosed
    | MarksSubmitted
    | MarksReleased
    | CorrectionRequested
    | CorrectionResolved
    | TeamCalled
    | QuestionDrawn
    | AnsweringOpened
    | AnsweringClosed
    | AnswerSubmitted
    | BuzzOpened
    | BuzzPressed
    | BuzzVerdict
    | BuzzAnswerJudged
    | BuzzReopened
    | Revealed
    | QuestionCleared
    | LotsDrawn
    | LotsShown
)

EVENT_CLASSES: dict[str, type[_Event]] = {
    cls.__struct_config__.tag: cls
    for cls in Event.__args__  # type: ignore[attr-defined]
}
EVENT_TYPES = frozenset(EVENT_CLASSES)


def decode(payload: Any) -> Event:
    """A log entry (plain JSON data) as its event struct; EventError if it is not one."""
    if isinstance(payload, _Event):
        return payload  # type: ignore[return-value]
    if not isinstance(payload, dict):
        raise EventError(f"an event is a JSON object, not {type(payload).__name__}")
    kind = payload.get("type")
    cls = EVENT_CLASSES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise EventError(f"unknown event type {kind!r}")
    if cls is ContestStarted and isinstance(payload.get("setup"), dict):
        # The setup keeps its own reader (questions as a list or a map).
        try:
            setup = setup_from_dict(payload["setup"])
        except msgspec.ValidationError as exc:
            raise EventError(f"contest_started: {exc}") from None
        payload = {**payload, "setup": setup}
    try:
        return msgspec.convert(payload, cls, from_attributes=True)
    except msgspec.ValidationError as exc:
        raise EventError(f"{kind}: {exc}") from None


def to_payload(event: Event) -> dict:
    """The event as the plain JSON data written to the log and sent to clients (exactly
    what reading the log gives back: lists, not tuples)."""
    return msgspec.json.decode(msgspec.json.encode(event))
