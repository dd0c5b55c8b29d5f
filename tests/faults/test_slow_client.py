"""A screen that stops reading must not stall the others: the server drops it
(keepalive ping unanswered), and when it reads again it reconnects and catches
up from the log, every event exactly once."""

from __future__ import annotations

import asyncio
import time

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

# Production runs daphne with its defaults (ping every 20 s, drop after 30 s);
# the test shortens both so the drop happens within the show.
PING_ARGS = ("--ping-interval", "1", "--ping-timeout", "2")


def test_slow_reader_is_dropped_and_resyncs(start_cluster, hall):
    cluster = start_cluster(1, PING_ARGS)
    steps = scripted_show(hall)
    members = pad_members(hall)
    timings: dict[str, float] = {}

    async def scenario():
        devices = await connect_devices(hall, cluster.urls, members)
        slow = devices.by_name["screen1"]
        before_seq: list[int] = []

        async def stop_reading(step: Step) -> None:
            before_seq.append(slow.seq)
            slow.ws.transport.pause_reading()
            timings["stalled_at"] = time.monotonic()

        async def wait_for_drop(step: Step) -> None:
            timings["others_done"] = time.monotonic()
            await asyncio.sleep(4.5)  # ping after 1 s idle, dropped 2 s later

        async def read_again(step: Step) -> None:
            slow.ws.transport.resume_reading()

        await play(
            devices,
            steps[:9],
            after={"stage": stop_reading, "close_judging": wait_for_drop},
            skip=frozenset({"screen1"}),
        )
        assert slow.seq == before_seq[0], "a paused reader cannot have applied anything"
        await read_again(steps[8])
        await play(devices, steps[9:])
        await stop_all(devices)
        return devices, slow

    devices, slow = asyncio.run(scenario())
    # Six commands went out while screen1 was stalled; everyone else had them promptly.
    assert timings["others_done"] - timings["stalled_at"] < 5
    assert slow.reconnects >= 1
    assert_exactly_once_in_order(hall, devices.everyone)
    assert_log_folds_to_snapshot(hall)
