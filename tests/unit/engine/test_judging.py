import pytest

from hall.engine.views import Audience, project_state
from tests.unit.engine.factories import (
    INTRO,
    MC,
    QUIZ,
    SKIT,
    Show,
    judge,
    make_setup,
    plain_judge,
)

GOOD = {"11": 30, "12": 20, "13": 25}


def marks_cmd(team_id=1, marks=None, part_id=INTRO):
    return {"type": "submit_marks", "part_id": part_id, "team_id": team_id, "marks": marks or GOOD}


@pytest.fixture
def intro():
    show = Show()
    show.goto(INTRO)
    show.do(MC, {"type": "stage_team", "team_id": 1})
    return show


def test_stage_team_and_timer_overtime(intro):
    assert intro.state.stage.team_id == 1
    assert intro.refused(MC, {"type": "stop_timer"}).code == "timer_not_running"
    intro.do(MC, {"type": "start_timer"})
    assert intro.refused(MC, {"type": "start_timer"}).code == "timer_running"
    events = intro.advance(320_000).do(MC, {"type": "stop_timer"})
    assert events[0]["elapsed_ms"] == 320_000 and events[0]["overtime_ms"] == 20_000
    timer = project_state(intro.state, Audience("screen"))["stage"]["timer"]
    assert timer["overtime_ms"] == 20_000 and timer["limit_ms"] == 300_000
    assert not timer["running"]


def test_stage_only_in_judged_parts_and_known_teams():
    show = Show()
    assert show.refused(MC, {"type": "stage_team", "team_id": 1}).code == "no_part"
    show.goto(QUIZ)
    assert show.refused(MC, {"type": "stage_team", "team_id": 1}).code == "wrong_part"
    show.goto(INTRO)
    assert show.refused(MC, {"type": "stage_team", "team_id": 42}).code == "unknown_team"
    assert show.refused(MC, {"type": "start_timer"}).code == "no_stage"
    assert show.refused(MC, {"type": "open_judging"}).code == "no_stage"


def test_skit_cast_size_rules():
    show = Show()
    show.goto(SKIT)
    refusal = show.refused(MC, {"type": "stage_team", "team_id": 1, "cast_size": 6})
    assert refusal.code == "cast_too_large" and "(6)" in refusal.reason and "(5)" in refusal.reason
    assert (
        show.refused(MC, {"type": "stage_team", "team_id": 1, "cast_size": 0}).code
        == "cast_required"
    )
    show.do(MC, {"type": "stage_team", "team_id": 1, "cast_size": 5})
    assert show.state.stage.cast_size == 5
    show.do(MC, {"type": "stage_team", "team_id": 2})  # the team's registered cast size
    assert show.state.stage.cast_size == 4


def test_skit_without_registered_cast_needs_one():
    setup = make_setup()
    import msgspec

    teams = tuple(msgspec.structs.replace(t, skit_cast_size=0) for t in setup.teams)
    show = Show(msgspec.structs.replace(setup, teams=teams))
    show.goto(SKIT)
    assert show.refused(MC, {"type": "stage_team", "team_id": 3}).code == "cast_required"


def test_marks_only_while_open_and_lock_on_submit(intro):
    assert intro.refused(plain_judge(2), marks_cmd()).code == "judging_not_open"
    intro.do(MC, {"type": "open_judging"})
    assert intro.refused(MC, {"type": "open_judging"}).code == "judging_already_open"
    intro.do(plain_judge(2), marks_cmd())
    sheet = intro.state.marks["1:1:2"]
    assert sheet.total == 75.0  # the audit copy in the log, computed by scoring.rules
    mine = project_state(intro.state, Audience("judge", judge_id=2))["judge"]["my_marks"]
    assert [s["total"] for s in mine] == ["75"]
    refusal = intro.refused(plain_judge(2), marks_cmd(marks={"11": 1, "12": 1, "13": 1}))
    assert refusal.code == "already_marked"
    assert refusal.reason.startswith("Giám khảo đã chấm đội này")
    intro.do(MC, {"type": "close_judging"})
    assert intro.refused(plain_judge(3), marks_cmd()).code == "judging_not_open"
    assert intro.refused(MC, {"type": "close_judging"}).code == "judging_not_open"


@pytest.mark.parametrize(
    "marks",
    [
        {"11": 30, "12": 20},  # missing criterion
        {"11": 30, "12": 20, "13": 31},  # above max
        {"11": -1, "12": 20, "13": 20},  # negative
        {"11": 30, "12": 20, "13": 20, "99": 1},  # unknown criterion
        {"11": float("nan"), "12": 20, "13": 20},
    ],
)
def test_bad_mark_sheets_are_refused(intro, marks):
    intro.do(MC, {"type": "open_judging"})
    assert intro.refused(plain_judge(2), marks_cmd(marks=marks)).code == "bad_marks"


def test_marks_for_wrong_part_or_team(intro):
    intro.do(MC, {"type": "open_judging"})
    assert intro.refused(plain_judge(2), marks_cmd(part_id=QUIZ)).code == "wrong_part"
    assert intro.refused(plain_judge(2), marks_cmd(part_id=99)).code == "unknown_part"
    assert intro.refused(plain_judge(2), marks_cmd(team_id=99)).code == "unknown_team"
    assert intro.refused(plain_judge(2), marks_cmd(team_id=2)).code == "judging_not_open"


def test_judging_stays_open_for_previous_team_while_next_presents(intro):
    intro.do(MC, {"type": "open_judging"})
    intro.do(MC, {"type": "stage_team", "team_id": 2})
    intro.do(MC, {"type": "open_judging"})
    intro.do(plain_judge(3), marks_cmd(team_id=1))
    intro.do(MC, {"type": "close_judging", "team_id": 1})
    assert [(s.part_id, s.team_id) for s in intro.state.judging_open] == [(INTRO, 2)]


def test_correction_flow(intro):
    intro.do(MC, {"type": "open_judging"})
    req = {
        "type": "request_correction",
        "part_id": INTRO,
        "team_id": 1,
        "marks": {"11": 35, "12": 20, "13": 25},
        "reason": "Nhập nhầm",
    }
    assert intro.refused(plain_judge(2), req).code == "not_marked"
    intro.do(plain_judge(2), marks_cmd())
    assert intro.refused(plain_judge(2), {**req, "reason": " "}).code == "reason_required"
    assert (
        intro.refused(plain_judge(2), {**req, "marks": {"11": 99, "12": 1, "13": 1}}).code
        == "bad_marks"
    )
    events = intro.do(plain_judge(2), req)
    assert events[0]["request_id"] == 1
    assert intro.refused(plain_judge(2), req).code == "correction_pending"
    pending = project_state(intro.state, Audience("head_judge", judge_id=1))["pending_corrections"]
    assert [p["id"] for p in pending] == [1]
    assert [p["id"] for p in project_state(intro.state, Audience("mc"))["pending_corrections"]] == [
        1
    ]
    # only the head judge resolves
    resolve = {"type": "resolve_correction", "request_id": 1, "accept": True, "note": "Đồng ý"}
    assert intro.refused(plain_judge(3), resolve).code == "forbidden"
    assert intro.refused(MC, resolve).code == "forbidden"
    assert intro.refused(judge(1), {**resolve, "request_id": 9}).code == "unknown_request"
    intro.do(judge(1), resolve)
    assert intro.state.marks["1:1:2"].total == 80.0
    assert intro.state.marks["1:1:2"].correction_id == 1
    assert intro.refused(judge(1), resolve).code == "already_resolved"
    # a rejected request leaves the marks alone
    intro.do(plain_judge(2), {**req, "marks": {"11": 0, "12": 0, "13": 0}})
    intro.do(
        judge(1),
        {"type": "resolve_correction", "request_id": 2, "accept": False, "note": "Không có căn cứ"},
    )
    assert intro.state.marks["1:1:2"].total == 80.0
    assert intro.state.corrections[1].status == "rejected"


def test_release_and_standings(intro):
    intro.do(MC, {"type": "open_judging"})
    for j, total in zip((1, 2, 3, 4, 5), (90, 80, 70, 60, 10), strict=True):
        intro.do(
            judge(j), marks_cmd(marks={"11": total * 0.4, "12": total * 0.3, "13": total * 0.3})
        )
    screen = project_state(intro.state, Audience("screen"))
    assert screen["released_marks"] == []
    assert screen["standings"][0]["total"] == "0.00"
    assert (
        intro.refused(plain_judge(2), {"type": "release_marks", "part_id": INTRO}).code
        == "forbidden"
    )
    intro.do(judge(1), {"type": "release_marks", "part_id": INTRO})
    assert intro.refused(MC, {"type": "release_marks", "part_id": INTRO}).code == "already_released"
    assert intro.refused(MC, {"type": "release_marks", "part_id": QUIZ}).code == "wrong_part"
    screen = project_state(intro.state, Audience("screen"))
    assert len(screen["released_marks"]) == 5
    # trimmed (5 judges): drop 90 and 10 → mean(80, 70, 60) = 70
    top = screen["standings"][0]
    assert top["team_id"] == 1 and top["total"] == "70.00" and top["rank"] == 1
    assert screen["released_scores"][str(INTRO)] == [{"team_id": 1, "score": "70.00", "rank": 1}]
    assert [s["total"] for s in screen["released_marks"]] == ["90", "80", "70", "60", "10"]


def test_unusual_marks_flagged_for_head_and_mc_only(intro):
    intro.do(MC, {"type": "open_judging"})
    for j, total in zip((1, 2, 3, 4), (80, 78, 82, 20), strict=True):
        intro.do(
            judge(j), marks_cmd(marks={"11": total * 0.4, "12": total * 0.3, "13": total * 0.3})
        )
    flags = project_state(intro.state, Audience("mc"))["flags"]
    assert [(f["judge_id"], f["team_id"]) for f in flags] == [(4, 1)]
    assert project_state(intro.state, Audience("head_judge", judge_id=1))["flags"] == flags
    assert "flags" not in project_state(intro.state, Audience("judge", judge_id=2))
    assert "flags" not in project_state(intro.state, Audience("screen"))
