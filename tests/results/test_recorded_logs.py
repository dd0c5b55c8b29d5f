"""The recorded shows are what the engine plays today, and load as the show left them."""

import pytest
from django.db import transaction

from hall.engine.state import state_to_dict
from hall.models import Event, Snapshot
from hall.services import rebuild_state
from tests.factories import make_hall
from tests.results.recorded import SCRIPTS, load_show, log_path, read, record


@pytest.mark.parametrize("name", SCRIPTS)
def test_recorded_log_is_what_the_engine_plays_today(db, name):
    with transaction.atomic():
        played = record(name)
        transaction.set_rollback(True)
    assert played == read(name), f"{log_path(name)} is stale: run python -m tests.results.record"


def test_loaded_show_is_the_log_with_its_folded_snapshot(db):
    show = load_show("full_show")
    contest = show.hall.contest
    log = read("full_show")["events"]
    stored = list(Event.objects.filter(contest=contest).order_by("seq"))
    assert [(e.seq, e.actor, e.payload) for e in stored] == [
        (e["seq"], e["actor"], e["payload"]) for e in log
    ]
    snapshot = Snapshot.objects.get(contest=contest)
    assert snapshot.seq == len(log) == 100
    assert snapshot.state == state_to_dict(rebuild_state(contest.id))
    contest.refresh_from_db()
    assert contest.status == "finished"
    # the show goes on from where it stopped: the next command is logged after it
    events = show.do(
        show.judge(1),
        {
            "type": "request_correction",
            "part_id": show.hall.parts[3].id,
            "team_id": show.hall.teams[0].id,
            "marks": dict(zip(show.criteria(3), (50, 30), strict=True)),
            "reason": "Xem lại",
        },
    )
    assert [e["type"] for e in events] == ["correction_requested"]
    assert Event.objects.filter(contest=contest).last().seq == 101


def test_a_recorded_show_needs_an_empty_hall(db):
    make_hall()
    with pytest.raises(AssertionError, match="loads into an empty hall"):
        load_show("full_show")
