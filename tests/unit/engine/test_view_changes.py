"""Live frames carry only a view's top-level changes: applied in order, they rebuild
exactly the view a newcomer gets whole, for every audience, through random shows."""

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hall.engine.reducer import Context, Refusal, apply
from hall.engine.state import initial_state
from hall.engine.views import (
    Audience,
    apply_view_changes,
    project_state,
    public_view,
    view_changes,
)
from tests.unit.engine.factories import MC
from tests.unit.engine.test_properties import SETUP, SETUP_DICT, draw_command

AUDIENCES = [
    Audience("mc"),
    Audience("screen"),
    Audience("team", team_id=1),
    Audience("team", team_id=2),
    *[Audience("head_judge" if j.is_head else "judge", judge_id=j.id) for j in SETUP.judges],
]


def as_json(value: object) -> object:
    """What a client holds: the frame after JSON."""
    return msgspec.json.decode(msgspec.json.encode(value))


def test_changes_and_removals_round_trip():
    before = {"a": 1, "b": [1, 2], "c": {"x": 1}, "gone": True}
    after = {"a": 1, "b": [1, 2, 3], "c": {"x": 1}, "new": None}
    changed, removed = view_changes(before, after)
    assert changed == {"b": [1, 2, 3], "new": None}
    assert removed == ["gone"]
    assert apply_view_changes(before, changed, removed) == after
    assert before["b"] == [1, 2]  # the held view is not modified
    assert view_changes(after, after) == ({}, [])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), length=st.integers(5, 60))
def test_views_rebuilt_from_changes_equal_the_whole_view(data, length):
    now = 1_000_000
    state = initial_state(SETUP)
    held = {audience: as_json(project_state(state, audience)) for audience in AUDIENCES}
    step = 0
    while step < length:
        step += 1
        if step == 1:
            actor, command = MC, {"type": "start_contest", "setup": SETUP_DICT}
        else:
            actor, command = draw_command(data, state, now)
        now += data.draw(st.sampled_from([0, 50, 300, 1000, 16_000, 31_000]))
        result = apply(state, command, Context(now, actor, data.draw(st.integers(0, 2**31))))
        if isinstance(result, Refusal):
            continue
        before_state, state = state, result[0]
        public = public_view(state)
        for audience in AUDIENCES:
            whole = project_state(state, audience)
            # the fan-out's shared public part gives the same view
            assert project_state(state, audience, public) == whole
            changed, removed = view_changes(project_state(before_state, audience), whole)
            held[audience] = apply_view_changes(held[audience], as_json(changed), removed)
            assert held[audience] == as_json(whole), (audience, command)
