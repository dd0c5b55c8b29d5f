"""Walking a contest's log: the state it folds to and everything the minutes need that the
final state no longer holds (questions and answers in order, stages, corrections,
undos, releases, draws of lots), with who did what and when."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hall.engine import events as ev
from hall.engine.common import criteria_of
from hall.engine.evolve import evolve
from hall.engine.state import HallState, PartSetup, Setup
from scoring.numbers import ScoringError, from_log
from scoring.records import (
    AnswerRecord,
    CorrectionRecord,
    JudgedAnswer,
    LotsRecord,
    PressRecord,
    QuestionRecord,
    ReleaseRecord,
    StageRecord,
    UndoRecord,
)
from scoring.rules import judge_total

LoggedEvent = Mapping[str, Any]  # {"seq": int, "actor": str, "payload": dict}


class LogWalk:
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
