"""Fold a contest's event log into its results: the one structure every page, export and
document is made from.

``build_results`` is pure (no database): it replays the log with the engine's own
``evolve``, turns what the log holds into inputs for the pure scoring rules
(``scoring.rules``, ``scoring.standings``, ``scoring.prizes``) and returns plain JSON
data (Decimals as strings), so the same dict can be frozen into an approval, hashed,
rendered and exported. ``compile_results`` reads the log from the database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from hall.engine.evolve import evolve
from hall.engine.state import HallState, PartSetup, Setup, TeamSetup
from scoring.prizes import allocate_prizes
from scoring.rules import (
    AnswerOutcome,
    CriterionSpec,
    DeviationThreshold,
    ScoringError,
    flag_unusual_marks,
    jsonable,
    rubric_max,
    score_judged_part,
    score_knowledge,
)
from scoring.standings import (
    DRAW,
    MemberKnowledge,
    PartSpec,
    TeamResult,
    compute_standings,
    describe_criterion,
    parse_tie_breaks,
    rank_members,
)

__all__ = [
    "RESULT_EVENT_TYPES",
    "build_results",
    "compile_results",
    "contest_meta",
    "load_log",
    "results_hash",
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
    }
)

LoggedEvent = Mapping[str, Any]  # {"seq": int, "actor": str, "payload": dict}


def _dec(value: float | int) -> Decimal:
    """A float from the log as the Decimal a person wrote (50.0 -> 50.0, 0.1 -> 0.1)."""
    return Decimal(str(value))


def results_hash(results: Mapping[str, Any]) -> str:
    """A stable SHA-256 of the results' canonical JSON."""
    data = json.dumps(results, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ the log walk


class _Walk:
    """Everything the minutes need that the final state no longer holds."""

    def __init__(self) -> None:
        self.state = HallState()
        self.outcomes: list[tuple[int, AnswerOutcome]] = []  # (part id, outcome)
        self.saved_outcomes: list[tuple[int, AnswerOutcome]] | None = None
        self.questions: list[dict[str, Any]] = []
        self.current: dict[str, Any] | None = None
        self.corrections: dict[int, dict[str, Any]] = {}
        self.undos: list[dict[str, Any]] = []
        self.releases: list[dict[str, Any]] = []
        self.stages: list[dict[str, Any]] = []
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

    def judge_name(self, judge_id: int | None) -> str:
        judge = self.setup.judge(judge_id)
        return judge.name if judge else ""

    def part_title(self, part_id: int | None) -> str:
        part = self.setup.part(part_id)
        return part.title if part else ""

    # the walk ----------------------------------------------------------------
    def step(self, logged: LoggedEvent) -> None:
        event = logged["payload"]
        seq = int(logged["seq"])
        kind = event["type"]
        if kind == "contest_started":
            self.__init__()
        if event.get("checkpoint"):
            self.saved_outcomes = list(self.outcomes)
        self.state = evolve(self.state, event)
        self.last_seq = seq
        handler = getattr(self, f"_on_{kind}", None)
        if handler is not None:
            handler(event, seq, str(logged.get("actor", "")))

    def _answer(self, event: dict, **extra: Any) -> dict[str, Any]:
        drawn_at = self.current["at_ms"] if self.current else event["at"]
        return {
            "team": self.team_name(event["team_id"]),
            "member": self.member_name(event["team_id"], event.get("member_id")),
            "choice": event.get("choice") or "",
            "at_ms": event["at"],
            "after_ms": max(0, event["at"] - drawn_at),
            **extra,
        }

    def _on_team_staged(self, event: dict, seq: int, actor: str) -> None:
        self.stages.append(
            {
                "seq": seq,
                "at_ms": event["at"],
                "part": self.part_title(event["part_id"]),
                "team": self.team_name(event["team_id"]),
                "cast_size": event.get("cast_size"),
                "elapsed_ms": None,
                "overtime_ms": None,
            }
        )

    def _on_timer_stopped(self, event: dict, seq: int, actor: str) -> None:
        if self.stages:
            self.stages[-1].update(
                elapsed_ms=event.get("elapsed_ms"), overtime_ms=event.get("overtime_ms")
            )

    def _on_question_drawn(self, event: dict, seq: int, actor: str) -> None:
        question = self.setup.question(event["question_id"])
        self.current = {
            "seq": seq,
            "at_ms": event["at"],
            "part_id": event["part_id"],
            "part": self.part_title(event["part_id"]),
            "tile": event["tile"],
            "question_id": event["question_id"],
            "code": question.code if question else "",
            "text": question.text if question else "",
            "correct": question.correct if question else "",
            "mode": event["mode"],
            "team": self.team_name(event.get("team_id")),
            "drawn_by": actor,
            "answers": [],
            "presses": [],
            "revealed_at_ms": None,
            "notes": [],
        }
        self.questions.append(self.current)

    def _on_answer_submitted(self, event: dict, seq: int, actor: str) -> None:
        if self.current is not None:
            self.current["answers"].append(self._answer(event, seq=seq, judged=None))

    def _on_buzz_pressed(self, event: dict, seq: int, actor: str) -> None:
        if self.current is not None:
            press = self._answer(event, seq=seq)
            press["pressed_at_ms"] = event["pressed_at_ms"]
            self.current["presses"].append(press)

    def _on_buzz_answer_judged(self, event: dict, seq: int, actor: str) -> None:
        part = self.setup.part(event["part_id"])
        penalty = not event["correct"] and event["points"] < 0
        self.outcomes.append(
            (
                event["part_id"],
                AnswerOutcome(
                    mode=part.mode,
                    team=self.team_name(event["team_id"]),
                    member=self._member_key(event) if event.get("individual") else None,
                    correct=bool(event["correct"]),
                    penalty=penalty,
                ),
            )
        )
        if self.current is not None:
            self.current["answers"].append(
                self._answer(
                    event,
                    seq=seq,
                    judged={
                        "correct": bool(event["correct"]),
                        "points": _dec(event["points"]),
                        "timed_out": bool(event.get("timed_out")),
                    },
                )
            )

    def _on_revealed(self, event: dict, seq: int, actor: str) -> None:
        part = self.setup.part(event["part_id"])
        if event.get("applies_points"):
            for result in event["results"]:
                self.outcomes.append(
                    (
                        event["part_id"],
                        AnswerOutcome(
                            mode=part.mode,
                            team=self.team_name(result["team_id"]),
                            member=self._member_key(result) if result.get("individual") else None,
                            correct=bool(result["correct"]),
                            penalty=not result["correct"] and result["points"] < 0,
                        ),
                    )
                )
        if self.current is None:
            return
        self.current["revealed_at_ms"] = event["at"]
        self.current["correct"] = event.get("correct", self.current["correct"])
        if event.get("applies_points"):
            # Team-turn results come in the order the answers were given.
            for answer, result in zip(self.current["answers"], event["results"], strict=False):
                answer["judged"] = {
                    "correct": bool(result["correct"]),
                    "points": _dec(result["points"]),
                    "timed_out": bool(result.get("timed_out")),
                }

    def _on_undone(self, event: dict, seq: int, actor: str) -> None:
        if self.saved_outcomes is not None:
            self.outcomes = self.saved_outcomes
        self.saved_outcomes = None
        undo = {
            "seq": seq,
            "at_ms": event["at"],
            "action": event.get("undone_action", ""),
            "reason": event.get("reason", ""),
            "by": event.get("by", "") or actor,
        }
        self.undos.append(undo)
        if self.current is not None:
            self.current["notes"].append(undo)

    def _on_question_cleared(self, event: dict, seq: int, actor: str) -> None:
        self.current = None

    def _on_part_changed(self, event: dict, seq: int, actor: str) -> None:
        self.current = None

    def _on_correction_requested(self, event: dict, seq: int, actor: str) -> None:
        key = f"{event['part_id']}:{event['team_id']}:{event['judge_id']}"
        before = self._sheet_before.get(key) or {}
        self.corrections[event["request_id"]] = {
            "id": event["request_id"],
            "seq": seq,
            "part_id": event["part_id"],
            "part": self.part_title(event["part_id"]),
            "team": self.team_name(event["team_id"]),
            "judge": self.judge_name(event["judge_id"]),
            "old_marks": before.get("marks", {}),
            "old_total": before.get("total"),
            "new_marks": {k: _dec(v) for k, v in event["marks"].items()},
            "new_total": _dec(event["total"]),
            "reason": event["reason"],
            "requested_at_ms": event["at"],
            "requested_by": actor,
            "status": "pending",
            "note": "",
            "resolved_by": "",
            "resolved_at_ms": None,
            "resolved_seq": None,
        }

    def _on_correction_resolved(self, event: dict, seq: int, actor: str) -> None:
        entry = self.corrections.get(event["request_id"])
        if entry is not None:
            entry.update(
                status="accepted" if event["accept"] else "rejected",
                note=event.get("note", ""),
                resolved_by=event.get("by", "") or actor,
                resolved_at_ms=event["at"],
                resolved_seq=seq,
            )

    def _on_marks_released(self, event: dict, seq: int, actor: str) -> None:
        self.releases.append(
            {"seq": seq, "at_ms": event["at"], "part": self.part_title(event["part_id"])}
        )

    @property
    def _sheet_before(self) -> dict[str, dict[str, Any]]:
        # The marks as they stood just before a correction request (the state already
        # holds the request, never the new marks, until it is accepted).
        return {
            k: {
                "marks": {mk: _dec(mv) for mk, mv in sheet.marks.items()},
                "total": _dec(sheet.total),
            }
            for k, sheet in self.state.marks.items()
        }

    def _member_key(self, event: Mapping[str, Any]) -> str | None:
        return member_key(self.setup, event["team_id"], event.get("member_id"))


def member_key(setup: Setup, team_id: int, member_id: int | None) -> str | None:
    """A member's readable, unique key: "Name (Team)"."""
    team = setup.team(team_id)
    if team is None or member_id is None:
        return None
    member = next((m for m in team.members if m.id == member_id), None)
    if member is None:
        return None
    return f"{member.name} ({team.name})"


# ------------------------------------------------------------------ the results


def _criteria(part: PartSetup) -> list[CriterionSpec]:
    return [
        CriterionSpec(
            key=str(c.id), max_points=_dec(c.max_points), weight=_dec(c.weight), name=c.name
        )
        for c in part.criteria
    ]


def _judged_part(
    walk: _Walk, part: PartSetup, problems: list[str]
) -> tuple[dict[str, Any], dict[str, Decimal]]:
    state, setup = walk.state, walk.setup
    released = part.id in state.released_parts
    rubric = _criteria(part)
    info: dict[str, Any] = {
        "criteria": [
            {"key": c.key, "name": c.label, "max_points": c.max_points, "weight": c.weight}
            for c in rubric
        ],
        "rule": "",
        "teams": [],
        "flags": [],
    }
    scores: dict[str, Decimal] = {}
    if not rubric:
        problems.append(_("Phần thi %(part)s chưa có thang điểm.") % {"part": part.title})
        return info, scores
    if not released:
        problems.append(
            _("Điểm phần thi %(part)s chưa được trưởng ban giám khảo công bố.")
            % {"part": part.title}
        )
        return info, scores
    totals: dict[str, dict[str, Decimal]] = {}
    for team in setup.teams:
        sheets = sorted(
            (s for s in state.marks.values() if s.part_id == part.id and s.team_id == team.id),
            key=lambda s: s.judge_id,
        )
        missing = [j.name for j in setup.judges if j.id not in {s.judge_id for s in sheets}]
        if missing:
            problems.append(
                _("Phần thi %(part)s: đội %(team)s còn thiếu phiếu chấm của %(judges)s.")
                % {"part": part.title, "team": team.name, "judges": ", ".join(missing)}
            )
        row: dict[str, Any] = {"team": team.name, "score": None, "judge_totals": [], "sheets": []}
        for sheet in sheets:
            row["sheets"].append(
                {
                    "judge": walk.judge_name(sheet.judge_id),
                    "marks": [_dec(sheet.marks.get(c.key, 0)) for c in rubric],
                    "total": _dec(sheet.total),
                    "at_ms": sheet.at_ms,
                    "correction_id": sheet.correction_id,
                }
            )
        if sheets:
            by_judge = {
                walk.judge_name(s.judge_id): {k: _dec(v) for k, v in s.marks.items()}
                for s in sheets
            }
            try:
                scored = score_judged_part(
                    rubric, by_judge, part.aggregation, part.decimals, team=team.name
                )
            except ScoringError as exc:
                problems.append(str(exc))
            else:
                row["score"] = scored.score
                row["judge_totals"] = [
                    {"judge": jt.judge, "total": jt.total, "dropped": jt.dropped}
                    for jt in scored.judge_totals
                ]
                info["rule"] = scored.rule
                scores[team.name] = scored.score
                totals[team.name] = scored.totals_by_judge()
        info["teams"].append(row)
    threshold = DeviationThreshold(_dec(setup.unusual_mark_threshold), relative=True)
    try:
        flags = flag_unusual_marks(totals, threshold, rubric_max(rubric))
    except ScoringError as exc:
        problems.append(str(exc))
        flags = ()
    info["flags"] = [
        {"team": f.team, "judge": f.judge, "total": f.total, "median": f.median, "note": f.note}
        for f in flags
    ]
    return info, scores


def _answering(team: TeamSetup) -> tuple[int, ...]:
    return team.answering_member_ids or tuple(m.id for m in team.members)


def _knowledge(
    walk: _Walk, knowledge_parts: Sequence[PartSetup], problems: list[str]
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, Decimal]], list[MemberKnowledge]]:
    """Per-part team rows and scores, and each member's total over all knowledge parts."""
    setup = walk.setup
    team_names = [t.name for t in setup.teams]
    infos: dict[int, dict[str, Any]] = {}
    scores: dict[int, dict[str, Decimal]] = {}
    member_totals: dict[str, MemberKnowledge] = {}
    for part in knowledge_parts:
        members: dict[str, str] = {}
        if part.answer_by == "member":
            for team in setup.teams:
                for member_id in _answering(team):
                    name = member_key(setup, team.id, member_id)
                    if name:
                        members[name] = team.name
        outcomes = [o for part_id, o in walk.outcomes if part_id == part.id]
        result = score_knowledge(
            outcomes, _dec(part.points_correct), _dec(part.penalty_wrong), team_names, members
        )
        rows = []
        for row in result.teams:
            rows.append(
                {
                    "team": row.team,
                    "points": row.points,
                    "correct": row.correct_count,
                    "wrong": row.wrong_count,
                    "penalty_points": row.penalty_points,
                }
            )
            team = next(t for t in setup.teams if t.name == row.team)
            live = walk.state.part_points.get(f"{part.id}:{team.id}", 0.0)
            if _dec(live) != row.points and Decimal(live) != row.points:
                problems.append(
                    _(
                        "Điểm phần %(part)s của đội %(team)s tính lại từ nhật ký (%(a)s) khác "
                        "điểm trên màn hình (%(b)s): cần kiểm tra."
                    )
                    % {"part": part.title, "team": row.team, "a": row.points, "b": live}
                )
        infos[part.id] = {"teams": sorted(rows, key=lambda r: team_names.index(r["team"]))}
        scores[part.id] = {row.team: row.points for row in result.teams}
        for m in result.members:
            before = member_totals.get(m.member)
            if before is None:
                member_totals[m.member] = m
            else:
                member_totals[m.member] = MemberKnowledge(
                    member=m.member,
                    team=m.team,
                    points=before.points + m.points,
                    correct_count=before.correct_count + m.correct_count,
                    wrong_count=before.wrong_count + m.wrong_count,
                    penalty_count=before.penalty_count + m.penalty_count,
                    penalty_points=before.penalty_points + m.penalty_points,
                )
    return infos, scores, list(member_totals.values())


def _prize_rows(allocation: Any, describe: Any) -> dict[str, Any]:
    return {
        "awards": [
            {"label": a.label, "tier": a.tier, "rank": a.rank, **describe(a.entry)}
            for a in allocation.awards
        ],
        "boundary_ties": [t.note for t in allocation.boundary_ties],
        "pending": [{"label": p.label, "count": p.count} for p in allocation.pending],
    }


def build_results(meta: Mapping[str, Any], events: Iterable[LoggedEvent]) -> dict[str, Any]:
    """The contest's results from its log (pure: the same log always gives the same dict).

    ``meta`` holds what the log does not: the contest's name, date, place and its
    prize structures and tie-breaks (see :func:`contest_meta`).
    """
    walk = _Walk()
    for logged in events:
        walk.step(logged)
    problems: list[str] = []
    results: dict[str, Any] = {
        "contest": dict(meta),
        "log_seq": walk.last_seq,
        "started": walk.setup is not None,
        "status": walk.state.status,
        "started_at_ms": walk.state.started_at_ms,
        "finished_at_ms": walk.state.finished_at_ms,
        "problems": problems,
    }
    if walk.setup is None:
        problems.append(_("Hội thi chưa bắt đầu: nhật ký chưa có sự kiện nào."))
        results["warnings"] = []
        return jsonable(results)
    setup = walk.setup
    if walk.state.status != "finished":
        problems.append(_("Hội thi chưa kết thúc."))
    parts = sorted(setup.parts, key=lambda p: p.order)
    knowledge_parts = [p for p in parts if p.kind == "knowledge"]
    k_infos, k_scores, member_rows = _knowledge(walk, knowledge_parts, problems)
    part_rows: list[dict[str, Any]] = []
    scores_by_part: dict[int, dict[str, Decimal]] = {}
    for part in parts:
        row: dict[str, Any] = {
            "id": part.id,
            "order": part.order,
            "kind": part.kind,
            "title": part.title,
            "weight": _dec(part.weight),
            "judged": part.judged,
            "released": part.id in walk.state.released_parts,
            "mode": part.mode,
            "answer_by": part.answer_by,
            "aggregation": part.aggregation,
            "decimals": part.decimals,
            "points_correct": _dec(part.points_correct),
            "penalty_wrong": _dec(part.penalty_wrong),
        }
        if part.judged:
            info, scores = _judged_part(walk, part, problems)
        else:
            info, scores = k_infos[part.id], k_scores[part.id]
        row.update(info)
        scores_by_part[part.id] = scores
        part_rows.append(row)
    results["parts"] = part_rows
    results["teams"] = [
        {
            "id": t.id,
            "number": t.number,
            "name": t.name,
            "unit": t.unit_name,
            "members": [{"id": m.id, "name": m.name, "position": m.position} for m in t.members],
        }
        for t in sorted(setup.teams, key=lambda t: t.number)
    ]
    results["judges"] = [{"id": j.id, "name": j.name, "is_head": j.is_head} for j in setup.judges]
    results["questions"] = walk.questions
    results["stages"] = walk.stages
    results["corrections"] = [walk.corrections[k] for k in sorted(walk.corrections)]
    results["undos"] = walk.undos
    results["releases"] = walk.releases
    pending = [c for c in walk.corrections.values() if c["status"] == "pending"]
    for corr in pending:
        problems.append(
            _("Yêu cầu điều chỉnh điểm số %(id)s (%(judge)s, đội %(team)s) chưa được xử lý.")
            % {"id": corr["id"], "judge": corr["judge"], "team": corr["team"]}
        )
    penalties: dict[str, Decimal] = {}
    for info in k_infos.values():
        for row in info["teams"]:
            penalties[row["team"]] = penalties.get(row["team"], Decimal(0)) + row["penalty_points"]
    results.update(_standings(meta, setup, parts, scores_by_part, penalties, member_rows, problems))
    results["warnings"] = (
        [flag["note"] for part in part_rows for flag in part.get("flags", [])]
        + results["standings"]["unresolved"]
        + results["members"]["unresolved"]
        + results["team_prizes"]["boundary_ties"]
        + results["individual_prizes"]["boundary_ties"]
    )
    return jsonable(results)


def _standings(
    meta: Mapping[str, Any],
    setup: Setup,
    parts: Sequence[PartSetup],
    scores_by_part: Mapping[int, Mapping[str, Decimal]],
    penalties: Mapping[str, Decimal],
    member_rows: list[MemberKnowledge],
    problems: list[str],
) -> dict[str, Any]:
    specs = [PartSpec(str(p.id), p.kind, _dec(p.weight), p.title) for p in parts]
    units = {t.name: t.unit_name for t in setup.teams}
    team_results = [
        TeamResult(
            team.name,
            {str(p.id): scores_by_part[p.id].get(team.name) for p in parts},
            penalty_points=penalties.get(team.name, Decimal(0)),
        )
        for team in setup.teams
    ]
    decimals = max((p.decimals for p in parts if p.judged), default=2)
    out: dict[str, Any] = {}
    try:
        tie_breaks = parse_tie_breaks(meta.get("tie_breaks") or "knowledge,skit,penalties,draw")
        standings = compute_standings(
            specs,
            team_results,
            tie_breaks,
            draw=None,
            decimals=decimals,
            partial=True,
        )
    except ScoringError as exc:
        problems.append(str(exc))
        empty = {"awards": [], "boundary_ties": [], "pending": []}
        return {
            "standings": {"rows": [], "decisions": [], "unresolved": [], "tie_breaks": []},
            "members": {"rows": [], "unresolved": []},
            "team_prizes": empty,
            "individual_prizes": dict(empty),
        }
    out["standings"] = {
        "rows": [
            {
                "rank": r.rank,
                "team": r.team,
                "unit": units.get(r.team, ""),
                "parts": [
                    {"key": p.key, "title": p.title, "score": p.score, "weighted": p.weighted}
                    for p in r.parts
                ],
                "total": r.total,
                "penalty_points": r.penalty_points,
                "tied": r.tied,
                "above_next_by": r.above_next_by or "",
                "reason": describe_criterion(r.above_next_by) if r.above_next_by else "",
            }
            for r in standings.rows
        ],
        "decisions": [d.note for d in standings.decisions],
        "unresolved": [u.note for u in standings.unresolved],
        "tie_breaks": [describe_criterion(t) for t in tie_breaks],
        "draw_pending": DRAW in tie_breaks and bool(standings.unresolved),
    }
    try:
        team_prizes = allocate_prizes(standings.rows, meta.get("team_prizes") or "1,1,1")
        out["team_prizes"] = _prize_rows(
            team_prizes, lambda r: {"name": r.team, "team": r.team, "unit": units.get(r.team, "")}
        )
    except ScoringError as exc:
        problems.append(str(exc))
        out["team_prizes"] = {"awards": [], "boundary_ties": [], "pending": []}
    ranking = rank_members(member_rows)
    names = _member_names(setup)
    out["members"] = {
        "rows": [
            {
                "rank": m.rank,
                "key": m.member,
                "name": names.get(m.member, m.member),
                "team": m.team,
                "points": m.points,
                "correct": m.correct_count,
                "wrong": m.wrong_count,
                "tied": m.tied,
            }
            for m in ranking.rows
        ],
        "unresolved": [u.note for u in ranking.unresolved],
    }
    if ranking.rows:
        try:
            allocation = allocate_prizes(
                ranking.rows,
                meta.get("individual_prizes") or "1,1,2,3",
                name_of=lambda m: m.member,
            )
            out["individual_prizes"] = _prize_rows(
                allocation,
                lambda m: {
                    "name": names.get(m.member, m.member),
                    "team": m.team,
                    "unit": units.get(m.team, ""),
                },
            )
        except ScoringError as exc:
            problems.append(str(exc))
            out["individual_prizes"] = {"awards": [], "boundary_ties": [], "pending": []}
    else:
        out["individual_prizes"] = {"awards": [], "boundary_ties": [], "pending": []}
    return out


def _member_names(setup: Setup) -> dict[str, str]:
    return {f"{m.name} ({t.name})": m.name for t in setup.teams for m in t.members}


# ------------------------------------------------------------------ database side


def contest_meta(contest: Any) -> dict[str, Any]:
    """What the results need from the Contest row (the log holds the rest)."""
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
        "tie_breaks": contest.tie_breaks,
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


def compile_results(contest: Any) -> dict[str, Any]:
    """Fold the contest's whole log into its results."""
    return build_results(contest_meta(contest), load_log(contest.id))
