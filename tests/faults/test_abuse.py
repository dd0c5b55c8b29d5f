"""Malformed, oversized and flood traffic from one device is refused (and the
socket closed where the protocol says so); the show goes on for everyone else."""

from __future__ import annotations

import asyncio
import json

import pytest
import websockets

from tests.faults.conftest import (
    Step,
    assert_exactly_once_in_order,
    assert_log_folds_to_snapshot,
    connect_devices,
    pad_members,
    play,
    scripted_show,
    stop_all,
)
from tests.live.conftest import team_token

pytestmark = [pytest.mark.multiproc, pytest.mark.django_db(transaction=True)]


async def read_until(ws, kind: str, timeout: float = 5) -> dict:
    async with asyncio.timeout(timeout):
        while True:
            msg = json.loads(await ws.recv())
            if msg.get("type") == kind:
                return msg


async def joined(url: str, token: str):
    ws = await websockets.connect(url, max_size=2**22)
    await ws.send(json.dumps({"type": "hello", "token": token, "last_seq": None, "epoch": None}))
    await read_until(ws, "snapshot")
    return ws


def test_malformed_oversized_and_flood_are_refused(start_cluster, hall):
    cluster = start_cluster(1)
    url = cluster.urls[0]
    steps = scripted_show(hall)
    members = pad_members(hall)
    token = team_token(hall, 2)
    seen: dict[str, object] = {}

    async def scenario():
        devices = await connect_devices(hall, cluster.urls, members)

        async def malformed(step: Step) -> None:
            anonymous = await websockets.connect(url)
            await anonymous.send(json.dumps({"type": "draw", "id": "x1"}))
            seen["anonymous"] = (await read_until(anonymous, "refused"))["code"]
            await anonymous.close()
            ws = await joined(url, token)
            codes = []
            for frame in ("{not json", json.dumps({"no": "type"}), b"\x00\x01", json.dumps([1, 2])):
                await ws.send(frame)
                codes.append((await read_until(ws, "refused"))["code"])
            await ws.send(json.dumps({"type": "explode", "id": "x2"}))
            codes.append((await read_until(ws, "refused"))["code"])
            await ws.send(json.dumps({"type": "reveal", "id": "x3"}))  # an MC command from a pad
            codes.append((await read_until(ws, "refused"))["code"])
            await ws.send(json.dumps({"type": "ping", "t0": 1}))
            seen["still_open"] = (await read_until(ws, "pong"))["t0"] == 1
            seen["malformed"] = codes
            await ws.close()

        async def oversized(step: Step) -> None:
            ws = await joined(url, token)
            await ws.send(json.dumps({"type": "answer", "id": "big", "choice": "A" * 70_000}))
            seen["too_large"] = (await read_until(ws, "refused"))["code"]
            with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
                await read_until(ws, "never")
            seen["too_large_close"] = closed.value.rcvd.code

        async def flood(step: Step) -> None:
            ws = await joined(url, token)
            codes = []
            with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
                for n in range(200):
                    await ws.send(json.dumps({"type": "ping", "t0": n}))
                while True:
                    msg = json.loads(await ws.recv())
                    if msg["type"] == "refused":
                        codes.append(msg["code"])
            seen["flood"] = codes
            seen["flood_close"] = closed.value.rcvd.code

        await play(
            devices, steps, after={"stage": malformed, "answering": oversized, "reveal": flood}
        )
        await stop_all(devices)
        return devices

    devices = asyncio.run(scenario())
    assert seen["anonymous"] == "not_authenticated"
    assert seen["malformed"][:4] == ["bad_json", "bad_message", "bad_message", "bad_message"]
    assert seen["malformed"][4] in ("bad_command", "bad_message")
    assert seen["malformed"][5] == "forbidden"
    assert seen["still_open"] is True
    assert seen["too_large"] == "too_large"
    # autobahn (daphne) only sends close codes 1000 and 3000–4999: the consumer must
    # close with 4009, or the server fails and the socket ends with 1011.
    assert seen["too_large_close"] == 4009, seen["too_large_close"]
    assert seen["flood"] == ["flood"] and seen["flood_close"] == 4008
    assert_exactly_once_in_order(hall, devices.everyone)
    assert_log_folds_to_snapshot(hall)
