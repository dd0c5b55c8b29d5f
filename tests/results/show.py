"""A scripted show for the results tests: real commands through ``hall.services.run``."""

from __future__ import annotations

from dataclasses import dataclass, field

from hall import services
from hall.engine.commands import Actor
from hall.models import Event
from tests.factories import HallFixture

MC = Actor(role="mc", user="mc")
START_MS = 1_700_000_000_000


@dataclass
class Show:
    """Drives one contest with a fake clock so every time in the log is known."""

    hall: HallFixture
    now: int = START_MS
    refusals: list[str] = field(default_factory=list)
    counter: int = 0

    @property
    def contest_id(self) -> int:
        return self.hall.contest.id

    def judge(self, n: int) -> Actor:
        """Judge number ``n`` (0-based); the first one is the head judge."""
        return Actor(role="judge", judge_id=self.hall.judges[n].id, user=f"gk{n + 1}")

    def head(self) -> Actor:
        return Actor(role="head_judge", judge_id=self.hall.judges[0].id, user="gk1")

    def team(self, n: int) -> Actor:
        return Actor(role="team", team_id=self.hall.teams[n].id)

    def do(self, actor: Actor, msg: dict, step_ms: int = 1000) -> list[dict]:
        """Run one command; a refusal fails the script loudly."""
        self.now += step_ms
        self.counter += 1
        outcome = services.run(
            self.contest_id, msg, actor, f"cmd-{self.counter}", received_ms=self.now
        )
        if not outcome.accepted:
            raise AssertionError(f"{msg['type']} refused: {outcome.code} {outcome.reason}")
        return [e["event"] for e in outcome.events]

    def try_do(self, actor: Actor, msg: dict, step_ms: int = 1000) -> bool:
        """Run one command that may be refused (property tests)."""
        self.now += step_ms
        self.counter += 1
        outcome = services.run(
            self.contest_id, msg, actor, f"cmd-{self.counter}", received_ms=self.now
        )
        if not outcome.accepted:
            self.refusals.append(outcome.code)
        return outcome.accepted

    # ------------------------------------------------------------------ helpers
    def criteria(self, part_index: int) -> list[str]:
        part = self.hall.parts[part_index]
        return [str(c.id) for c in part.rubric.criteria.order_by("order", "id")]

    def judged_part(self, part_index: int, marks: dict[tuple[int, int], tuple[float, float]]):
        """Stage every team, open judging, every judge marks it, close; ``marks[(team, judge)]``."""
        part = self.hall.parts[part_index]
        keys = self.criteria(part_index)
        self.do(MC, {"type": "goto_part", "part_id": part.id})
        for t, team in enumerate(self.hall.teams):
            self.do(MC, {"type": "stage_team", "team_id": team.id})
            self.do(MC, {"type": "start_timer"})
            self.do(MC, {"type": "stop_timer"}, step_ms=240_000)
            self.do(MC, {"type": "open_judging"})
            for j in range(len(self.hall.judges)):
                values = marks[(t, j)]
                self.do(
                    self.judge(j),
                    {
                        "type": "submit_marks",
                        "part_id": part.id,
                        "team_id": team.id,
                        "marks": dict(zip(keys, values, strict=True)),
                    },
                )
            self.do(MC, {"type": "close_judging", "team_id": team.id})

    def release(self, part_index: int) -> None:
        self.do(self.head(), {"type": "release_marks", "part_id": self.hall.parts[part_index].id})

    def members(self, team_index: int) -> list[int]:
        team = self.hall.teams[team_index]
        return [m.id for m in team.members.filter(answers_knowledge=True).order_by("order")]

    def last_drawn(self) -> dict:
        event = Event.objects.filter(contest_id=self.contest_id, type="question_drawn").last()
        return event.payload

    def correct_of(self, question_id: int) -> str:
        from hall.models import Option

        return Option.objects.get(question_id=question_id, is_correct=True).label


def wrong_of(correct: str) -> str:
    return "A" if correct != "A" else "B"


INTRO_MARKS = {
    # Final totals: team 1 208, teams 2 and 3 tied on 153.67 (team 3 ahead on knowledge)
    (0, 0): (50, 35),
    (0, 1): (52, 36),
    (0, 2): (48, 34),
    (1, 0): (40, 30),
    (1, 1): (42, 28),
    (1, 2): (25, 20),  # far from the other judges' 70: an unusual mark
    (2, 0): (41, 29),
    (2, 1): (43, 27),
    (2, 2): (20, 10),  # a slip, corrected to (42, 28) on request
}
SKIT_MARKS = {
    (0, 0): (55, 38),
    (0, 1): (54, 37),
    (0, 2): (56, 39),
    (1, 0): (45, 30),
    (1, 1): (46, 31),
    (1, 2): (47, 32),
    (2, 0): (33, 20),
    (2, 1): (34, 20),
    (2, 2): (34, 20),
}


def run_full_show(show: Show) -> None:
    """Intro, team-turn knowledge, buzz-in knowledge, skit, corrections, release, finish."""
    hall = show.hall
    show.do(MC, {"type": "start_contest"})
    show.judged_part(0, INTRO_MARKS)
    # Judge 3 asks to correct the unusual mark for team 3 (accepted); judge 2 asks too (rejected).
    show.do(
        show.judge(2),
        {
            "type": "request_correction",
            "part_id": hall.parts[0].id,
            "team_id": hall.teams[2].id,
            "marks": dict(zip(show.criteria(0), (42, 28), strict=True)),
            "reason": "Nhập nhầm điểm tiêu chí",
        },
    )
    show.do(show.head(), {"type": "resolve_correction", "request_id": 1, "accept": True})
    show.do(
        show.judge(1),
        {
            "type": "request_correction",
            "part_id": hall.parts[0].id,
            "team_id": hall.teams[0].id,
            "marks": dict(zip(show.criteria(0), (60, 40), strict=True)),
            "reason": "Muốn nâng điểm",
        },
    )
    show.do(
        show.head(),
        {"type": "resolve_correction", "request_id": 2, "accept": False, "note": "Không có căn cứ"},
    )
    show.release(0)

    # Knowledge, team turn: each team draws one question; its three members answer.
    know = hall.parts[1]
    show.do(MC, {"type": "goto_part", "part_id": know.id})
    plans = {0: (True, True, True), 1: (True, False, True), 2: (True, True, False)}
    for t, team in enumerate(hall.teams):
        show.do(MC, {"type": "call_team", "team_id": team.id})
        show.do(show.team(t), {"type": "pick_tile", "tile": t + 1})
        drawn = show.last_drawn()
        correct = show.correct_of(drawn["question_id"])
        show.do(MC, {"type": "open_answering"})
        for member_id, right in zip(show.members(t), plans[t], strict=True):
            choice = correct if right else wrong_of(correct)
            show.do(
                show.team(t),
                {"type": "answer", "choice": choice, "member_id": member_id},
                step_ms=2500,
            )
        show.do(MC, {"type": "reveal"})
        show.do(MC, {"type": "clear_question"})

    # Buzz-in: team 2 buzzes first and answers wrong (penalty), team 3 then answers right.
    buzz = hall.parts[2]
    show.do(MC, {"type": "goto_part", "part_id": buzz.id})
    show.do(MC, {"type": "draw"})
    correct = show.correct_of(show.last_drawn()["question_id"])
    show.do(MC, {"type": "open_buzz"})
    show.do(show.team(1), {"type": "buzz", "member_id": show.members(1)[0]}, step_ms=1500)
    show.do(MC, {"type": "tick"}, step_ms=400)
    show.do(show.team(1), {"type": "answer", "choice": wrong_of(correct)}, step_ms=3000)
    show.do(show.team(2), {"type": "buzz", "member_id": show.members(2)[1]}, step_ms=1200)
    show.do(MC, {"type": "tick"}, step_ms=400)
    show.do(show.team(2), {"type": "answer", "choice": correct}, step_ms=2000)
    show.do(MC, {"type": "reveal"})
    show.do(MC, {"type": "clear_question"})

    show.judged_part(3, SKIT_MARKS)
    show.release(3)
    show.do(MC, {"type": "finish"})


def assert_knowledge_matches_engine(results, contest_id: int) -> None:
    """Knowledge points in the results equal the engine's own, folded from the same log."""
    from hall.engine.scoreboard import scoreboard
    from hall.services import rebuild_state
    from scoring.rules import sum_points

    state = rebuild_state(contest_id)
    board = scoreboard(state)
    for part in results.parts:
        if part.kind != "knowledge":
            continue
        for row in part.knowledge_teams:
            recorded = [
                a.points for a in state.scored if a.part_id == part.id and a.team_id == row.team_id
            ]
            assert row.points == sum_points(recorded)
            assert row.points == board.knowledge[part.id].result.team(row.team_id).points


COMMITTEE = Actor(role="committee", user="bantochuc")


def settle_prize_ties(show: Show) -> list[dict]:
    """The committee draws lots for every tie at a prize boundary (approval waits for it)."""
    from scoring.results import compile_results

    events = []
    for tie in compile_results(show.hall.contest).unresolved_prize_ties:
        events += show.do(COMMITTEE, {"type": "draw_lots", "kind": tie.kind, "ids": tie.ids})
    return events
