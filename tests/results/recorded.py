"""Recorded shows: event logs played once through the engine, loaded by tests in a blink.

A recorded show is a JSON file in ``tests/results/logs/``: the events that
``hall.services.run`` appended while a script played a show on ``make_hall()``.
Loading one creates the same hall rows with the same ids, inserts the events as
they were logged and saves the snapshot folded from them, so a test starts where
the show ended (and may go on with ``show.do``) without playing it again.

Regenerate the files after changing the engine, ``make_hall`` or a script::

    python -m tests.results.record

``test_recorded_logs.py`` fails while a file differs from what the engine plays today.
"""

from __future__ import annotations

import contextlib
import json
import random
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

from django.core.management.color import no_style
from django.db import connection

from hall import services
from hall.engine.state import setup_from_dict, state_to_dict
from hall.models import Contest, Criterion, Event, Judge, Member, Part, Question, Snapshot, Team
from hall.setup_builder import build_setup
from tests.factories import make_hall
from tests.results.show import Show, run_full_show

LOGS_DIR = Path(__file__).resolve().parent / "logs"
SEED = 2023  # the board and draw seeds while recording: the same file every time

# name -> the script that plays it on make_hall()
SCRIPTS: dict[str, Callable[[Show], None]] = {"full_show": run_full_show}

# Rows whose ids the log names (setup, events, actor labels): they restart at 1 so a
# loaded hall gets the ids the log was recorded with.
LOGGED_MODELS = (Contest, Part, Criterion, Team, Member, Judge, Question)


def log_path(name: str) -> Path:
    return LOGS_DIR / f"{name}.json"


def restart_logged_ids() -> None:
    """Make the next Contest, Part, Team… rows get ids 1, 2, 3… as when recording.

    Only possible in an empty hall (PostgreSQL sequences and SQLite's counters are
    reset; existing rows would collide), so a recorded show is the test's first hall.
    """
    busy = [m.__name__ for m in LOGGED_MODELS if m.objects.exists()]
    if busy:
        raise AssertionError(
            f"a recorded show loads into an empty hall, but rows exist: {', '.join(busy)}"
        )
    sequences = [{"table": m._meta.db_table, "column": m._meta.pk.column} for m in LOGGED_MODELS]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(sql)


@contextlib.contextmanager
def fixed_seeds(seed: int = SEED) -> Iterator[None]:
    """``services.run`` draws each command's seed with ``secrets.randbits``: seeded here."""
    with mock.patch.object(secrets, "randbits", random.Random(seed).getrandbits):
        yield


def record(name: str) -> dict[str, Any]:
    """Play script ``name`` through ``hall.services`` on a fresh ``make_hall()``; its log."""
    restart_logged_ids()
    show = Show(make_hall())
    with fixed_seeds():
        SCRIPTS[name](show)
    events = Event.objects.filter(contest=show.hall.contest).order_by("seq")
    return {
        "show": name,
        "recorded_by": "python -m tests.results.record",
        "clock_ms": show.now,
        "commands": show.counter,
        "events": [
            {
                "seq": e.seq,
                "actor": e.actor,
                "command_id": e.command_id,
                "at_ms": e.at_ms,
                "payload": e.payload,
            }
            for e in events
        ],
    }


def dump(log: dict[str, Any]) -> str:
    return json.dumps(log, ensure_ascii=False, indent=1) + "\n"


def read(name: str) -> dict[str, Any]:
    return json.loads(log_path(name).read_text(encoding="utf-8"))


def load_show(name: str) -> Show:
    """The hall of ``make_hall()`` with the recorded log in place, ready to go on."""
    log = read(name)
    restart_logged_ids()
    hall = make_hall()
    contest = hall.contest
    # the log's setup is the engine's own (defaults filled in): compare as the engine reads it
    recorded_setup = setup_from_dict(log["events"][0]["payload"]["setup"])
    if setup_from_dict(build_setup(contest)) != recorded_setup:
        raise AssertionError(
            f"{log_path(name).name} was recorded on another make_hall(): "
            "run python -m tests.results.record"
        )
    Event.objects.bulk_create(
        Event(
            contest=contest,
            seq=e["seq"],
            epoch=1,
            type=e["payload"]["type"],
            payload=e["payload"],
            actor=e["actor"],
            command_id=e["command_id"],
            at_ms=e["at_ms"],
        )
        for e in log["events"]
    )
    state = services.rebuild_state(contest.id)  # folded from the rows just written
    Snapshot.objects.create(
        contest=contest, seq=len(log["events"]), epoch=1, state=state_to_dict(state)
    )
    contest.status = services.STATUS_FROM_STATE[state.status]
    contest.save(update_fields=["status"])
    return Show(hall, now=log["clock_ms"], counter=log["commands"])
