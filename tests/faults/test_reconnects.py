"""Clients drop and reconnect at random moments, including mid-countdown and
mid-buzz: every client still applies every event exactly once, in order."""

from __future__ import annotations

import asyncio
import contextlib
import random

import pytest

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

pytestmark = [pytest.mark.multiproc, pytest.mark.django_db(transaction=True)]


async def drop(client) -> None:
    """Cut the client's socket without a goodbye; it reconnects by itself."""
    ws = client.ws
    if ws is not None:
        with contextlib.suppress(Exception):
            ws.transport.abort()


def test_random_drops_mid_countdown_and_mid_buzz(start_cluster, hall):
    cluster = start_cluster(2)
    rng = random.Random(20231123)
    steps = scripted_show(hall)
    members = pad_members(hall)

    async def scenario():
        devices = await connect_devices(hall, cluster.urls, members)
        others = devices.others

        async def chaos() -> None:
            while True:
                await asyncio.sleep(rng.uniform(0.05, 0.3))
                await drop(rng.choice(others))

        async def drop_pads(step: Step) -> None:
            # mid-countdown / mid-buzz: the pads and a screen lose their sockets
            for name in ("pad0", "pad1", "screen0"):
                await drop(devices.by_name[name])

        async def drop_everyone(step: Step) -> None:
            for client in devices.everyone:
                await drop(client)

        noise = asyncio.create_task(chaos())
        try:
            await play(
                devices,
                steps,
                before={"buzz": drop_pads},
                after={"countdown": drop_pads, "answering": drop_everyone, "open_buzz": drop_pads},
            )
        finally:
            noise.cancel()
        await stop_all(devices)
        return devices

    devices = asyncio.run(scenario())
    assert_exactly_once_in_order(hall, devices.everyone)
    assert sum(c.reconnects for c in devices.others) >= 10
    assert devices.mc.reconnects >= 1
    assert_log_folds_to_snapshot(hall)
