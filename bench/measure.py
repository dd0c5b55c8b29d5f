"""One measured round: connect the devices, drive MC commands at a fixed rate,
time each command until the last device has its event, then a burst for the
sustained event rate."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.devices import Device, close_all, connect_all


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class RoundResult:
    latencies_ms: list[float] = field(default_factory=list)
    first_ms: list[float] = field(default_factory=list)
    ack_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    events_per_s: float = 0.0
    mean_event_bytes: float = 0.0
    resyncs: int = 0
    sockets: int = 0

    def summary(self) -> dict:
        if not self.latencies_ms:
            return {"p50_ms": None, "p99_ms": None, "max_ms": None}
        return {
            "p50_ms": round(percentile(self.latencies_ms, 50), 1),
            "p99_ms": round(percentile(self.latencies_ms, 99), 1),
            "max_ms": round(max(self.latencies_ms), 1),
            "first_p50_ms": round(percentile(self.first_ms, 50), 1),
            "ack_p50_ms": round(percentile(self.ack_ms, 50), 1) if self.ack_ms else None,
        }


class Toggle:
    """A cheap command that is always valid: start and stop the staged team's timer."""

    def __init__(self) -> None:
        self.running = False

    def next(self) -> dict:
        self.running = not self.running
        return {"type": "start_timer" if self.running else "stop_timer"}


async def wait_all(devices: list[Device], seq: int, timeout: float) -> list[Device]:
    """Wait until every live device has applied ``seq``; return the ones that did not."""
    deadline = time.monotonic() + timeout
    while True:
        behind = [d for d in devices if d.seq is None or d.seq < seq]
        if not behind or time.monotonic() > deadline:
            return behind
        await asyncio.sleep(0.01)


async def drive(
    mc: Device,
    devices: list[Device],
    make_command: Callable[[], dict],
    count: int,
    rate: float,
    result: RoundResult,
) -> int:
    """Send ``count`` commands at ``rate``/s; record per-command fan-out latency."""
    sent: list[tuple[float, asyncio.Future]] = []
    start = time.monotonic()
    for i in range(count):
        target = start + i / rate
        delay = target - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        _, future = mc.send_command(make_command())
        sent.append((time.monotonic(), future))
    last_seq = -1
    replies = []
    for t_send, future in sent:
        try:
            reply = await asyncio.wait_for(future, 30)
        except TimeoutError:
            result.errors.append("no reply to an MC command within 30 s")
            continue
        if reply.get("type") != "ack":
            result.errors.append(f"MC command refused: {reply.get('code')} {reply.get('reason')}")
            continue
        replies.append((t_send, reply["seq"]))
        result.ack_ms.append((reply["_at"] - t_send) * 1000)
        last_seq = max(last_seq, reply["seq"])
    behind = await wait_all(devices, last_seq, 30)
    for device in behind:
        result.errors.append(f"{device.name} stuck at seq {device.seq} (wanted {last_seq})")
    for t_send, seq in replies:
        arrivals = []
        for device in devices:
            at = device.arrived.get(seq)
            if at is None:
                result.errors.append(f"{device.name} never received seq {seq} live")
                continue
            arrivals.append(at)
        if arrivals:
            result.latencies_ms.append((max(arrivals) - t_send) * 1000)
            result.first_ms.append((min(arrivals) - t_send) * 1000)
    return last_seq


async def burst(
    mc: Device, devices: list[Device], make_command: Callable[[], dict], count: int
) -> float:
    """Send ``count`` commands back to back; events per second until all devices have them."""
    start_seq = mc.seq or 0
    start = time.monotonic()
    futures = [mc.send_command(make_command())[1] for _ in range(count)]
    try:
        replies = await asyncio.wait_for(asyncio.gather(*futures), 60)
    except TimeoutError:
        return 0.0
    last = max(r.get("seq") or 0 for r in replies)
    behind = await wait_all(devices, last, 60)
    if behind:
        return 0.0
    finished = max(d.arrived.get(last, time.monotonic()) for d in devices)
    return (last - start_seq) / max(1e-6, finished - start)


async def run_round(
    devices: list[Device],
    mc: Device,
    make_command: Callable[[], dict],
    messages: int,
    rate: float,
    burst_count: int,
    on_measure: Callable[[], None] | None = None,
    after_measure: Callable[[], None] | None = None,
) -> RoundResult:
    """Connect everyone, warm up, measure, burst, disconnect."""
    result = RoundResult(sockets=len(devices))
    await connect_all(devices)
    live = [d for d in devices if d.ws is not None and d.seq is not None]
    if mc not in live:
        result.errors.append("the MC could not connect")
        await close_all(devices)
        result.errors.extend(f"{d.name}: {e}" for d in devices for e in d.stats.errors)
        return result
    warm = RoundResult()
    await drive(mc, live, make_command, 10, rate, warm)
    await asyncio.sleep(0.3)
    if on_measure:
        on_measure()
    await drive(mc, live, make_command, messages, rate, result)
    if after_measure:
        after_measure()
    if burst_count:
        result.events_per_s = round(await burst(mc, live, make_command, burst_count), 1)
    event_bytes = sum(d.stats.event_bytes for d in live if d.role == "screen")
    events = sum(d.stats.events for d in live if d.role == "screen")
    result.mean_event_bytes = event_bytes / events if events else 0.0
    result.resyncs = sum(d.stats.resyncs for d in live)
    await close_all(devices)
    result.errors.extend(f"{d.name}: {e}" for d in devices for e in d.stats.errors)
    return result
