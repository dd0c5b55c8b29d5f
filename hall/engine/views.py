"""What each role may see. The ONLY place that decides it.

Rules (security critical):
- only the MC sees correct answers before the reveal, the tile → question order and
  questions that have not been drawn;
- unreleased marks go only to the MC, the head judge and the judge who gave them;
- a team sees its own choices; others see who answered, not what, until the reveal.

Every figure in a view comes from ``hall.engine.scoreboard`` (``scoring``) as the
canonical decimal string of ``scoring.numbers.wire`` ("85.13"): clients only
format it for their language. Each role's view also says what it may do now
(``can``, from ``hall.engine.can``: the reducer's own deciders).
"""

from __future__ import annotations

from decimal import Decimal

import msgspec

from hall.engine import can as permits
from hall.engine.common import criteria_of
from hall.engine.events import Event, to_payload
from hall.engine.rules_quiz import pending_deadline
from hall.engine.scoreboard import scoreboard
from hall.engine.state import Correction, HallState, MarkSheet, QuestionState, Result, Setup
from scoring.hall import Scoreboard
from scoring.numbers import from_log, wire
from scoring.rules import judge_total, sum_points

PODIUM_RANKS = 3


class Audience(msgspec.Struct, frozen=True):
    role: str  # "mc" | "screen" | "team" | "judge" | "head_judge"
    team_id: int | None = None
    judge_id: int | None = None


def audience_key(a: Audience) -> str:
    """ "mc", "screen", "head_judge:7", "judge:7", "team:3"."""
    if a.role == "team":
        return f"team:{a.team_id}"
    if a.role in ("judge", "head_judge"):
        return f"{a.role}:{a.judge_id}"
    return a.role


def _b(value: object) -> object:
    return msgspec.to_builtins(value)


def _w(value: Decimal | None) -> str | None:
    return wire(value)


def _points(value: float) -> str:
    """Points a rule gave one answer, as recorded in the log."""
    return wire(from_log(value))


# ------------------------------------------------------------------ public parts
def _contest(setup: Setup) -> dict:
    return {
        "id": setup.contest_id,
        "name": setup.name,
        "theme": setup.theme,
        "province": setup.province,
        "year": setup.year,
        "venue": setup.venue,
    }


def _parts(state: HallState, board: Scoreboard) -> list[dict]:
    return [
        {
            "id": p.id,
            "order": p.order,
            "kind": p.kind,
            "title": p.title,
            "weight": p.weight,
            "mode": p.mode,
            "answer_by": p.answer_by,
            "answer_seconds": p.answer_seconds,
            "presentation_seconds": p.presentation_seconds,
            "points_correct": p.points_correct,
            "penalty_wrong": p.penalty_wrong,
            "max_answering_members": p.max_answering_members,
            "questions_per_team": p.questions_per_team,
            "aggregation": p.aggregation,
            "decimals": p.decimals,
            "criteria": _b(p.criteria),
            "max_total": _w(board.judged[p.id].max_total) if p.judged else None,
            "tiles": len(p.question_ids) if p.kind == "knowledge" else 0,
            "released": p.id in state.released_parts,
        }
        for p in sorted(state.setup.parts, key=lambda p: p.order)
    ]


def _stage(state: HallState) -> dict | None:
    stage = state.stage
    if stage is None:
        return None
    timer = stage.timer
    elapsed = None
    if timer.started_at_ms is not None and timer.stopped_at_ms is not None:
        elapsed = timer.stopped_at_ms - timer.started_at_ms
    return {
        "part_id": stage.part_id,
        "team_id": stage.team_id,
        "cast_size": stage.cast_size,
        "timer": {
            "limit_ms": timer.limit_ms,
            "started_at_ms": timer.started_at_ms,
            "stopped_at_ms": timer.stopped_at_ms,
            "running": timer.started_at_ms is not None and timer.stopped_at_ms is None,
            "elapsed_ms": elapsed,
            "overtime_ms": max(0, elapsed - timer.limit_ms) if elapsed is not None else None,
        },
    }


def _board(state: HallState) -> dict | None:
    board = state.boards.get(str(state.part_id))
    if board is None:
        return None
    burned = set(state.burned)
    used = [
        tile
        for tile, qid in enumerate(board.order, start=1)
        if tile in board.used_tiles or qid in burned
    ]
    return {
        "part_id": board.part_id,
        "tiles": len(board.order),
        "used": used,
        "available": [t for t in range(1, len(board.order) + 1) if t not in used],
    }


def _outcome(r: Result) -> str:
    if r.timed_out:
        return "timeout"
    return "right" if r.correct else "wrong"


def _public_judged(r: Result) -> dict:
    return {
        "team_id": r.team_id,
        "member_id": r.member_id,
        "outcome": _outcome(r),
        "points": _points(r.points),
    }


def _result(r: Result) -> dict:
    return {**_b(r), "points": _points(r.points)}


def _press(p) -> dict:
    return _b(p)


def _question_public(state: HallState, q: QuestionState) -> dict:
    question = state.setup.question(q.question_id)
    view = {
        "part_id": q.part_id,
        "question_id": q.question_id,
        "code": question.code,
        "text": question.text,
        "area": question.area,
        "options": [{"label": label, "text": text} for label, text in question.options],
        "tile": q.tile,
        "mode": q.mode,
        "phase": q.phase,
        "team_id": q.team_id,
        "drawn_at_ms": q.drawn_at_ms,
        "deadline_ms": q.deadline_ms,
        "answered": [{"team_id": a.team_id, "member_id": a.member_id} for a in q.answers],
        "pressed_team_ids": [p.team_id for p in q.presses],
        "window_ends_ms": q.window_ends_ms,
        "winner_team_id": q.winner_team_id,
        "winner_member_id": q.winner_member_id,
        "order": [_press(p) for p in q.order],
        "ties": [list(t) for t in q.ties],
        "tried_team_ids": list(q.tried_team_ids),
        "judged": [_public_judged(r) for r in q.judged],
    }
    if q.phase == "revealed":
        view["correct"] = question.correct
        view["explanation"] = question.explanation
        view["results"] = [_result(r) for r in q.results]
    return view


def _released_marks(state: HallState, board: Scoreboard) -> list[dict]:
    return [
        _sheet(s, board)
        for s in sorted(state.marks.values(), key=lambda s: (s.part_id, s.team_id, s.judge_id))
        if s.part_id in state.released_parts
    ]


def _sheet(s: MarkSheet, board: Scoreboard) -> dict:
    """A judge's sheet: the marks as typed, the total as scoring computes it."""
    total = board.judge_totals.get((s.part_id, s.team_id, s.judge_id))
    return {**_b(s), "total": _w(total), "locked": True}


def _part_scores(board: Scoreboard, part_id: int) -> list[dict]:
    """A judged part's scores, best first (equal scores share the rank)."""
    judged = board.judged[part_id]
    return [
        {"team_id": team_id, "score": _w(judged.scores[team_id].score), "rank": rank}
        for team_id, rank in judged.ranking
    ]


def _standings(setup: Setup, board: Scoreboard) -> list[dict]:
    rows = []
    for r in board.standings.rows:
        team = setup.team(r.team)
        rows.append(
            {
                "team_id": r.team,
                "number": team.number,
                "name": team.name,
                "unit_name": team.unit_name,
                "rank": r.rank,
                "tied": r.tied,
                "above_next_by": r.above_next_by or "",
                "knowledge": _w(board.team_knowledge[r.team]),
                "penalties": _w(board.penalties[r.team]),
                "parts": {str(line.key): _w(line.score) for line in r.parts},
                "total": _w(r.total),
            }
        )
    return rows


def _podium(board: Scoreboard) -> list[dict]:
    """The steps of the podium: ranks 1–3, every team of a shared rank on the same step."""
    steps: list[dict] = []
    for r in board.standings.rows:
        if r.rank > PODIUM_RANKS:
            break
        if steps and steps[-1]["rank"] == r.rank:
            steps[-1]["team_ids"].append(r.team)
        else:
            steps.append({"rank": r.rank, "team_ids": [r.team], "total": _w(r.total)})
    return steps


def _lots(state: HallState) -> list[dict]:
    return [
        {
            "id": lots.id,
            "kind": lots.kind,
            "ids": list(lots.ids),
            "order": list(lots.order),
            "tied_at": lots.tied_at,
            "by": lots.by,
            "at_ms": lots.at_ms,
        }
        for lots in state.lots
    ]


def public_view(state: HallState) -> dict:
    """What every audience sees (without its ``audience`` key): computed once per event."""
    setup = state.setup
    view: dict = {
        "status": state.status,
        "started_at_ms": state.started_at_ms,
        "paused_at_ms": state.paused_at_ms,
        "finished_at_ms": state.finished_at_ms,
        "last_event_at_ms": state.last_event_at_ms,
    }
    if setup is None:
        view["contest"] = None
        return view
    board = scoreboard(state)
    view.update(
        {
            "contest": _contest(setup),
            "parts": _parts(state, board),
            "part_id": state.part_id,
            "teams": _b(setup.teams),
            "judges": _b(setup.judges),
            "stage": _stage(state),
            "judging_open": _b(state.judging_open),
            "turn_team_id": state.turn_team_id,
            "board": _board(state),
            "question": _question_public(state, state.question) if state.question else None,
            "released_marks": _released_marks(state, board),
            "released_scores": {
                str(p.id): _part_scores(board, p.id)
                for p in setup.parts
                if p.judged and p.id in state.released_parts
            },
            "member_points": {str(m): _w(v) for m, v in board.member_points.items()},
            "standings": _standings(setup, board),
            "podium": _podium(board),
            "lots": _lots(state),
            "lots_shown": state.lots_shown,
        }
    )
    return view


# --------------------------------------------------------------- role extras
def _correction(x: Correction, state: HallState) -> dict:
    """A correction request: its marks as typed, its total as scoring computes it."""
    part = state.setup.part(x.part_id)
    total = judge_total(criteria_of(part), {k: from_log(v) for k, v in x.marks.items()})
    return {**_b(x), "total": _w(total)}


def _flags(board: Scoreboard) -> list[dict]:
    return [
        {
            "part_id": part_id,
            "team_id": f.team,
            "judge_id": f.judge,
            "total": _w(f.total),
            "median_others": _w(f.median),
            "deviation": _w(f.deviation),
        }
        for part_id, judged in board.judged.items()
        for f in judged.flags
    ]


def _all_marks(state: HallState) -> dict:
    board = scoreboard(state)
    return {
        "all_marks": [
            _sheet(s, board)
            for s in sorted(state.marks.values(), key=lambda s: (s.part_id, s.team_id, s.judge_id))
        ],
        "corrections": [_correction(x, state) for x in state.corrections],
        "pending_corrections": [
            _correction(x, state) for x in state.corrections if x.status == "pending"
        ],
        "flags": _flags(board),
        "provisional_scores": {
            str(p.id): _part_scores(board, p.id) for p in state.setup.parts if p.judged
        },
    }


def _mc(state: HallState) -> dict:
    extra = _all_marks(state)
    q = state.question
    if q is not None:
        question = state.setup.question(q.question_id)
        full = _b(q)
        full.update(
            correct=question.correct,
            explanation=question.explanation,
            judged=[_result(r) for r in q.judged],
            results=[_result(r) for r in q.results],
        )
        extra["question_full"] = full
    else:
        extra["question_full"] = None
    extra.update(
        {
            "boards": _b(state.boards),
            "burned": list(state.burned),
            "draws": dict(state.draws),
            "answered_members": _b(state.answered_members),
            "undo": {"available": state.prev is not None, "action": state.prev_action},
            "next_deadline_ms": pending_deadline(state),
            "can": permits.mc_can(state),
        }
    )
    return extra


def _buzz_state(q: QuestionState | None, team_id: int) -> str:
    if q is None or q.mode != "buzz_in":
        return "none"
    if team_id in q.tried_team_ids:
        return "locked"
    pressed = any(p.team_id == team_id for p in q.presses)
    if q.phase == "shown":
        return "waiting"
    if q.phase == "buzzing":
        return "pressed" if pressed else "open"
    if q.phase == "buzz_answering":
        if q.winner_team_id == team_id:
            return "first"
        return "locked" if pressed else "late"
    return "closed"


def _team(state: HallState, team_id: int | None) -> dict:
    team = state.setup.team(team_id)
    if team is None:
        return {"team_id": team_id, "known": False}
    q = state.question
    part_id = state.part_id
    mine = [a for a in q.answers if a.team_id == team_id] if q else []
    judged = [r for r in q.judged if r.team_id == team_id] if q else []
    revealed = [r for r in q.results if r.team_id == team_id] if q else []
    part = state.part
    return {
        "team_id": team_id,
        "known": True,
        "answering_member_ids": list(team.answering_member_ids),
        "answered_members": list(state.answered_members.get(f"{part_id}:{team_id}", ())),
        "my_answers": [{"member_id": a.member_id, "choice": a.choice} for a in mine],
        "my_judged": [{**_public_judged(r), "choice": r.choice} for r in judged],
        "buzz_state": _buzz_state(q, team_id),
        "is_turn": state.turn_team_id == team_id,
        "draws_used": state.draws.get(f"{part_id}:{team_id}", 0),
        "draws_allowed": part.questions_per_team if part and part.kind == "knowledge" else 0,
        # this team's points on the question on stage once revealed (its answers together)
        "question_points": _w(sum_points(r.points for r in revealed)) if revealed else None,
        "can": permits.team_can(state, team_id),
    }


def _judge(state: HallState, judge_id: int | None, head: bool) -> dict:
    judge = state.setup.judge(judge_id)
    board = scoreboard(state)
    own = sorted(
        (s for s in state.marks.values() if s.judge_id == judge_id),
        key=lambda s: (s.part_id, s.team_id),
    )
    marked = {(s.part_id, s.team_id) for s in own}
    return {
        "judge_id": judge_id,
        "known": judge is not None,
        "is_head": bool(judge and judge.is_head),
        "my_marks": [_sheet(s, board) for s in own],
        "my_corrections": [
            _correction(x, state) for x in state.corrections if x.judge_id == judge_id
        ],
        "to_mark": [
            {"part_id": s.part_id, "team_id": s.team_id}
            for s in state.judging_open
            if (s.part_id, s.team_id) not in marked
        ],
        "can": permits.judge_can(state, judge_id, head),
    }


def project_state(state: HallState, audience: Audience, public: dict | None = None) -> dict:
    """The full view of the hall for one audience (JSON-able).

    ``public`` is ``public_view(state)`` when the caller projects the same state
    for several audiences (the hub's fan-out); its values are shared, not copied.
    """
    view = {
        "audience": audience_key(audience),
        **(public_view(state) if public is None else public),
    }
    if state.setup is None:
        return view
    role = audience.role
    if role == "mc":
        view.update(_mc(state))
    elif role == "team":
        view["team"] = _team(state, audience.team_id)
    elif role in ("judge", "head_judge"):
        judge = state.setup.judge(audience.judge_id)
        head = role == "head_judge" and judge is not None and judge.is_head
        view["judge"] = _judge(state, audience.judge_id, head)
        if head:
            view.update(_all_marks(state))
    return view


# ------------------------------------------------------------------- events
_PUBLIC_KEYS: dict[str, tuple[str, ...]] = {
    "contest_started": (),
    "paused": (),
    "resumed": ("paused_ms",),
    "finished": (),
    "part_changed": ("part_id", "kind", "mode"),
    "board_made": ("part_id", "tiles"),
    "team_staged": ("part_id", "team_id", "cast_size", "limit_ms"),
    "timer_started": ("team_id", "limit_ms"),
    "timer_stopped": ("team_id", "elapsed_ms", "overtime_ms"),
    "judging_opened": ("part_id", "team_id"),
    "judging_closed": ("slots",),
    "marks_released": ("part_id",),
    "team_called": ("part_id", "team_id"),
    "question_drawn": ("part_id", "tile", "question_id", "team_id", "mode"),
    "answering_opened": ("question_id", "deadline_ms"),
    "answering_closed": ("question_id", "reason"),
    "answer_submitted": ("part_id", "question_id", "team_id", "member_id"),
    "buzz_opened": ("question_id",),
    "buzz_pressed": (
        "part_id",
        "question_id",
        "team_id",
        "member_id",
        "pressed_at_ms",
        "received_at_ms",
        "window_ends_ms",
    ),
    "buzz_verdict": (
        "question_id",
        "winner_team_id",
        "winner_member_id",
        "order",
        "ties",
        "deadline_ms",
    ),
    "buzz_answer_judged": ("part_id", "question_id", "team_id", "member_id", "points", "timed_out"),
    "buzz_reopened": ("question_id", "excluded_team_ids"),
    "revealed": (
        "part_id",
        "question_id",
        "correct",
        "explanation",
        "results",
        "applies_points",
    ),
    "question_cleared": ("question_id",),
    "undone": ("undone_action", "reason", "by"),
    "lots_drawn": ("draw_id", "kind", "ids", "order", "tied_at", "by"),
    "lots_shown": ("draw_id",),
}

_MARK_EVENTS = frozenset({"marks_submitted", "correction_requested", "correction_resolved"})


def _sees_marks_of(state: HallState, audience: Audience, judge_id: int) -> bool:
    if audience.role == "mc":
        return True
    if audience.role == "head_judge":
        judge = state.setup.judge(audience.judge_id) if state.setup else None
        return bool(judge and judge.is_head)
    return audience.role == "judge" and audience.judge_id == judge_id


def project_event(event: dict | Event, state_after: HallState, audience: Audience) -> dict | None:
    """What of ``event`` (a log entry or a typed event) this audience may see; None means
    it is not delivered to it."""
    if not isinstance(event, dict):
        event = to_payload(event)
    kind = event.get("type")
    if audience.role == "mc":
        return dict(event)
    if kind in _MARK_EVENTS:
        if _sees_marks_of(state_after, audience, event["judge_id"]):
            return {k: v for k, v in event.items() if k != "checkpoint"}
        released = event["part_id"] in state_after.released_parts
        if kind == "marks_submitted" and released:
            return {
                k: event[k]
                for k in ("type", "at", "judge_id", "part_id", "team_id", "marks", "total")
            }
        if kind == "correction_resolved" and released and event["accept"]:
            return {
                k: event[k]
                for k in ("type", "at", "judge_id", "part_id", "team_id", "marks", "total")
            }
        return None
    keys = _PUBLIC_KEYS.get(kind)
    if keys is None:
        return None
    view = {"type": kind, "at": event.get("at")}
    view.update({k: event[k] for k in keys if k in event})
    if kind == "question_drawn" and state_after.setup is not None:
        question = state_after.setup.question(event["question_id"])
        view["text"] = question.text
        view["options"] = [{"label": lb, "text": tx} for lb, tx in question.options]
    own_team = audience.role == "team" and audience.team_id == event.get("team_id")
    if kind == "answer_submitted" and own_team:
        view["choice"] = event["choice"]
    if kind == "buzz_answer_judged":
        view["outcome"] = (
            "timeout" if event["timed_out"] else ("right" if event["correct"] else "wrong")
        )
        if own_team:
            view["choice"] = event["choice"]
    return view


# ------------------------------------------------------------------- view changes
def view_changes(before: dict, after: dict) -> tuple[dict, list[str]]:
    """The top-level keys of ``after`` that differ from ``before``, and the keys it dropped.

    Live frames carry these instead of the whole view: a client holding the view
    at ``seq - 1`` gets the view at ``seq`` with ``apply_view_changes``.
    """
    changed = {k: v for k, v in after.items() if k not in before or before[k] != v}
    removed = [k for k in before if k not in after]
    return changed, removed


def apply_view_changes(view: dict, changed: dict, removed: list[str] | None = None) -> dict:
    """The view after a live frame's ``view_changes`` (and ``view_removed``)."""
    out = {**view, **changed}
    for key in removed or ():
        out.pop(key, None)
    return out
