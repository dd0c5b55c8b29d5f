"""Duplicated and reordered command messages: every command of the show is sent
twice with the same id at once (to both daphne processes), and the previous one
is sent again after it (a late retry). Each applies exactly once."""

from __future__ import annotations

import asyncio

import pytest

from hall.models import Event
from tests.faults.conftest import (
    assert_exactly_once_in_order,
    assert_log_folds_to_snapshot,
    connect_devices,
    new_id,
    pad_members,
    play,
    reliable_command,
    scripted_show,
    stop_all,
)
from tests.live.conftest import judge_token, mc_token, team_token
from tests.procs import ProtocolClient

pytestmark = [pytest.mark.multiproc, pytest.mark.django_db(transaction=True)]


def test_duplicated_and_reordered_commands_apply_once(start_cluster, hall):
    cluster = start_cluster(2)
    a, b = cluster.servers
    steps = scripted_show(hall)
    members = pad_members(hall)
    tokens = {
        "mc": mc_token(hall),
        "pad0": team_token(hall, 0),
        "pad1": team_token(hall, 1),
        "judge": judge_token(hall, 1),
    }
    applied_ids: set[str] = set()
    duplicates: list[dict] = []

    async def scenario():
        devices = await connect_devices(hall, [a.ws, b.ws], members)
        twins: dict[str, ProtocolClient] = {}
        for name, token in tokens.items():
            home = devices.by_name[name].urls[0]
            other = b.ws if home == a.ws else a.ws
            twins[name] = await ProtocolClient([other], token, f"{name}-twin").start()
        last: list[tuple[ProtocolClient, dict, str]] = []

        async def twice(client: ProtocolClient, command: dict) -> dict:
            cid = new_id()
            twin = twins[client.name]
            first, second = await asyncio.gather(
                reliable_command(client, command, cid), reliable_command(twin, command, cid)
            )
            replies = [first, second]
            if first["type"] == "ack":
                fresh = [r for r in replies if not r["duplicate"]]
                assert len(fresh) == 1, replies  # exactly one of the two applied it
                applied_ids.add(cid)
                duplicates.extend(r for r in replies if r["duplicate"])
            if last:
                # the previous command again, after this one: a late, reordered retry
                old_client, old_command, old_cid = last[-1]
                again = await reliable_command(old_client, old_command, old_cid)
                if again["type"] == "ack":
                    assert again["duplicate"], again
            last.append((client, command, cid))
            return next((r for r in replies if r["type"] == "ack" and not r["duplicate"]), first)

        await play(devices, steps, send=twice)
        await stop_all(devices)
        for twin in twins.values():
            await twin.stop()
        return devices

    devices = asyncio.run(scenario())
    assert_exactly_once_in_order(hall, devices.everyone)
    logged = set(
        Event.objects.filter(contest=hall.contest)
        .exclude(command_id__startswith="tick:")
        .values_list("command_id", flat=True)
    )
    assert logged == applied_ids
    assert len(duplicates) >= len(steps)
    assert_log_folds_to_snapshot(hall)
