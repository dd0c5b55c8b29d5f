"""The floor: a bare ``websockets`` broadcast server speaking just enough of the
hall protocol (hello → snapshot, ping → pong, command → one event to everyone +
ack) for the benchmark's devices. No database, no state, no projection: the
fastest a Python server fans a frame out on this machine.

Run: ``python bench/floor_server.py --port P --frame-bytes B``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

import websockets


class Floor:
    def __init__(self, frame_bytes: int) -> None:
        self.frame_bytes = frame_bytes
        self.seq = 0
        self.sockets: set[websockets.ServerConnection] = set()

    def frame(self) -> str:
        head = (
            f'{{"type":"event","seq":{self.seq},"epoch":1,"event":{{"type":"timer_started","pad":"'
        )
        tail = '"}}'
        pad = max(0, self.frame_bytes - len(head) - len(tail))
        return head + "x" * pad + tail

    async def handler(self, ws: websockets.ServerConnection) -> None:
        try:
            async for raw in ws:
                msg = json.loads(raw)
                kind = msg.get("type")
                if kind == "hello":
                    snapshot = {"type": "snapshot", "recovered": False, "seq": self.seq}
                    await ws.send(json.dumps({**snapshot, "epoch": 1, "view": {}}))
                    self.sockets.add(ws)
                elif kind == "ping":
                    now = int(time.time() * 1000)
                    await ws.send(
                        json.dumps(
                            {"type": "pong", "t0": msg.get("t0"), "server_ms": now, "seq": self.seq}
                        )
                    )
                elif kind == "resync":
                    await ws.send(
                        json.dumps({"type": "snapshot", "seq": self.seq, "epoch": 1, "view": {}})
                    )
                else:
                    self.seq += 1
                    websockets.broadcast(self.sockets, self.frame())
                    await ws.send(
                        json.dumps(
                            {
                                "type": "ack",
                                "id": msg.get("id"),
                                "seq": self.seq,
                                "duplicate": False,
                            }
                        )
                    )
        except websockets.exceptions.ConnectionClosed:
            pass
        finally:
            self.sockets.discard(ws)


async def main(port: int, frame_bytes: int) -> None:
    floor = Floor(frame_bytes)
    async with websockets.serve(
        floor.handler, "127.0.0.1", port, max_size=2**16, ping_interval=None, compression=None
    ):
        print("ready", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--frame-bytes", type=int, default=400)
    args = parser.parse_args()
    asyncio.run(main(args.port, args.frame_bytes))
