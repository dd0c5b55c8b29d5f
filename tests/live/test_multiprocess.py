"""Two real daphne processes on PostgreSQL + Redis serve one contest.

An MC on one process, screens, pads and a judge on both; a scripted show; then
SIGKILL of one process (its clients reconnect to the other and catch up with no
gap) and a restart of Redis mid-show. Every client must apply every event
exactly once, in seq order, and the snapshot must equal a fold of the log.
"""

from __future__ import annotations

import asyncio

import pytest
from django.db import connection

from hall.engine.state import state_to_dict
from hall.models import Event, Snapshot
from hall.services import rebuild_state
from tests.factories import make_hall
from tests.live.conftest import judge_token, mc_token, screen_token, team_token
from tests.procs import Daphne, PrivateRedis, ProtocolClient, server_env

pytestmark = [pytest.mark.multiproc, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cluster():
    if connection.vendor != "postgresql":
        pytest.skip("several daphne processes need PostgreSQL (CI runs this with DATABASE_URL)")
    redis = PrivateRedis().start()
    env = server_env(redis.url)
    servers = [Daphne(env).start(), Daphne(env).start()]
    yield redis, servers
    for s in servers:
        s.stop()
    redis.stop()


def test_two_processes_kill_and_redis_restart(cluster):
    redis, (a, b) = cluster
    h = make_hall(teams=3, judges=3)
    know = h.parts[1]
    members = list(h.teams[0].members.filter(answers_knowledge=True).values_list("id", flat=True))
    intro = h.parts[0]
    criteria = [c.id for c in intro.rubric.criteria.all()]

    async def scenario() -> list[ProtocolClient]:
        mc = await ProtocolClient([a.ws], mc_token(h), "mc@A").start()
        others = [
            await ProtocolClient([a.ws, b.ws], screen_token(h), "screen@A").start(),
            await ProtocolClient([b.ws, a.ws], screen_token(h), "screen@B").start(),
            await ProtocolClient([a.ws, b.ws], team_token(h, 0), "pad0@A").start(),
            await ProtocolClient([b.ws, a.ws], team_token(h, 1), "pad1@B").start(),
            await ProtocolClient([b.ws, a.ws], judge_token(h, 1), "judge@B").start(),
        ]
        everyone = [mc, *others]

        async def step(cmd: dict, by: ProtocolClient = mc) -> int:
            reply = await by.command(cmd)
            assert reply["type"] == "ack", (cmd, reply)
            for c in everyone:
                await c.wait_seq(reply["seq"], timeout=15)
            return reply["seq"]

        await step({"type": "start_contest"})
        await step({"type": "goto_part", "part_id": intro.id})
        await step({"type": "stage_team", "team_id": h.teams[0].id})
        await step({"type": "start_timer"})
        await step({"type": "stop_timer"})
        await step({"type": "open_judging"})
        await step(
            {
                "type": "submit_marks",
                "part_id": intro.id,
                "team_id": h.teams[0].id,
                "marks": {str(criteria[0]): 40, str(criteria[1]): 30},
            },
            by=others[4],
        )
        await step({"type": "close_judging"})
        await step({"type": "goto_part", "part_id": know.id})
        await step({"type": "call_team", "team_id": h.teams[0].id})
        # --- restart Redis mid-show (same port): the doorbell heals from the log.
        redis.stop()
        await asyncio.sleep(0.3)
        redis.start()
        await step({"type": "draw"})
        await step({"type": "open_answering"})
        deadline = mc.view["question"]["deadline_ms"]
        assert deadline is not None
        # --- SIGKILL process B mid-question: its clients move to A, catch up and
        # show the same question with the same server deadline (same countdown).
        b.kill()
        await step({"type": "answer", "member_id": members[0], "choice": "B"}, by=others[2])
        for c in others:
            assert c.view["question"]["deadline_ms"] == deadline, c.name
            assert c.view["question"]["question_id"] == mc.view["question"]["question_id"]
        await step({"type": "close_answering"})
        await step({"type": "reveal"})
        for c in everyone:
            await c.stop()
        return everyone

    clients = asyncio.run(scenario())
    total = Event.objects.filter(contest=h.contest).count()
    assert total >= 14
    for c in clients:
        # exactly once, in order, no gap (snapshot at hello counts as seq 0)
        assert c.applied == list(range(1, total + 1)), (c.name, c.applied)
    moved = [c for c in clients if c.name.endswith("@B")]
    assert all(c.reconnects >= 1 for c in moved)
    snap = Snapshot.objects.get(contest=h.contest)
    assert snap.seq == total
    assert state_to_dict(rebuild_state(h.contest.id)) == snap.state
