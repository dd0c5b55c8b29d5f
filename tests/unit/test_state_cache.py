"""The process's state cache (hall.services) holds committed states only, and snapshots
saved by the engine before issue 12 are rebuilt from the log, not misread."""

import json
from pathlib import Path

import pytest
from django.db import transaction

from hall import services
from hall.engine.commands import Actor
from hall.engine.reducer import fold
from hall.engine.state import STATE_VERSION, state_from_dict, state_to_dict
from hall.models import Event, Snapshot
from tests.factories import make_hall

MC = Actor(role="mc", user="mc")
LEGACY = json.loads(
    (Path(__file__).parent / "engine" / "data" / "legacy_show_log.json").read_text()
)


class Rollback(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_command_leaves_no_cached_state(monkeypatch):
    hall = make_hall(slug="cache")
    contest_id = hall.contest.id
    services._state_cache.pop(contest_id, None)
    assert services.run(contest_id, {"type": "start_contest"}, MC, "c1").seq == 1
    assert services._state_cache[contest_id][1] == 1  # cached once committed

    with pytest.raises(Rollback), transaction.atomic():
        paused = services.run(contest_id, {"type": "pause"}, MC, "c2")
        assert paused.accepted and paused.seq == 2
        raise Rollback
    # the pause never happened: nothing of it may stay in the cache
    assert services._state_cache[contest_id][1] == 1

    # Another process now commits a different seq 2 (it does not touch this process's
    # cache). Deciding on a phantom "paused" state cached at seq 2 would refuse the goto.
    with monkeypatch.context() as patched:
        patched.setattr(services, "_remember", lambda *args: None)
        part = hall.parts[0].id  # intro: one event, seq 2
        moved = services.run(contest_id, {"type": "goto_part", "part_id": part}, MC, "c3")
    assert moved.accepted and moved.seq == 2
    state, seq, _epoch = services.load_state(hall.contest)
    assert (seq, state.status, state.part_id) == (2, "running", part)
    assert services.run(contest_id, {"type": "pause"}, MC, "c4").accepted


@pytest.mark.django_db
def test_a_snapshot_from_before_is_rebuilt_from_the_log():
    hall = make_hall(slug="legacy")
    payloads = [e["payload"] for e in LEGACY["log"]]
    Event.objects.bulk_create(
        Event(
            contest=hall.contest,
            seq=n,
            type=p["type"],
            payload=p,
            actor="legacy",
            at_ms=p["at"],
        )
        for n, p in enumerate(payloads, start=1)
    )
    old = LEGACY["old_snapshot"]
    assert "version" not in old and "team_points" in old
    snapshot = Snapshot.objects.create(contest=hall.contest, seq=len(payloads), state=old)
    services._state_cache.pop(hall.contest.id, None)
    # read as it is, the old snapshot would lose every point scored (its totals are gone)
    assert state_from_dict(old).scored == ()
    state, seq, _epoch = services.load_state(hall.contest, snapshot)
    assert seq == len(payloads) and state.version == STATE_VERSION
    assert state_to_dict(state) == state_to_dict(fold(payloads))
    assert len(state.scored) > 0
