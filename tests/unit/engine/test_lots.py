"""Ties are ties: the live standings and the podium share ranks; the committee's draw of
lots is a command with a recorded seed, replayed by folding the log."""

import random

import pytest

from hall.engine.commands import Actor
from hall.engine.reducer import fold
from hall.engine.views import Audience, project_state
from tests.unit.engine.factories import (
    INTRO,
    MC,
    Show,
    judge,
    make_setup,
    plain_judge,
    team,
)

COMMITTEE = Actor(role="committee", user="bantochuc")
SCREEN = Audience("screen")


def screen(show: Show) -> dict:
    return project_state(show.state, SCREEN)


def intro_marks(show: Show, totals: dict[int, int]) -> None:
    """Every judge gives team t the total ``totals[t]`` (40 % / 30 % / 30 % of it)."""
    show.goto(INTRO)
    for t, total in totals.items():
        show.do(MC, {"type": "stage_team", "team_id": t})
        show.do(MC, {"type": "open_judging"})
        for j in (1, 2, 3):
            actor = judge(1) if j == 1 else plain_judge(j)
            marks = {"11": total * 4 / 10, "12": total * 3 / 10, "13": total * 3 / 10}
            show.do(actor, {"type": "submit_marks", "part_id": INTRO, "team_id": t, "marks": marks})
        show.do(MC, {"type": "close_judging"})
    show.do(judge(1), {"type": "release_marks", "part_id": INTRO})


@pytest.fixture
def level() -> Show:
    """Six teams, nothing scored, the contest finished: all six are tied on 0."""
    show = Show(make_setup(teams=6, judges=3))
    show.do(MC, {"type": "finish"})
    return show


def test_six_teams_tied_on_zero_share_the_podium(level):
    view = screen(level)
    assert [(r["team_id"], r["rank"], r["tied"]) for r in view["standings"]] == [
        (t, 1, True) for t in range(1, 7)
    ]
    # one step: "Hạng 1" for all six, never one of them picked for rank 1, 2 or 3
    assert view["podium"] == [{"rank": 1, "team_ids": [1, 2, 3, 4, 5, 6], "total": "0.00"}]


def test_partial_tie_on_the_podium():
    show = Show(make_setup(teams=4, judges=3))
    intro_marks(show, {1: 90, 2: 80, 3: 80, 4: 50})
    view = screen(show)
    assert [(r["team_id"], r["rank"]) for r in view["standings"]] == [
        (1, 1),
        (2, 2),
        (3, 2),
        (4, 4),
    ]
    assert view["podium"] == [
        {"rank": 1, "team_ids": [1], "total": "90.00"},
        {"rank": 2, "team_ids": [2, 3], "total": "80.00"},
    ]


def test_draw_lots_settles_the_tie_and_replays_from_the_log(level):
    assert level.refused(MC, {"type": "draw_lots", "kind": "teams", "ids": [1, 2]}).code == (
        "not_tied"  # a part of the tie is not the tie
    )
    events = level.do(COMMITTEE, {"type": "draw_lots", "kind": "teams", "ids": [6, 5, 4, 3, 2, 1]})
    (drawn,) = events
    assert drawn["type"] == "lots_drawn" and drawn["by"] == "bantochuc"
    assert drawn["ids"] == [1, 2, 3, 4, 5, 6] and sorted(drawn["order"]) == drawn["ids"]
    assert drawn["tied_at"] == "0.00"
    # the order is the recorded seed's: anyone can check it
    check = list(drawn["ids"])
    random.Random(drawn["seed"]).shuffle(check)
    assert check == drawn["order"]
    view = screen(level)
    assert [r["team_id"] for r in view["standings"]] == drawn["order"]
    assert [r["rank"] for r in view["standings"]] == [1, 2, 3, 4, 5, 6]
    assert [r["above_next_by"] for r in view["standings"][:5]] == ["draw"] * 5
    assert [step["team_ids"] for step in view["podium"]] == [[t] for t in drawn["order"][:3]]
    assert view["lots"][0]["order"] == drawn["order"]
    # folding the log again gives the same standings, draw included
    replayed = project_state(fold(level.events), SCREEN)
    assert replayed["standings"] == view["standings"] and replayed["lots"] == view["lots"]
    # nothing is tied any more: a second draw is refused
    assert level.refused(MC, {"type": "draw_lots", "kind": "teams", "ids": drawn["ids"]}).code == (
        "not_tied"
    )
    assert project_state(level.state, Audience("mc"))["can"]["draw_lots"] == []


def test_draw_lots_refusals(level):
    cmd = {"type": "draw_lots", "kind": "teams", "ids": [1, 2, 3, 4, 5, 6]}
    for actor in (team(1), plain_judge(2), judge(1), Actor("screen"), Actor("system")):
        assert level.refused(actor, cmd).code == "forbidden"
    for bad in (
        {**cmd, "kind": "units"},
        {**cmd, "ids": [1, 1, 2, 3, 4, 5, 6]},
        {**cmd, "ids": [1]},
        {**cmd, "ids": [1, 2, 3, 4, 5, 99]},
        {**cmd, "kind": "members", "ids": [1, 2]},  # teams' ids are not members'
    ):
        assert level.refused(MC, bad).code == "bad_lots", bad
    assert level.refused(MC, {**cmd, "ids": "1,2"}).code == "bad_command"
    running = Show(make_setup(teams=6, judges=3))
    assert running.refused(MC, cmd).code == "not_finished"


def test_the_mc_shows_a_draw_on_the_big_screen(level):
    assert level.refused(MC, {"type": "show_lots", "draw_id": 1}).code == "unknown_lots"
    tie = project_state(level.state, Audience("mc"))["can"]["draw_lots"]
    assert tie == [{"kind": "teams", "ids": [1, 2, 3, 4, 5, 6]}]
    assert level.refused(COMMITTEE, {"type": "show_lots", "draw_id": None}).code == "forbidden"
    level.do(MC, {"type": "draw_lots", **tie[0]})
    level.do(MC, {"type": "show_lots", "draw_id": 1})
    assert screen(level)["lots_shown"] == 1
    assert level.do(MC, {"type": "show_lots", "draw_id": 1}) == []  # already shown
    level.do(MC, {"type": "show_lots", "draw_id": None})
    assert screen(level)["lots_shown"] is None


def test_undo_never_takes_a_draw_back(level):
    order = level.do(MC, {"type": "draw_lots", "kind": "teams", "ids": [1, 2, 3, 4, 5, 6]})[0][
        "order"
    ]
    level.do(MC, {"type": "undo", "reason": "Kết thúc nhầm"})  # undoes the finish
    assert level.state.status == "running"
    assert [r["team_id"] for r in screen(level)["standings"]] == order


def test_a_draw_is_for_the_tie_it_was_made_for():
    show = Show(make_setup(teams=3, judges=3))
    intro_marks(show, {1: 80, 2: 80, 3: 80})
    show.do(MC, {"type": "finish"})
    show.do(MC, {"type": "draw_lots", "kind": "teams", "ids": [1, 2, 3]})
    assert [r["rank"] for r in screen(show)["standings"]] == [1, 2, 3]
    # judge 2 corrects team 3 to 100: (80 + 100 + 80) / 3 = 86.67, above the others;
    # teams 1 and 2 are now another tie (two teams, not three): the old draw decides nothing
    show.do(
        plain_judge(2),
        {"type": "request_correction", "part_id": INTRO, "team_id": 3,
         "marks": {"11": 40, "12": 30, "13": 30}, "reason": "Cộng nhầm"},
    )  # fmt: skip
    show.do(judge(1), {"type": "resolve_correction", "request_id": 1, "accept": True})
    view = screen(show)
    assert [(r["team_id"], r["rank"], r["total"]) for r in view["standings"]] == [
        (3, 1, "86.67"),
        (1, 2, "80.00"),
        (2, 2, "80.00"),
    ]
    assert project_state(show.state, Audience("mc"))["can"]["draw_lots"] == [
        {"kind": "teams", "ids": [1, 2]}
    ]
