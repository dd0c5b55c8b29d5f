"""Random command sequences with random roles and times: the engine's invariants hold."""

import collections
import copy

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hall.engine.commands import Actor
from hall.engine.events import to_payload
from hall.engine.reducer import Context, Refusal, apply, decide, evolve, fold
from hall.engine.scoreboard import scoreboard
from hall.engine.state import initial_state, state_to_dict
from scoring.numbers import from_log
from tests.unit.engine.factories import MC, SCREEN, SYSTEM, make_setup

SETUP = make_setup(teams=3, questions=20, parts={2: {"questions_per_team": 2}})
SETUP_DICT = msgspec.to_builtins(SETUP)
TEAMS = (1, 2, 3)
MEMBERS = st.one_of(st.none(), st.sampled_from([101, 102, 103, 104, 201, 202, 203, 301, 999]))
CHOICES = st.sampled_from(["A", "B", "C", "D", "E"])
MARK = st.sampled_from([0, 10, 25, 30, 40, 50, 60, -1])
MARKS = st.fixed_dictionaries({"11": MARK, "12": MARK, "13": MARK}) | st.fixed_dictionaries(
    {"41": MARK, "42": MARK}
)


def cmd(kind, **fields):
    return st.fixed_dictionaries({"type": st.just(kind), **fields})


MC_COMMANDS = st.one_of(
    cmd("goto_part", part_id=st.integers(1, 5)),
    cmd("next_part"),
    cmd("call_team", team_id=st.sampled_from(TEAMS)),
    cmd("draw"),
    cmd("pick_tile", tile=st.integers(0, 7)),
    cmd("open_answering"),
    cmd("close_answering"),
    cmd("reveal"),
    cmd("clear_question"),
    cmd("next"),
    cmd("open_buzz"),
    cmd(
        "stage_team",
        team_id=st.sampled_from(TEAMS),
        cast_size=st.one_of(st.none(), st.integers(0, 6)),
    ),
    cmd("start_timer"),
    cmd("stop_timer"),
    cmd("open_judging"),
    cmd("close_judging"),
    cmd("release_marks", part_id=st.integers(1, 4)),
    cmd("pause"),
    cmd("resume"),
    cmd("undo", reason=st.sampled_from(["", "Nhầm"])),
    cmd("tick"),
)
TEAM_COMMANDS = st.one_of(
    cmd("pick_tile", tile=st.integers(1, 7)),
    cmd("answer", member_id=MEMBERS, choice=CHOICES),
    cmd("buzz", member_id=MEMBERS, pressed_at_ms=st.integers(-400, 100)),
)
JUDGE_COMMANDS = st.one_of(
    cmd(
        "submit_marks", part_id=st.sampled_from([1, 4]), team_id=st.sampled_from(TEAMS), marks=MARKS
    ),
    cmd(
        "request_correction",
        part_id=st.sampled_from([1, 4]),
        team_id=st.sampled_from(TEAMS),
        marks=MARKS,
        reason=st.sampled_from(["", "Sai sót"]),
    ),
    cmd("resolve_correction", request_id=st.integers(1, 3), accept=st.booleans()),
)
ANY_ACTOR = st.sampled_from(
    [MC, SYSTEM, SCREEN, Actor("team", team_id=1), Actor("judge", judge_id=2), Actor("nobody")]
)
STEP = st.tuples(
    st.one_of(
        st.tuples(st.just(MC), MC_COMMANDS),
        st.tuples(st.sampled_from(TEAMS).map(lambda t: Actor("team", team_id=t)), TEAM_COMMANDS),
        st.tuples(
            st.sampled_from(
                [
                    Actor("head_judge", judge_id=1),
                    Actor("judge", judge_id=2),
                    Actor("judge", judge_id=3),
                ]
            ),
            JUDGE_COMMANDS,
        ),
        st.tuples(ANY_ACTOR, st.one_of(MC_COMMANDS, TEAM_COMMANDS, JUDGE_COMMANDS)),
    ),
    st.sampled_from([0, 0, 50, 120, 300, 1000, 16_000, 31_000]),
    st.integers(0, 2**31),
)


def _points_from_log(events):
    """Team points computed independently from the log's point events (undo restores)."""
    points, saved = {}, {}
    for ev in events:
        if ev.get("checkpoint"):
            saved = copy.deepcopy(points)
        if ev["type"] == "undone":
            points = copy.deepcopy(saved)
        elif ev["type"] == "revealed" and ev["applies_points"]:
            for r in ev["results"]:
                points[r["team_id"]] = points.get(r["team_id"], 0.0) + r["points"]
        elif ev["type"] == "buzz_answer_judged":
            points[ev["team_id"]] = points.get(ev["team_id"], 0.0) + ev["points"]
    return points


def plausible(state):
    """Commands that often make sense in this state, so random shows get deep."""
    options = [(MC, {"type": "undo", "reason": "Nhầm"}), (SYSTEM, {"type": "tick"})]
    if state.status == "paused":
        return options + [(MC, {"type": "resume"})] * 4
    options += [(MC, {"type": "next_part"})]
    options += [(MC, {"type": "goto_part", "part_id": p.id}) for p in SETUP.parts]
    part = state.part
    q = state.question
    teams = [Actor("team", team_id=t) for t in TEAMS]
    judges = [
        Actor("head_judge", judge_id=1),
        Actor("judge", judge_id=2),
        Actor("judge", judge_id=3),
    ]
    if part is None:
        return options
    if part.judged:
        for t in TEAMS:
            options.append((MC, {"type": "stage_team", "team_id": t, "cast_size": t + 1}))
        options += [
            (MC, {"type": k})
            for k in ("start_timer", "stop_timer", "open_judging", "close_judging")
        ]
        options.append((MC, {"type": "release_marks", "part_id": part.id}))
        full = {str(c.id): c.max_points / 2 for c in part.criteria}
        for slot in state.judging_open:
            for j in judges:
                options.append(
                    (
                        j,
                        {
                            "type": "submit_marks",
                            "part_id": slot.part_id,
                            "team_id": slot.team_id,
                            "marks": full,
                        },
                    )
                )
        for sheet in state.marks.values():
            j = judges[sheet.judge_id - 1]
            options.append(
                (
                    j,
                    {
                        "type": "request_correction",
                        "part_id": sheet.part_id,
                        "team_id": sheet.team_id,
                        "marks": {k: 0 for k in sheet.marks},
                        "reason": "Sai",
                    },
                )
            )
        for corr in state.corrections:
            options.append(
                (
                    judges[0],
                    {
                        "type": "resolve_correction",
                        "request_id": corr.id,
                        "accept": corr.id % 2 == 0,
                    },
                )
            )
        return options
    options += [
        (MC, {"type": k})
        for k in (
            "draw",
            "open_answering",
            "close_answering",
            "reveal",
            "clear_question",
            "open_buzz",
        )
    ]
    for t in TEAMS:
        options.append((MC, {"type": "call_team", "team_id": t}))
        options.append((teams[t - 1], {"type": "pick_tile", "tile": t + 2}))
        options.append(
            (teams[t - 1], {"type": "buzz", "pressed_at_ms": -t * 40, "member_id": t * 100 + 1})
        )
    answering = q.team_id if q and q.mode == "team_turn" else (q.winner_team_id if q else None)
    if answering is not None:
        for m in (1, 2, 3, 4):
            for choice in "AB":
                member = answering * 100 + m
                options.append(
                    (
                        teams[answering - 1],
                        {"type": "answer", "member_id": member, "choice": choice},
                    )
                )
    return options


RARE = frozenset({"next_part", "goto_part", "undo", "pause", "stage_team"})


ENDERS = frozenset({"reveal", "clear_question", "close_answering", "next"})


def _weighted(options, state):
    """Pick a command type first (flow commands likelier than navigation), then one of it.

    The next step of a question's or a judged team's flow is likelier still, so random
    shows reach answers, buzzes and marks in every run."""
    by_type = collections.defaultdict(list)
    for actor, command in options:
        by_type[command["type"]].append((actor, command))
    q = state.question
    live = q is not None and q.phase in ("answering", "buzzing", "buzz_answering")
    rare = RARE | ENDERS if live else RARE
    if live:
        weight = {"answer": 24, "buzz": 24}
    elif q is not None and q.phase == "shown":
        weight = {"open_answering": 12, "open_buzz": 12}
    elif state.judging_open:
        weight = {"submit_marks": 12}
    else:
        weight = {"call_team": 9, "draw": 9, "pick_tile": 9, "stage_team": 4, "open_judging": 9}
    kinds = [k for k in sorted(by_type) for _ in range(weight.get(k, 1 if k in rare else 6))]
    return st.sampled_from(kinds).flatmap(lambda k: st.sampled_from(by_type[k]))


def draw_command(data: st.DataObject, state, now: int) -> tuple:
    """One random command: mostly a plausible one for the state, now and then anything."""
    if data.draw(st.integers(0, 9)) == 0:
        actor, command = data.draw(STEP)[0]
    else:
        actor, command = data.draw(_weighted(plausible(state), state))
    if command["type"] == "buzz":
        command = {**command, "pressed_at_ms": now + command.get("pressed_at_ms", 0)}
    return actor, command


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), length=st.integers(10, 90), first_part=st.sampled_from([1, 2, 3, 3, 4]))
def test_random_shows_keep_invariants(data, length, first_part):
    now = 1_000_000
    state = initial_state(SETUP)
    state, events = apply(
        state, {"type": "start_contest", "setup": SETUP_DICT}, Context(now, MC, 1)
    )
    log = [to_payload(e) for e in events]
    state, events = apply(state, {"type": "goto_part", "part_id": first_part}, Context(now, MC, 2))
    log.extend(to_payload(e) for e in events)
    for _ in range(length):
        actor, command = draw_command(data, state, now)
        now += data.draw(st.sampled_from([0, 0, 50, 120, 300, 1000, 16_000, 31_000]))
        seed = data.draw(st.integers(0, 2**31))
        before = state_to_dict(state)
        result = apply(state, command, Context(now, actor, seed))
        if isinstance(result, Refusal):
            assert result.code and result.reason
            assert state_to_dict(state) == before
            continue
        prior = state
        new_state, typed = result
        events = [to_payload(e) for e in typed]
        for ev in events:
            assert ev["at"] == now
            if ev["type"] == "answer_submitted" or (
                ev["type"] == "buzz_answer_judged" and not ev["timed_out"]
            ):
                q = prior.question
                assert q.deadline_ms is None or now < q.deadline_ms, "answer after deadline"
            prior = evolve(prior, ev)
        assert state_to_dict(prior) == state_to_dict(new_state)
        state = new_state
        log.extend(events)
        for part in SETUP.parts:
            for t in TEAMS:
                members = state.answered_members.get(f"{part.id}:{t}", ())
                assert len(members) <= part.max_answering_members
                assert set(members) <= set(SETUP.team(t).answering_member_ids)
    # replaying the log rebuilds exactly the same state
    assert state_to_dict(fold(log)) == state_to_dict(state)
    # no question is ever drawn twice
    drawn = [ev["question_id"] for ev in log if ev["type"] == "question_drawn"]
    assert len(drawn) == len(set(drawn))
    # team scores are the sum of point events
    expected = _points_from_log(log)
    shown = scoreboard(state).team_knowledge
    for t in TEAMS:
        assert shown[t] == from_log(expected.get(t, 0.0))
    STATS.update(ev["type"] for ev in log)


STATS: collections.Counter = collections.Counter()


def test_random_shows_reach_every_phase():
    """Guard against a generator that never gets past the first steps."""
    if not STATS:
        test_random_shows_keep_invariants()
    for kind in ("revealed", "marks_submitted", "undone", "question_drawn"):
        assert STATS[kind] > 0, kind
    assert STATS["answer_submitted"] + STATS["buzz_answer_judged"] > 0


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
COMMAND_NAMES = st.sampled_from(
    ["answer", "buzz", "submit_marks", "goto_part", "pick_tile", "undo", "resolve_correction", "xx"]
)


@settings(max_examples=150, deadline=None)
@given(
    junk=st.one_of(
        JUNK,
        st.dictionaries(st.text(max_size=10), JUNK, max_size=4).map(dict),
        st.tuples(
            COMMAND_NAMES,
            st.dictionaries(
                st.sampled_from(
                    ["member_id", "choice", "tile", "part_id", "team_id", "marks", "reason", "zz"]
                ),
                JUNK,
                max_size=4,
            ),
        ).map(lambda pair: {"type": pair[0], **pair[1]}),
    ),
    actor=ANY_ACTOR,
)
def test_junk_is_refused_without_changing_state(junk, actor):
    state = initial_state(SETUP)
    state, _events = apply(state, {"type": "start_contest", "setup": SETUP_DICT}, Context(1, MC, 1))
    before = state_to_dict(state)
    result = decide(state, junk, Context(2, actor, 3))
    assert isinstance(result, (Refusal, list))
    if isinstance(result, Refusal):
        assert result.code and result.reason
    assert state_to_dict(state) == before
