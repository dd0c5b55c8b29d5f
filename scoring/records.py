"""The typed results of a contest: every record the results page, the minutes, the exports
and the certificates are made from, keyed by ids (names only name them).

``msgspec`` structs; their plain JSON form (Decimals as their canonical strings, see
``scoring.numbers``) is what an approval freezes and hashes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import msgspec

__all__ = ["HALL", "NONE", "ONLINE", "Results", "results_from_json", "results_hash", "results_json"]

HALL, ONLINE, NONE = "hall", "online", "none"  # where individual prizes come from


class _S(msgspec.Struct, kw_only=True):
    """A results record (mutable while the log is walked; never after)."""


# ------------------------------------------------------------------ the records
class ContestInfo(_S):
    id: int | None = None
    slug: str = ""
    name: str = ""
    theme: str = ""
    year: int | None = None
    province: str = ""
    organizer: str = ""
    venue: str = ""
    held_on: str = ""
    team_prizes: str = "1,1,1"
    individual_prizes: str = "1,1,2,3"
    individual_prizes_from: str = HALL
    online_round: str = ""  # name of the online round the individual prizes come from
    online_round_slug: str = ""


class MemberInfo(_S):
    id: int
    name: str
    position: str = ""


class TeamInfo(_S):
    id: int
    number: int
    name: str
    unit: str
    members: list[MemberInfo]


class JudgeInfo(_S):
    id: int
    name: str
    is_head: bool


class CriterionInfo(_S):
    key: str
    name: str
    max_points: Decimal
    weight: Decimal


class JudgeTotalRow(_S):
    judge_id: int
    judge: str
    total: Decimal
    dropped: bool


class SheetRow(_S):
    judge_id: int
    judge: str
    marks: list[Decimal]
    total: Decimal
    at_ms: int
    correction_id: int | None


class JudgedTeamRow(_S):
    team_id: int
    team: str
    score: Decimal | None
    judge_totals: list[JudgeTotalRow]
    sheets: list[SheetRow]


class FlagRow(_S):
    team_id: int
    team: str
    judge_id: int
    judge: str
    total: Decimal
    median: Decimal
    note: str


class KnowledgeTeamRow(_S):
    team_id: int
    team: str
    points: Decimal
    correct: int
    wrong: int
    penalty_points: Decimal


class PartResult(_S):
    id: int
    order: int
    kind: str
    title: str
    weight: Decimal
    judged: bool
    released: bool
    mode: str
    answer_by: str
    aggregation: str
    decimals: int
    points_correct: Decimal
    penalty_wrong: Decimal
    criteria: list[CriterionInfo] = []
    rule: str = ""
    judged_teams: list[JudgedTeamRow] = []
    flags: list[FlagRow] = []
    knowledge_teams: list[KnowledgeTeamRow] = []


class PartCell(_S):
    part_id: int
    title: str
    score: Decimal
    weighted: Decimal


class StandingRow(_S):
    rank: int
    team_id: int
    team: str
    unit: str
    parts: list[PartCell]
    knowledge: Decimal
    penalty_points: Decimal
    total: Decimal
    tied: bool
    above_next_by: str
    reason: str


class TieRow(_S):
    kind: str  # "teams" | "members"
    rank: int
    ids: list[int]
    names: list[str]
    note: str


class StandingsResult(_S):
    rows: list[StandingRow] = []
    decisions: list[str] = []
    unresolved: list[TieRow] = []
    tie_breaks: list[str] = []


class MemberRow(_S):
    rank: int
    member_id: int
    name: str
    team_id: int
    team: str
    points: Decimal
    correct: int
    wrong: int
    tied: bool


class MembersResult(_S):
    rows: list[MemberRow] = []
    unresolved: list[TieRow] = []


class AwardRow(_S):
    label: str
    tier: int
    rank: int
    kind: str  # "team" | "individual"
    id: int
    name: str
    team: str
    unit: str


class PendingRow(_S):
    label: str
    count: int


class PrizesResult(_S):
    source: str = HALL  # "hall" | "online" | "none"
    structure: str = ""
    awards: list[AwardRow] = []
    boundary_ties: list[TieRow] = []
    pending: list[PendingRow] = []
    note: str = ""


class JudgedAnswer(_S):
    correct: bool
    points: Decimal
    timed_out: bool


class AnswerRecord(_S):
    seq: int
    team_id: int
    team: str
    member_id: int | None
    member: str
    choice: str
    at_ms: int
    after_ms: int
    judged: JudgedAnswer | None = None


class PressRecord(_S):
    seq: int
    team_id: int
    team: str
    member_id: int | None
    member: str
    at_ms: int
    after_ms: int
    pressed_at_ms: int


class UndoRecord(_S):
    seq: int
    at_ms: int
    action: str
    reason: str
    by: str


class QuestionRecord(_S):
    seq: int
    at_ms: int
    part_id: int
    part: str
    tile: int
    question_id: int
    code: str
    text: str
    correct: str
    mode: str
    team_id: int | None
    team: str
    drawn_by: str
    answers: list[AnswerRecord] = []
    presses: list[PressRecord] = []
    revealed_at_ms: int | None = None
    notes: list[UndoRecord] = []


class StageRecord(_S):
    seq: int
    at_ms: int
    part_id: int
    part: str
    team_id: int
    team: str
    cast_size: int | None
    elapsed_ms: int | None = None
    overtime_ms: int | None = None


class CorrectionRecord(_S):
    id: int
    seq: int
    part_id: int
    part: str
    team_id: int
    team: str
    judge_id: int
    judge: str
    old_marks: dict[str, Decimal]
    old_total: Decimal | None
    new_marks: dict[str, Decimal]
    new_total: Decimal
    reason: str
    requested_at_ms: int
    requested_by: str
    status: str = "pending"
    note: str = ""
    resolved_by: str = ""
    resolved_at_ms: int | None = None
    resolved_seq: int | None = None


class ReleaseRecord(_S):
    seq: int
    at_ms: int
    part_id: int
    part: str


class LotsRecord(_S):
    seq: int
    at_ms: int
    draw_id: int
    kind: str
    ids: list[int]
    order: list[int]
    names: list[str]  # in the order drawn
    tied_at: str
    seed: int
    by: str


class Results(_S):
    contest: ContestInfo
    log_seq: int = 0
    started: bool = False
    status: str = "ready"
    started_at_ms: int | None = None
    finished_at_ms: int | None = None
    problems: list[str] = []
    warnings: list[str] = []
    parts: list[PartResult] = []
    teams: list[TeamInfo] = []
    judges: list[JudgeInfo] = []
    questions: list[QuestionRecord] = []
    stages: list[StageRecord] = []
    corrections: list[CorrectionRecord] = []
    undos: list[UndoRecord] = []
    releases: list[ReleaseRecord] = []
    lots: list[LotsRecord] = []
    standings: StandingsResult = msgspec.field(default_factory=StandingsResult)
    members: MembersResult = msgspec.field(default_factory=MembersResult)
    team_prizes: PrizesResult = msgspec.field(default_factory=PrizesResult)
    individual_prizes: PrizesResult = msgspec.field(default_factory=PrizesResult)

    @property
    def unresolved_prize_ties(self) -> list[TieRow]:
        """Ties at a prize boundary that nothing settled yet (approval waits for a draw)."""
        return self.team_prizes.boundary_ties + self.individual_prizes.boundary_ties


def results_json(results: Results) -> dict[str, Any]:
    """The plain JSON form (Decimals as their canonical strings): frozen by an approval."""
    return msgspec.to_builtins(results)


def results_from_json(data: Mapping[str, Any]) -> Results:
    """A frozen copy read back as ``Results``."""
    return msgspec.convert(data, Results)


def results_hash(results: Results | Mapping[str, Any]) -> str:
    """A stable SHA-256 of the results' canonical JSON."""
    data = results_json(results) if isinstance(results, Results) else results
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
