"""Every number of a live hall show, from the facts the show recorded.

``compute_scoreboard`` is the one function behind every figure of the hall: the
engine's live views (big screen, pads, judges, MC) and the compiled results,
minutes, exports and certificates all call it (through
``hall.engine.scoreboard``), so they can never disagree. Pure: no Django, no I/O.

Facts are what the log holds: the rubric and weights of each part, the judges'
mark sheets as they stand (corrections applied), every scored answer with the
points its rule gave, the committee's draws. Teams, members and judges are keyed
by id; their names only appear in notes for people.

What counts where:
- a judged part's score is the aggregate of its judges' totals (``rules``),
  rounded half-up to the part's decimals; it enters the standings only once the
  head judge has released the part;
- knowledge points are the sum of the scored answers' points (team, part, member);
- penalties are the points lost on wrong answers;
- a team's total is Σ part score × part weight, rounded half-up to the largest
  number of decimals of the judged parts (2 by default), then the contest's
  tie-breaks and the committee's draws order the teams (``standings``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from scoring.numbers import ScoringError, plain
from scoring.rules import (
    AnswerOutcome,
    CriterionSpec,
    DeviationThreshold,
    KnowledgeResult,
    MemberKnowledge,
    TeamPartScore,
    UnusualMark,
    flag_unusual_marks,
    rubric_max,
    score_judged_part,
    score_knowledge,
)
from scoring.standings import (
    DEFAULT_TIE_BREAKS,
    LotsDraw,
    MemberRanking,
    PartSpec,
    Standings,
    TeamResult,
    compute_standings,
    parse_tie_breaks,
    rank_members,
)

__all__ = [
    "AnswerFacts",
    "JudgedPart",
    "KnowledgePart",
    "PartFacts",
    "Scoreboard",
    "SheetFacts",
    "ShowFacts",
    "TeamFacts",
    "compute_scoreboard",
]

DEFAULT_TOTAL_DECIMALS = 2


@dataclass(frozen=True)
class PartFacts:
    id: int
    kind: str  # "intro" | "knowledge" | "skit"
    title: str = ""
    weight: Decimal = Decimal(1)
    aggregation: str = "mean"
    decimals: int = 2
    mode: str = "team_turn"
    answer_by: str = "member"
    criteria: tuple[CriterionSpec, ...] = ()
    released: bool = False
    order: int = 0

    @property
    def judged(self) -> bool:
        return self.kind in ("intro", "skit")


@dataclass(frozen=True)
class TeamFacts:
    id: int
    number: int
    name: str
    members: tuple[tuple[int, str], ...] = ()  # (member id, name)
    answering: tuple[int, ...] = ()  # who answers in the knowledge part


@dataclass(frozen=True)
class SheetFacts:
    """A judge's mark sheet as it stands (criterion id → mark as typed)."""

    part_id: int
    team_id: int
    judge_id: int
    marks: Mapping[str, Decimal]


@dataclass(frozen=True)
class AnswerFacts:
    """A scored answer of the knowledge part with the points its rule gave."""

    part_id: int
    team_id: int
    member_id: int | None
    correct: bool
    points: Decimal
    individual: bool = False


@dataclass(frozen=True)
class ShowFacts:
    parts: tuple[PartFacts, ...]
    teams: tuple[TeamFacts, ...]
    judges: Mapping[int, str] = field(default_factory=dict)
    sheets: tuple[SheetFacts, ...] = ()
    answers: tuple[AnswerFacts, ...] = ()
    team_draws: tuple[LotsDraw, ...] = ()
    member_draws: tuple[LotsDraw, ...] = ()
    tie_breaks: str = ",".join(DEFAULT_TIE_BREAKS)
    unusual_threshold: Decimal = Decimal("0.2")


@dataclass(frozen=True)
class JudgedPart:
    """A judged part's numbers: every team's score (released or not) and its flags."""

    part: PartFacts
    scores: Mapping[int, TeamPartScore]  # teams with at least one sheet
    ranking: tuple[tuple[int, int], ...]  # (team id, rank), best first
    flags: tuple[UnusualMark, ...]
    max_total: Decimal | None
    rule: str


@dataclass(frozen=True)
class KnowledgePart:
    part: PartFacts
    result: KnowledgeResult


@dataclass(frozen=True)
class Scoreboard:
    judged: Mapping[int, JudgedPart]
    knowledge: Mapping[int, KnowledgePart]
    judge_totals: Mapping[tuple[int, int, int], Decimal]  # (part, team, judge) → total
    team_knowledge: Mapping[int, Decimal]  # all knowledge parts
    penalties: Mapping[int, Decimal]
    members: MemberRanking
    member_points: Mapping[int, Decimal]
    standings: Standings
    tie_breaks: tuple[str, ...]
    total_decimals: int
    problems: tuple[str, ...] = ()


def _judged_part(
    part: PartFacts,
    facts: ShowFacts,
    names: Mapping[Hashable, str],
    totals: dict[tuple[int, int, int], Decimal],
    problems: list[str],
) -> JudgedPart:
    scores: dict[int, TeamPartScore] = {}
    by_team: dict[int, dict[int, Decimal]] = {}
    rules: Counter[str] = Counter()
    sheets = [s for s in facts.sheets if s.part_id == part.id]
    for team in facts.teams:
        own = {s.judge_id: s.marks for s in sheets if s.team_id == team.id}
        if not own or not part.criteria:
            continue
        try:
            scored = score_judged_part(
                part.criteria, own, part.aggregation, part.decimals, team=team.id, names=names
            )
        except ScoringError as exc:
            problems.append(str(exc))
            continue
        scores[team.id] = scored
        rules[scored.rule] += 1
        by_team[team.id] = {jt.judge: jt.total for jt in scored.judge_totals}
        for jt in scored.judge_totals:
            totals[(part.id, team.id, jt.judge)] = jt.total
    ordered = sorted(scores, key=lambda t: (-scores[t].score, _number(facts, t)))
    ranking: list[tuple[int, int]] = []
    for index, team_id in enumerate(ordered):
        tied_above = index and scores[ordered[index - 1]].score == scores[team_id].score
        ranking.append((team_id, ranking[-1][1] if tied_above else index + 1))
    maximum = rubric_max(part.criteria) if part.criteria else None
    flags: tuple[UnusualMark, ...] = ()
    if maximum:
        threshold = DeviationThreshold(facts.unusual_threshold, relative=True)
        try:
            flags = flag_unusual_marks(by_team, threshold, maximum, names)
        except ScoringError as exc:
            problems.append(str(exc))
    return JudgedPart(
        part=part,
        scores=scores,
        ranking=tuple(ranking),
        flags=flags,
        max_total=maximum,
        rule=rules.most_common(1)[0][0] if rules else "",
    )


def _number(facts: ShowFacts, team_id: int) -> int:
    return next((t.number for t in facts.teams if t.id == team_id), 0)


def _knowledge(part: PartFacts, facts: ShowFacts, names: Mapping[Hashable, str]) -> KnowledgePart:
    listed: dict[int, int] = {}
    if part.answer_by == "member":
        for team in facts.teams:
            for member_id in team.answering:
                listed[member_id] = team.id
    outcomes = [
        AnswerOutcome(
            mode=part.mode,
            team=a.team_id,
            member=a.member_id if a.individual else None,
            correct=a.correct,
            points=a.points,
        )
        for a in facts.answers
        if a.part_id == part.id
    ]
    result = score_knowledge(outcomes, [t.id for t in facts.teams], listed, names)
    return KnowledgePart(part, result)


def _members(
    knowledge: Mapping[int, KnowledgePart], names: Mapping[Hashable, str]
) -> list[MemberKnowledge]:
    """Each member's knowledge results summed over the knowledge parts."""
    totals: dict[int, MemberKnowledge] = {}
    for board in knowledge.values():
        for m in board.result.members:
            before = totals.get(m.member)
            if before is None:
                totals[m.member] = m
                continue
            totals[m.member] = MemberKnowledge(
                member=m.member,
                team=m.team,
                points=plain(before.points + m.points),
                correct_count=before.correct_count + m.correct_count,
                wrong_count=before.wrong_count + m.wrong_count,
                penalty_count=before.penalty_count + m.penalty_count,
                penalty_points=plain(before.penalty_points + m.penalty_points),
                name=names.get(m.member, str(m.member)),
            )
    return list(totals.values())


def compute_scoreboard(facts: ShowFacts) -> Scoreboard:
    """Every figure of the show: part scores, knowledge points, flags, standings, members."""
    problems: list[str] = []
    names: dict[Hashable, str] = {t.id: t.name for t in facts.teams}
    member_names = {m_id: m_name for t in facts.teams for m_id, m_name in t.members}
    judge_names = dict(facts.judges)
    parts = sorted(facts.parts, key=lambda p: (p.order, p.id))
    totals: dict[tuple[int, int, int], Decimal] = {}
    judged = {
        p.id: _judged_part(p, facts, {**names, **judge_names}, totals, problems)
        for p in parts
        if p.judged
    }
    knowledge = {
        p.id: _knowledge(p, facts, {**names, **member_names})
        for p in parts
        if p.kind == "knowledge"
    }
    team_knowledge = {
        t.id: plain(sum((k.result.team(t.id).points for k in knowledge.values()), Decimal(0)))
        for t in facts.teams
    }
    penalties = {
        t.id: plain(
            sum((k.result.team(t.id).penalty_points for k in knowledge.values()), Decimal(0))
        )
        for t in facts.teams
    }
    decimals = max((p.decimals for p in parts if p.judged), default=DEFAULT_TOTAL_DECIMALS)
    try:
        tie_breaks = parse_tie_breaks(facts.tie_breaks or DEFAULT_TIE_BREAKS)
    except ScoringError as exc:
        problems.append(str(exc))
        tie_breaks = DEFAULT_TIE_BREAKS
    team_results = []
    for team in sorted(facts.teams, key=lambda t: (t.number, t.id)):
        scores: dict[Hashable, Decimal | None] = {}
        for p in parts:
            if p.judged:
                scored = judged[p.id].scores.get(team.id) if p.released else None
                scores[p.id] = scored.score if scored else None
            else:
                scores[p.id] = knowledge[p.id].result.team(team.id).points
        team_results.append(TeamResult(team.id, scores, penalties[team.id], team.name))
    specs = [PartSpec(p.id, p.kind, p.weight, p.title) for p in parts]
    standings = compute_standings(
        specs,
        team_results,
        tie_breaks,
        draws=facts.team_draws,
        decimals=decimals,
        partial=True,
    )
    member_rows = _members(knowledge, member_names)
    members = rank_members(
        [
            MemberKnowledge(
                m.member,
                m.team,
                m.points,
                m.correct_count,
                m.wrong_count,
                m.penalty_count,
                m.penalty_points,
                member_names.get(m.member, str(m.member)),
            )
            for m in member_rows
        ],
        facts.member_draws,
    )
    return Scoreboard(
        judged=judged,
        knowledge=knowledge,
        judge_totals=totals,
        team_knowledge=team_knowledge,
        penalties=penalties,
        members=members,
        member_points={m.member: m.points for m in member_rows},
        standings=standings,
        tie_breaks=tie_breaks,
        total_decimals=decimals,
        problems=tuple(problems),
    )
