"""What each role may do now: the reducer's own ``decide`` tried without applying.

A view's ``can`` map is made by asking ``reducer.decide`` about each command a
console offers, at the time of the state's last event, with the role's actor:
a button is enabled exactly when ``hall.services.run`` would accept its command
(the clock aside: a deadline passing sends a ``tick``, whose event refreshes the
map). No rule is restated here, and none in the browser.

Commands that take an argument are tried for each value a console offers (each
part, each team, each open judging slot...); a tile, a choice or a mark sheet is
tried with a representative value (the first free tile, the first option, an
all-zero sheet), which the deciders treat like any other.
"""

from __future__ import annotations

from typing import Any

from hall.engine import commands as c
from hall.engine.commands import Actor
from hall.engine.common import Context, answering_members
from hall.engine.reducer import Refusal, decide
from hall.engine.scoreboard import scoreboard
from hall.engine.state import HallState

__all__ = ["draw_lots_allowed", "judge_can", "mc_can", "team_can"]

MC = Actor(role="mc", user="mc")


def _ok(state: HallState, actor: Actor, command: Any) -> bool:
    ctx = Context(now_ms=state.last_event_at_ms, actor=actor, seed=0)
    return not isinstance(decide(state, command, ctx), Refusal)


def _free_tile(state: HallState) -> int:
    board = state.boards.get(str(state.part_id))
    if board is None:
        return 1
    burned = set(state.burned)
    for tile, qid in enumerate(board.order, start=1):
        if tile not in board.used_tiles and qid not in burned:
            return tile
    return 1


def draw_lots_allowed(
    state: HallState, actor: Actor, kinds: tuple[str, ...] = ("teams", "members")
) -> list[dict]:
    """The ties ``actor`` may settle by drawing lots now: ``[{kind, ids}]``."""
    if state.setup is None or state.status != "finished":
        return []
    board = scoreboard(state)
    candidates = []
    if "teams" in kinds:
        candidates += [("teams", tie.entries) for tie in board.standings.unresolved]
    if "members" in kinds:
        candidates += [("members", tie.entries) for tie in board.members.unresolved]
    return [
        {"kind": kind, "ids": list(ids)}
        for kind, ids in candidates
        if _ok(state, actor, c.DrawLots(kind=kind, ids=list(ids)))
    ]


def mc_can(state: HallState) -> dict:
    setup = state.setup
    if setup is None:
        return {}

    def ok(command: Any) -> bool:
        return _ok(state, MC, command)

    def stage(team_id: int) -> bool:
        if ok(c.StageTeam(team_id=team_id)):
            return True
        part = state.part
        return bool(part and part.kind == "skit" and ok(c.StageTeam(team_id=team_id, cast_size=1)))

    stage_now = state.stage
    return {
        "start_contest": ok(c.StartContest(setup=setup)) if state.status == "ready" else False,
        "pause": ok(c.Pause()),
        "resume": ok(c.Resume()),
        "finish": ok(c.Finish()),
        "next_part": ok(c.NextPart()),
        "undo": ok(c.Undo(reason="·")),
        "goto_part": {str(p.id): ok(c.GotoPart(part_id=p.id)) for p in setup.parts},
        "release_marks": {
            str(p.id): ok(c.ReleaseMarks(part_id=p.id)) for p in setup.parts if p.judged
        },
        "stage_team": {str(t.id): stage(t.id) for t in setup.teams},
        "start_timer": ok(c.StartTimer()),
        "stop_timer": ok(c.StopTimer()),
        "open_judging": ok(c.OpenJudging()),
        "close_judging": bool(stage_now) and ok(c.CloseJudging(team_id=stage_now.team_id)),
        "call_team": {str(t.id): ok(c.CallTeam(team_id=t.id)) for t in setup.teams},
        "draw": ok(c.Draw()),
        "pick_tile": ok(c.PickTile(tile=_free_tile(state))),
        "open_answering": ok(c.OpenAnswering()),
        "open_buzz": ok(c.OpenBuzz()),
        "close_answering": ok(c.CloseAnswering()),
        "reveal": ok(c.Reveal()),
        "clear_question": ok(c.ClearQuestion()),
        # on stage: the teams' ties (members' ties are drawn from the results page, where
        # the contest says whether its individual prizes come from the hall at all)
        "draw_lots": draw_lots_allowed(state, MC, ("teams",)),
        "show_lots": bool(state.lots) and ok(c.ShowLots(draw_id=None)),
    }


def team_can(state: HallState, team_id: int | None) -> dict:
    setup = state.setup
    team = setup.team(team_id) if setup else None
    if team is None:
        return {}
    actor = Actor(role="team", team_id=team.id)
    q = state.question
    question = setup.question(q.question_id) if q else None
    choice = question.labels[0] if question and question.labels else "A"
    members = [m for m in answering_members(team) if _ok(state, actor, c.AnswerCmd(choice, m))]
    return {
        "pick_tile": _ok(state, actor, c.PickTile(tile=_free_tile(state))),
        "answer": bool(members) or _ok(state, actor, c.AnswerCmd(choice, None)),
        "answer_members": members,
        "buzz": q is not None and _ok(state, actor, c.Buzz()),
    }


def judge_can(state: HallState, judge_id: int | None, head: bool) -> dict:
    setup = state.setup
    if setup is None or setup.judge(judge_id) is None:
        return {}
    actor = Actor(role="head_judge" if head else "judge", judge_id=judge_id)
    submit = []
    for slot in state.judging_open:
        part = setup.part(slot.part_id)
        zero = {str(crit.id): 0.0 for crit in part.criteria} if part else {}
        cmd = c.SubmitMarks(part_id=slot.part_id, team_id=slot.team_id, marks=zero)
        if _ok(state, actor, cmd):
            submit.append(f"{slot.part_id}:{slot.team_id}")
    correct = [
        f"{s.part_id}:{s.team_id}"
        for s in state.marks.values()
        if s.judge_id == judge_id
        and _ok(
            state,
            actor,
            c.RequestCorrection(
                part_id=s.part_id, team_id=s.team_id, marks=dict(s.marks), reason="·"
            ),
        )
    ]
    can: dict = {"submit_marks": submit, "request_correction": sorted(correct)}
    if head:
        can["resolve_correction"] = [
            x.id
            for x in state.corrections
            if _ok(state, actor, c.ResolveCorrection(request_id=x.id, accept=False))
        ]
        can["release_marks"] = [
            p.id for p in setup.parts if p.judged and _ok(state, actor, c.ReleaseMarks(p.id))
        ]
    return can
