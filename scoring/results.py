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

from collections.abc import Iterable, Mapping
from typing import Any

import msgspec
from django.utils.translation import gettext as _

from hall.engine.common import criteria_of
from hall.engine.scoreboard import scoreboard
from scoring.hall import JudgedPart, KnowledgePart, Scoreboard
from scoring.log_walk import LoggedEvent, LogWalk
from scoring.numbers import ScoringError, from_log
from scoring.prizes import PrizeAllocation, allocate_prizes
from scoring.records import (
    HALL,
    NONE,
    ONLINE,
    AwardRow,
    ContestInfo,
    CriterionInfo,
    FlagRow,
    JudgedTeamRow,
    JudgeInfo,
    JudgeTotalRow,
    KnowledgeTeamRow,
    MemberInfo,
    MemberRow,
    MembersResult,
    PartCell,
    PartResult,
    PendingRow,
    PrizesResult,
    Results,
    SheetRow,
    StandingRow,
    StandingsResult,
    TeamInfo,
    TieRow,
    results_from_json,
    results_hash,
    results_json,
)
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


# ------------------------------------------------------------------ the results


def _judged_part(
    walk: LogWalk, board: Scoreboard, judged: JudgedPart, row: PartResult, problems: list[str]
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


def _knowledge_part(walk: LogWalk, knowledge: KnowledgePart, row: PartResult) -> None:
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
    walk: LogWalk, board: Scoreboard, meta: ContestInfo, problems: list[str]
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
    walk: LogWalk,
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
    walk = LogWalk()
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
