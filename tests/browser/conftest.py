"""Browser tests: a real daphne serving the test database, real Chromium via Playwright.

The server is a subprocess (WebSockets need ASGI, so Django's live_server will not
do). It shares the pytest session's test database: PostgreSQL when DATABASE_URL is
set, or a file-based SQLite test database (``SQLITE_TEST_PATH``). With the default
in-memory SQLite test database a subprocess cannot see the data, so the fixture
then migrates and loads the demo into a private SQLite file for the server instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from tests.procs import CHROMIUM, CHROMIUM_ARGS, ROOT, Daphne, server_env

SHOTS = ROOT / "docs" / "screenshots"
# Playwright's sync API keeps an event loop in this thread; the ORM calls made by the
# fixtures (loading the demo, flushing the test database) are still plain sync code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@dataclass
class Demo:
    """What the browser tests need to know about the demo contest."""

    base_url: str
    slug: str
    password: str
    screen_code: str
    team_codes: dict[str, str]  # team name -> join code
    teams: list[str] = field(default_factory=list)  # team names in number order


def _in_memory_sqlite() -> bool:
    db = settings.DATABASES["default"]
    name = str(db.get("NAME") or "")
    return db["ENGINE"].endswith("sqlite3") and (name == ":memory:" or "mode=memory" in name)


def _load_demo_here() -> tuple[dict, list[str], str]:
    from hall.demo.build import load_demo

    info = load_demo()
    codes = {d.team_name: d.join_code for d in info.team_devices}
    names = list(info.contest.teams.order_by("number").values_list("name", flat=True))
    return codes, names, info.screen.join_code


_PRIVATE_LOADER = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from hall.demo.build import load_demo
info = load_demo()
print(json.dumps({
    "codes": {d.team_name: d.join_code for d in info.team_devices},
    "names": list(info.contest.teams.order_by("number").values_list("name", flat=True)),
    "screen": info.screen.join_code,
}))
"""


@pytest.fixture
def hall_server(request: pytest.FixtureRequest) -> Iterator[Demo]:
    """A daphne process serving the demo contest; yields its URLs and join codes."""
    private_dir = None
    request.getfixturevalue("django_db_setup")  # the test database's real name is known after this
    if _in_memory_sqlite():
        import json

        private_dir = tempfile.mkdtemp(prefix="hall-browser-")
        db_path = str(Path(private_dir) / "db.sqlite3")
        env = server_env(extra={"SQLITE_PATH": db_path, "DJANGO_SETTINGS_MODULE": "hall.settings"})
        env.pop("DATABASE_URL", None)
        out = subprocess.run(
            [sys.executable, "-c", _PRIVATE_LOADER],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=True,
        )
        data = json.loads(out.stdout.strip().splitlines()[-1])
        codes, names, screen = data["codes"], data["names"], data["screen"]
    else:
        request.getfixturevalue("transactional_db")
        codes, names, screen = _load_demo_here()
        # A fresh Redis key prefix per server: the join page's rate limit (per IP, kept in
        # the cache) must not carry over from one test's joins to the next.
        env = server_env(
            redis_url=os.environ.get("REDIS_URL", ""),
            extra={"REDIS_PREFIX": f"hall-browser-{uuid.uuid4().hex[:12]}"},
        )
    server = Daphne(env).start()
    try:
        from hall.demo.build import CONTEST_SLUG, demo_password

        yield Demo(
            base_url=server.http,
            slug=CONTEST_SLUG,
            password=demo_password(),
            screen_code=screen,
            team_codes=codes,
            teams=names,
        )
    finally:
        server.stop()
        if private_dir:
            shutil.rmtree(private_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def browser_instance():
    # Module scope: Playwright's sync API keeps an event loop running in this
    # thread while it is open, which would break later tests' asyncio.run().
    from playwright.sync_api import expect, sync_playwright

    # Generous waits: the suite also runs on busy 2-core CI machines.
    expect.set_options(timeout=15_000)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
