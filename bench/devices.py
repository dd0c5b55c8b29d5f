"""Simulated devices speaking the real hall protocol, all in one asyncio process.

Each device says ``hello`` with its token, keeps its clock in sync with ``ping``,
applies events strictly in ``seq`` order, asks ``resync`` on a gap and records,
for every seq, the moment (``time.monotonic``) the frame arrived. The same
client runs against the hall and against the bare floor server, so the ratio
compares servers, not clients.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
import uuid
from dataclasses import dataclass, field

import websockets

EVENT_PREFIX = '{"type":"event","seq":'
PING_EVERY_S = 5.0


def fast_seq(raw: str) -> int | None:
    """The seq of an event frame without parsing the whole JSON (the hub's
    ``dumps`` always starts an event with ``type`` then ``seq``)."""
    if not raw.startswith(EVENT_PREFIX):
        return None
    end = raw.find(",", len(EVENT_PREFIX))
    try:
        return int(raw[len(EVENT_PREFIX) : end])
    except ValueError:
        return None


@dataclass
class DeviceStats:
    frames: int = 0
    bytes: int = 0
    event_bytes: int = 0
    events: int = 0
    resyncs: int = 0
    reconnects: int = 0
    errors: list[str] = field(default_factory=list)
    refusals: list[dict] = field(default_factory=list)
    rtt_ms: list[float] = field(default_factory=list)


class Device:
    """One simulated console, pad, judge tablet or screen."""

    def __init__(self, url: str, token: str, name: str, role: str) -> None:
        self.url = url
        self.origin = "http://" + url.split("://", 1)[1].split("/", 1)[0]
        self.token = token
        self.name = name
        self.role = role
        self.seq: int | None = None
        self.epoch: int | None = None
        self.arrived: dict[int, float] = {}
        self.stats = DeviceStats()
        self.replies: dict[str, dict] = {}
        self.reply_waiters: dict[str, asyncio.Future] = {}
        self.ws: websockets.ClientConnection | None = None
        self.ready = asyncio.Event()
        self.offset_ms = 0.0
        self._task: asyncio.Task | None = None
        self._pinger: asyncio.Task | None = None
        self._closing = False
        self._last_rtt: float | None = None

    # ------------------------------------------------------------ life cycle
    async def connect(self, timeout: float = 30) -> None:
        self.ws = await websockets.connect(
            self.url,
            origin=self.origin,  # as a browser sends it; the server checks it against its hosts
            max_size=2**22,
            open_timeout=timeout,
            ping_interval=None,
            compression=None,
        )
        await self.ws.send(
            json.dumps(
                {"type": "hello", "token": self.token, "last_seq": self.seq, "epoch": self.epoch}
            )
        )
        self._task = asyncio.create_task(self._read())
        await asyncio.wait_for(self.ready.wait(), timeout)
        self._pinger = asyncio.create_task(self._ping_loop())

    async def close(self) -> None:
        self._closing = True
        for task in (self._pinger,):
            if task is not None:
                task.cancel()
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 5)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task

    # ------------------------------------------------------------ reading
    async def _read(self) -> None:
        assert self.ws is not None
        try:
            async for raw in self.ws:
                now = time.monotonic()
                self._on_frame(raw, now)
        except websockets.exceptions.ConnectionClosed as exc:
            if not self._closing:
                self.stats.errors.append(f"closed: {exc}")
        except Exception as exc:  # noqa: BLE001 - a benchmark records, never hides
            self.stats.errors.append(f"{type(exc).__name__}: {exc}")
        if not self._closing and not self.ready.is_set():
            self.ready.set()

    def _on_frame(self, raw: str | bytes, now: float) -> None:
        stats = self.stats
        stats.frames += 1
        if isinstance(raw, bytes):
            raw = raw.decode()
        stats.bytes += len(raw)
        seq = fast_seq(raw)
        if seq is not None:
            stats.events += 1
            stats.event_bytes += len(raw)
            self._on_event(seq, now)
            return
        msg = json.loads(raw)
        kind = msg.get("type")
        if kind == "event":
            stats.events += 1
            self._on_event(msg["seq"], now)
        elif kind == "snapshot":
            self.seq, self.epoch = msg["seq"], msg.get("epoch")
            self.ready.set()
        elif kind == "recovered":
            self.epoch = msg.get("epoch")
            if "view" in msg:
                self.seq = msg["seq"]
            self.ready.set()
        elif kind == "pong":
            rtt = now * 1000 - msg["t0"]
            self._last_rtt = rtt
            stats.rtt_ms.append(rtt)
            self.offset_ms = msg["server_ms"] - (time.time() * 1000 - rtt / 2)
        elif kind in ("ack", "refused"):
            msg["_at"] = now
            if kind == "refused":
                stats.refusals.append(msg)
            cid = msg.get("id", "")
            waiter = self.reply_waiters.pop(cid, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(msg)
            else:
                self.replies[cid] = msg

    def _on_event(self, seq: int, now: float) -> None:
        if self.seq is not None and seq <= self.seq:
            return  # already applied: never twice
        if self.seq is not None and seq > self.seq + 1:
            self.stats.resyncs += 1
            asyncio.ensure_future(
                self._send({"type": "resync", "last_seq": self.seq, "epoch": self.epoch})
            )
            return
        self.seq = seq
        self.arrived[seq] = now

    # ------------------------------------------------------------ writing
    async def _send(self, msg: dict) -> None:
        if self.ws is None:
            return
        with contextlib.suppress(websockets.exceptions.ConnectionClosed):
            await self.ws.send(json.dumps(msg))

    async def _ping_loop(self) -> None:
        await asyncio.sleep(random.random() * PING_EVERY_S)
        while True:
            msg: dict = {"type": "ping", "t0": time.monotonic() * 1000}
            if self._last_rtt is not None:
                msg["rtt"] = round(self._last_rtt, 1)
                msg["offset"] = round(self.offset_ms)
            await self._send(msg)
            await asyncio.sleep(PING_EVERY_S)

    def send_command(self, msg: dict) -> tuple[str, asyncio.Future]:
        """Send a command now; the future resolves with its ack/refused."""
        cid = uuid.uuid4().hex
        future = asyncio.get_running_loop().create_future()
        self.reply_waiters[cid] = future
        asyncio.ensure_future(self._send({**msg, "id": cid}))
        return cid, future

    async def command(self, msg: dict, timeout: float = 15) -> dict:
        _, future = self.send_command(msg)
        return await asyncio.wait_for(future, timeout)


async def connect_all(devices: list[Device], concurrency: int = 50) -> None:
    """Connect every device, ``concurrency`` handshakes at a time."""
    gate = asyncio.Semaphore(concurrency)

    async def one(device: Device) -> None:
        async with gate:
            try:
                await device.connect()
            except Exception as exc:  # noqa: BLE001
                device.stats.errors.append(f"connect: {type(exc).__name__}: {exc}")

    await asyncio.gather(*(one(d) for d in devices))


async def close_all(devices: list[Device]) -> None:
    await asyncio.gather(*(d.close() for d in devices), return_exceptions=True)
