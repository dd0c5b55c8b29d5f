"""Run the production topology on one machine and keep it running (bin/serve).

nginx in front (deploy/nginx/, rendered into the run directory) of N daphne processes
bound to loopback with ``--proxy-headers``; optionally HTTP-only uvicorn servers beside
them (``--http-workers``: the comparison of docs/DECISIONS.md 16, not production's
choice; uvicorn is in the dev extra); ``manage.py close_expired_attempts``
every minute. A child that dies is started again after a second (as systemd's
``Restart=always``). SIGINT/SIGTERM stop everything this process started.

``state.json`` in the run directory names every child's pid and port; tests and
benchmarks read it. The systemd units in deploy/systemd/ run the same commands
(``tests/topology/test_deploy_files.py`` checks that they agree).
"""

from __future__ import annotations

import argparse
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
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deploy.render import Site, write_standalone

ROOT = Path(__file__).resolve().parents[1]
# daphne behind nginx: loopback only, trusting nginx's X-Forwarded-For; the pings as in
# bin/demo (a socket that stops answering is dropped).
DAPHNE_ARGS = ("--proxy-headers", "--ping-interval", "5", "--ping-timeout", "10")
ASGI_APP = "hall.asgi:application"
# HTTP-only servers (no WebSockets reach them: nginx sends /ws/ to daphne)
UVICORN_ARGS = (
    "--proxy-headers",
    "--forwarded-allow-ips",
    "127.0.0.1",
    "--no-access-log",
    "--lifespan",
    "off",
    "--ws",
    "none",
)
RESTART_DELAY_S = 1.0


def daphne_argv(python: str, port: int) -> list[str]:
    return [python, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), *DAPHNE_ARGS, ASGI_APP]


def uvicorn_argv(python: str, port: int) -> list[str]:
    return [
        python,
        "-m",
        "uvicorn",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *UVICORN_ARGS,
        ASGI_APP,
    ]


def close_expired_argv(python: str) -> list[str]:
    return [python, "manage.py", "close_expired_attempts"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(message: str) -> None:
    print(f"[serve {time.strftime('%H:%M:%S')}] {message}", flush=True)


@dataclass
class Child:
    name: str
    argv: list[str]
    port: int | None = None
    health: bool = True  # wait for /healthz after a start
    proc: subprocess.Popen | None = None
    starts: int = 0
    died_at: float | None = None
    log_path: Path | None = None

    def start(self, env: dict, run_dir: Path, app_dir: Path) -> None:
        self.log_path = run_dir / f"{self.name}.log"
        # the child keeps its own copy of the descriptor; this process closes its one
        with open(self.log_path, "ab") as out:
            self.proc = subprocess.Popen(
                self.argv, cwd=app_dir, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        self.starts += 1
        self.died_at = None

    def wait_healthy(self, timeout: float) -> None:
        if not self.health or self.port is None:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start:\n{self.tail()}")
            with contextlib.suppress(OSError):
                url = f"http://127.0.0.1:{self.port}/healthz"
                with urllib.request.urlopen(url, timeout=1) as r:
                    if r.status == 200:
                        return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer /healthz in {timeout} s:\n{self.tail()}")

    def tail(self) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-3000:]

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.running():
            assert self.proc is not None
            self.proc.send_signal(sig)

    def reap(self, timeout: float = 10) -> None:
        if self.proc is None:
            return
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


@dataclass
class Topology:
    run_dir: Path
    listen: str
    daphnes: int
    http_workers: int
    close_every_s: float
    static_root: Path
    nginx_workers: int
    access_log: bool
    app_dir: Path = ROOT  # the project the children run (the benchmarks run an older one)
    python: str = sys.executable
    children: list[Child] = field(default_factory=list)
    stopping: bool = False
    closer: subprocess.Popen | None = None
    next_close: float = 0.0

    def build(self) -> None:
        for i in range(self.daphnes):
            port = free_port()
            self.children.append(Child(f"daphne-{i + 1}", daphne_argv(self.python, port), port))
        for i in range(self.http_workers):
            port = free_port()
            self.children.append(Child(f"http-{i + 1}", uvicorn_argv(self.python, port), port))
        ws_ports = tuple(c.port for c in self.children if c.name.startswith("daphne") and c.port)
        http_ports = tuple(c.port for c in self.children if c.name.startswith("http") and c.port)
        site = Site(
            listen=self.listen,
            ws_ports=ws_ports,
            http_ports=http_ports,
            http_name="uvicorn (HTTP only)",
            static_root=self.static_root,
        )
        conf = write_standalone(self.run_dir, site, self.nginx_workers, self.access_log)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        argv = [nginx, "-p", str(self.run_dir), "-c", str(conf), "-g", "daemon off;"]
        self.children.append(Child("nginx", argv, health=False))

    def write_state(self, ready: bool) -> None:
        state = {
            "ready": ready,
            "pid": os.getpid(),
            "listen": self.listen,
            "children": [
                {
                    "name": c.name,
                    "port": c.port,
                    "pid": c.proc.pid if c.proc else None,
                    "starts": c.starts,
                }
                for c in self.children
            ],
        }
        tmp = self.run_dir / "state.json.tmp"
        tmp.write_text(json.dumps(state, indent=1))
        tmp.replace(self.run_dir / "state.json")

    def start(self, env: dict) -> None:
        for child in self.children:
            child.start(env, self.run_dir, self.app_dir)
        for child in self.children:
            child.wait_healthy(60)
        nginx = self.children[-1]
        time.sleep(0.3)
        if not nginx.running():
            raise RuntimeError(f"nginx did not start:\n{self._nginx_errors()}")
        self.write_state(ready=True)

    def _nginx_errors(self) -> str:
        path = self.run_dir / "nginx-error.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def watch(self, env: dict) -> None:
        """Restart what dies, run the periodic command; return when told to stop."""
        self.next_close = time.monotonic() + min(self.close_every_s, 5)
        while not self.stopping:
            changed = False
            for child in self.children:
                if child.running() or self.stopping:
                    continue
                now = time.monotonic()
                if child.died_at is None:
                    code = child.proc.returncode if child.proc else None
                    log(f"{child.name} exited (code {code}); restarting in {RESTART_DELAY_S} s")
                    child.died_at = now
                elif now - child.died_at >= RESTART_DELAY_S:
                    child.start(env, self.run_dir, self.app_dir)
                    changed = True
            if changed:
                self.write_state(ready=True)
            self._close_expired(env)
            time.sleep(0.2)

    def _close_expired(self, env: dict) -> None:
        if self.close_every_s <= 0 or time.monotonic() < self.next_close:
            return
        if self.closer is not None and self.closer.poll() is None:
            return  # the last run is still going
        self.next_close = time.monotonic() + self.close_every_s
        with open(self.run_dir / "close_expired_attempts.log", "ab") as out:
            self.closer = subprocess.Popen(
                close_expired_argv(self.python), cwd=self.app_dir, env=env, stdout=out, stderr=out
            )

    def stop(self) -> None:
        self.stopping = True
        for child in self.children:
            # nginx: QUIT finishes the requests it is serving
            child.stop(signal.SIGQUIT if child.name == "nginx" else signal.SIGTERM)
        if self.closer is not None and self.closer.poll() is None:
            self.closer.terminate()
        for child in self.children:
            child.reap()
        if self.closer is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.closer.wait(10)
        self.write_state(ready=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="0.0.0.0:8000", help="nginx's address:port")
    parser.add_argument("--daphne", type=int, default=2, help="daphne processes")
    parser.add_argument(
        "--http-workers", type=int, default=0, help="HTTP-only uvicorn processes (0: none)"
    )
    parser.add_argument("--run-dir", default=str(ROOT / "var" / "serve"))
    parser.add_argument("--close-every", type=float, default=60.0, help="seconds; 0: never")
    parser.add_argument("--nginx-workers", type=int, default=1)
    parser.add_argument("--access-log", action="store_true")
    parser.add_argument("--app-dir", default=str(ROOT), help="the project to run (benchmarks)")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    static_root = Path(env.get("STATIC_ROOT", ROOT / "staticfiles")).resolve()
    topology = Topology(
        run_dir=Path(args.run_dir).resolve(),
        listen=args.listen,
        daphnes=args.daphne,
        http_workers=args.http_workers,
        close_every_s=args.close_every,
        static_root=static_root,
        nginx_workers=args.nginx_workers,
        access_log=args.access_log,
        app_dir=Path(args.app_dir).resolve(),
    )
    topology.run_dir.mkdir(parents=True, exist_ok=True)

    def on_signal(signum: int, frame: object) -> None:
        topology.stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    topology.build()
    try:
        topology.start(env)
        ports = ", ".join(f"{c.name} :{c.port}" for c in topology.children if c.port)
        log(f"nginx on {args.listen} -> {ports}")
        topology.watch(env)
    finally:
        log("stopping")
        topology.stop()


if __name__ == "__main__":
    main()
