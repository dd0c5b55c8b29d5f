"""Reusable builders for engine tests (also used by the channels tests).

``make_setup()`` gives the Đắk Nông-like show: 8 teams of 5 members (3 answering),
5 judges (judge 1 is the head), parts intro → knowledge (team turn) → knowledge
(buzz-in) → skit, and 20 questions. ``Show`` drives the pure reducer with a clock.
"""

from __future__ import annotations

from typing import Any

from hall.engine.commands import Actor
from hall.engine.events import to_payload
from hall.engine.reducer import Context, Refusal, apply
from hall.engine.state import HallState, Setup, initial_state, setup_from_dict, state_to_dict

INTRO, QUIZ, BUZZ, SKIT = 1, 2, 3, 4
TEAM_IDS = tuple(range(1, 9))
JUDGE_IDS = (1, 2, 3, 4, 5)
HEAD_JUDGE_ID = 1
LABELS = "ABCD"


def member_ids(team_id: int) -> list[int]:
    """Members of a team in the default setup: 100*team + 1..5; the first 3 answer."""
    return [team_id * 100 + i for i in range(1, 6)]


def question_id(n: int) -> int:
    return 1000 + n


def correct_label(qid: int) -> str:
    return LABELS[qid % 4]


def make_setup_dict(
    *,
    teams: int = 8,
    members: int = 5,
    answering: int = 3,
    judges: int = 5,
    questions: int = 20,
    parts: dict[int, dict[str, Any]] | None = None,
    **overrides: Any,
) -> dict:
    """The setup as plain data, exactly as the lead's setup builder produces it."""
    qids = [question_id(n) for n in range(1, questions + 1)]
    half = max(1, (len(qids) * 3) // 5)
    criteria = [
        {"id": 11, "name": "Nội dung", "max_points": 40.0, "weight": 1.0},
        {"id": 12, "name": "Hình thức thể hiện", "max_points": 30.0, "weight": 1.0},
        {"id": 13, "name": "Sáng tạo", "max_points": 30.0, "weight": 1.0},
    ]
    skit_criteria = [
        {"id": 41, "name": "Kịch bản", "max_points": 50.0, "weight": 1.0},
        {"id": 42, "name": "Diễn xuất", "max_points": 50.0, "weight": 1.0},
    ]
    part_list = [
        {
            "id": INTRO,
            "order": 1,
            "kind": "intro",
            "title": "Giới thiệu đội và sáng kiến",
            "presentation_seconds": 300,
            "aggregation": "trimmed",
            "criteria": criteria,
        },
        {
            "id": QUIZ,
            "order": 2,
            "kind": "knowledge",
            "title": "Kiến thức (bốc thăm)",
            "mode": "team_turn",
            "answer_by": "member",
            "answer_seconds": 30,
            "points_correct": 10.0,
            "questions_per_team": 1,
            "question_ids": qids[:half],
        },
        {
            "id": BUZZ,
            "order": 3,
            "kind": "knowledge",
            "title": "Giành quyền trả lời",
            "mode": "buzz_in",
            "answer_by": "team",
            "answer_seconds": 15,
            "points_correct": 20.0,
            "penalty_wrong": 10.0,
            "reopen_on_wrong": True,
            "question_ids": qids[half:],
        },
        {
            "id": SKIT,
            "order": 4,
            "kind": "skit",
            "title": "Tiểu phẩm tuyên truyền",
            "presentation_seconds": 600,
            "aggregation": "mean",
            "criteria": skit_criteria,
        },
    ]
    for part in part_list:
        part.update((parts or {}).get(part["id"], {}))
    team_list = []
    for t in range(1, teams + 1):
        mids = [t * 100 + i for i in range(1, members + 1)]
        team_list.append(
            {
                "id": t,
                "number": t,
                "name": f"Đội {t}",
                "unit_name": f"Huyện {t}",
                "slogan": "Chuyển đổi số - nhận thức và hành động",
                "members": [
                    {"id": m, "name": f"Thành viên {m}", "position": "Chuyên viên"} for m in mids
                ],
                "answering_member_ids": mids[:answering],
                "skit_cast_size": min(4, members),
            }
        )
    question_dicts = {
        str(qid): {
            "id": qid,
            "code": f"Q{qid}",
            "text": f"Câu hỏi số {qid} về chuyển đổi số?",
            "area": "digital_transformation",
            "options": [[label, f"Phương án {label} của câu {qid}"] for label in LABELS],
            "correct": correct_label(qid),
            "explanation": f"Giải thích câu {qid}.",
        }
        for qid in qids
    }
    data = {
        "contest_id": 1,
        "name": "Hội thi Chuyển đổi số - nhận thức và hành động",
        "theme": "Chuyển đổi số - nhận thức và hành động",
        "province": "Đắk Nông",
        "year": 2023,
        "venue": "Hội trường tỉnh",
        "parts": part_list,
        "teams": team_list,
        "judges": [
            {"id": j, "name": f"Giám khảo {j}", "is_head": j == HEAD_JUDGE_ID}
            for j in range(1, judges + 1)
        ],
        "questions": question_dicts,
        "buzz_grace_ms": 250,
        "buzz_rtt_bound_ms": 300,
    }
    data.update(overrides)
    return data


def make_setup(**kwargs: Any) -> Setup:
    return setup_from_dict(make_setup_dict(**kwargs))


MC = Actor(role="mc", user="mc")
SYSTEM = Actor(role="system")
SCREEN = Actor(role="screen")


def team(team_id: int) -> Actor:
    return Actor(role="team", team_id=team_id)


def judge(judge_id: int) -> Actor:
    return Actor(role="head_judge" if judge_id == HEAD_JUDGE_ID else "judge", judge_id=judge_id)


def plain_judge(judge_id: int) -> Actor:
    return Actor(role="judge", judge_id=judge_id)


class Show:
    """Drives the reducer like the service does: a clock, a seed per command, the log."""

    def __init__(self, setup: Setup | None = None, start: bool = True, now_ms: int = 1_000_000):
        self.setup = setup or make_setup()
        self.state: HallState = initial_state(self.setup)
        self.now_ms = now_ms
        self.seed = 12345
        self.events: list[dict] = []
        if start:
            self.do(MC, {"type": "start_contest", "setup": state_to_dict_setup(self.setup)})

    def ctx(self, actor: Actor) -> Context:
        self.seed += 1
        return Context(now_ms=self.now_ms, actor=actor, seed=self.seed)

    def advance(self, ms: int) -> Show:
        self.now_ms += ms
        return self

    def try_(self, actor: Actor, command: dict) -> list[dict] | Refusal:
        result = apply(self.state, command, self.ctx(actor))
        if isinstance(result, Refusal):
            return result
        self.state, typed = result
        events = [to_payload(e) for e in typed]  # the log's form, as the service writes it
        self.events.extend(events)
        return events

    def do(self, actor: Actor, command: dict) -> list[dict]:
        result = self.try_(actor, command)
        assert not isinstance(result, Refusal), result
        return result

    def refused(self, actor: Actor, command: dict) -> Refusal:
        before = state_to_dict(self.state)
        result = self.try_(actor, command)
        assert isinstance(result, Refusal), result
        assert state_to_dict(self.state) == before
        assert result.reason
        return result

    def goto(self, part_id: int) -> list[dict]:
        return self.do(MC, {"type": "goto_part", "part_id": part_id})


def state_to_dict_setup(setup: Setup) -> dict:
    import msgspec

    return msgspec.to_builtins(setup)


def team_points(state: HallState) -> dict[str, str]:
    """Knowledge points (as scoring shows them) of the teams that have a scored answer."""
    from hall.engine.scoreboard import scoreboard
    from scoring.numbers import wire

    board = scoreboard(state)
    teams = {a.team_id for a in state.scored}
    return {str(t): wire(v) for t, v in board.team_knowledge.items() if t in teams}


def member_points(state: HallState) -> dict[str, str]:
    """Individual points of the members who gave a scored answer of their own."""
    from hall.engine.scoreboard import scoreboard
    from scoring.numbers import wire

    board = scoreboard(state)
    members = {a.member_id for a in state.scored if a.individual}
    return {str(m): wire(v) for m, v in board.member_points.items() if m in members}


def penalties(state: HallState) -> dict[str, str]:
    from hall.engine.scoreboard import scoreboard
    from scoring.numbers import wire

    return {str(t): wire(v) for t, v in scoreboard(state).penalties.items() if v}
