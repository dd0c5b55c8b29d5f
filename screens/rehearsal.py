"""Rehearsal bots: team pads and judge tablets that play a running show.

The bots speak the real protocol against a RUNNING server (hello, clock sync,
seq order, resync, reconnect with backoff). Team bots answer when answering
opens for their team and buzz (after a random delay) when buzzing opens; judge
bots submit random valid marks when judging opens. Because a rehearsal runs on
the server machine, a team bot looks the correct option up in the DATABASE by
question id (``--correct`` sets how often it answers right) — never from the
socket, which does not carry it before the reveal.

Everything the bots need from the database is read once, before the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import websockets
from django.utils.translation import gettext as _

BACKOFF_S = (0.2, 0.5, 1.0, 2.0, 3.0)
PING_EVERY_S = 2.0


@dataclass(frozen=True)
class Knowledge:
    """What the bots may know, read from the database before the show."""

    correct: dict[int, str]  # question id -> correct label
    labels: dict[int, tuple[str, ...]]  # question id -> option labels
    criteria: dict[int, list[tuple[int, float]]]  # part id -> [(criterion id, max points)]
    members: dict[int, list[int]]  # team id -> answering member ids


@dataclass
class BotStats:
    rtt_ms: list[float] = field(default_factory=list)
    sent: int = 0
    acked: int = 0
    refusals: dict[str, int] = field(default_factory=dict)
    reconnects: int = 0
    events: int = 0

    def rtt_summary(self) -> str:
        if not self.rtt_ms:
            return "–"
        recent = self.rtt_ms[-20:]
        return f"{statistics.median(recent):.1f}/{max(recent):.1f}"


class Bot:
    """One device: a team pad (``team_id``) or a judge tablet (``judge_id``)."""

    def __init__(
        self,
        name: str,
        url: str,
        token: str,
        knowledge: Knowledge,
        rng: random.Random,
        correct_rate: float,
        buzz_delay_ms: tuple[int, int],
        team_id: int | None = None,
        judge_id: int | None = None,
    ) -> None:
        self.name = name
        self.url = url
        self.token = token
        self.knowledge = knowledge
        self.rng = rng
        self.correct_rate = correct_rate
        self.buzz_delay_ms = buzz_delay_ms
        self.team_id = team_id
        self.judge_id = judge_id
        self.stats = BotStats()
        self.seq: int | None = None
        self.epoch: int | None = None
        self.question: dict | None = None
        self.ws = None
        self.stopping = False
        self.fatal: str | None = None

    # ------------------------------------------------------------ connection
    async def run(self) -> None:
        attempt = 0
        while not self.stopping:
            try:
                async with websockets.connect(self.url, open_timeout=5, max_size=2**22) as ws:
                    self.ws = ws
                    attempt = 0
                    hello = {
                        "type": "hello",
                        "token": self.token,
                        "last_seq": self.seq,
                        "epoch": self.epoch,
                    }
                    await ws.send(json.dumps(hello))
                    pinger = asyncio.create_task(self._ping_loop(ws))
                    try:
                        async for raw in ws:
                            await self._on_message(json.loads(raw))
                    finally:
                        pinger.cancel()
            except (OSError, TimeoutError, websockets.exceptions.WebSocketException):
                pass
            self.ws = None
            if self.stopping or self.fatal:
                return
            self.stats.reconnects += 1
            await asyncio.sleep(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
            attempt += 1

    async def stop(self) -> None:
        self.stopping = True
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()

    async def _ping_loop(self, ws) -> None:
        rtt: float | None = None
        offset = 0.0
        while True:
            msg: dict = {"type": "ping", "t0": time.time() * 1000}
            if rtt is not None:
                msg.update(rtt=round(rtt, 1), offset=round(offset))
            with contextlib.suppress(websockets.exceptions.ConnectionClosed):
                await ws.send(json.dumps(msg))
            await asyncio.sleep(PING_EVERY_S)
            if self.stats.rtt_ms:
                rtt = self.stats.rtt_ms[-1]

    async def send(self, command: dict) -> None:
        if self.ws is None:
            return
        self.stats.sent += 1
        with contextlib.suppress(websockets.exceptions.ConnectionClosed):
            await self.ws.send(json.dumps({**command, "id": uuid.uuid4().hex}))

    # ------------------------------------------------------------ messages
    async def _on_message(self, msg: dict) -> None:
        kind = msg.get("type")
        if kind == "pong":
            self.stats.rtt_ms.append(time.time() * 1000 - msg["t0"])
        elif kind == "ack":
            self.stats.acked += 1
        elif kind == "refused":
            code = msg.get("code", "?")
            self.stats.refusals[code] = self.stats.refusals.get(code, 0) + 1
            if code in ("bad_token", "revoked", "forbidden", "token_expired", "no_token"):
                self.fatal = msg.get("reason", code)
        elif kind == "revoked":
            self.fatal = msg.get("reason", "revoked")
        elif kind == "snapshot":
            self.seq, self.epoch = msg["seq"], msg["epoch"]
        elif kind == "recovered":
            self.epoch = msg["epoch"]
            if "view" in msg:
                self.seq = msg["seq"]
        elif kind == "event":
            await self._on_event(msg)

    async def _on_event(self, msg: dict) -> None:
        seq = msg["seq"]
        if self.seq is not None and seq <= self.seq:
            return
        if self.seq is not None and seq > self.seq + 1:
            if self.ws is not None:
                await self.ws.send(
                    json.dumps({"type": "resync", "last_seq": self.seq, "epoch": self.epoch})
                )
            return
        self.seq = seq
        self.stats.events += 1
        event = msg.get("event")
        if isinstance(event, dict) and not msg.get("replay"):
            self.react(event)

    # ------------------------------------------------------------ behaviour
    def react(self, event: dict) -> None:
        kind = event.get("type")
        if kind == "question_drawn":
            self.question = {
                "question_id": event.get("question_id"),
                "team_id": event.get("team_id"),
                "mode": event.get("mode"),
            }
        elif self.team_id is not None and self.question is not None:
            if kind == "answering_opened" and self.question.get("team_id") == self.team_id:
                self._later(self.rng.uniform(0.3, 1.5), self._answer_team_turn)
            elif kind in ("buzz_opened", "buzz_reopened"):
                if self.team_id not in (event.get("excluded_team_ids") or []):
                    low, high = self.buzz_delay_ms
                    self._later(self.rng.uniform(low, high) / 1000, self._buzz)
            elif kind == "buzz_verdict" and event.get("winner_team_id") == self.team_id:
                member = event.get("winner_member_id")
                self._later(self.rng.uniform(0.3, 1.2), lambda: self._answer(member))
        if kind in ("judging_opened",) and self.judge_id is not None:
            part_id, team_id = event.get("part_id"), event.get("team_id")
            if part_id is not None and team_id is not None:
                self._later(self.rng.uniform(0.5, 3.0), lambda: self._marks(part_id, team_id))

    def _later(self, delay: float, action: Callable[[], object]) -> None:
        async def go() -> None:
            await asyncio.sleep(delay)
            result = action()
            if asyncio.iscoroutine(result):
                await result

        asyncio.ensure_future(go())

    def choose(self, question_id: int) -> str:
        """The correct label with probability ``correct_rate``, otherwise a wrong one."""
        correct = self.knowledge.correct.get(question_id)
        labels = list(self.knowledge.labels.get(question_id, ("A", "B", "C", "D")))
        wrong = [label for label in labels if label != correct]
        if correct is not None and (self.rng.random() < self.correct_rate or not wrong):
            return correct
        return self.rng.choice(wrong or labels)

    def _member(self) -> int | None:
        members = self.knowledge.members.get(self.team_id or 0) or []
        return self.rng.choice(members) if members else None

    async def _answer_team_turn(self) -> None:
        await self._answer(self._member())

    async def _answer(self, member_id: int | None) -> None:
        if self.question is None or self.question.get("question_id") is None:
            return
        choice = self.choose(self.question["question_id"])
        await self.send({"type": "answer", "member_id": member_id, "choice": choice})

    async def _buzz(self) -> None:
        command = {
            "type": "buzz",
            "member_id": self._member(),
            "client_ts": int(time.time() * 1000),
        }
        await self.send(command)

    async def _marks(self, part_id: int, team_id: int) -> None:
        criteria = self.knowledge.criteria.get(part_id) or []
        if not criteria:
            return
        marks = {str(cid): round(self.rng.uniform(0.4, 1.0) * top * 2) / 2 for cid, top in criteria}
        await self.send(
            {"type": "submit_marks", "part_id": part_id, "team_id": team_id, "marks": marks}
        )


def report_lines(bots: list[Bot]) -> list[str]:
    """One line per bot: RTT median/max (ms), commands, refusals, reconnects."""
    lines = [
        f"{_('thiết bị'):<24} {_('RTT ms (trung vị/max)'):>22} {_('lệnh'):>6} {'ack':>5} "
        f"{_('kết nối lại'):>11}  {_('từ chối')}"
    ]
    for bot in bots:
        s = bot.stats
        refused = ", ".join(f"{k}×{v}" for k, v in sorted(s.refusals.items())) or "–"
        lines.append(
            f"{bot.name:<24} {s.rtt_summary():>22} {s.sent:>6} {s.acked:>5} {s.reconnects:>11}  {refused}"
            + (f"  [{_('dừng')}: {bot.fatal}]" if bot.fatal else "")
        )
    return lines


async def run_bots(
    bots: list[Bot], duration_s: float, report_every_s: float, write: Callable[[str], None]
) -> None:
    """Run every bot for ``duration_s`` seconds, printing the network report as it goes."""
    tasks = [asyncio.create_task(bot.run()) for bot in bots]
    end = time.monotonic() + duration_s
    try:
        while time.monotonic() < end:
            await asyncio.sleep(min(report_every_s, max(0.0, end - time.monotonic())))
            write("\n".join(report_lines(bots)) + "\n")
    finally:
        for bot in bots:
            await bot.stop()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
