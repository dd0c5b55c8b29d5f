"""Channels tests: real consumers through the ASGI application, real database."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from hall.asgi import application
from screens import pairing
from tests.factories import HallFixture, make_hall
from tests.procs import view_after


class Client:
    """A test device: a communicator that keeps every frame it receives."""

    def __init__(self, token: str | None, name: str = "") -> None:
        self.token = token
        self.name = name
        self.comm = WebsocketCommunicator(application, "/ws/hall/")
        self.frames: list[dict] = []
        self.seq: int | None = None
        self.view: dict | None = None
        self.applied: list[int] = []

    async def connect(self, last_seq: int | None = None, epoch: int | None = None) -> dict:
        ok, _ = await self.comm.connect()
        assert ok
        await self.send(
            {"type": "hello", "token": self.token, "last_seq": last_seq, "epoch": epoch}
        )
        return await self.recv()

    async def send(self, msg: dict) -> None:
        await self.comm.send_to(text_data=json.dumps(msg))

    async def recv(self, timeout: float = 3) -> dict:
        frame = await self.comm.receive_from(timeout=timeout)
        msg = json.loads(frame)
        self.frames.append(msg)
        if msg.get("type") in ("snapshot", "recovered", "event"):
            if msg["type"] == "event":
                assert self.seq is None or msg["seq"] == self.seq + 1, (
                    self.name,
                    msg["seq"],
                    self.seq,
                )
                self.applied.append(msg["seq"])
            if msg["type"] != "recovered":  # the missed events follow a "recovered"
                self.seq = msg["seq"]
            self.view = view_after(self.view, msg)
        return msg

    async def command(self, msg: dict, cid: str | None = None) -> dict:
        """Send a command; return its ack/refused, collecting events on the way."""
        cid = cid or uuid.uuid4().hex
        await self.send({**msg, "id": cid})
        while True:
            reply = await self.recv()
            if reply.get("type") in ("ack", "refused") and reply.get("id") == cid:
                return reply

    async def drain(self, until_seq: int, timeout: float = 3) -> None:
        """Read frames until this client has applied ``until_seq``."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while self.seq is None or self.seq < until_seq:
            await self.recv(timeout=max(0.05, end - loop.time()))

    async def nothing_more(self) -> bool:
        return await self.comm.receive_nothing(timeout=0.2)

    async def close(self) -> None:
        await self.comm.disconnect()


@pytest.fixture
def hall(db: None) -> HallFixture:
    return make_hall()


def mc_token(h: HallFixture) -> str:
    return pairing.make_token(
        pairing.Claims(contest_id=h.contest.id, role="mc", user_id=h.mc_user.pk)
    )


def screen_token(h: HallFixture) -> str:
    return pairing.device_token(h.screen)


def team_token(h: HallFixture, index: int = 0) -> str:
    return pairing.device_token(h.pads[h.teams[index].id])


def judge_token(h: HallFixture, index: int) -> str:
    judge = h.judges[index]
    role = "head_judge" if judge.is_head else "judge"
    return pairing.make_token(
        pairing.Claims(contest_id=h.contest.id, role=role, user_id=judge.user_id, judge_id=judge.id)
    )


async def event_count(h: HallFixture) -> int:
    from hall.models import Event

    return await database_sync_to_async(Event.objects.filter(contest=h.contest).count)()
