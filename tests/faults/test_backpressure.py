"""A screen whose socket is full: the server's direct writes (``screens/wire.py``)
fall back to Twisted's queue, in order, and nothing is lost or torn.

The screen stops reading and asks for 160 replays of 180 events while the MC
drives the show: about 5 MB, more than the kernel buffers of both ends hold, so
the server keeps the rest in user space (a partial send, then writes queued
behind it). When the screen reads again every frame arrives whole and in order,
and the view it builds from the replays and ``view_changes`` equals a newcomer's.
"""

from __future__ import annotations

import asyncio
import json
import socket

import pytest
import websockets

from tests.faults.conftest import assert_log_folds_to_snapshot
from tests.live.conftest import mc_token, screen_token
from tests.procs import ProtocolClient, view_after

pytestmark = [pytest.mark.multiproc, pytest.mark.django_db(transaction=True)]

RESYNCS = 160  # at 20/s, the flood guard's rate, so never refused; 8 s of not reading
BACK = 180  # events each resync asks to have replayed (+14 live: under the limit, 200)


def tcp_queue(local_port: int, remote_port: int, column: str) -> int:
    """``tx_queue`` or ``rx_queue`` of one IPv4 socket, from /proc/net/tcp."""
    with open("/proc/net/tcp") as table:
        next(table)
        for line in table:
            fields = line.split()
            local, remote, queues = fields[1], fields[2], fields[4]
            if int(local.split(":")[1], 16) == local_port and (
                int(remote.split(":")[1], 16) == remote_port
            ):
                tx, rx = (int(x, 16) for x in queues.split(":"))
                return tx if column == "tx" else rx
    raise AssertionError(f"no socket {local_port} -> {remote_port}")


def toggles(count: int) -> list[dict]:
    return [{"type": "start_timer" if i % 2 == 0 else "stop_timer"} for i in range(count)]


def test_full_socket_gets_every_frame_whole_and_in_order(start_cluster, hall):
    cluster = start_cluster(1)
    url = cluster.urls[0]
    port = cluster.servers[0].port
    opening = [
        {"type": "start_contest"},
        {"type": "goto_part", "part_id": hall.parts[0].id},
        {"type": "stage_team", "team_id": hall.teams[0].id},
        *toggles(BACK),
    ]
    mc_tok, screen_tok = mc_token(hall), screen_token(hall)

    async def scenario():
        mc = await ProtocolClient([url], mc_tok, "mc").start()
        for command in opening:  # at the flood guard's rate (20/s)
            reply = await mc.command(command)
            assert reply["type"] == "ack", reply
            await asyncio.sleep(0.05)
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", port))
        client_port = sock.getsockname()[1]
        ws = await websockets.connect(url, sock=sock, max_size=2**22, ping_interval=None)
        await ws.send(json.dumps({"type": "hello", "token": screen_tok}))
        first = json.loads(await ws.recv())
        assert first["type"] == "snapshot" and first["seq"] == reply["seq"]
        frames: list[dict] = [first]

        # Stop reading; ask for 160 replays of 180 events while the show goes on.
        ws.transport.pause_reading()
        resync = json.dumps(
            {"type": "resync", "last_seq": first["seq"] - BACK, "epoch": first["epoch"]}
        )
        live = iter(toggles(RESYNCS // 12 + 1))
        for n in range(RESYNCS):
            await ws.send(resync)
            if n % 12 == 0:
                reply = await mc.command(next(live))
                assert reply["type"] == "ack", reply
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # let the server write what the kernel takes
        in_kernel = tcp_queue(port, client_port, "tx") + tcp_queue(client_port, port, "rx")

        # Read again while the show goes on: new frames must queue behind the
        # megabytes the server still holds, not jump ahead as the socket drains.
        async def more_show() -> int:
            for command in toggles(14):
                reply = await mc.command(command)
                assert reply["type"] == "ack", reply
                await asyncio.sleep(0.05)
            return reply["seq"]

        ws.transport.resume_reading()
        show = asyncio.ensure_future(more_show())
        size = 0
        seen: set[int] = set()
        deadline = asyncio.get_running_loop().time() + 30
        while not (show.done() and show.result() in seen):
            assert asyncio.get_running_loop().time() < deadline, "the stream stopped"
            try:
                raw = await asyncio.wait_for(ws.recv(), 0.5)
            except TimeoutError:
                continue
            size += len(raw.encode())
            frames.append(json.loads(raw))
            if frames[-1]["type"] == "event":
                seen.add(frames[-1]["seq"])
        head = show.result()
        newcomer = await ProtocolClient([url], screen_tok, "newcomer").start()
        await ws.close()
        await mc.stop()
        await newcomer.stop()
        return frames, size, in_kernel, newcomer.view, head

    frames, size, in_kernel, fresh_view, head = asyncio.run(scenario())
    # The premise: the kernel's buffers of both ends (at most 4 MiB here) could not
    # hold it all, so the server held the rest (a partial send, then thousands of
    # writes queued behind it, when last instrumented).
    assert size > in_kernel + 500_000, (size, in_kernel)
    assert sum(f["type"] == "recovered" for f in frames) >= RESYNCS // 2
    # Read the stream as live.js does: a "recovered" rewinds to its from_seq, the
    # replayed events follow; an event is applied only as seq + 1, never twice.
    view, seq, applied = None, None, 0
    for frame in frames:
        if frame["type"] == "snapshot":
            view, seq = frame["view"], frame["seq"]
        elif frame["type"] == "recovered":
            assert "view" not in frame
            seq = frame["from_seq"]
        elif frame["type"] == "event":
            assert frame["seq"] <= seq + 1, ("gap", frame["seq"], seq)
            if frame["seq"] == seq + 1:
                view, seq = view_after(view, frame), frame["seq"]
                applied += 1
    assert seq == head
    assert applied > RESYNCS * BACK // 2
    assert view == fresh_view
    assert_log_folds_to_snapshot(hall)
