"""Processes the benchmark starts and measures: daphne, a private Redis, the floor.

Every process listens on 127.0.0.1 on a free port and is stopped by whoever
started it (``stop``), by its own pid only.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BENCH_SECRET = "bench-secret-key-not-for-production-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with code {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start within {timeout} s")


class Managed:
    """A subprocess with a log file and psutil handle."""

    name = "process"

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.ps: psutil.Process | None = None
        self.log_path = Path(tempfile.gettempdir()) / f"bench-{self.name}-{self.port}.log"

    def _spawn(self, argv: list[str], env: dict | None = None) -> None:
        log = open(self.log_path, "wb")  # noqa: SIM115 - owned by the child
        self.proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.ps = psutil.Process(self.proc.pid)

    def log_tail(self, chars: int = 3000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-chars:]
        return ""

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def cpu_start(self) -> None:
        if self.ps is not None:
            self.ps.cpu_percent(None)

    def cpu_percent(self) -> float:
        return self.ps.cpu_percent(None) if self.ps is not None else 0.0

    def rss_mb(self) -> float:
        return self.ps.memory_info().rss / 2**20 if self.ps is not None else 0.0


class DaphneServer(Managed):
    name = "daphne"

    def __init__(self, env: dict) -> None:
        super().__init__()
        self.env = env

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/hall/"

    def start(self, timeout: float = 60) -> DaphneServer:
        argv = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(self.port)]
        argv += ["--ping-interval", "5", "--ping-timeout", "10"]  # as bin/demo and the README
        self._spawn([*argv, "hall.asgi:application"], self.env)
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"daphne exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/healthz", timeout=1
                ) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"daphne did not start:\n{self.log_tail()}")


class FloorServer(Managed):
    name = "floor"

    def __init__(self, frame_bytes: int) -> None:
        super().__init__()
        self.frame_bytes = frame_bytes

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    def start(self) -> FloorServer:
        script = str(ROOT / "bench" / "floor_server.py")
        argv = [
            sys.executable,
            script,
            "--port",
            str(self.port),
            "--frame-bytes",
            str(self.frame_bytes),
        ]
        self._spawn(argv, dict(os.environ))
        assert self.proc is not None
        wait_port(self.port, self.proc, "floor server")
        return self


class RedisServer(Managed):
    """A private redis-server: never the machine's shared one."""

    name = "redis"

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        argv = [binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        self._spawn([*argv, "--save", "", "--appendonly", "no"])
        assert self.proc is not None
        wait_port(self.port, self.proc, "redis-server")
        return self


def server_env(database: dict[str, str], redis_url: str = "") -> dict:
    """Environment for daphne and the Django helpers of one setup."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "SQLITE_PATH", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        # as in production: DEBUG off (no SQL recording per query), hosts named
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        SECRET_KEY=BENCH_SECRET,
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        DJANGO_SETTINGS_MODULE="hall.settings",
        REDIS_PREFIX=f"hoithibench{os.getpid()}",
    )
    env.update(database)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def recreate_postgres_database(admin_url: str, name: str) -> str:
    """Drop and create ``name`` on the server of ``admin_url``; return its URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{name}"


class AppProcess:
    """A daphne started by the topology's supervisor: measured, reached through nginx."""

    def __init__(self, pid: int, ws_url: str) -> None:
        self.ps = psutil.Process(pid)
        self.proc = self.ps  # .pid, as DaphneServer.proc has
        self.ws_url = ws_url

    def cpu_start(self) -> None:
        self.ps.cpu_percent(None)

    def cpu_percent(self) -> float:
        return self.ps.cpu_percent(None)

    def rss_mb(self) -> float:
        return self.ps.memory_info().rss / 2**20

    def stop(self) -> None:
        """Stopped with its supervisor (NginxTopology.stop)."""


class NginxTopology(Managed):
    """deploy/serve.py: nginx in front of ``daphnes`` daphne processes (production's
    topology); devices connect to nginx."""

    name = "topology"

    def __init__(self, env: dict, daphnes: int = 2) -> None:
        super().__init__()
        self.env = env
        self.daphnes = daphnes
        self.run_dir = Path(tempfile.mkdtemp(prefix="bench-topology-"))

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/hall/"

    def start(self, timeout: float = 120) -> NginxTopology:
        argv = [sys.executable, str(ROOT / "deploy" / "serve.py")]
        argv += ["--listen", f"127.0.0.1:{self.port}", "--daphne", str(self.daphnes)]
        argv += ["--run-dir", str(self.run_dir), "--close-every", "0"]
        argv += ["--nginx-workers", os.environ.get("BENCH_NGINX_WORKERS", "1")]
        self._spawn(argv, self.env)
        assert self.proc is not None
        state = self.run_dir / "state.json"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the topology exited:\n{self.log_tail()}")
            with contextlib.suppress(OSError, ValueError):
                if json.loads(state.read_text()).get("ready"):
                    return self
            time.sleep(0.2)
        raise RuntimeError(f"the topology did not start:\n{self.log_tail()}")

    def app_processes(self) -> list[AppProcess]:
        state = json.loads((self.run_dir / "state.json").read_text())
        return [
            AppProcess(c["pid"], self.ws_url)
            for c in state["children"]
            if c["name"].startswith("daphne")
        ]
