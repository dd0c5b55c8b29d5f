"""Fair first press: the earlier press wins even when its network is slower.

Team A presses 20 ms before team B, but A's messages take 40 ms longer to
arrive (an injected delay on A's link, both ways). The server ranks by each
client's press time corrected by its clock offset and clamped by its measured
round trip, so A wins although B's buzz is received first.
"""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from tests.live.conftest import Client, mc_token, team_token

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


class DelayedPad(Client):
    """A pad whose link adds ``delay_ms`` in each direction."""

    def __init__(self, token: str, name: str, delay_ms: int) -> None:
        super().__init__(token, name)
        self.delay = delay_ms / 1000

    async def measure_clock(self) -> None:
        # one ping/pong over the delayed link, then report the measured RTT
        t0 = time.time() * 1000
        await asyncio.sleep(self.delay)
        await self.send({"type": "ping", "t0": t0})
        while True:
            msg = await self.recv()
            if msg["type"] == "pong":
                break
        await asyncio.sleep(self.delay)
        rtt = time.time() * 1000 - t0
        offset = msg["server_ms"] - (t0 + t0 + rtt) / 2
        await self.send({"type": "ping", "t0": t0, "rtt": rtt, "offset": round(offset)})
        await self.recv()

    async def press(self, pressed_at_ms: float, member_id: int) -> None:
        await asyncio.sleep(self.delay)
        await self.send(
            {
                "type": "buzz",
                "id": f"buzz-{self.name}",
                "member_id": member_id,
                "client_ts": pressed_at_ms,
            }
        )


async def run_race(hall, delay_a: int, delay_b: int, a_leads_by_ms: int) -> dict:
    mc = Client(mc_token(hall), "mc")
    await mc.connect()
    buzz_part = hall.parts[2]
    for cmd in (
        {"type": "start_contest"},
        {"type": "goto_part", "part_id": buzz_part.id},
        {"type": "draw"},
        {"type": "open_buzz"},
    ):
        reply = await mc.command(cmd)
        assert reply["type"] == "ack", (cmd, reply)
    team_a, team_b = hall.teams[0], hall.teams[1]
    pad_a = DelayedPad(team_token(hall, 0), "A", delay_a)
    pad_b = DelayedPad(team_token(hall, 1), "B", delay_b)
    for pad in (pad_a, pad_b):
        await pad.connect()
        await pad.measure_clock()
    member_a = await _first_answering(team_a)
    member_b = await _first_answering(team_b)
    now = time.time() * 1000
    await asyncio.gather(
        pad_a.press(now, member_a),
        _later(a_leads_by_ms / 1000, pad_b.press(now + a_leads_by_ms, member_b)),
    )
    # the verdict comes after the grace window, from the server's own tick
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        msg = await mc.recv(timeout=5)
        event = msg.get("event") if msg.get("type") == "event" else None
        if event and event.get("type") == "buzz_verdict":
            return {"event": event, "a": team_a.id, "b": team_b.id}
    raise AssertionError("no buzz verdict")


async def _later(delay: float, coro) -> None:
    await asyncio.sleep(delay)
    await coro


async def _first_answering(team) -> int:
    from channels.db import database_sync_to_async

    return await database_sync_to_async(
        lambda: team.members.filter(answers_knowledge=True).values_list("id", flat=True).first()
    )()


@pytest.mark.parametrize(
    ("delay_a", "delay_b", "lead"),
    [(45, 5, 20), (40, 0, 25), (25, 5, 30)],
)
async def test_earlier_press_wins_despite_slower_network(hall, delay_a, delay_b, lead):
    result = await run_race(hall, delay_a, delay_b, lead)
    verdict = result["event"]
    assert verdict["winner_team_id"] == result["a"], json.dumps(verdict)
    order = [row["team_id"] for row in verdict["order"]]
    assert order[:2] == [result["a"], result["b"]]
