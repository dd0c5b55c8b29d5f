"""One truth for every figure: for the same log, every number the big screen, a pad, a
judge or the MC shows equals the number in the compiled results, the minutes and the
exports, to the digit; the live standings order equals the results' order, ties included.

Random shows come from the engine's own random-command drawer (tests/unit/engine/
test_properties.py) with marks in quarter points, so rounding boundaries (85.125) occur.
"""

from __future__ import annotations

import collections
import csv
import io
import re
from html.parser import HTMLParser

import msgspec
import pytest
from django.utils import translation
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from hall.engine.commands import Actor
from hall.engine.reducer import Context, Refusal, apply, fold
from hall.engine.state import initial_state, setup_from_dict
from hall.engine.views import Audience, project_state
from hall.models import Contest
from scoring.exports import build_table, to_csv, to_xlsx
from scoring.minutes import render_minutes
from scoring.models import ResultsApproval
from scoring.numbers import wire
from scoring.results import Results, build_results
from scoring.rules import sum_points
from tests.unit.engine.factories import (
    INTRO,
    MC,
    QUIZ,
    SYSTEM,
    Show,
    correct_label,
    judge,
    make_setup,
    make_setup_dict,
    team,
)
from tests.unit.engine.test_properties import SETUP, SETUP_DICT, TEAMS, draw_command

META = {
    "id": 1,
    "slug": "mot-su-that",
    "name": "Hội thi thử",
    "year": 2023,
    "province": "Đắk Nông",
    "organizer": "Sở TT&TT",
    "team_prizes": "1,1,1",
    "individual_prizes": "1,1,2,3",
    "individual_prizes_from": "hall",
}
JUDGES = (1, 2, 3)
QUARTERS = st.integers(0, 120).map(lambda n: n / 4)


def vi(figure: str) -> str:
    """How the Vietnamese pages print a figure (the same rule as Live.num in live.js)."""
    return figure.replace(".", ",")


class Cells(HTMLParser):
    """The text of every element carrying one of the data attributes the tests read."""

    WATCH = ("data-total", "data-score", "data-sheet-total", "data-points")

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict] = []
        self.rows: list[dict] = []
        self.cells: list[tuple[dict, str, str]] = []  # (row attrs, attribute, text)
        self.open: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append(attrs)
        for name in self.WATCH:
            if name in attrs:
                self.open.append((name, ""))

    def handle_data(self, data):
        if self.open:
            name, text = self.open[-1]
            self.open[-1] = (name, text + data)

    def handle_endtag(self, tag):
        if tag == "td" and self.open:
            name, text = self.open.pop()
            self.cells.append((self.rows[-1] if self.rows else {}, name, text.strip()))


def minutes_html(results: Results) -> str:
    contest = Contest(name=META["name"], slug=META["slug"], year=2023, province="Đắk Nông")
    context = {
        "contest": contest,
        "results": results,
        "approval": ResultsApproval(),
        "actions": [],
        "judged_parts": [p for p in results.parts if p.judged],
    }
    with translation.override("vi"):
        return render_minutes(context)


def logged(events: list[dict]) -> list[dict]:
    return [{"seq": n, "actor": "mc", "payload": e} for n, e in enumerate(events, start=1)]


def check_one_truth(events: list[dict]) -> Results:
    """Every figure of every role's view of the folded log against the results."""
    state = fold(events)
    results = build_results(META, logged(events))
    screen = project_state(state, Audience("screen"))
    mc = project_state(state, Audience("mc"))
    head = project_state(state, Audience("head_judge", judge_id=1))

    # standings: same order, same ranks (ties included), same totals, for every role
    live = [(r["team_id"], r["rank"], r["tied"], r["total"]) for r in screen["standings"]]
    compiled = [(r.team_id, r.rank, r.tied, wire(r.total)) for r in results.standings.rows]
    assert live == compiled
    for view in [mc, head] + [project_state(state, Audience("team", team_id=t)) for t in TEAMS]:
        assert view["standings"] == screen["standings"]
    for row, r in zip(screen["standings"], results.standings.rows, strict=True):
        assert row["parts"] == {str(p.part_id): wire(p.score) for p in r.parts}
        assert row["knowledge"] == wire(r.knowledge)
        assert row["penalties"] == wire(r.penalty_points)
    podium = [(s["rank"], s["team_ids"]) for s in screen["podium"]]
    assert podium == _podium(results)

    parts = {p.id: p for p in results.parts}
    # judged parts: released scores (screen), provisional ones (MC, head judge), sheets
    for part_id, scores in screen["released_scores"].items():
        compiled_scores = {
            t.team_id: wire(t.score)
            for t in parts[int(part_id)].judged_teams
            if t.score is not None
        }
        assert {s["team_id"]: s["score"] for s in scores} == compiled_scores
        provisional = {s["team_id"]: s["score"] for s in mc["provisional_scores"][part_id]}
        assert provisional == compiled_scores
        assert head["provisional_scores"][part_id] == mc["provisional_scores"][part_id]
    compiled_sheets = {
        (p.id, t.team_id, s.judge_id): wire(s.total)
        for p in results.parts
        for t in p.judged_teams
        for s in t.sheets
    }
    shown = {
        (s["part_id"], s["team_id"], s["judge_id"]): s["total"] for s in screen["released_marks"]
    }
    assert shown == compiled_sheets
    for j in JUDGES:
        own = project_state(state, Audience("judge", judge_id=j))["judge"]["my_marks"]
        for s in own:
            key = (s["part_id"], s["team_id"], s["judge_id"])
            if key in compiled_sheets:
                assert s["total"] == compiled_sheets[key]
    released = {int(p) for p in screen["released_scores"]}
    flags = [
        (f["part_id"], f["team_id"], f["judge_id"], f["total"], f["median_others"])
        for f in head["flags"]
        if f["part_id"] in released
    ]
    assert flags == [
        (p.id, f.team_id, f.judge_id, wire(f.total), wire(f.median))
        for p in results.parts
        for f in p.flags
    ]
    # knowledge: parts, members
    for part in results.parts:
        for row in part.knowledge_teams:
            team_row = next(r for r in screen["standings"] if r["team_id"] == row.team_id)
            assert team_row["parts"][str(part.id)] == wire(row.points)
    assert {int(m): v for m, v in screen["member_points"].items()} == {
        m.member_id: wire(m.points) for m in results.members.rows
    }
    # a pad's points for the question on stage, once revealed
    q = state.question
    if q is not None and q.phase == "revealed" and results.questions:
        record = results.questions[-1]
        for t in TEAMS:
            pad = project_state(state, Audience("team", team_id=t))["team"]
            points = [a.judged.points for a in record.answers if a.team_id == t and a.judged]
            assert pad["question_points"] == (wire(sum_points(points)) if points else None)

    # the minutes print exactly those digits
    check_minutes(minutes_html(results), screen)
    return results


def _podium(results: Results) -> list[tuple[int, list[int]]]:
    steps: list[tuple[int, list[int]]] = []
    for r in results.standings.rows:
        if r.rank > 3:
            break
        if steps and steps[-1][0] == r.rank:
            steps[-1][1].append(r.team_id)
        else:
            steps.append((r.rank, [r.team_id]))
    return steps


def check_minutes(html: str, screen: dict) -> None:
    cells = Cells()
    cells.feed(html)
    totals = {
        int(row["data-team"]): (int(row["data-rank"]), text)
        for row, name, text in cells.cells
        if name == "data-total"
    }
    assert totals == {r["team_id"]: (r["rank"], vi(r["total"])) for r in screen["standings"]}
    order = [int(row["data-team"]) for row, name, _text in cells.cells if name == "data-total"]
    assert order == [r["team_id"] for r in screen["standings"]]
    scores = {
        (int(row["data-part"]), int(row["data-team"])): text
        for row, name, text in cells.cells
        if name == "data-score" and "data-part" in row
    }
    assert scores == {
        (int(part), s["team_id"]): vi(s["score"])
        for part, rows in screen["released_scores"].items()
        for s in rows
    }
    sheets = {
        (int(row["data-part"]), int(row["data-team"]), int(row["data-judge"])): text
        for row, name, text in cells.cells
        if name == "data-sheet-total" and "data-part" in row
    }
    assert sheets == {
        (s["part_id"], s["team_id"], s["judge_id"]): vi(s["total"])
        for s in screen["released_marks"]
    }


# ------------------------------------------------------------------ random shows


class RandomShow:
    """A whole show whose every choice is drawn: marks in quarter points (some judges
    missing, some far off), corrections, answers right and wrong, buzzes, undos, and now
    and then any command at all from the engine's random drawer."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data
        self.now = 1_000_000
        self.state = initial_state(SETUP)
        self.log: list[dict] = []
        self.do(MC, {"type": "start_contest", "setup": SETUP_DICT})

    def do(self, actor, command: dict) -> bool:
        self.now += self.data.draw(st.sampled_from([0, 50, 300, 1000, 16_000, 31_000]))
        seed = self.data.draw(st.integers(0, 2**31))
        result = apply(self.state, command, Context(self.now, actor, seed))
        if isinstance(result, Refusal):
            return False
        self.state, events = result
        self.log.extend(msgspec.json.decode(msgspec.json.encode(e)) for e in events)
        return True

    def chaos(self) -> None:
        if self.data.draw(st.integers(0, 5)) == 0:
            actor, command = draw_command(self.data, self.state, self.now)
            self.do(actor, command)

    def marks(self, part) -> dict:
        return {str(c.id): min(c.max_points, self.data.draw(QUARTERS)) for c in part.criteria}

    def judged(self, part) -> None:
        self.do(MC, {"type": "goto_part", "part_id": part.id})
        for t in TEAMS:
            self.do(MC, {"type": "stage_team", "team_id": t, "cast_size": 2})
            self.do(MC, {"type": "open_judging"})
            for j in JUDGES:
                if self.data.draw(st.integers(0, 4)):  # now and then a judge does not mark
                    self.do(judge(j), {"type": "submit_marks", "part_id": part.id,
                                       "team_id": t, "marks": self.marks(part)})  # fmt: skip
                self.chaos()
            self.do(MC, {"type": "close_judging"})
        for j in JUDGES:
            if self.data.draw(st.integers(0, 3)) == 0:
                t = self.data.draw(st.sampled_from(TEAMS))
                self.do(judge(j), {"type": "request_correction", "part_id": part.id,
                                   "team_id": t, "marks": self.marks(part), "reason": "Sai"})  # fmt: skip
        for corr in self.state.corrections:
            if corr.status == "pending":
                accept = self.data.draw(st.booleans())
                self.do(judge(1), {"type": "resolve_correction", "request_id": corr.id,
                                   "accept": accept})  # fmt: skip
        if self.data.draw(st.integers(0, 4)):
            self.do(judge(1), {"type": "release_marks", "part_id": part.id})

    def answer(self, team_id: int, member: int | None) -> None:
        choice = self.data.draw(st.sampled_from("ABCD"))
        command = {"type": "answer", "choice": choice}
        if member is not None:
            command["member_id"] = member
        self.do(Actor("team", team_id=team_id), command)

    def team_turn(self, part) -> None:
        self.do(MC, {"type": "goto_part", "part_id": part.id})
        for t in TEAMS:
            self.do(MC, {"type": "call_team", "team_id": t})
            self.do(MC, {"type": "draw"})
            self.do(MC, {"type": "open_answering"})
            for m in (1, 2, 3):
                if self.data.draw(st.integers(0, 3)):
                    self.answer(t, t * 100 + m)
            self.chaos()
            self.do(MC, {"type": "reveal"})
            if self.data.draw(st.integers(0, 6)) == 0:
                self.do(MC, {"type": "undo", "reason": "Công bố nhầm"})
                self.do(MC, {"type": "reveal"})
            self.do(MC, {"type": "clear_question"})

    def buzz_in(self, part) -> None:
        self.do(MC, {"type": "goto_part", "part_id": part.id})
        for _question in range(self.data.draw(st.integers(1, 3))):
            self.do(MC, {"type": "draw"})
            self.do(MC, {"type": "open_buzz"})
            for _attempt in range(self.data.draw(st.integers(1, 3))):
                t = self.data.draw(st.sampled_from(TEAMS))
                self.do(Actor("team", team_id=t), {"type": "buzz", "member_id": t * 100 + 1})
                self.do(SYSTEM, {"type": "tick"})
                self.answer(t, None)
            self.chaos()
            self.do(MC, {"type": "close_answering"})
            self.do(MC, {"type": "reveal"})
            self.do(MC, {"type": "clear_question"})

    def play(self) -> list[dict]:
        for part in sorted(SETUP.parts, key=lambda p: p.order):
            if part.judged:
                self.judged(part)
            elif part.mode == "team_turn":
                self.team_turn(part)
            else:
                self.buzz_in(part)
        if self.data.draw(st.booleans()):
            self.do(MC, {"type": "finish"})
        return self.log


STATS: collections.Counter = collections.Counter()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    # A whole show per example (about 0.1 s): shrinking one would take minutes. A failure
    # reports the first show that fails, as drawn.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(data=st.data())
def test_every_role_shows_the_numbers_of_the_results(data):
    results = check_one_truth(RandomShow(data).play())
    STATS["shows"] += 1
    STATS["released"] += any(p.released and p.judged_teams for p in results.parts)
    STATS["rounded"] += any(
        t.score is not None and t.score != t.score.to_integral_value()
        for p in results.parts
        for t in p.judged_teams
    )
    STATS["flags"] += any(p.flags for p in results.parts)
    STATS["tied"] += any(r.tied for r in results.standings.rows)
    STATS["knowledge"] += any(r.knowledge for r in results.standings.rows)
    STATS["penalties"] += any(r.penalty_points for r in results.standings.rows)


def test_the_random_shows_reach_what_they_check():
    """Guard against a generator that never produces what the property is about."""
    if not STATS:
        test_every_role_shows_the_numbers_of_the_results()
    for what in ("released", "rounded", "flags", "tied", "knowledge", "penalties"):
        assert STATS[what] > 0, what


# ------------------------------------------------------------------ the example


@pytest.fixture
def judged_85() -> Show:
    """Two judges give team 1's introduction 85 and 85.25: mean 85.125."""
    setup = make_setup(teams=3, judges=2, parts={INTRO: {"aggregation": "mean"}})
    show = Show(setup)
    show.goto(INTRO)
    show.do(MC, {"type": "stage_team", "team_id": 1})
    show.do(MC, {"type": "open_judging"})
    show.do(judge(1), {"type": "submit_marks", "part_id": INTRO, "team_id": 1,
                       "marks": {"11": 35, "12": 25, "13": 25}})  # fmt: skip
    show.do(judge(2), {"type": "submit_marks", "part_id": INTRO, "team_id": 1,
                       "marks": {"11": 35.25, "12": 25, "13": 25}})  # fmt: skip
    show.do(judge(1), {"type": "release_marks", "part_id": INTRO})
    show.do(MC, {"type": "finish"})
    return show


def test_85_and_85_25_make_85_13_everywhere(judged_85):
    results = check_one_truth(judged_85.events)
    state = judged_85.state
    screen = project_state(state, Audience("screen"))
    mc = project_state(state, Audience("mc"))
    head = project_state(state, Audience("head_judge", judge_id=1))
    other = project_state(state, Audience("judge", judge_id=2))
    assert screen["released_scores"][str(INTRO)][0] == {"team_id": 1, "score": "85.13", "rank": 1}
    assert mc["provisional_scores"][str(INTRO)][0]["score"] == "85.13"
    assert head["provisional_scores"][str(INTRO)][0]["score"] == "85.13"
    assert [s["total"] for s in other["judge"]["my_marks"]] == ["85.25"]
    assert screen["standings"][0]["total"] == "85.13"
    assert screen["podium"][0] == {"rank": 1, "team_ids": [1], "total": "85.13"}
    intro = results.parts[0]
    assert str(intro.judged_teams[0].score) == "85.13"
    assert str(results.standings.rows[0].total) == "85.13"
    html = minutes_html(results)
    assert re.search(r"data-score>85,13<", html) and re.search(r"data-total>85,13<", html)
    assert "85,12" not in html
    # the exports: the same digits
    _title, headers, rows = build_table(results, "standings")
    csv_rows = list(csv.reader(io.StringIO(to_csv(headers, rows).decode("utf-8-sig"))))
    total = headers.index("Tổng điểm")
    assert csv_rows[1][total] == "85.13" and csv_rows[1][headers.index(intro.title)] == "85.13"
    sheet = load_workbook(io.BytesIO(to_xlsx("x", headers, rows))).active
    cell = sheet.cell(row=4, column=total + 1)
    assert cell.value == 85.13 and cell.number_format == "0.00"
    _title, mheaders, mrows = build_table(results, "marks")
    assert sorted({str(r[mheaders.index("Tổng điểm của giám khảo")]) for r in mrows}) == [
        "85",
        "85.25",
    ]


def test_teams_and_members_with_the_same_name_never_collide():
    """Figures are keyed by ids: two teams called the same and three members called the
    same (two of them in one team) each keep their own points."""
    data = make_setup_dict(teams=3, judges=3)
    for t in data["teams"][:2]:
        t["name"] = "Đội huyện Đắk Mil"
    for t in data["teams"][:2]:
        for m in t["members"]:
            m["name"] = "Nguyễn Văn An"
    show = Show(setup_from_dict(data))
    show.goto(QUIZ)
    for t, right in ((1, (True, True, False)), (2, (False, True, False))):
        show.do(MC, {"type": "call_team", "team_id": t})
        qid = show.do(MC, {"type": "draw"})[-1]["question_id"]
        show.do(MC, {"type": "open_answering"})
        for m, ok in zip((1, 2, 3), right, strict=True):
            choice = correct_label(qid) if ok else ("A" if correct_label(qid) != "A" else "B")
            show.do(team(t), {"type": "answer", "member_id": t * 100 + m, "choice": choice})
        show.do(MC, {"type": "reveal"})
        show.do(MC, {"type": "clear_question"})
    show.do(MC, {"type": "finish"})
    results = check_one_truth(show.events)
    knowledge = {r.team_id: str(r.knowledge) for r in results.standings.rows}
    assert knowledge == {1: "20", 2: "10", 3: "0"}
    points = {m.member_id: (m.name, str(m.points)) for m in results.members.rows}
    assert points[101] == points[102] == ("Nguyễn Văn An", "10")
    assert points[103] == ("Nguyễn Văn An", "0") and points[202] == ("Nguyễn Văn An", "10")
    assert len(results.members.rows) == 9  # three answering members in each of 3 teams
