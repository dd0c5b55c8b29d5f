"""Fault injection: real daphne processes on the pytest-django test database,
a private Redis, protocol clients, a scripted show and the end-of-show checks.

These tests need PostgreSQL (several processes share the test database); CI runs
them with ``DATABASE_URL`` set. On SQLite every test here is skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from django.db import connection

from hall.engine.state import state_to_dict
from hall.models import Event, Snapshot
from hall.services import rebuild_state
from tests.factories import HallFixture, make_hall
from tests.live.conftest import judge_token, mc_token, screen_token, team_token
from tests.procs import Daphne, PrivateRedis, ProtocolClient, server_env

STEP_TIMEOUT = 20


@dataclass
class Cluster:
    redis: PrivateRedis
    servers: list[Daphne]

    @property
    def urls(self) -> list[str]:
        return [s.ws for s in self.servers]


@pytest.fixture
def needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "fault tests run several daphne processes and need PostgreSQL (CI sets DATABASE_URL)"
        )


@pytest.fixture
def start_cluster(needs_postgres: None):
    """``start_cluster(count, daphne_args)`` → a private Redis and ``count`` daphnes."""
    started: list[Cluster] = []

    def start(count: int = 2, args: tuple[str, ...] = ()) -> Cluster:
        redis = PrivateRedis().start()
        env = server_env(redis.url)
        cluster = Cluster(redis, [])
        started.append(cluster)
        for _ in range(count):
            cluster.servers.append(Daphne(env, tuple(args) or None).start())
        return cluster

    yield start
    for cluster in started:
        for server in cluster.servers:
            server.stop()
        cluster.redis.stop()


@pytest.fixture
def hall(needs_postgres: None) -> HallFixture:
    return make_hall(teams=3, judges=3, slug="faults")


# ---------------------------------------------------------------- the show
Who = str  # "mc" | "judge" | "pad0" | "pad1"


@dataclass
class Step:
    name: str
    command: dict
    who: Who = "mc"


def answering_member(h: HallFixture, team_index: int) -> int:
    team = h.teams[team_index]
    return (
        team.members.filter(answers_knowledge=True)
        .order_by("order")
        .values_list("id", flat=True)[0]
    )


def scripted_show(h: HallFixture) -> list[Step]:
    """A show of 21 steps through all three kinds of part (intro, knowledge,
    buzz-in). Every step is valid in order; in the ``buzz`` step two pads press
    together and the server itself makes the verdict after the grace window."""
    intro, know, buzz_part = h.parts[0], h.parts[1], h.parts[2]
    criteria = [c.id for c in intro.rubric.criteria.order_by("order")]
    t0 = h.teams[0].id
    return [
        Step("start", {"type": "start_contest"}),
        Step("intro", {"type": "goto_part", "part_id": intro.id}),
        Step("stage", {"type": "stage_team", "team_id": t0}),
        Step("countdown", {"type": "start_timer"}),
        Step("stop", {"type": "stop_timer"}),
        Step("judging", {"type": "open_judging"}),
        Step(
            "marks",
            {
                "type": "submit_marks",
                "part_id": intro.id,
                "team_id": t0,
                "marks": {str(criteria[0]): 45, str(criteria[1]): 30},
            },
            "judge",
        ),
        Step("close_judging", {"type": "close_judging"}),
        Step("knowledge", {"type": "goto_part", "part_id": know.id}),
        Step("call", {"type": "call_team", "team_id": t0}),
        Step("draw", {"type": "draw"}),
        Step("answering", {"type": "open_answering"}),
        Step(
            "answer", {"type": "answer", "member_id": answering_member(h, 0), "choice": "B"}, "pad0"
        ),
        Step("close_answering", {"type": "close_answering"}),
        Step("reveal", {"type": "reveal"}),
        Step("buzz_part", {"type": "goto_part", "part_id": buzz_part.id}),
        Step("draw_buzz", {"type": "draw"}),
        Step("open_buzz", {"type": "open_buzz"}),
        Step("buzz", {"type": "buzz"}, "pads"),
        Step("buzz_answer", {"type": "answer", "choice": "A"}, "winner"),
        Step("buzz_reveal", {"type": "reveal"}),
        Step("next_question", {"type": "clear_question"}),
    ]


@dataclass
class Devices:
    """The show's devices: an MC, two screens, three pads, two judges."""

    mc: ProtocolClient
    others: list[ProtocolClient]
    contest_id: int
    members: dict[str, int]
    by_name: dict[str, ProtocolClient] = field(default_factory=dict)

    @property
    def everyone(self) -> list[ProtocolClient]:
        return [self.mc, *self.others]


def pad_members(h: HallFixture) -> dict[str, int]:
    return {f"pad{i}": answering_member(h, i) for i in range(3)}


async def connect_devices(h: HallFixture, urls: list[str], members: dict[str, int]) -> Devices:
    """Devices spread over the servers (each also knows the others to fail over to).
    ``members`` (from ``pad_members``) is read before the event loop starts."""

    def rotate(i: int) -> list[str]:
        return urls[i % len(urls) :] + urls[: i % len(urls)]

    plan = [
        ("screen0", screen_token(h)),
        ("screen1", screen_token(h)),
        ("pad0", team_token(h, 0)),
        ("pad1", team_token(h, 1)),
        ("pad2", team_token(h, 2)),
        ("judge", judge_token(h, 1)),
        ("head", judge_token(h, 0)),
    ]
    mc = await ProtocolClient(rotate(0), mc_token(h), "mc").start()
    devices = Devices(mc, [], h.contest.id, members)
    devices.by_name["mc"] = mc
    for i, (name, token) in enumerate(plan, start=1):
        client = await ProtocolClient(rotate(i), token, name).start()
        devices.others.append(client)
        devices.by_name[name] = client
    return devices


Hook = Callable[[Step], Awaitable[None]]


async def play(
    devices: Devices,
    steps: list[Step],
    before: dict[str, Hook] | None = None,
    after: dict[str, Hook] | None = None,
    send: Callable[[ProtocolClient, dict], Awaitable[dict]] | None = None,
    skip: frozenset[str] = frozenset(),
) -> None:
    """Run the script; after each accepted step wait until every device (but the
    ones named in ``skip``) has its seq."""
    before, after = before or {}, after or {}
    for step in steps:
        if step.name in before:
            await before[step.name](step)
        if step.who == "winner":
            reply = await _winner_answers(devices, step.command, send)
        elif step.who == "pads":
            reply = await _race(devices, send)
        else:
            client = devices.by_name[step.who]
            reply = await (send or _send)(client, step.command)
        assert reply["type"] == "ack", (step.name, reply)
        target = reply["seq"]
        if step.who == "pads":
            target = await _verdict_seq(devices.mc, target)
        for device in devices.everyone:
            if device.name not in skip:
                await device.wait_seq(target, timeout=STEP_TIMEOUT)
        if step.name in after:
            await after[step.name](step)


async def _send(client: ProtocolClient, command: dict) -> dict:
    return await reliable_command(client, command)


async def reliable_command(client: ProtocolClient, command: dict, cid: str | None = None) -> dict:
    """What a real device does: send with an id; if the socket changes or no reply
    comes within a second, send the SAME id again (the server applies it once)."""
    import json

    cid = cid or new_id()
    deadline = time.monotonic() + STEP_TIMEOUT
    while time.monotonic() < deadline:
        ws = client.ws
        if ws is None:
            await asyncio.sleep(0.02)
            continue
        with contextlib.suppress(Exception):
            await ws.send(json.dumps({**command, "id": cid}))
        retry_at = time.monotonic() + 1.0
        while time.monotonic() < min(retry_at, deadline) and client.ws is ws:
            if cid in client.replies:
                return client.replies.pop(cid)
            await asyncio.sleep(0.005)
    raise TimeoutError(f"{client.name}: no reply to {command}")


async def _race(devices: Devices, send) -> dict:
    """Two pads press at once; the first accepted press is the step's reply."""
    presses = []
    for name in ("pad0", "pad1"):
        command = {
            "type": "buzz",
            "member_id": devices.members[name],
            "client_ts": int(time.time() * 1000),
        }
        presses.append((send or _send)(devices.by_name[name], command))
    replies = await asyncio.gather(*presses)
    accepted = [r for r in replies if r["type"] == "ack"]
    return min(accepted, key=lambda r: r["seq"]) if accepted else replies[0]


async def _verdict_seq(mc: ProtocolClient, after_seq: int) -> int:
    """The buzz verdict is made by the server's own timer: wait until the MC sees it."""
    deadline = time.monotonic() + STEP_TIMEOUT
    while time.monotonic() < deadline:
        for frame in reversed(mc.frames):
            event = frame.get("event") if frame.get("type") == "event" else None
            if event and event.get("type") == "buzz_verdict" and frame["seq"] > after_seq:
                return frame["seq"]
        await asyncio.sleep(0.02)
    raise AssertionError("the server made no buzz verdict")


async def _winner_answers(devices: Devices, command: dict, send) -> dict:
    """Whichever pad won the race answers (the other is refused ``not_your_turn``)."""
    reply: dict = {}
    for name in ("pad0", "pad1"):
        reply = await (send or _send)(devices.by_name[name], {**command})
        if reply["type"] == "ack":
            return reply
    return reply


async def stop_all(devices: Devices) -> None:
    for device in devices.everyone:
        await device.stop()


# ---------------------------------------------------------------- the checks
def assert_exactly_once_in_order(h: HallFixture, clients: list[ProtocolClient]) -> int:
    """Every client applied every event of the log once, in seq order, no gap."""
    total = Event.objects.filter(contest=h.contest).count()
    assert total >= 21
    for client in clients:
        assert client.applied == list(range(1, total + 1)), (client.name, client.applied, total)
    return total


def assert_log_folds_to_snapshot(h: HallFixture) -> None:
    snapshot = Snapshot.objects.get(contest=h.contest)
    assert snapshot.seq == Event.objects.filter(contest=h.contest).count()
    assert state_to_dict(rebuild_state(h.contest.id)) == snapshot.state


def new_id() -> str:
    return uuid.uuid4().hex
