"""The production topology, for real: ``bin/serve`` (nginx in front of 3 daphne
processes, DEBUG off, plain http as on a hall LAN) on the test database (PostgreSQL)
and a private Redis. Every request and socket goes through nginx."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection

from tests.procs import ROOT, PrivateRedis, database_url_for_tests, free_port

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Stack:
    port: int
    run_dir: Path
    proc: subprocess.Popen
    redis: PrivateRedis

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/hall/"

    def state(self) -> dict:
        return json.loads((self.run_dir / "state.json").read_text())

    def child(self, name: str) -> dict:
        return next(c for c in self.state()["children"] if c["name"] == name)

    def wait_restarted(self, name: str, starts: int, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            child = self.child(name)
            if child["starts"] >= starts:
                return child
            time.sleep(0.2)
        raise TimeoutError(f"{name} was not restarted")


def _wait_ready(run_dir: Path, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    state = run_dir / "state.json"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"bin/serve exited:\n{log.read_text()[-4000:]}")
        with contextlib.suppress(OSError, ValueError):
            if json.loads(state.read_text()).get("ready"):
                return
        time.sleep(0.3)
    raise RuntimeError(f"bin/serve did not get ready:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker) -> Iterator[Stack]:
    if connection.vendor != "postgresql":
        pytest.skip("the topology runs on PostgreSQL (CI runs it with DATABASE_URL)")
    redis = PrivateRedis().start()
    run_dir = Path(tempfile.mkdtemp(prefix="hoithi-topology-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DATABASE_URL=database_url_for_tests(),
        REDIS_URL=redis.url,
        REDIS_PREFIX=f"topology{os.getpid()}",
        # tokens and sessions made by the tests verify in the servers
        SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=str(run_dir / "static"),
        DB_POOL_MAX="5",
        LOG_LEVEL="WARNING",
    )
    env.pop("SECURE_COOKIES", None)  # bin/serve decides (plain http on the LAN)
    log = run_dir / "serve.log"
    argv = [str(ROOT / "bin" / "serve"), "--listen", f"127.0.0.1:{port}", "--daphne", "3"]
    argv += ["--run-dir", str(run_dir), "--close-every", "2"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_ready(run_dir, proc, log, timeout=240)
        yield Stack(port, run_dir, proc, redis)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        redis.stop()


class WebClient:
    """A browser-like HTTP client through nginx: keeps cookies, sends Origin, and
    leaves from a chosen loopback address (127.0.0.1, 127.0.0.2...)."""

    def __init__(self, stack: Stack, source: str = "127.0.0.1") -> None:
        self.stack = stack
        self.source = source
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        form: dict | None = None,
        json_body: object = None,
        headers: dict | None = None,
    ) -> tuple[int, dict[str, str], str]:
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.stack.port, timeout=30, source_address=(self.source, 0)
        )
        sent = {"Origin": self.stack.base, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body)
            sent["Content-Type"] = "application/json"
            sent["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        text = response.read().decode(errors="replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie = SimpleCookie(value)
                for key, morsel in cookie.items():
                    assert not morsel["secure"], f"a Secure cookie over plain http: {value}"
                    self.cookies[key] = morsel.value
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def get(self, path: str, **kw) -> tuple[int, dict[str, str], str]:
        return self.request("GET", path, **kw)

    def post_form(
        self, page: str, path: str, fields: dict, headers: dict | None = None
    ) -> tuple[int, dict[str, str], str]:
        """GET the form's page (for the CSRF cookie and token), then POST it."""
        status, _, html = self.get(page)
        assert status == 200, (page, status)
        token = CSRF_INPUT.search(html)
        assert token, f"no CSRF token on {page}"
        form = {"csrfmiddlewaretoken": token.group(1), **fields}
        return self.request("POST", path, form=form, headers=headers)
