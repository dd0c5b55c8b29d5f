import msgspec

from hall.engine.commands import Actor
from hall.engine.reducer import Context, Refusal, decide, fold, next_deadline
from hall.engine.state import (
    HallState,
    initial_state,
    setup_from_dict,
    state_from_dict,
    state_to_dict,
)
from tests.unit.engine.factories import (
    BUZZ,
    INTRO,
    MC,
    QUIZ,
    SCREEN,
    SKIT,
    SYSTEM,
    Show,
    make_setup,
    make_setup_dict,
    team,
)


def test_setup_from_builder_dict_round_trips():
    data = make_setup_dict()
    setup = setup_from_dict(data)
    assert len(setup.teams) == 8 and len(setup.judges) == 5
    assert len(setup.questions) == 20
    assert setup.question(1001).correct == "B"
    assert setup_from_dict(msgspec.to_builtins(setup)) == setup


def test_setup_accepts_int_question_keys():
    data = make_setup_dict()
    data["questions"] = {int(k): v for k, v in data["questions"].items()}
    assert setup_from_dict(data).question(1002).id == 1002


def test_initial_state_is_ready_and_empty():
    state = initial_state(make_setup())
    assert state.status == "ready"
    assert state.part_id is None and state.question is None and state.stage is None
    assert state_from_dict(state_to_dict(state)) == state


def test_only_start_before_start():
    show = Show(start=False)
    assert show.refused(MC, {"type": "next_part"}).code == "not_started"
    show.do(MC, {"type": "start_contest", "setup": msgspec.to_builtins(show.setup)})
    assert show.state.status == "running"
    assert (
        show.refused(MC, {"type": "start_contest", "setup": msgspec.to_builtins(show.setup)}).code
        == "already_started"
    )


def test_fold_from_nothing_rebuilds_state():
    show = Show()
    show.goto(QUIZ)
    assert state_to_dict(fold(show.events)) == state_to_dict(show.state)
    assert fold(show.events[:1]).setup == show.setup


def test_start_contest_with_bad_setup_is_refused():
    result = decide(HallState(), {"type": "start_contest", "setup": {"name": 1}}, Context(1, MC, 1))
    assert isinstance(result, Refusal) and result.code == "bad_command"


def test_roles_checked_first():
    show = Show()
    for actor in (SCREEN, team(1), Actor(role="judge", judge_id=2), SYSTEM, Actor(role="nobody")):
        refusal = show.refused(actor, {"type": "next_part"})
        assert refusal.code == "forbidden"
        assert refusal.reason == "Vai trò của bạn không được phép thực hiện thao tác này."
    assert show.refused(team(99), {"type": "pick_tile", "tile": 1}).code == "forbidden"
    assert (
        show.refused(
            Actor(role="head_judge", judge_id=2), {"type": "release_marks", "part_id": INTRO}
        ).code
        == "forbidden"
    )


def test_parts_in_order_and_goto():
    show = Show()
    show.do(MC, {"type": "next_part"})
    assert show.state.part_id == INTRO
    show.do(MC, {"type": "next_part"})
    assert show.state.part_id == QUIZ
    assert str(QUIZ) in show.state.boards
    assert show.refused(MC, {"type": "goto_part", "part_id": QUIZ}).code == "same_part"
    assert show.refused(MC, {"type": "goto_part", "part_id": 77}).code == "unknown_part"
    show.goto(SKIT)
    assert show.refused(MC, {"type": "next_part"}).code == "no_next_part"
    show.goto(QUIZ)  # revisiting keeps the board
    assert sum(1 for e in show.events if e["type"] == "board_made") == 1
    show.goto(BUZZ)
    assert str(BUZZ) in show.state.boards


def test_board_is_the_pack_shuffled_with_the_seed():
    import random

    show = Show()
    events = show.goto(QUIZ)
    board = next(e for e in events if e["type"] == "board_made")
    expected = list(show.setup.part(QUIZ).question_ids)
    random.Random(board["seed"]).shuffle(expected)
    assert board["order"] == expected
    assert sorted(board["order"]) == sorted(show.setup.part(QUIZ).question_ids)
    assert board["tiles"] == len(expected)


def test_pause_refuses_most_and_resume_shifts_deadline():
    show = Show()
    show.goto(QUIZ)
    show.do(MC, {"type": "call_team", "team_id": 1})
    show.do(MC, {"type": "draw"})
    show.do(MC, {"type": "open_answering"})
    deadline = show.state.question.deadline_ms
    show.advance(5000).do(MC, {"type": "pause"})
    assert show.state.status == "paused"
    assert next_deadline(show.state) is None
    assert (
        show.refused(team(1), {"type": "answer", "member_id": 101, "choice": "A"}).code == "paused"
    )
    assert show.refused(MC, {"type": "reveal"}).code == "paused"
    assert show.refused(MC, {"type": "pause"}).code == "paused"
    assert decide(show.state, {"type": "tick"}, Context(show.now_ms + 10**6, SYSTEM, 0)) == []
    show.advance(60_000).do(MC, {"type": "resume"})
    assert show.state.question.deadline_ms == deadline + 60_000
    assert next_deadline(show.state) == deadline + 60_000
    assert show.refused(MC, {"type": "resume"}).code == "not_paused"


def test_finish_then_only_judging_work():
    show = Show()
    show.do(MC, {"type": "finish"})
    assert show.state.status == "finished"
    assert show.refused(MC, {"type": "next_part"}).code == "finished"
    show.do(MC, {"type": "release_marks", "part_id": INTRO})


def test_undo_restores_previous_mc_step_once():
    show = Show()
    show.goto(QUIZ)
    show.do(MC, {"type": "call_team", "team_id": 2})
    before = state_to_dict(show.state)
    show.do(MC, {"type": "draw"})
    drawn = show.state.question.question_id
    assert show.refused(MC, {"type": "undo", "reason": "  "}).code == "reason_required"
    events = show.do(MC, {"type": "undo", "reason": "Bốc nhầm"})
    assert events[0]["type"] == "undone" and events[0]["undone_action"] == "draw"
    after = state_to_dict(show.state)
    # the drawn question stays burned and its tile stays used; the rest is restored
    assert drawn in show.state.burned
    for field in ("burned", "boards", "prev", "prev_action", "last_event_at_ms"):
        after.pop(field), before.pop(field)
    assert after == before
    assert show.refused(MC, {"type": "undo", "reason": "lần nữa"}).code == "nothing_to_undo"
    # the same question can never be drawn again, by anybody
    seen = {drawn}
    for team_id in range(2, 9):
        if team_id != 2:
            show.do(MC, {"type": "call_team", "team_id": team_id})
        show.do(MC, {"type": "draw"})
        assert show.state.question.question_id not in seen
        seen.add(show.state.question.question_id)
        show.do(MC, {"type": "clear_question"})


def test_undo_keeps_judges_marks():
    show = Show()
    show.goto(INTRO)
    show.do(MC, {"type": "stage_team", "team_id": 1})
    show.do(MC, {"type": "open_judging"})
    from tests.unit.engine.factories import judge

    show.do(
        judge(2),
        {
            "type": "submit_marks",
            "part_id": INTRO,
            "team_id": 1,
            "marks": {"11": 30, "12": 20, "13": 20},
        },
    )
    show.do(MC, {"type": "close_judging"})
    show.do(MC, {"type": "undo", "reason": "đóng nhầm"})
    assert "1:1:2" in show.state.marks
    assert [s.team_id for s in show.state.judging_open] == [1]
