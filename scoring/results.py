"""Fold a contest's event log into its results: the one structure every page, export,
document and certificate is made from.

``build_results`` is pure (no database): it replays the log with the engine's own
``evolve`` and takes every figure from the same scoreboard the live views use
(``hall.engine.scoreboard`` → ``scoring.hall``), so the results can never disagree
with what the big screen showed for the same log. The result is a typed structure
keyed by ids (msgspec structs, ``Results``); its plain JSON form (Decimals as their
canonical strings) is what an approval freezes and hashes. ``compile_results``
reads the log from the database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import msgspec
from django.utils.translation import gettext as _

from hall.engine import events as ev
from hall.engine.common import criteria_of
from hall.engine.evolve import evolve
from hall.engine.scoreboard import scoreboard
from hall.engine.state import HallState, PartSetup, Setup
from scoring.hall import JudgedPart, KnowledgePart, Scoreboard
from scoring.numbers import ScoringError, from_log
from scoring.prizes import PrizeAllocation, allocate_prizes
from scoring.rules import judge_total
from scoring.standings import describe_criterion, with_draw_last

__all__ = [
    "RESULT_EVENT_TYPES",
    "Results",
    "build_results",
    "compile_results",
    "contest_meta",
    "load_log",
    "results_from_json",
    "results_hash",
    "results_json",
]

# Events after which approved results may no longer be what the committee signed.
RESULT_EVENT_TYPES = frozenset(
    {
        "contest_started",
        "marks_submitted",
        "marks_released",
        "correction_requested",
        "correction_resolved",
        "answer_submitted",
        "buzz_answer_judged",
        "revealed",
        "undone",
        "lots_drawn",
    }
)

HALL, ONLINE, NONE = "hall", "online", "none"

LoggedEvent = Mapping[str, Any]  # {"seq": int, "actor": str, "payload": dict}


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


# ------------------------------------------------------------------ the log walk


class _Walk:
    """Everything the minutes need that the final state no longer holds."""

    def __init__(self) -> None:
        self.state = HallState()
        self.questions: list[QuestionRecord] = []
        self.current: QuestionRecord | None = None
        self.corrections: dict[int, CorrectionRecord] = {}
        self.undos: list[UndoRecord] = []
        self.releases: list[ReleaseRecord] = []
        self.stages: list[StageRecord] = []
        self.lots: list[LotsRecord] = []
        self.last_seq = 0

    # names -------------------------------------------------------------------
    @property
    def setup(self) -> Setup:
        return self.state.setup

    def team_name(self, team_id: int | None) -> str:
        team = self.setup.team(team_id) if team_id is not None else None
        return team.name if team else ""

    def member_name(self, team_id: int | None, member_id: int | None) -> str:
        team = self.setup.team(team_id) if team_id is not None else None
        if team is None or member_id is None:
            return ""
        return next((m.name for m in team.members if m.id == member_id), "")

    def any_member_name(self, member_id: int) -> str:
        return next((m.name for t in self.setup.teams for m in t.members if m.id == member_id), "")

    def judge_name(self, judge_id: int | None) -> str:
        judge = self.setup.judge(judge_id)
        return judge.name if judge else ""

    def part_title(self, part_id: int | None) -> str:
        part = self.setup.part(part_id)
        return part.title if part else ""

    # the walk ----------------------------------------------------------------
    def step(self, logged: LoggedEvent) -> None:
        event = ev.decode(logged["payload"])
        seq = int(logged["seq"])
        if isinstance(event, ev.ContestStarted):
            self.__init__()
        before = self.state
        self.state = evolve(self.state, event)
        self.last_seq = seq
        handler = getattr(self, f"_on_{event.type}", None)
        if handler is not None:
            handler(event, seq, str(logged.get("actor", "")), before)

    def _after(self, at: int) -> int:
        drawn_at = self.current.at_ms if self.current else at
        return max(0, at - drawn_at)

    def _on_team_staged(self, e: ev.TeamStaged, seq: int, actor: str, before: HallState) -> None:
        self.stages.append(
            StageRecord(
                seq=seq,
                at_ms=e.at,
                part_id=e.part_id,
                part=self.part_title(e.part_id),
                team_id=e.team_id,
                team=self.team_name(e.team_id),
                cast_size=e.cast_size,
            )
        )

    def _on_timer_stopped(self, e: ev.TimerStopped, seq: int, actor: str, before: Any) -> None:
        if self.stages:
            self.stages[-1].elapsed_ms = e.elapsed_ms
            self.stages[-1].overtime_ms = e.overtime_ms

    def _on_question_drawn(self, e: ev.QuestionDrawn, seq: int, actor: str, before: Any) -> None:
        question = self.setup.question(e.question_id)
        self.current = QuestionRecord(
            seq=seq,
            at_ms=e.at,
            part_id=e.part_id,
            part=self.part_title(e.part_id),
            tile=e.tile,
            question_id=e.question_id,
            code=question.code if question else "",
            text=question.text if question else "",
            correct=question.correct if question else "",
            mode=e.mode,
            team_id=e.team_id,
            team=self.team_name(e.team_id),
            drawn_by=actor,
            answers=[],
            presses=[],
            notes=[],
        )
        self.questions.append(self.current)

    def _answer(self, e: Any, seq: int, judged: JudgedAnswer | None) -> AnswerRecord:
        return AnswerRecord(
            seq=seq,
            team_id=e.team_id,
            team=self.team_name(e.team_id),
            member_id=e.member_id,
            member=self.member_name(e.team_id, e.member_id),
            choice=e.choice or "",
            at_ms=e.at,
            after_ms=self._after(e.at),
            judged=judged,
        )

    def _on_answer_submitted(
        self, e: ev.AnswerSubmitted, seq: int, actor: str, before: Any
    ) -> None:
        if self.current is not None:
            self.current.answers.append(self._answer(e, seq, None))

    def _on_buzz_pressed(self, e: ev.BuzzPressed, seq: int, actor: str, before: Any) -> None:
        if self.current is not None:
            self.current.presses.append(
                PressRecord(
                    seq=seq,
                    team_id=e.team_id,
                    team=self.team_name(e.team_id),
                    member_id=e.member_id,
                    member=self.member_name(e.team_id, e.member_id),
                    at_ms=e.at,
                    after_ms=self._after(e.at),
                    pressed_at_ms=e.pressed_at_ms,
                )
            )

    def _on_buzz_answer_judged(
        self, e: ev.BuzzAnswerJudged, seq: int, actor: str, before: Any
    ) -> None:
        if self.current is not None:
            judged = JudgedAnswer(
                correct=e.correct, points=from_log(e.points), timed_out=e.timed_out
            )
            self.current.answers.append(self._answer(e, seq, judged))

    def _on_revealed(self, e: ev.Revealed, seq: int, actor: str, before: Any) -> None:
        if self.current is None:
            return
        self.current.revealed_at_ms = e.at
        self.current.correct = e.correct
        if e.applies_points:
            # Team-turn results come in the order the answers were given.
            for answer, result in zip(self.current.answers, e.results, strict=False):
                answer.judged = JudgedAnswer(
                    correct=result.correct,
                    points=from_log(result.points),
                    timed_out=result.timed_out,
                )

    def _on_undone(self, e: ev.Undone, seq: int, actor: str, before: Any) -> None:
        undo = UndoRecord(
            seq=seq, at_ms=e.at, action=e.undone_action, reason=e.reason, by=e.by or actor
        )
        self.undos.append(undo)
        if self.current is not None:
            self.current.notes.append(undo)

    def _on_question_cleared(self, e: Any, seq: int, actor: str, before: Any) -> None:
        self.current = None

    def _on_part_changed(self, e: Any, seq: int, actor: str, before: Any) -> None:
        self.current = None

    def _on_correction_requested(
        self, e: ev.CorrectionRequested, seq: int, actor: str, before: HallState
    ) -> None:
        part = self.setup.part(e.part_id)
        sheet = before.marks.get(f"{e.part_id}:{e.team_id}:{e.judge_id}")
        old_marks = {k: from_log(v) for k, v in sheet.marks.items()} if sheet else {}
        new_marks = {k: from_log(v) for k, v in e.marks.items()}
        self.corrections[e.request_id] = CorrectionRecord(
            id=e.request_id,
            seq=seq,
            part_id=e.part_id,
            part=self.part_title(e.part_id),
            team_id=e.team_id,
            team=self.team_name(e.team_id),
            judge_id=e.judge_id,
            judge=self.judge_name(e.judge_id),
            old_marks=old_marks,
            old_total=_total(part, old_marks) if sheet else None,
            new_marks=new_marks,
            new_total=_total(part, new_marks),
            reason=e.reason,
            requested_at_ms=e.at,
            requested_by=actor,
        )

    def _on_correction_resolved(
        self, e: ev.CorrectionResolved, seq: int, actor: str, before: Any
    ) -> None:
        entry = self.corrections.get(e.request_id)
        if entry is not None:
            entry.status = "accepted" if e.accept else "rejected"
            entry.note = e.note
            entry.resolved_by = e.by or actor
            entry.resolved_at_ms = e.at
            entry.resolved_seq = seq

    def _on_marks_released(self, e: ev.MarksReleased, seq: int, actor: str, before: Any) -> None:
        self.releases.append(
            ReleaseRecord(seq=seq, at_ms=e.at, part_id=e.part_id, part=self.part_title(e.part_id))
        )

    def _on_lots_drawn(self, e: ev.LotsDrawn, seq: int, actor: str, before: Any) -> None:
        name = self.team_name if e.kind == "teams" else self.any_member_name
        self.lots.append(
            LotsRecord(
                seq=seq,
                at_ms=e.at,
                draw_id=e.draw_id,
                kind=e.kind,
                ids=list(e.ids),
                order=list(e.order),
                names=[name(i) for i in e.order],
                tied_at=e.tied_at,
                seed=e.seed,
                by=e.by or actor,
            )
        )


def _total(part: PartSetup | None, marks: dict[str, Decimal]) -> Decimal | None:
    if part is None or not part.criteria:
        return None
    try:
        return judge_total(criteria_of(part), marks)
    except ScoringError:
        return None


# ------------------------------------------------------------------ the results


def _judged_part(
    walk: _Walk, board: Scoreboard, judged: JudgedPart, row: PartResult, problems: list[str]
) -> None:
    state, setup = walk.state, walk.setup
    part = setup.part(judged.part.id)
    rubric = criteria_of(part)
    row.criteria = [
        CriterionInfo(key=c.key, name=c.label, max_points=c.max_points, weight=c.weight)
        for c in rubric
    ]
    if not rubric:
        problems.append(_("Phần thi %(part)s chưa có thang điểm.") % {"part": part.title})
        return
    if not row.released:
        problems.append(
            _("Điểm phần thi %(part)s chưa được trưởng ban giám khảo công bố.")
            % {"part": part.title}
        )
        return
    row.rule = judged.rule
    for team in setup.teams:
        sheets = sorted(
            (s for s in state.marks.values() if s.part_id == part.id and s.team_id == team.id),
            key=lambda s: s.judge_id,
        )
        marked = {s.judge_id for s in sheets}
        missing = [j.name for j in setup.judges if j.id not in marked]
        if missing:
            problems.append(
                _("Phần thi %(part)s: đội %(team)s còn thiếu phiếu chấm của %(judges)s.")
                % {"part": part.title, "team": team.name, "judges": ", ".join(missing)}
            )
        scored = judged.scores.get(team.id)
        row.judged_teams.append(
            JudgedTeamRow(
                team_id=team.id,
                team=team.name,
                score=scored.score if scored else None,
                judge_totals=[
                    JudgeTotalRow(
                        judge_id=jt.judge,
                        judge=walk.judge_name(jt.judge),
                        total=jt.total,
                        dropped=jt.dropped,
                    )
                    for jt in (scored.judge_totals if scored else ())
                ],
                sheets=[
                    SheetRow(
                        judge_id=s.judge_id,
                        judge=walk.judge_name(s.judge_id),
                        marks=[from_log(s.marks.get(c.key, 0)) for c in rubric],
                        total=board.judge_totals[(part.id, team.id, s.judge_id)],
                        at_ms=s.at_ms,
                        correction_id=s.correction_id,
                    )
                    for s in sheets
                ],
            )
        )
    row.flags = [
        FlagRow(
            team_id=f.team,
            team=walk.team_name(f.team),
            judge_id=f.judge,
            judge=walk.judge_name(f.judge),
            total=f.total,
            median=f.median,
            note=f.note,
        )
        for f in judged.flags
    ]


def _knowledge_part(walk: _Walk, knowledge: KnowledgePart, row: PartResult) -> None:
    order = [t.id for t in walk.setup.teams]
    row.knowledge_teams = sorted(
        (
            KnowledgeTeamRow(
                team_id=r.team,
                team=walk.team_name(r.team),
                points=r.points,
                correct=r.correct_count,
                wrong=r.wrong_count,
                penalty_points=r.penalty_points,
            )
            for r in knowledge.result.teams
        ),
        key=lambda r: order.index(r.team_id),
    )


def _tie_row(kind: str, rank: int, ids: Iterable[int], names: list[str], note: str) -> TieRow:
    return TieRow(kind=kind, rank=rank, ids=list(ids), names=names, note=note)


def _prizes(
    allocation: PrizeAllocation, kind: str, describe: Any, structure: str, tie_kind: str
) -> PrizesResult:
    return PrizesResult(
        source=HALL,
        structure=structure,
        awards=[
            AwardRow(label=a.label, tier=a.tier, rank=a.rank, kind=kind, **describe(a.entry))
            for a in allocation.awards
        ],
        boundary_ties=[
            _tie_row(
                tie_kind,
                t.rank,
                [describe(e)["id"] for e in t.entries],
                [describe(e)["name"] for e in t.entries],
                t.note,
            )
            for t in allocation.boundary_ties
        ],
        pending=[PendingRow(label=p.label, count=p.count) for p in allocation.pending],
    )


def _standings(
    walk: _Walk, board: Scoreboard, meta: ContestInfo, problems: list[str]
) -> dict[str, Any]:
    setup = walk.setup
    units = {t.id: t.unit_name for t in setup.teams}
    standings = board.standings
    out: dict[str, Any] = {}
    out["standings"] = StandingsResult(
        rows=[
            StandingRow(
                rank=r.rank,
                team_id=r.team,
                team=r.label,
                unit=units.get(r.team, ""),
                parts=[
                    PartCell(part_id=p.key, title=p.title, score=p.score, weighted=p.weighted)
                    for p in r.parts
                ],
                knowledge=board.team_knowledge[r.team],
                penalty_points=r.penalty_points,
                total=r.total,
                tied=r.tied,
                above_next_by=r.above_next_by or "",
                reason=describe_criterion(r.above_next_by) if r.above_next_by else "",
            )
            for r in standings.rows
        ],
        decisions=[d.note for d in standings.decisions],
        unresolved=[
            _tie_row("teams", u.rank, u.entries, [walk.team_name(i) for i in u.entries], u.note)
            for u in standings.unresolved
        ],
        tie_breaks=[describe_criterion(t) for t in with_draw_last(board.tie_breaks)],
    )
    try:
        team_prizes = allocate_prizes(standings.rows, meta.team_prizes or "1,1,1")
    except ScoringError as exc:
        problems.append(str(exc))
        out["team_prizes"] = PrizesResult(structure=meta.team_prizes)
    else:
        out["team_prizes"] = _prizes(
            team_prizes,
            "team",
            lambda r: {"id": r.team, "name": r.label, "team": r.label, "unit": units[r.team]},
            meta.team_prizes,
            "teams",
        )
    members = board.members
    out["members"] = MembersResult(
        rows=[
            MemberRow(
                rank=m.rank,
                member_id=m.member,
                name=m.label,
                team_id=m.team,
                team=walk.team_name(m.team),
                points=m.points,
                correct=m.correct_count,
                wrong=m.wrong_count,
                tied=m.tied,
            )
            for m in members.rows
        ],
        unresolved=[
            _tie_row(
                "members", u.rank, u.entries, [walk.any_member_name(i) for i in u.entries], u.note
            )
            for u in members.unresolved
        ],
    )
    out["individual_prizes"] = _individual_prizes(walk, board, meta, units, problems)
    return out


def _individual_prizes(
    walk: _Walk,
    board: Scoreboard,
    meta: ContestInfo,
    units: Mapping[int, str],
    problems: list[str],
) -> PrizesResult:
    """The individual prizes, from where the contest says they come from."""
    elsewhere = _prizes_elsewhere(meta)
    if elsewhere is not None:
        return elsewhere
    rows = board.members.rows
    if not rows:
        return PrizesResult(structure=meta.individual_prizes)
    try:
        allocation = allocate_prizes(rows, meta.individual_prizes or "1,1,2,3")
    except ScoringError as exc:
        problems.append(str(exc))
        return PrizesResult(structure=meta.individual_prizes)
    return _prizes(
        allocation,
        "individual",
        lambda m: {
            "id": m.member,
            "name": m.label,
            "team": walk.team_name(m.team),
            "unit": units.get(m.team, ""),
        },
        meta.individual_prizes,
        "members",
    )


def _prizes_elsewhere(meta: ContestInfo) -> PrizesResult | None:
    """Individual prizes not decided by the hall: from the online round, or none at all."""
    source = meta.individual_prizes_from
    if source == NONE:
        return PrizesResult(source=NONE, note=_("Hội thi không xét giải cá nhân."))
    if source == ONLINE:
        return PrizesResult(
            source=ONLINE,
            note=_(
                "Giải cá nhân được xét từ vòng thi trực tuyến “%(round)s” theo cơ cấu giải của "
                "vòng thi đó; không xét giải cá nhân ở phần thi trực tiếp."
            )
            % {"round": meta.online_round or "—"},
        )
    return None


def build_results(meta: Mapping[str, Any], events: Iterable[LoggedEvent]) -> Results:
    """The contest's results from its log (pure: the same log always gives the same results).

    ``meta`` holds what the log does not: the contest's name, date, place and its
    prize structures and where its individual prizes come from (see :func:`contest_meta`).
    """
    info = msgspec.convert(dict(meta), ContestInfo)
    walk = _Walk()
    for logged in events:
        walk.step(logged)
    problems: list[str] = []
    results = Results(
        individual_prizes=_prizes_elsewhere(info) or PrizesResult(structure=info.individual_prizes),
        contest=info,
        log_seq=walk.last_seq,
        started=walk.setup is not None,
        status=walk.state.status,
        started_at_ms=walk.state.started_at_ms,
        finished_at_ms=walk.state.finished_at_ms,
        problems=problems,
    )
    if walk.setup is None:
        problems.append(_("Hội thi chưa bắt đầu: nhật ký chưa có sự kiện nào."))
        return results
    setup = walk.setup
    if walk.state.status != "finished":
        problems.append(_("Hội thi chưa kết thúc."))
    board = scoreboard(walk.state)
    problems.extend(board.problems)
    for part in sorted(setup.parts, key=lambda p: p.order):
        row = PartResult(
            id=part.id,
            order=part.order,
            kind=part.kind,
            title=part.title,
            weight=from_log(part.weight),
            judged=part.judged,
            released=part.id in walk.state.released_parts,
            mode=part.mode,
            answer_by=part.answer_by,
            aggregation=part.aggregation,
            decimals=part.decimals,
            points_correct=from_log(part.points_correct),
            penalty_wrong=from_log(part.penalty_wrong),
        )
        if part.judged:
            _judged_part(walk, board, board.judged[part.id], row, problems)
        else:
            _knowledge_part(walk, board.knowledge[part.id], row)
        results.parts.append(row)
    results.teams = [
        TeamInfo(
            id=t.id,
            number=t.number,
            name=t.name,
            unit=t.unit_name,
            members=[MemberInfo(id=m.id, name=m.name, position=m.position) for m in t.members],
        )
        for t in sorted(setup.teams, key=lambda t: t.number)
    ]
    results.judges = [JudgeInfo(id=j.id, name=j.name, is_head=j.is_head) for j in setup.judges]
    results.questions = walk.questions
    results.stages = walk.stages
    results.corrections = [walk.corrections[k] for k in sorted(walk.corrections)]
    results.undos = walk.undos
    results.releases = walk.releases
    results.lots = walk.lots
    for corr in results.corrections:
        if corr.status == "pending":
            problems.append(
                _("Yêu cầu điều chỉnh điểm số %(id)s (%(judge)s, đội %(team)s) chưa được xử lý.")
                % {"id": corr.id, "judge": corr.judge, "team": corr.team}
            )
    standings = _standings(walk, board, info, problems)
    results.standings = standings["standings"]
    results.members = standings["members"]
    results.team_prizes = standings["team_prizes"]
    results.individual_prizes = standings["individual_prizes"]
    member_ties = results.members.unresolved if info.individual_prizes_from == HALL else []
    results.warnings = (
        [flag.note for part in results.parts for flag in part.flags]
        + [u.note for u in results.standings.unresolved]
        + [u.note for u in member_ties]
        + [t.note for t in results.unresolved_prize_ties]
    )
    return results


# ------------------------------------------------------------------ database side


def contest_meta(contest: Any) -> dict[str, Any]:
    """What the results need from the Contest row (the log holds the rest)."""
    online = getattr(contest, "online_round", None)
    return {
        "id": contest.id,
        "slug": contest.slug,
        "name": contest.name,
        "theme": contest.theme,
        "year": contest.year,
        "province": contest.province,
        "organizer": contest.organizer,
        "venue": contest.venue,
        "held_on": contest.held_on.isoformat() if contest.held_on else "",
        "team_prizes": contest.team_prizes,
        "individual_prizes": contest.individual_prizes,
        "individual_prizes_from": contest.individual_prizes_from,
        "online_round": online.name if online else "",
        "online_round_slug": online.slug if online else "",
    }


def load_log(contest_id: int, upto_seq: int | None = None) -> list[dict[str, Any]]:
    """The contest's log as ``{"seq", "actor", "payload"}`` dicts, in order."""
    from hall.models import Event

    qs = Event.objects.filter(contest_id=contest_id).order_by("seq")
    if upto_seq is not None:
        qs = qs.filter(seq__lte=upto_seq)
    return [
        {"seq": seq, "actor": actor, "payload": payload}
        for seq, actor, payload in qs.values_list("seq", "actor", "payload")
    ]


def compile_results(contest: Any) -> Results:
    """Fold the contest's whole log into its results."""
    return build_results(contest_meta(contest), load_log(contest.id))
