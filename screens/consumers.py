"""The one WebSocket endpoint every console, screen and pad connects to.

Thin by design: authenticate (``hello``), check the message's shape and size,
keep the clock in sync (``ping``), and hand commands to ``hall.services.run``.
What each role sees is decided by ``hall.engine.views`` through the hub.
"""

from __future__ import annotations

import json
import time

from asgiref.sync import sync_to_async
from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext_noop as _

from hall import services
from hall.engine.commands import Actor
from hall.engine.views import Audience, audience_key
from screens import pairing
from screens.hub import HUB, ContestRoom, dumps
from screens.wire import direct_writer

CONTROL = frozenset({"hello", "ping", "resync"})
HELLO_TIMEOUT_S = 15
PRESENCE_EVERY_MS = 4000


def presence_key(contest_id: int, device_key: str) -> str:
    return f"hall:presence:{contest_id}:{device_key}"


class TokenBucket:
    """A small per-socket flood guard: ``rate`` messages a second, bursts of ``burst``."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.capacity = burst
        self.tokens = float(burst)
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class HallConsumer(AsyncWebsocketConsumer):
    audience: Audience
    key: str
    device_id: int | None = None

    async def connect(self) -> None:
        self.claims: pairing.Claims | None = None
        self.room: ContestRoom | None = None
        self.bucket = TokenBucket(rate=20, burst=40)
        self.offset_ms = 0
        self.rtt_ms: int | None = None
        self.presence_at = 0
        self.lang = settings.LANGUAGE_CODE
        self.writer = direct_writer(self.base_send)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.room is not None:
            self.room.leave(self)
        if self.claims is not None:
            key = presence_key(self.claims.contest_id, self.claims.device_key)
            HUB.presence.pop(key, None)
            await sync_to_async(cache.delete, thread_sensitive=False)(key)

    async def dispatch(self, message: dict) -> None:
        # Channels closes stale database connections before every handler: a hop
        # to the database thread for every frame received, pings included, queued
        # with the commands. Everything here that touches the database goes
        # through database_sync_to_async, which does that itself.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    # ------------------------------------------------------------ the Connection protocol
    async def send_text(self, text: str) -> None:
        # straight to the server: this is the hot path of every fan-out
        await self.base_send({"type": "websocket.send", "text": text})

    async def kick(self, code: int, message: dict) -> None:
        await self.send(text_data=dumps(message))
        await self.close(code=code)

    # ------------------------------------------------------------ receiving
    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        received = services.now_ms()
        if text_data is None:
            await self._refuse("", "bad_message", _("Chỉ nhận thông điệp dạng văn bản JSON."))
            return
        if len(text_data) > settings.HALL["MAX_MESSAGE_BYTES"]:
            await self._refuse("", "too_large", _("Thông điệp quá lớn (tối đa 64 KiB)."))
            await self.close(code=4009)
            return
        if not self.bucket.take():
            await self._refuse("", "flood", _("Gửi quá nhiều thông điệp; kết nối bị đóng."))
            await self.close(code=4008)
            return
        try:
            msg = json.loads(text_data)
        except ValueError:
            await self._refuse("", "bad_json", _("Thông điệp không phải JSON hợp lệ."))
            return
        if not isinstance(msg, dict) or not isinstance(msg.get("type"), str):
            await self._refuse("", "bad_message", _("Thông điệp thiếu trường 'type'."))
            return
        kind = msg["type"]
        command_id = msg.get("id", "")
        if not isinstance(command_id, str) or len(command_id) > 64:
            await self._refuse("", "bad_message", _("Mã lệnh 'id' không hợp lệ."))
            return
        if kind == "hello":
            await self._hello(msg)
        elif self.claims is None or self.room is None:
            await self._refuse(
                command_id, "not_authenticated", _("Cần gửi 'hello' kèm mã truy cập trước.")
            )
        elif kind == "ping":
            await self._ping(msg, received)
        elif kind == "resync":
            await self.room.resync(self, msg.get("last_seq"), msg.get("epoch"))
        else:
            await self._command(msg, command_id, received)

    async def _hello(self, msg: dict) -> None:
        if self.claims is not None:
            await self._refuse("", "already_joined", _("Thiết bị đã tham gia rồi."))
            return
        lang = msg.get("lang")
        if isinstance(lang, str) and lang in dict(settings.LANGUAGES):
            self.lang = lang
        try:
            claims = pairing.read_token(msg.get("token"))
            claims = await database_sync_to_async(pairing.verify_claims)(claims)
        except pairing.TokenError as exc:
            await self.send(
                text_data=dumps(
                    {
                        "type": "refused",
                        "id": "",
                        "code": exc.code,
                        "reason": exc.reason,
                        "seq": None,
                    }
                )
            )
            await self.close(code=4001)
            return
        self.claims = claims
        self.audience = Audience(role=claims.role, team_id=claims.team_id, judge_id=claims.judge_id)
        self.key = audience_key(self.audience)
        self.device_id = claims.device_id
        self.actor = Actor(
            role=claims.role,
            team_id=claims.team_id,
            judge_id=claims.judge_id,
            user=str(claims.user_id or claims.device_id or ""),
        )
        self.room = await HUB.room(claims.contest_id)
        await self.room.join(self, msg.get("last_seq"), msg.get("epoch"))
        await self._presence(force=True)

    async def _ping(self, msg: dict, received: int) -> None:
        # The client reports what it measured on the previous round trip.
        rtt, offset = msg.get("rtt"), msg.get("offset")
        if isinstance(rtt, int | float) and 0 <= rtt < 60_000:
            self.rtt_ms = int(rtt)
        if isinstance(offset, int | float) and abs(offset) < 10**12:
            self.offset_ms = int(offset)
        assert self.room is not None
        await self.send(
            text_data=dumps(
                {"type": "pong", "t0": msg.get("t0"), "server_ms": received, "seq": self.room.seq}
            )
        )
        await self._presence()

    async def _presence(self, force: bool = False) -> None:
        """Note this device as online; the hub writes all notes to the cache in one
        batch every few seconds, off the database thread."""
        now = services.now_ms()
        if not force and now - self.presence_at < PRESENCE_EVERY_MS:
            return
        self.presence_at = now
        assert self.claims is not None
        HUB.presence[presence_key(self.claims.contest_id, self.claims.device_key)] = {
            "rtt_ms": self.rtt_ms,
            "seen_ms": now,
            "role": self.claims.role,
        }

    def _buzz_times(self, msg: dict, received: int) -> dict:
        """Correct the client's press time by its clock offset, clamp it into
        [receipt − RTT bound, receipt]: a client can never claim to be earlier
        than its own round trip allows."""
        client_ts = msg.get("client_ts")
        bound = settings.HALL["BUZZ_RTT_BOUND_MS"]
        if self.rtt_ms is not None:
            bound = min(bound, self.rtt_ms + 20)
        pressed = received
        if isinstance(client_ts, int | float) and not isinstance(client_ts, bool):
            pressed = int(client_ts) + self.offset_ms
        pressed = max(received - bound, min(received, pressed))
        clean = {k: v for k, v in msg.items() if k not in ("client_ts", "id")}
        return {**clean, "pressed_at_ms": pressed, "received_at_ms": received}

    async def _command(self, msg: dict, command_id: str, received: int) -> None:
        body = {k: v for k, v in msg.items() if k != "id"}
        if body["type"] == "buzz":
            body = self._buzz_times(msg, received)
        assert self.claims is not None
        outcome = await database_sync_to_async(services.run)(
            self.claims.contest_id, body, self.actor, command_id, received
        )
        if outcome.accepted:
            await self.send(
                text_data=dumps(
                    {
                        "type": "ack",
                        "id": command_id,
                        "seq": outcome.seq,
                        "duplicate": outcome.duplicate,
                    }
                )
            )
        else:
            await self._refuse(command_id, outcome.code, outcome.reason, outcome.seq)

    async def _refuse(
        self, command_id: str, code: str, reason: str, seq: int | None = None
    ) -> None:
        if seq is None and self.room is not None:
            seq = self.room.seq
        # The engine's reasons are Vietnamese source strings, translated here.
        with translation.override(self.lang):
            reason = translation.gettext(reason)
        await self.send(
            text_data=dumps(
                {"type": "refused", "id": command_id, "code": code, "reason": reason, "seq": seq}
            )
        )
