"""The production topology through nginx: a show with pads and screens, one daphne
SIGKILLed mid-question, an online attempt, the client-address contract behind nginx,
and a backup of the running contest restored into a fresh database."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import psutil
import psycopg
import pytest

from hall.engine.state import state_to_dict
from hall.models import Event, Snapshot
from hall.services import rebuild_state
from online.models import Attempt
from tests.factories import make_hall
from tests.live.conftest import judge_token, mc_token
from tests.online.conftest import PASSWORD, make_bank, make_participant, make_round
from tests.procs import ROOT, ProtocolClient, database_url_for_tests

from .conftest import CSRF_INPUT, Stack, WebClient

pytestmark = [pytest.mark.topology, pytest.mark.django_db(transaction=True)]
LIVE_CONFIG = re.compile(r'<script id="live-config" type="application/json">(.*?)</script>', re.S)


def join_over_http(stack: Stack, code: str, source: str = "127.0.0.1") -> str:
    """A pad or screen joins as a browser does, over plain http with DEBUG off:
    the join page, its CSRF cookie, the code, the device page and its token."""
    web = WebClient(stack, source)
    status, headers, _ = web.post_form("/hall/join/", "/hall/join/", {"code": code})
    assert status == 302, (status, code)
    status, _, html = web.get(headers["location"])
    assert status == 200
    return json.loads(LIVE_CONFIG.search(html).group(1))["token"]


def test_static_files_are_served_by_nginx(stack):
    web = WebClient(stack)
    status, headers, _ = web.get("/static/online/attempt.js", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    # nginx's own headers (deploy/nginx/site.conf.in), the precompressed copy
    assert headers["content-encoding"] == "gzip"
    assert "max-age=604800" in headers["cache-control"]


def test_app_servers_listen_on_loopback_only(stack):
    for child in stack.state()["children"]:
        if not child["name"].startswith("daphne"):
            continue
        listening = [
            c.laddr
            for c in psutil.Process(child["pid"]).net_connections(kind="inet")
            if c.status == psutil.CONN_LISTEN
        ]
        assert listening and all(addr.ip == "127.0.0.1" for addr in listening), listening


def test_show_through_nginx_survives_a_daphne_killed_mid_question(stack):
    h = make_hall(teams=3, judges=3)
    know = h.parts[1]
    intro = h.parts[0]
    members = list(h.teams[0].members.filter(answers_knowledge=True).values_list("id", flat=True))
    pads = [join_over_http(stack, h.pads[h.teams[i].id].join_code) for i in (0, 1)]
    screen = join_over_http(stack, h.screen.join_code)
    urls = [stack.ws]

    async def scenario() -> list[ProtocolClient]:
        def client(token: str, name: str) -> ProtocolClient:
            return ProtocolClient(urls, token, name, origin=stack.base)

        mc = await client(mc_token(h), "mc").start()
        others = [
            await client(screen, "screen-1").start(),
            await client(screen, "screen-2").start(),
            await client(screen, "screen-3").start(),
            await client(pads[0], "pad-0").start(),
            await client(pads[1], "pad-1").start(),
            await client(judge_token(h, 1), "judge").start(),
        ]
        everyone = [mc, *others]

        async def step(cmd: dict, by: ProtocolClient = mc) -> int:
            # as a device does when its socket drops with a command in flight: send it
            # again with the same id once reconnected (the server runs an id once)
            cid = uuid.uuid4().hex
            for _ in range(6):
                try:
                    reply = await by.command(cmd, cid=cid, timeout=4)
                    break
                except TimeoutError:
                    continue
            assert reply["type"] == "ack", (cmd, reply)
            for c in everyone:
                await c.wait_seq(reply["seq"], timeout=20)
            return reply["seq"]

        await step({"type": "start_contest"})
        await step({"type": "goto_part", "part_id": intro.id})
        await step({"type": "stage_team", "team_id": h.teams[0].id})
        await step({"type": "start_timer"})
        await step({"type": "stop_timer"})
        await step({"type": "goto_part", "part_id": know.id})
        await step({"type": "call_team", "team_id": h.teams[0].id})
        await step({"type": "draw"})
        await step({"type": "open_answering"})
        deadline = mc.view["question"]["deadline_ms"]
        # SIGKILL one daphne mid-question: its sockets drop, the clients reconnect
        # through nginx to the others and catch up from the log
        victim = stack.child("daphne-2")
        os.kill(victim["pid"], signal.SIGKILL)
        await step({"type": "answer", "member_id": members[0], "choice": "B"}, by=others[3])
        for c in others:
            assert c.view["question"]["deadline_ms"] == deadline, c.name
        await step({"type": "close_answering"})
        # the supervisor starts the killed process again; the show goes on
        stack.wait_restarted("daphne-2", victim["starts"] + 1)
        await step({"type": "reveal"})
        await step({"type": "clear_question"})
        for c in everyone:
            await c.stop()
        return everyone

    clients = asyncio.run(scenario())
    total = Event.objects.filter(contest=h.contest).count()
    assert total >= 12
    for c in clients:
        # every event exactly once, in order, no gap
        assert c.applied == list(range(1, total + 1)), (c.name, c.applied)
    assert sum(c.reconnects for c in clients) >= 1  # some sockets were on the killed one
    snap = Snapshot.objects.get(contest=h.contest)
    assert snap.seq == total
    assert state_to_dict(rebuild_state(h.contest.id)) == snap.state


def test_online_attempt_through_nginx(stack):
    make_bank(12)
    round_ = make_round(slug="qua-nginx", questions_per_attempt=5)
    person = make_participant(round_)
    web = WebClient(stack)
    status, headers, _ = web.post_form(
        "/online/dang-nhap/",
        "/online/dang-nhap/",
        {"username": person.user.username, "password": PASSWORD},
    )
    assert status == 302, status
    status, headers, _ = web.post_form(
        f"/online/{round_.slug}/", f"/online/{round_.slug}/bat-dau/", {}
    )
    assert status == 302
    page_url = headers["location"]
    status, _, html = web.get(page_url)
    assert status == 200
    attempt = Attempt.objects.get(participant=person)
    deadline_ms = int(re.search(r'data-deadline-ms="(\d+)"', html).group(1))
    assert deadline_ms == int(attempt.deadline.timestamp() * 1000)
    now_ms = int(time.time() * 1000)
    batch = {"answers": [{"order": n, "choice": 1, "at": now_ms} for n in (1, 2, 3)]}
    status, _, body = web.request("POST", f"{page_url}tra-loi/", json_body=batch)
    assert status == 200, body
    assert json.loads(body)["saved"] == [1, 2, 3]
    last = {"answers": [{"order": 4, "choice": 0, "at": now_ms + 1000}]}
    token = CSRF_INPUT.search(html).group(1)
    status, headers, _ = web.request(
        "POST",
        f"{page_url}nop-bai/",
        form={"csrfmiddlewaretoken": token, "batch": json.dumps(last)},
    )
    assert status == 302 and headers["location"].endswith("ket-qua/")
    status, _, html = web.get(headers["location"])
    assert status == 200
    attempt.refresh_from_db()
    assert attempt.is_submitted and not attempt.auto_submitted
    assert attempt.items.filter(chosen__isnull=False).count() == 4


def test_a_join_lockout_of_one_address_does_not_block_another(stack):
    h = make_hall(slug="lockout-hall")
    code = h.pads[h.teams[0].id].join_code
    guesser = WebClient(stack, "127.0.0.2")
    statuses = []
    for _ in range(40):
        status, _, _ = guesser.post_form("/hall/join/", "/hall/join/", {"code": "ZZZZZZ"})
        statuses.append(status)
        if status == 429:
            break
    assert statuses[-1] == 429 and 400 in statuses, statuses
    # locked: even the right code, and a forged header changes nothing (nginx
    # overwrites X-Forwarded-For with the address it sees)
    assert guesser.post_form("/hall/join/", "/hall/join/", {"code": code})[0] == 429
    forged = {"X-Forwarded-For": "127.0.0.1", "X-Forwarded-Port": "1"}
    assert guesser.post_form("/hall/join/", "/hall/join/", {"code": code}, forged)[0] == 429
    # another device behind the same nginx joins
    other = WebClient(stack, "127.0.0.1")
    assert other.post_form("/hall/join/", "/hall/join/", {"code": code})[0] == 302
    # and naming the locked address in the header does not lock it out either
    spoofer = WebClient(stack, "127.0.0.3")
    locked = {"X-Forwarded-For": "127.0.0.2"}
    assert spoofer.post_form("/hall/join/", "/hall/join/", {"code": code}, locked)[0] == 302


def test_backup_of_a_running_contest_restores_to_the_same_log_state_and_results(stack):
    h = make_hall(slug="backup-hall")
    original = database_url_for_tests()
    name = f"{original.rsplit('/', 1)[1]}_restored_{os.getpid()}"
    target = f"{original.rsplit('/', 1)[0]}/{name}"
    dump = Path(tempfile.mkdtemp(prefix="hoithi-backup-")) / "hall.dump"

    async def show_during_backup() -> tuple[int, int, int]:
        mc = await ProtocolClient([stack.ws], mc_token(h), "mc", origin=stack.base).start()
        for cmd in (
            {"type": "start_contest"},
            {"type": "goto_part", "part_id": h.parts[0].id},
            {"type": "stage_team", "team_id": h.teams[0].id},
        ):
            assert (await mc.command(cmd))["type"] == "ack"
        before = mc.seq
        env = {**os.environ, "DATABASE_URL": original}
        backup = asyncio.create_task(
            asyncio.to_thread(
                subprocess.run,
                [str(ROOT / "deploy" / "backup.sh"), str(dump)],
                env=env,
                capture_output=True,
                text=True,
            )
        )
        running = True
        while not backup.done() or running:
            # the show goes on while pg_dump reads
            kind = "start_timer" if running else "stop_timer"
            assert (await mc.command({"type": kind}))["type"] == "ack"
            running = not running
            await asyncio.sleep(0.1)  # under the flood guard (20 messages/s)
        out = await backup
        assert out.returncode == 0, out.stderr
        await mc.stop()
        return before, mc.seq, out.returncode

    before, after, _ = asyncio.run(show_during_backup())
    try:
        out = subprocess.run(
            [str(ROOT / "deploy" / "restore.sh"), str(dump), target, original],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "DEBUG": "1"},
        )
        assert out.returncode == 0, out.stdout + out.stderr
        assert "same logs, states and results" in out.stdout
        restored = json.loads(Path(f"{dump}.restored.json").read_text())["contests"]["backup-hall"]
        # the copy holds the log up to some seq taken while the show ran
        assert before <= restored["seq"] <= after and restored["fold_equals_snapshot"]
        with psycopg.connect(target) as conn:
            seqs = [r[0] for r in conn.execute("select seq from hall_event order by seq")]
        assert seqs == list(range(1, restored["seq"] + 1))
        # a second restore into an existing database is refused, nothing touched
        again = subprocess.run(
            [str(ROOT / "deploy" / "restore.sh"), str(dump), target],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert again.returncode != 0 and "already exists" in again.stderr
    finally:
        admin = f"{original.rsplit('/', 1)[0]}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
