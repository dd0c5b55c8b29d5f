"""The one path for every change in the hall.

``run`` locks the contest row, loads the latest state, asks the pure reducer,
appends the resulting events to the log with their sequence numbers, saves the
snapshot, all in one transaction, and broadcasts only after the commit.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists

from hall.engine.commands import Actor, CommandError, parse_command
from hall.engine.events import to_payload
from hall.engine.reducer import Context, Refusal, apply
from hall.engine.state import (
    STATE_VERSION,
    HallState,
    initial_state,
    setup_from_dict,
    state_from_dict,
    state_to_dict,
)
from hall.models import Contest, Event, RefusedCommand, Snapshot
from hall.setup_builder import build_setup

log = logging.getLogger(__name__)

STATUS_FROM_STATE = {
    "ready": Contest.Status.READY,
    "running": Contest.Status.RUNNING,
    "paused": Contest.Status.PAUSED,
    "finished": Contest.Status.FINISHED,
}


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True)
class Outcome:
    """What ``run`` tells the sender: accepted (with the events' seqs) or refused."""

    accepted: bool
    seq: int
    epoch: int
    events: list[dict] = field(default_factory=list)
    code: str = ""
    reason: str = ""
    duplicate: bool = False


# ---------------------------------------------------------------- broadcast hook
# The screens hub installs itself here at start-up; without it (management
# commands, plain tests) broadcasting is a no-op and clients catch up by seq.
_broadcasters: list[Callable[[int, int, list[dict]], None]] = []


def add_broadcaster(fn: Callable[[int, int, list[dict]], None]) -> None:
    if fn not in _broadcasters:
        _broadcasters.append(fn)


def remove_broadcaster(fn: Callable[[int, int, list[dict]], None]) -> None:
    if fn in _broadcasters:
        _broadcasters.remove(fn)


def _broadcast(contest_id: int, epoch: int, events: list[dict]) -> None:
    for fn in list(_broadcasters):
        try:
            fn(contest_id, epoch, events)
        except Exception:  # a failed doorbell is healed by resync, never fatal
            log.exception("broadcast failed for contest %s", contest_id)


# ---------------------------------------------------------------- state cache
# The snapshot's JSON is parsed once per (contest, epoch, seq) per process. A state
# is remembered only once its transaction has committed: a rolled-back command must
# not leave a state that the log never had (a later command reaching the same seq
# would otherwise be decided on it).
_cache_lock = threading.Lock()
_state_cache: dict[int, tuple[int, int, HallState]] = {}


def _cached_state(snapshot: Snapshot) -> HallState | None:
    with _cache_lock:
        hit = _state_cache.get(snapshot.contest_id)
    if hit and hit[0] == snapshot.epoch and hit[1] == snapshot.seq:
        return hit[2]
    return None


def _remember(contest_id: int, epoch: int, seq: int, state: HallState) -> None:
    with _cache_lock:
        _state_cache[contest_id] = (epoch, seq, state)


def load_state(contest: Contest, snapshot: Snapshot | None = None) -> tuple[HallState, int, int]:
    """The contest's current state, seq and epoch (from the snapshot, or a fresh start)."""
    if snapshot is None:
        snapshot = Snapshot.objects.filter(contest=contest).first()
    if snapshot is None or snapshot.seq == 0:
        epoch = snapshot.epoch if snapshot else 1
        return initial_state(setup_from_dict(build_setup(contest))), 0, epoch
    state = _cached_state(snapshot)
    if state is None:
        state = _snapshot_state(contest.id, snapshot)
        _remember(contest.id, snapshot.epoch, snapshot.seq, state)
    return state, snapshot.seq, snapshot.epoch


def _snapshot_state(contest_id: int, snapshot: Snapshot) -> HallState:
    """The snapshot's state; a snapshot saved by an older engine (another state format)
    is rebuilt by folding the log up to its seq."""
    if snapshot.state.get("version") == STATE_VERSION:
        return state_from_dict(snapshot.state)
    from hall.engine.reducer import fold

    payloads = (
        Event.objects.filter(contest_id=contest_id, seq__lte=snapshot.seq)
        .order_by("seq")
        .values_list("payload", flat=True)
    )
    return fold(payloads.iterator())


def _refuse(
    contest: Contest, actor: Actor, msg: dict, command_id: str, code: str, reason: str, at: int
) -> None:
    RefusedCommand.objects.create(
        contest=contest,
        actor=_actor_label(actor),
        command_type=str(msg.get("type", ""))[:64],
        command_id=command_id[:64],
        code=code,
        reason=reason[:500],
        payload=_jsonable(msg),
        at_ms=at,
    )


def _jsonable(msg: dict) -> dict:
    try:
        json.dumps(msg)
        return msg
    except (TypeError, ValueError):
        return {"unserializable": repr(msg)[:500]}


def _actor_label(actor: Actor) -> str:
    parts = [actor.role]
    if actor.team_id is not None:
        parts.append(f"team:{actor.team_id}")
    if actor.judge_id is not None:
        parts.append(f"judge:{actor.judge_id}")
    if actor.user:
        parts.append(actor.user)
    return " ".join(parts)[:128]


def run(
    contest_id: int,
    msg: dict,
    actor: Actor,
    command_id: str = "",
    received_ms: int | None = None,
) -> Outcome:
    """Apply one command; commit its events; broadcast them after the commit."""
    at = received_ms if received_ms is not None else now_ms()
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=contest_id)
        # One query, read under the lock (so it sees every command committed
        # before): the snapshot's seq and epoch and whether this command id is
        # already in the log. The state column is read only when this process
        # has not cached that seq.
        snapshot = (
            Snapshot.objects.defer("state")
            .filter(contest=contest)
            .annotate(done=Exists(Event.objects.filter(contest=contest, command_id=command_id)))
            .first()
            if command_id
            else Snapshot.objects.defer("state").filter(contest=contest).first()
        )
        if snapshot is None:
            snapshot = Snapshot.objects.create(contest=contest)
        elif getattr(snapshot, "done", False):
            return Outcome(True, snapshot.seq, snapshot.epoch, duplicate=True)
        state, seq, epoch = load_state(contest, snapshot)
        if msg.get("type") == "start_contest" and actor.role == "mc":
            # The setup is frozen into the log when the show starts.
            msg = {**msg, "setup": build_setup(contest)}
        try:
            command = parse_command(msg)
        except CommandError as exc:
            _refuse(contest, actor, msg, command_id, exc.code, exc.reason, at)
            return Outcome(False, seq, epoch, code=exc.code, reason=exc.reason)
        ctx = Context(now_ms=at, actor=actor, seed=secrets.randbits(52))
        result = apply(state, command, ctx)
        if isinstance(result, Refusal):
            _refuse(contest, actor, msg, command_id, result.code, result.reason, at)
            return Outcome(False, seq, epoch, code=result.code, reason=result.reason)
        new_state, events = result
        if not events:
            return Outcome(True, seq, epoch)
        label = _actor_label(actor)
        rows = []
        stamped = []
        for offset, event in enumerate(events, start=1):
            payload = to_payload(event)
            rows.append(
                Event(
                    contest=contest,
                    seq=seq + offset,
                    epoch=epoch,
                    type=event.type,
                    payload=payload,
                    actor=label,
                    command_id=command_id[:64],
                    at_ms=event.at,
                )
            )
            stamped.append({"seq": seq + offset, "event": payload})
        Event.objects.bulk_create(rows)
        new_seq = seq + len(events)
        snapshot.seq = new_seq
        snapshot.epoch = epoch
        snapshot.state = state_to_dict(new_state)
        snapshot.save(update_fields=["seq", "epoch", "state", "updated_at"])
        status = STATUS_FROM_STATE.get(getattr(new_state, "status", ""), None)
        if status and status != contest.status:
            Contest.objects.filter(pk=contest.pk).update(status=status)
        transaction.on_commit(lambda: _remember(contest_id, epoch, new_seq, new_state))
        transaction.on_commit(lambda: _broadcast(contest_id, epoch, stamped))
    return Outcome(True, new_seq, epoch, events=stamped)


def events_since(contest_id: int, after_seq: int, limit: int | None = None) -> list[dict]:
    """Committed events after ``after_seq``, in order, as ``{"seq", "event"}`` dicts."""
    qs = Event.objects.filter(contest_id=contest_id, seq__gt=after_seq).order_by("seq")
    if limit is not None:
        qs = qs[:limit]
    return [{"seq": seq, "event": payload} for seq, payload in qs.values_list("seq", "payload")]


def rebuild_state(contest_id: int) -> HallState | None:
    """Fold the whole log from scratch (restart recovery, audits, the fold == snapshot test)."""
    from hall.engine.reducer import fold

    payloads = list(
        Event.objects.filter(contest_id=contest_id)
        .order_by("seq")
        .values_list("payload", flat=True)
    )
    if not payloads:
        return None
    return fold(payloads)
