"""One hub per daphne process: every event reaches the process once, is folded
into the process's copy of the state, projected once per audience (not once per
socket) and written straight to the process's sockets.

The channel layer is only a doorbell. The database log is the truth: a gap in
``seq``, a lost pub/sub message or a restarted Redis ends in a catch-up read
from the log (and a periodic check of the snapshot's seq), never in a silent gap.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
from collections.abc import Iterable
from typing import Protocol

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache

from hall import services
from hall.engine.commands import Actor
from hall.engine.reducer import evolve, next_deadline
from hall.engine.state import HallState
from hall.engine.views import (
    Audience,
    project_event,
    project_state,
    public_view,
    view_changes,
)
from screens.wire import Frame, Writer

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0
PUBLISH_TIMEOUT_S = 2.0  # a hung Redis: give up on the PUBLISH, the log heals the gap
PRESENCE_FLUSH_SECONDS = 3.0
PRESENCE_TTL_S = 20


def group_name(contest_id: int) -> str:
    return f"hall.contest.{contest_id}"


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class Connection(Protocol):
    """What the hub needs of a socket (the consumer implements it)."""

    audience: Audience
    key: str
    device_id: int | None
    # a direct writer to the socket (daphne), or None to go through ``send_text``
    writer: Writer | None

    async def send_text(self, text: str) -> None: ...

    async def kick(self, code: int, message: dict) -> None: ...


class ContestRoom:
    """The process's sockets for one contest and its copy of the state."""

    def __init__(self, hub: Hub, contest_id: int) -> None:
        self.hub = hub
        self.contest_id = contest_id
        self.seq = -1
        self.epoch = 0
        self.state: HallState | None = None
        self.conns: set[Connection] = set()
        self.lock = asyncio.Lock()
        self.tick_handle: asyncio.TimerHandle | None = None
        self.tick_for: int | None = None
        # The view each audience key's sockets hold, at ``self.seq``: live frames
        # carry only its top-level changes (see docs/PROTOCOL.md, "view_changes").
        self.views: dict[str, dict] = {}

    # ------------------------------------------------------------ loading
    async def ensure_loaded(self) -> None:
        if self.state is None:
            await self._reload()

    async def _reload(self) -> None:
        state, seq, epoch = await database_sync_to_async(_load)(self.contest_id)
        self.state, self.seq, self.epoch = state, seq, epoch

    # ------------------------------------------------------------ joining
    async def join(self, conn: Connection, last_seq: object, epoch: object) -> None:
        """Send the newcomer a snapshot, or replay what it missed, then follow live."""
        async with self.lock:
            await self.ensure_loaded()
            await self._send_catch_up(conn, last_seq, epoch)
            self.conns.add(conn)
        self._schedule_tick()

    async def resync(self, conn: Connection, last_seq: object, epoch: object) -> None:
        async with self.lock:
            await self._send_catch_up(conn, last_seq, epoch)

    async def _send_catch_up(self, conn: Connection, last_seq: object, epoch: object) -> None:
        limit = settings.HALL["REPLAY_LIMIT"]
        can_replay = (
            isinstance(last_seq, int)
            and not isinstance(last_seq, bool)
            and epoch == self.epoch
            and 0 <= last_seq <= self.seq
            and self.seq - last_seq <= limit
        )
        assert self.state is not None
        if not can_replay:
            await self._send(conn, self._snapshot_frame(conn))
            return
        missed = []
        if last_seq < self.seq:
            missed = await database_sync_to_async(services.events_since)(
                self.contest_id, last_seq, self.seq - last_seq
            )
        head: dict = {
            "type": "recovered",
            "recovered": True,
            "from_seq": last_seq,
            "seq": self.seq,
            "epoch": self.epoch,
            "server_ms": services.now_ms(),
        }
        if not missed:
            head["view"] = self._current_view(conn)
        await self._send(conn, Frame.of(head))
        for index, item in enumerate(missed):
            message = {
                "type": "event",
                "seq": item["seq"],
                "epoch": self.epoch,
                "replay": True,
                "event": project_event(item["event"], self.state, conn.audience),
            }
            if index == len(missed) - 1:
                message["view"] = self._current_view(conn)
            await self._send(conn, Frame.of(message))

    def leave(self, conn: Connection) -> None:
        self.conns.discard(conn)

    # ------------------------------------------------------------ live events
    async def on_events(self, epoch: int, items: Iterable[dict]) -> None:
        async with self.lock:
            if self.state is None:
                return  # nobody here yet; the first join loads the snapshot
            if epoch != self.epoch:
                await self._restart_everyone()
                return
            batch: list[dict] = []
            for item in sorted(items, key=lambda i: i["seq"]):
                if item["seq"] <= self.seq:
                    continue  # already delivered (e.g. our own publish came back)
                if item["seq"] > self.seq + 1:
                    batch.extend(await self._catch_up_from_log())
                    if item["seq"] <= self.seq:
                        continue
                self.state = evolve(self.state, item["event"])
                self.seq = item["seq"]
                batch.append(item)
            if batch:
                await self._fan_out(batch)
        self._schedule_tick()

    async def check_log(self) -> None:
        """The periodic safety net: is the log ahead of what this process delivered?"""
        if self.state is None or not self.conns:
            return
        head = await database_sync_to_async(_head)(self.contest_id)
        if head is None:
            return
        seq, epoch = head
        if epoch != self.epoch:
            async with self.lock:
                await self._restart_everyone()
            return
        if seq > self.seq:
            async with self.lock:
                batch = await self._catch_up_from_log()
                if batch:
                    await self._fan_out(batch)
            self._schedule_tick()

    async def _catch_up_from_log(self) -> list[dict]:
        missed = await database_sync_to_async(services.events_since)(self.contest_id, self.seq)
        applied = []
        for item in missed:
            if item["seq"] != self.seq + 1:
                break
            assert self.state is not None
            self.state = evolve(self.state, item["event"])
            self.seq = item["seq"]
            applied.append(item)
        return applied

    async def _restart_everyone(self) -> None:
        await self._reload()
        assert self.state is not None
        self.views.clear()
        cache: dict[str, Frame] = {}
        for conn in list(self.conns):
            if conn.key not in cache:
                cache[conn.key] = self._snapshot_frame(conn)
            await self._send(conn, cache[conn.key])

    def _current_view(self, conn: Connection) -> dict:
        """The whole view for ``conn`` at ``self.seq``, remembered for its audience key."""
        assert self.state is not None
        view = project_state(self.state, conn.audience)
        self.views[conn.key] = view
        return view

    def _snapshot_frame(self, conn: Connection) -> Frame:
        """The whole view for one audience: the answer to a hello or a stale client."""
        return Frame.of(
            {
                "type": "snapshot",
                "recovered": False,
                "seq": self.seq,
                "epoch": self.epoch,
                "server_ms": services.now_ms(),
                "view": self._current_view(conn),
            }
        )

    async def _fan_out(self, batch: list[dict]) -> None:
        """Project the batch once per audience key and write it to that key's sockets.

        The largest audience (the spectator screens) is written first, so its
        devices are reading while the smaller ones are still being projected.
        The last frame of the batch carries the view's top-level changes since
        the frame before (``view_changes``), or the whole view when this
        process has none for the key yet.
        """
        assert self.state is not None
        groups: dict[str, list[Connection]] = {}
        for conn in self.conns:
            groups.setdefault(conn.key, []).append(conn)
        for key in [k for k in self.views if k not in groups]:
            del self.views[key]  # no socket holds it any more
        public = public_view(self.state)
        last = len(batch) - 1
        for key, conns in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            audience = conns[0].audience
            frames = []
            for index, item in enumerate(batch):
                message: dict = {
                    "type": "event",
                    "seq": item["seq"],
                    "epoch": self.epoch,
                    "event": project_event(item["event"], self.state, audience),
                }
                if index == last:
                    view = project_state(self.state, audience, public)
                    before = self.views.get(key)
                    if before is None:
                        message["view"] = view
                    else:
                        changed, removed = view_changes(before, view)
                        message["view_changes"] = changed
                        if removed:
                            message["view_removed"] = removed
                    self.views[key] = view
                frames.append(Frame.of(message))
            for conn in conns:
                for frame in frames:
                    await self._send(conn, frame)

    async def _send(self, conn: Connection, frame: Frame) -> None:
        try:
            if conn.writer is None:
                await conn.send_text(frame.text)
            elif not conn.writer(frame):
                self.conns.discard(conn)  # closing: its disconnect follows
        except Exception:  # a dead socket must not stall the others
            log.info("dropping a connection that failed to send", exc_info=True)
            self.conns.discard(conn)

    # ------------------------------------------------------------ deadlines
    def _schedule_tick(self) -> None:
        """Ask for a ``tick`` when the next deadline passes (answering, buzz window)."""
        if self.state is None or not self.conns:
            return
        deadline = next_deadline(self.state)
        if deadline == self.tick_for and self.tick_handle is not None:
            return
        if self.tick_handle is not None:
            self.tick_handle.cancel()
            self.tick_handle = None
        self.tick_for = deadline
        if deadline is None:
            return
        delay = max(0.0, (deadline - services.now_ms()) / 1000 + 0.005)
        loop = asyncio.get_running_loop()
        self.tick_handle = loop.call_later(
            delay,
            lambda: self.hub.spawn(self._tick(deadline, self.epoch, self.seq)),
            context=contextvars.Context(),
        )

    async def _tick(self, deadline: int, epoch: int, seq: int) -> None:
        self.tick_handle = None
        self.tick_for = None
        await database_sync_to_async(services.run)(
            self.contest_id,
            {"type": "tick"},
            Actor(role="system"),
            f"tick:{epoch}:{seq}:{deadline}",
        )
        self._schedule_tick()

    async def kick_device(self, device_id: int, message: dict) -> None:
        for conn in list(self.conns):
            if conn.device_id == device_id:
                self.conns.discard(conn)
                await conn.kick(4003, message)


def _load(contest_id: int) -> tuple[HallState, int, int]:
    from hall.models import Contest

    return services.load_state(Contest.objects.get(pk=contest_id))


def _head(contest_id: int) -> tuple[int, int] | None:
    from hall.models import Snapshot

    return Snapshot.objects.filter(contest_id=contest_id).values_list("seq", "epoch").first()


class Hub:
    """The process-wide registry of rooms and the doorbell listener."""

    def __init__(self) -> None:
        self.rooms: dict[int, ContestRoom] = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.layer = None
        self.channel: str | None = None
        self.tasks: set[asyncio.Task] = set()
        self._start_lock: asyncio.Lock | None = None
        # cache key -> {"rtt_ms", "seen_ms", "role"} of this process's sockets
        self.presence: dict[str, dict] = {}

    def spawn(self, coro: object) -> None:
        # A fresh context: a task started from a database thread's callback must
        # not inherit that thread's "inside sync_to_async" markers.
        loop = self.loop or asyncio.get_running_loop()
        task = loop.create_task(coro, context=contextvars.Context())  # type: ignore[arg-type]
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        if self.loop is loop and self.channel is not None:
            return
        if self._start_lock is None or self.loop is not loop:
            self._start_lock = asyncio.Lock()
            self.loop = loop
            self.channel = None
            self.rooms = {}
        async with self._start_lock:
            if self.channel is not None:
                return
            self.layer = get_channel_layer()
            self.channel = await self.layer.new_channel("hallhub.")
            services.add_broadcaster(self.publish_from_thread)
            self.spawn(self._listen())
            self.spawn(self._poll())
            self.spawn(self._flush_presence())

    async def room(self, contest_id: int) -> ContestRoom:
        await self.start()
        room = self.rooms.get(contest_id)
        if room is None:
            room = self.rooms[contest_id] = ContestRoom(self, contest_id)
            await self.layer.group_add(group_name(contest_id), self.channel)
        return room

    # ------------------------------------------------------------ doorbell
    def publish_from_thread(self, contest_id: int, epoch: int, items: list[dict]) -> None:
        """Called after a commit, from whichever thread ran the command."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        message = {"type": "hall.events", "contest": contest_id, "epoch": epoch, "events": items}
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self.spawn(self._publish(message))
        else:
            loop.call_soon_threadsafe(
                lambda: self.spawn(self._publish(message)), context=contextvars.Context()
            )

    async def _publish(self, message: dict) -> None:
        """Tell the other processes (Redis), then write to this process's sockets.

        The PUBLISH goes on the wire first, so the other processes fan out on
        the other core while this one writes; its reply is awaited after the
        local writes, so a slow or absent Redis never holds them up (the other
        processes then heal from the log, ``check_log``).
        """
        remote = None
        if not _is_in_memory(self.layer):
            remote = asyncio.ensure_future(
                self.layer.group_send(group_name(message["contest"]), message)
            )
            await asyncio.sleep(0)  # one loop turn: the task writes the PUBLISH
        try:
            await self._dispatch(message)
        finally:
            if remote is not None:
                try:
                    await asyncio.wait_for(remote, PUBLISH_TIMEOUT_S)
                except Exception:
                    log.warning("publishing to the other processes failed", exc_info=True)

    async def publish_control(self, message: dict) -> None:
        await self._dispatch(message)
        if not _is_in_memory(self.layer):
            await self.layer.group_send(group_name(message["contest"]), message)

    async def _dispatch(self, message: dict) -> None:
        room = self.rooms.get(message.get("contest"))
        if room is None:
            return
        if message["type"] == "hall.events":
            await room.on_events(message["epoch"], message["events"])
        elif message["type"] == "hall.revoke":
            await room.kick_device(
                message["device_id"],
                {"type": "revoked", "reason": "Thiết bị này đã bị thu hồi quyền tham gia."},
            )

    async def _listen(self) -> None:
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                # Redis went away: wait, then let the poll heal any gap.
                log.warning("channel layer receive failed; retrying", exc_info=True)
                await asyncio.sleep(0.5)
                continue
            if _is_in_memory(self.layer):
                continue  # local dispatch already happened
            try:
                await self._dispatch(message)
            except Exception:
                log.exception("failed to dispatch a hall message")

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            for room in list(self.rooms.values()):
                try:
                    await room.check_log()
                except Exception:
                    log.warning("log check failed for contest %s", room.contest_id, exc_info=True)

    async def _flush_presence(self) -> None:
        """One cache write per few seconds for all of this process's devices."""
        while True:
            await asyncio.sleep(PRESENCE_FLUSH_SECONDS)
            if not self.presence:
                continue
            batch = dict(self.presence)
            try:
                await sync_to_async(cache.set_many, thread_sensitive=False)(batch, PRESENCE_TTL_S)
            except Exception:
                log.warning("presence flush failed", exc_info=True)


def _is_in_memory(layer: object) -> bool:
    return type(layer).__name__ == "InMemoryChannelLayer"


HUB = Hub()
