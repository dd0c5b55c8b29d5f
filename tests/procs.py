"""Real processes for live tests: daphne servers, a private Redis, protocol clients.

Used by the multi-process, fault and browser suites. Everything listens on
127.0.0.1 only and is stopped by the fixture that started it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings

from hall.engine.views import apply_view_changes

ROOT = Path(__file__).resolve().parents[1]

# Debian's Chromium, with the flags this closed network needs (no background calls).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url_for_tests() -> str:
    """The URL of the database the running test uses (pytest-django's test DB)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        user = db.get("USER") or "postgres"
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        password = db.get("PASSWORD") or ""
        auth = f"{user}:{password}@" if password else f"{user}@"
        return f"postgres://{auth}{host}:{port}/{db['NAME']}"
    return ""


def server_env(redis_url: str = "", extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DEBUG="1",
        SECRET_KEY=settings.SECRET_KEY,
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        DB_POOL="1",  # as in production (the pytest process itself runs without it)
    )
    url = database_url_for_tests()
    if url:
        env["DATABASE_URL"] = url
    else:
        env["SQLITE_PATH"] = str(settings.DATABASES["default"]["NAME"])
    if redis_url:
        env["REDIS_URL"] = redis_url
    if extra:
        env.update(extra)
    return env


class Daphne:
    """One daphne process serving the project on a free port."""

    # as in production: a socket that stops answering pings is dropped
    DEFAULT_ARGS = ("--ping-interval", "5", "--ping-timeout", "10")

    def __init__(self, env: dict, args: tuple[str, ...] | None = None, port: int | None = None):
        self.port = port or free_port()
        self.env = env
        self.args = self.DEFAULT_ARGS if args is None else args
        self.proc: subprocess.Popen | None = None
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"daphne-{self.port}.log"

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/hall/"

    def start(self, timeout: float = 30) -> Daphne:
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the process
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                *self.args,
                "hall.asgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"daphne exited: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.http + "/healthz", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"daphne did not start: {self.log_path.read_text()[-2000:]}")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


class PrivateRedis:
    """A throw-away redis-server for tests that restart Redis (never the shared one)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> PrivateRedis:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.proc = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), 0.2),
            ):
                return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def view_after(previous: dict | None, msg: dict) -> dict | None:
    """As live.js does: a whole ``view``, or a live frame's ``view_changes`` applied
    to the view held at ``seq - 1``."""
    if "view" in msg:
        return msg["view"]
    if "view_changes" in msg:
        assert previous is not None, "a live frame's view_changes with no view to apply them to"
        return apply_view_changes(previous, msg["view_changes"], msg.get("view_removed"))
    return previous


class ProtocolClient:
    """A device speaking the real protocol over a real socket: hello with last seq,
    seq-ordered application of events (each exactly once), resync on a gap,
    reconnect (to the next URL in its list) when the socket drops."""

    def __init__(self, urls: list[str], token: str, name: str, origin: str | None = None) -> None:
        import websockets

        self.origin = origin  # as a browser sends it (needed when DEBUG is off)
        self._websockets = websockets
        self.urls = urls
        self.token = token
        self.name = name
        self.seq: int | None = None
        self.epoch: int | None = None
        self.applied: list[int] = []
        self.view: dict | None = None
        self.frames: list[dict] = []
        self.replies: dict[str, dict] = {}
        self.reconnects = 0
        self.ws = None
        self._task: asyncio.Task | None = None
        self._stop = False
        self._url_index = 0
        self.connected = asyncio.Event()

    async def start(self) -> ProtocolClient:
        self._task = asyncio.create_task(self._run())
        await asyncio.wait_for(self.connected.wait(), 10)
        return self

    async def _run(self) -> None:
        while not self._stop:
            url = self.urls[self._url_index % len(self.urls)]
            try:
                async with self._websockets.connect(
                    url, max_size=2**22, open_timeout=3, origin=self.origin
                ) as ws:
                    self.ws = ws
                    await ws.send(
                        json.dumps(
                            {
                                "type": "hello",
                                "token": self.token,
                                "last_seq": self.seq,
                                "epoch": self.epoch,
                            }
                        )
                    )
                    async for raw in ws:
                        self._on_message(json.loads(raw))
            except (TimeoutError, OSError, self._websockets.exceptions.WebSocketException):
                pass
            self.ws = None
            self.connected.clear()
            if self._stop:
                break
            self.reconnects += 1
            self._url_index += 1
            await asyncio.sleep(0.2)

    def _on_message(self, msg: dict) -> None:
        self.frames.append(msg)
        kind = msg.get("type")
        if kind == "snapshot":
            self.seq, self.epoch = msg["seq"], msg["epoch"]
            self.view = view_after(self.view, msg)
            self.connected.set()
        elif kind == "recovered":
            self.epoch = msg["epoch"]
            self.view = view_after(self.view, msg)
            self.connected.set()
        elif kind == "event":
            if self.seq is not None and msg["seq"] <= self.seq:
                return  # already applied: never twice
            if self.seq is not None and msg["seq"] > self.seq + 1:
                asyncio.ensure_future(self._resync())
                return
            self.seq = msg["seq"]
            self.applied.append(msg["seq"])
            self.view = view_after(self.view, msg)
        elif kind in ("ack", "refused"):
            self.replies[msg.get("id", "")] = msg

    async def _resync(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.send(
                    json.dumps({"type": "resync", "last_seq": self.seq, "epoch": self.epoch})
                )

    async def command(self, msg: dict, cid: str | None = None, timeout: float = 10) -> dict:
        cid = cid or uuid.uuid4().hex
        deadline = time.monotonic() + timeout
        while self.ws is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name} is not connected")
            await asyncio.sleep(0.05)
        await self.ws.send(json.dumps({**msg, "id": cid}))
        while cid not in self.replies:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: no reply to {msg}")
            await asyncio.sleep(0.005)
        return self.replies.pop(cid)

    async def wait_seq(self, seq: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.seq is None or self.seq < seq:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name} stuck at seq {self.seq}, wanted {seq}")
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        self._stop = True
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
        if self._task:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
