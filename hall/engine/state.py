"""The hall's state: the setup frozen at the start of the show and everything that happened since.

All structs are frozen ``msgspec`` structs so a state serializes to plain JSON for
snapshots (``state_to_dict``) and comes back unchanged (``state_from_dict``).
Maps are keyed by strings (``"part:team"``, ``"part:team:judge"``) so the JSON
form is the same as the in-memory form.
"""

from __future__ import annotations

from typing import Any

import msgspec


class CriterionSetup(msgspec.Struct, frozen=True):
    id: int
    name: str
    max_points: float
    weight: float = 1.0


class PartSetup(msgspec.Struct, frozen=True):
    id: int
    order: int
    kind: str  # "intro" | "knowledge" | "skit"
    title: str
    weight: float = 1.0
    presentation_seconds: int = 300
    aggregation: str = "mean"  # "mean" | "trimmed"
    decimals: int = 2
    mode: str = "team_turn"  # "team_turn" | "buzz_in"
    answer_by: str = "member"  # "member" | "team"
    answer_seconds: int = 30
    points_correct: float = 10.0
    penalty_wrong: float = 0.0
    reopen_on_wrong: bool = True
    max_answering_members: int = 3
    questions_per_team: int = 1
    question_ids: tuple[int, ...] = ()
    criteria: tuple[CriterionSetup, ...] = ()

    @property
    def judged(self) -> bool:
        return self.kind in ("intro", "skit")

    @property
    def max_total(self) -> float:
        return sum(c.max_points * c.weight for c in self.criteria)


class MemberSetup(msgspec.Struct, frozen=True):
    id: int
    name: str
    position: str = ""


class TeamSetup(msgspec.Struct, frozen=True):
    id: int
    number: int
    name: str
    unit_name: str = ""
    slogan: str = ""
    members: tuple[MemberSetup, ...] = ()
    answering_member_ids: tuple[int, ...] = ()
    skit_cast_size: int = 0


class JudgeSetup(msgspec.Struct, frozen=True):
    id: int
    name: str
    is_head: bool = False


class QuestionSetup(msgspec.Struct, frozen=True):
    id: int
    code: str
    text: str
    options: tuple[tuple[str, str], ...]
    correct: str
    area: str = ""
    explanation: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label for label, _text in self.options)


class Setup(msgspec.Struct, frozen=True):
    contest_id: int
    name: str
    parts: tuple[PartSetup, ...]
    teams: tuple[TeamSetup, ...]
    judges: tuple[JudgeSetup, ...] = ()
    questions: dict[str, QuestionSetup] = {}  # keyed by str(question id), as in JSON
    theme: str = ""
    province: str = ""
    year: int = 0
    venue: str = ""
    buzz_grace_ms: int = 250
    buzz_rtt_bound_ms: int = 300
    unusual_mark_threshold: float = 0.2
    # The contest's ordered tie-breaks, frozen with the rest ("" in logs from before:
    # the default order, see scoring.standings.DEFAULT_TIE_BREAKS).
    tie_breaks: str = ""

    def part(self, part_id: int | None) -> PartSetup | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def team(self, team_id: int | None) -> TeamSetup | None:
        return next((t for t in self.teams if t.id == team_id), None)

    def judge(self, judge_id: int | None) -> JudgeSetup | None:
        return next((j for j in self.judges if j.id == judge_id), None)

    def question(self, question_id: int | None) -> QuestionSetup | None:
        return self.questions.get(str(question_id))


# ---------------------------------------------------------------- dynamic state


class Timer(msgspec.Struct, frozen=True):
    limit_ms: int
    started_at_ms: int | None = None
    stopped_at_ms: int | None = None


class Stage(msgspec.Struct, frozen=True):
    """The team on stage in a judged part (intro or skit)."""

    part_id: int
    team_id: int
    timer: Timer
    cast_size: int | None = None


class Answer(msgspec.Struct, frozen=True):
    team_id: int
    member_id: int | None
    choice: str
    at_ms: int


class Press(msgspec.Struct, frozen=True):
    team_id: int
    member_id: int | None
    pressed_at_ms: int
    received_at_ms: int


class Result(msgspec.Struct, frozen=True):
    """One scored answer: a team-turn answer at reveal, or a buzz winner's answer.

    ``points`` is what the rule gave (``scoring.rules.answer_points``), as recorded."""

    team_id: int
    member_id: int | None
    choice: str | None
    correct: bool
    points: float
    individual: bool = False
    timed_out: bool = False


class ScoredAnswer(msgspec.Struct, frozen=True):
    """An answer whose points count: kept for the whole show (scoring sums them)."""

    part_id: int
    question_id: int
    team_id: int
    member_id: int | None
    correct: bool
    points: float
    individual: bool = False


class Lots(msgspec.Struct, frozen=True):
    """The committee's draw between tied teams or members (``draw_lots``)."""

    id: int
    kind: str  # "teams" | "members"
    ids: tuple[int, ...]
    order: tuple[int, ...]  # as drawn: the first ranks best
    seed: int
    by: str
    at_ms: int
    tied_at: str = ""


class QuestionState(msgspec.Struct, frozen=True):
    """The question on stage.

    phase: "shown" → ("answering" → "closed") | ("buzzing" ⇄ "buzz_answering" → "answered" |
    "closed") → "revealed".
    """

    part_id: int
    question_id: int
    tile: int
    mode: str
    phase: str
    drawn_at_ms: int
    team_id: int | None = None
    deadline_ms: int | None = None
    answers: tuple[Answer, ...] = ()
    presses: tuple[Press, ...] = ()
    window_ends_ms: int | None = None
    winner_team_id: int | None = None
    winner_member_id: int | None = None
    order: tuple[Press, ...] = ()
    ties: tuple[tuple[int, ...], ...] = ()
    tried_team_ids: tuple[int, ...] = ()
    judged: tuple[Result, ...] = ()
    results: tuple[Result, ...] = ()


class Board(msgspec.Struct, frozen=True):
    """The draw board of a knowledge part: tile n hides question order[n-1]."""

    part_id: int
    order: tuple[int, ...]
    seed: int
    used_tiles: tuple[int, ...] = ()


class MarkSheet(msgspec.Struct, frozen=True):
    judge_id: int
    part_id: int
    team_id: int
    marks: dict[str, float]
    total: float
    at_ms: int
    correction_id: int | None = None


class Correction(msgspec.Struct, frozen=True):
    id: int
    judge_id: int
    part_id: int
    team_id: int
    marks: dict[str, float]
    total: float
    reason: str
    requested_at_ms: int
    status: str = "pending"  # "pending" | "accepted" | "rejected"
    note: str = ""
    resolved_at_ms: int | None = None


class JudgingSlot(msgspec.Struct, frozen=True):
    part_id: int
    team_id: int


STATE_VERSION = 2  # 2: scored answers instead of running float totals; the draws


class HallState(msgspec.Struct, frozen=True):
    setup: Setup | None = None
    version: int = STATE_VERSION
    status: str = "ready"  # "ready" | "running" | "paused" | "finished"
    started_at_ms: int | None = None
    finished_at_ms: int | None = None
    paused_at_ms: int | None = None
    part_id: int | None = None
    stage: Stage | None = None
    turn_team_id: int | None = None
    question: QuestionState | None = None
    boards: dict[str, Board] = {}
    burned: tuple[int, ...] = ()
    draws: dict[str, int] = {}  # "part:team" -> questions drawn for that team
    answered_members: dict[str, tuple[int, ...]] = {}  # "part:team" -> distinct members
    judging_open: tuple[JudgingSlot, ...] = ()
    marks: dict[str, MarkSheet] = {}  # "part:team:judge"
    corrections: tuple[Correction, ...] = ()
    released_parts: tuple[int, ...] = ()
    scored: tuple[ScoredAnswer, ...] = ()  # every answer that earned or cost points
    lots: tuple[Lots, ...] = ()
    lots_shown: int | None = None  # the draw the big screen shows (the MC decides)
    prev: dict[str, Any] | None = None  # one-level undo snapshot (dynamic fields only)
    prev_action: str = ""
    last_event_at_ms: int = 0

    @property
    def part(self) -> PartSetup | None:
        return self.setup.part(self.part_id) if self.setup else None


def key(*ids: int) -> str:
    """The string key used by the state's maps: key(part, team) == "3:7"."""
    return ":".join(str(i) for i in ids)


def setup_from_dict(d: dict) -> Setup:
    """Build a Setup from plain data (as made by the lead's setup builder or read from JSON)."""
    data = dict(d)
    questions = data.get("questions") or {}
    if isinstance(questions, list):
        questions = {str(q["id"]): q for q in questions}
    data["questions"] = {str(k): v for k, v in questions.items()}
    return msgspec.convert(data, Setup)


def initial_state(setup: Setup) -> HallState:
    """Status "ready", nothing on stage."""
    return HallState(setup=setup)


def state_to_dict(s: HallState) -> dict:
    """Plain JSON data (lists, str keys): equal states give equal dicts."""
    return msgspec.json.decode(msgspec.json.encode(s))


def state_from_dict(d: dict) -> HallState:
    return msgspec.convert(d, HallState)
