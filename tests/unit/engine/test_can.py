"""The ``can`` maps: what a console enables is exactly what ``apply`` accepts for the
command it sends (the wire form, as ``hall.services.run`` parses it)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hall.engine.commands import Actor
from hall.engine.reducer import Context, Refusal, apply, decide
from hall.engine.state import initial_state
from hall.engine.views import Audience, project_state
from tests.unit.engine.factories import MC, QUIZ, Show, make_setup, team
from tests.unit.engine.test_properties import SETUP, SETUP_DICT, TEAMS, draw_command


def accepted(state, actor: Actor, command: dict) -> bool:
    ctx = Context(now_ms=state.last_event_at_ms, actor=actor, seed=7)
    return not isinstance(decide(state, command, ctx), Refusal)


def mc_commands(state) -> list[tuple[str, object, dict]]:
    """The commands the MC console sends for each entry of its ``can`` map."""
    sends: list[tuple[str, object, dict]] = []
    for kind in (
        "pause", "resume", "finish", "next_part", "start_timer", "stop_timer", "open_judging",
        "draw", "open_answering", "open_buzz", "close_answering", "reveal", "clear_question",
    ):  # fmt: skip
        sends.append((kind, None, {"type": kind}))
    sends.append(("undo", None, {"type": "undo", "reason": "Nhầm"}))
    if state.stage is not None:
        sends.append(
            ("close_judging", None, {"type": "close_judging", "team_id": state.stage.team_id})
        )
    for p in SETUP.parts:
        sends.append(("goto_part", str(p.id), {"type": "goto_part", "part_id": p.id}))
        if p.judged:
            sends.append(("release_marks", str(p.id), {"type": "release_marks", "part_id": p.id}))
    for t in TEAMS:
        sends.append(("call_team", str(t), {"type": "call_team", "team_id": t}))
    return sends


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), length=st.integers(5, 60))
def test_the_mc_console_enables_exactly_what_the_engine_accepts(data, length):
    now = 1_000_000
    state = initial_state(SETUP)
    assert project_state(state, Audience("mc"))["can"]["start_contest"]
    state, _ = apply(state, {"type": "start_contest", "setup": SETUP_DICT}, Context(now, MC, 1))
    for _ in range(length):
        actor, command = draw_command(data, state, now)
        now += data.draw(st.sampled_from([0, 50, 300, 1000, 16_000, 31_000]))
        result = apply(state, command, Context(now, actor, data.draw(st.integers(0, 2**31))))
        if not isinstance(result, Refusal):
            state = result[0]
        view = project_state(state, Audience("mc"))
        can = view["can"]
        for kind, key, wire in mc_commands(state):
            shown = can[kind] if key is None else can[kind][key]
            assert shown == accepted(state, MC, wire), (kind, key, state.status)
        for t in TEAMS:
            pad = project_state(state, Audience("team", team_id=t))["team"]["can"]
            q = state.question
            labels = SETUP.question(q.question_id).labels if q else ("A",)
            assert pad["buzz"] == (q is not None and accepted(state, team(t), {"type": "buzz"}))
            for m in (t * 100 + 1, t * 100 + 2, t * 100 + 3):
                wire = {"type": "answer", "choice": labels[0], "member_id": m}
                assert (m in pad["answer_members"]) == accepted(state, team(t), wire)


def test_a_show_step_by_step():
    show = Show(make_setup(teams=3, judges=3))

    def can():
        return project_state(show.state, Audience("mc"))["can"]

    assert can()["pause"] and not can()["resume"] and not can()["draw"]
    show.goto(QUIZ)
    assert can()["call_team"] == {"1": True, "2": True, "3": True} and not can()["draw"]
    show.do(MC, {"type": "call_team", "team_id": 2})
    assert can()["draw"] and can()["pick_tile"] and not can()["reveal"]
    pad = project_state(show.state, Audience("team", team_id=2))["team"]["can"]
    assert pad["pick_tile"] and not pad["answer"]
    other = project_state(show.state, Audience("team", team_id=1))["team"]["can"]
    assert not other["pick_tile"]
    show.do(MC, {"type": "draw"})
    assert can()["open_answering"] and not can()["draw"] and not can()["open_buzz"]
    show.do(MC, {"type": "open_answering"})
    pad = project_state(show.state, Audience("team", team_id=2))["team"]["can"]
    assert pad["answer"] and pad["answer_members"] == [201, 202, 203]
    assert can()["close_answering"] and can()["reveal"]
    show.do(MC, {"type": "pause"})
    assert can()["resume"] and not can()["reveal"] and not can()["pause"]
