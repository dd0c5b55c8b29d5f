"""Load model of the online round through nginx, against PostgreSQL.

Two measurements, each starting the production topology itself (deploy/serve.py:
nginx in front of the app servers) on a fresh PostgreSQL database:

``peak``: a province's peak hour. Participants arrive at a configurable rate (or
enough to keep ``--active`` of them busy at once), each starts an attempt, opens it,
thinks 10–40 s per question, answers as the attempt page does (held by the page,
sent in stamped batches: after a 2 s pause following a change, at most once per save
interval, and with the submit), sometimes reloads the page (the page's store keeps
what was not sent), sometimes loses the network for a few seconds (sends fail, the
page retries), then submits and reads the result. At the end every answer the
participants gave is compared with the database (lost answers).

``saturation``: participants with no think time, ``--concurrency`` at once, for a
fixed time: completed participations per hour and requests per participation, for
this code and, back to back in the same sitting, for an older commit (``--before``,
extracted with ``git archive`` into a temporary folder, run by the same topology and
load generator, answering one request per answer as its page did); then the floor:
``GET /healthz`` (a fixed 200 through the same stack) with the same clients.

    python bench/online_load.py peak --active 2000 --minutes 10
    python bench/online_load.py saturation --before 59f5c6f
    python bench/online_load.py saturation --before 59f5c6f --http-workers 2 --daphne 1

PostgreSQL: ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432/postgres)
names the server; the databases are ``<BENCH_DB_PREFIX>_after`` / ``_before``
(default prefix ``hoithi_bench_online``). Figures go to stdout and, unless
``--no-write``, to docs/benchmarks/online-<mode>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.http_client import Browser, HttpError, Reply  # noqa: E402
from bench.servers import free_port, recreate_postgres_database  # noqa: E402

SLUG = "bench-online"
ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "hoithi_bench_online")
SECRET = "bench-online-" + secrets.token_hex(20)
ATTEMPT_ID = re.compile(r"/bai-thi/(\d+)/")
RADIO = re.compile(r'name="q(\d+)" value="(\d+)"')
DATA = re.compile(r'data-(deadline-ms|server-ms|interval-s|grace-s)="(\d+)"')
PAUSE_S = 2.0  # the page's pause after a change (static/online/attempt.js)


# --------------------------------------------------------------------------- setup
PREPARE = r"""
import json, sys, django
django.setup()
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from hall.models import Option, Question
from online.models import OnlineRound, Participant, Period, Role

participants, questions, slug = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
call_command("migrate", verbosity=0)
now = timezone.now()
round_, _ = OnlineRound.objects.update_or_create(slug=slug, defaults={
    "name": "Benchmark", "questions_per_attempt": questions, "time_limit_minutes": 30,
    "attempts_per_period": 30000, "required_fields": "full_name,phone"})
Period.objects.update_or_create(round=round_, number=1, defaults={
    "name": "Đợt đo", "opens_at": now - timedelta(hours=1), "closes_at": now + timedelta(days=1)})
if Question.objects.filter(code__startswith="BENCH-").count() < 200:
    for i in range(200):
        q, created = Question.objects.get_or_create(code=f"BENCH-{i:03d}", defaults={
            "text": f"Câu hỏi đo tải {i}", "area": Question.Area.choices[i % 8][0]})
        if created:
            Option.objects.bulk_create(
                Option(question=q, label=l, text=f"Phương án {l}", is_correct=k == i % 4)
                for k, l in enumerate("ABCD"))
User = get_user_model()
password = make_password("bench-password-2024")
have = set(User.objects.filter(username__startswith="bench").values_list("username", flat=True))
User.objects.bulk_create([User(username=f"bench{n:06d}", password=password)
                          for n in range(participants) if f"bench{n:06d}" not in have],
                         batch_size=2000)
users = {u.username: u for u in User.objects.filter(username__startswith="bench")}
known = set(Participant.objects.filter(round=round_).values_list("user__username", flat=True))
Participant.objects.bulk_create([
    Participant(user=users[f"bench{n:06d}"], round=round_, full_name=f"Người đo tải {n}",
                phone=f"09{n:08d}", role=Role.RESIDENT)
    for n in range(participants) if f"bench{n:06d}" not in known], batch_size=2000)
store = SessionStore()
expire = now + timedelta(days=1)
sessions, keys = [], []
for n in range(participants):
    user = users[f"bench{n:06d}"]
    key = store._get_new_session_key()
    data = {"_auth_user_id": str(user.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": user.get_session_auth_hash()}
    sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
    keys.append(key)
Session.objects.bulk_create(sessions, batch_size=2000)
print(json.dumps(keys))
"""


def server_env(database_url: str, redis_url: str, prefix: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DEBUG="0",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
        DJANGO_SETTINGS_MODULE="hall.settings",
        DATABASE_URL=database_url,
        REDIS_PREFIX=prefix,
        # processes x pool stays well under PostgreSQL's 100 connections (shared server)
        DB_POOL_MAX=os.environ.get("DB_POOL_MAX", "12"),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def prepare(app_dir: Path, env: dict, participants: int, questions: int) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PREPARE, str(participants), str(questions), SLUG],
        cwd=app_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"preparing the round failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


class Topology:
    """deploy/serve.py in a subprocess: nginx + app servers of ``app_dir``."""

    def __init__(
        self, app_dir: Path, env: dict, daphnes: int, http_workers: int, nginx_workers: int
    ):
        self.port = free_port()
        self.run_dir = Path(tempfile.mkdtemp(prefix="hoithi-topology-"))
        self.argv = [
            sys.executable,
            str(ROOT / "deploy" / "serve.py"),
            "--listen",
            f"127.0.0.1:{self.port}",
            "--daphne",
            str(daphnes),
            "--http-workers",
            str(http_workers),
            "--nginx-workers",
            str(nginx_workers),
            "--run-dir",
            str(self.run_dir),
            "--app-dir",
            str(app_dir),
            "--close-every",
            "60",
        ]
        self.env = env
        self.proc: subprocess.Popen | None = None

    def start(self) -> Topology:
        log = open(self.run_dir / "serve.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(self.argv, env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + 120
        state = self.run_dir / "state.json"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError((self.run_dir / "serve.log").read_text()[-3000:])
            if state.exists() and json.loads(state.read_text()).get("ready"):
                return self
            time.sleep(0.2)
        raise RuntimeError("the topology did not start")

    def pids(self) -> dict[str, int]:
        state = json.loads((self.run_dir / "state.json").read_text())
        return {c["name"]: c["pid"] for c in state["children"]}

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) used so far by each app server and nginx."""
        import psutil

        out = {}
        for name, pid in self.pids().items():
            with contextlib.suppress(psutil.Error):
                proc = psutil.Process(pid)
                procs = [proc, *proc.children(recursive=True)]
                out[name] = sum(p.cpu_times().user + p.cpu_times().system for p in procs)
        return out

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


# --------------------------------------------------------------------------- recording
@dataclass
class Recorder:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    completed: int = 0
    window: tuple[float, float] | None = None  # only requests ending inside count
    total: int = 0  # every request, in the window or not (CPU per request)

    def add(self, kind: str, reply: Reply | None, ok: bool, note: str = "") -> None:
        self.total += 1
        now = time.monotonic()
        if self.window and not (self.window[0] <= now <= self.window[1]):
            return
        if reply is not None:
            self.times[kind].append(reply.seconds)
        if not ok:
            self.errors[kind] += 1
            if len(self.error_samples) < 10:
                self.error_samples.append(f"{kind}: {note}")

    def requests(self) -> int:
        return sum(len(v) for v in self.times.values())

    def table(self, wall: float) -> list[dict]:
        rows = []
        for kind, values in sorted(self.times.items()):
            rows.append(
                {
                    "request": kind,
                    "count": len(values),
                    "per_s": round(len(values) / wall, 1),
                    "p50_ms": round(statistics.median(values) * 1000, 1),
                    "p99_ms": round(pct(values, 0.99) * 1000, 1),
                    "max_ms": round(max(values) * 1000, 1),
                    "errors": self.errors.get(kind, 0),
                }
            )
        return rows


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


# --------------------------------------------------------------------------- a participant
@dataclass
class Attempt:
    pk: int
    options: dict[int, int]  # order -> number of options
    deadline_ms: int
    offset_ms: float  # server clock - local clock
    interval_s: float
    given: dict[int, int] = field(default_factory=dict)  # what the participant chose


class Participant:
    """A browser on the attempt page. ``batched``: as static/online/attempt.js does;
    otherwise one request per answer (the page before batching)."""

    def __init__(self, port: int, session_key: str, rec: Recorder, batched: bool) -> None:
        self.csrf = secrets.token_hex(16)
        self.browser = Browser("127.0.0.1", port)
        self.browser.cookies = {"sessionid": session_key, "csrftoken": self.csrf}
        self.rec = rec
        self.batched = batched
        self.attempt: Attempt | None = None
        self.held: dict[int, tuple[int, int]] = {}  # order -> (choice, stamp ms)
        self.prediction: int | None = None
        self.offline_until = 0.0
        self.last_sent = 0.0
        self.saves = 0

    @property
    def headers(self) -> dict[str, str]:
        return {"X-CSRFToken": self.csrf, "Origin": self.browser.origin}

    async def call(
        self, kind: str, method: str, path: str, body: bytes = b"", ctype: str = ""
    ) -> Reply | None:
        try:
            reply = await self.browser.request(method, path, body, ctype, self.headers)
        except HttpError as error:
            self.rec.add(kind, None, False, str(error))
            return None
        ok = reply.status in (200, 302)
        self.rec.add(kind, reply, ok, f"{reply.status} {reply.body[:200]!r}")
        return reply if ok else None

    def server_ms(self) -> float:
        assert self.attempt is not None
        return time.time() * 1000 + self.attempt.offset_ms

    async def start(self) -> bool:
        form = f"csrfmiddlewaretoken={self.csrf}".encode()
        ctype = "application/x-www-form-urlencoded"
        reply = await self.call("start", "POST", f"/online/{SLUG}/bat-dau/", form, ctype)
        match = ATTEMPT_ID.search(reply.header("location")) if reply else None
        if not match:
            return False
        return await self.open_page(int(match.group(1)), "page")

    async def open_page(self, pk: int, kind: str) -> bool:
        page = await self.call(kind, "GET", f"/online/bai-thi/{pk}/")
        if page is None:
            return False
        html = page.body.decode()
        options: dict[int, int] = defaultdict(int)
        for order, _value in RADIO.findall(html):
            options[int(order)] += 1
        data = dict(DATA.findall(html))
        server_ms = int(data.get("server-ms", time.time() * 1000))
        given = self.attempt.given if self.attempt else {}
        self.attempt = Attempt(
            pk=pk,
            options=dict(options),
            deadline_ms=int(data.get("deadline-ms", 0)),
            offset_ms=server_ms - time.time() * 1000,
            interval_s=float(data.get("interval-s", 60)),
            given=given,
        )
        # the page's first send waits for the interval; a reloaded page sends what
        # its store kept soon
        self.last_sent = 0.0 if self.held else time.monotonic()
        return True

    async def answer(self, order: int, choice: int) -> None:
        assert self.attempt is not None
        self.attempt.given[order] = choice
        if not self.batched:
            body = json.dumps({"order": order, "choice": choice}).encode()
            path = f"/online/bai-thi/{self.attempt.pk}/tra-loi/"
            await self.call("answer", "POST", path, body, "application/json")
            return
        self.held[order] = (choice, int(self.server_ms()))

    def due(self) -> float:
        """When the page sends next (monotonic), as attempt.js schedules it."""
        return max(time.monotonic() + 0.0, self.last_sent + self.attempt.interval_s)

    async def flush(self) -> bool:
        """Send what is held; False when the network is down (the page retries)."""
        assert self.attempt is not None
        if not self.held and self.prediction is None:
            return True
        self.last_sent = time.monotonic()
        if time.monotonic() < self.offline_until:
            return False
        sent = dict(self.held)
        body: dict = {
            "answers": [{"order": o, "choice": c, "at": at} for o, (c, at) in sent.items()]
        }
        if self.prediction is not None:
            body["prediction"] = self.prediction
        path = f"/online/bai-thi/{self.attempt.pk}/tra-loi/"
        self.saves += 1
        reply = await self.call("save", "POST", path, json.dumps(body).encode(), "application/json")
        if reply is None:
            return False
        data = json.loads(reply.body)
        self.attempt.offset_ms = data["server_ms"] + reply.seconds * 500 - time.time() * 1000
        for order in data["saved"] + data["late"]:
            if self.held.get(order) == sent.get(order):
                self.held.pop(order, None)
        self.prediction = None
        return True

    async def submit(self) -> None:
        assert self.attempt is not None
        pk = self.attempt.pk
        fields = {"csrfmiddlewaretoken": self.csrf}
        if self.batched:
            batch: dict = {
                "answers": [{"order": o, "choice": c, "at": at} for o, (c, at) in self.held.items()]
            }
            if self.prediction is not None:
                batch["prediction"] = self.prediction
            fields["batch"] = json.dumps(batch)
        else:
            body = json.dumps({"value": random.randrange(2000)}).encode()
            await self.call(
                "prediction", "POST", f"/online/bai-thi/{pk}/du-doan/", body, "application/json"
            )
        form = "&".join(f"{k}={quote(v)}" for k, v in fields.items()).encode()
        ctype = "application/x-www-form-urlencoded"
        reply = await self.call("submit", "POST", f"/online/bai-thi/{pk}/nop-bai/", form, ctype)
        if reply is not None:
            self.held.clear()
            await self.call("result", "GET", f"/online/bai-thi/{pk}/ket-qua/")

    async def close(self) -> None:
        await self.browser.close()


# --------------------------------------------------------------------------- peak model
@dataclass
class PeakConfig:
    think: tuple[float, float] = (10.0, 40.0)
    reload_p: float = 0.1
    drop_p: float = 0.1
    drop_s: tuple[float, float] = (2.0, 8.0)


async def peak_participant(
    p: Participant, cfg: PeakConfig, rng: random.Random, active: list[int]
) -> Attempt | None:
    active[0] += 1
    try:
        if not await p.start():
            return None
        assert p.attempt is not None
        orders = sorted(p.attempt.options)
        reload_at = rng.choice(orders) if rng.random() < cfg.reload_p else None
        drop_at = rng.choice(orders) if rng.random() < cfg.drop_p else None
        next_send: float | None = None
        for order in orders:
            think = rng.uniform(*cfg.think)
            end = time.monotonic() + think
            # the page sends in the background while the participant thinks
            while True:
                now = time.monotonic()
                if next_send is not None and next_send <= min(end, now):
                    ok = await p.flush()
                    next_send = None if ok and not p.held else time.monotonic() + (0 if ok else 2)
                    continue
                wake = end if next_send is None else min(end, next_send)
                if wake <= now:
                    break
                await asyncio.sleep(wake - now)
            if order == drop_at:
                p.offline_until = time.monotonic() + rng.uniform(*cfg.drop_s)
            await p.answer(order, rng.randrange(p.attempt.options[order]))
            if p.batched:
                first = time.monotonic() + PAUSE_S
                next_send = max(first, p.last_sent + p.attempt.interval_s)
            if order == reload_at:
                await p.open_page(p.attempt.pk, "reload")
                next_send = time.monotonic() + PAUSE_S
        if rng.random() < 0.5:
            p.prediction = rng.randrange(5000)
        # the last answers go with the submit; a page offline at that moment retries
        while time.monotonic() < p.offline_until:
            await asyncio.sleep(0.5)
        await p.submit()
        p.rec.completed += 1
        return p.attempt
    finally:
        active[0] -= 1
        await p.close()


async def run_peak(args: argparse.Namespace, port: int, keys: list[str]) -> dict:
    rec = Recorder()
    cfg = PeakConfig(reload_p=args.reload, drop_p=args.drop)
    mean_duration = args.questions * sum(cfg.think) / 2
    rate = args.rate or args.active / mean_duration
    rng = random.Random(args.seed)
    active = [0]
    peak_active = 0
    tasks: list[asyncio.Task] = []
    t0 = time.monotonic()
    stop_arrivals = t0 + args.minutes * 60
    samples: list[int] = []
    next_arrival = t0
    index = 0
    while time.monotonic() < stop_arrivals and index < len(keys):
        now = time.monotonic()
        while next_arrival <= now and index < len(keys):
            p = Participant(port, keys[index], rec, batched=True)
            tasks.append(
                asyncio.create_task(peak_participant(p, cfg, random.Random(rng.random()), active))
            )
            index += 1
            next_arrival += rng.expovariate(rate)
        peak_active = max(peak_active, active[0])
        samples.append(active[0])
        await asyncio.sleep(min(1.0, max(0.0, next_arrival - time.monotonic())))
    print(f"arrivals stopped after {index} participants; {active[0]} still active", flush=True)
    attempts = [a for a in await asyncio.gather(*tasks) if a is not None]
    wall = time.monotonic() - t0
    return {
        "rec": rec,
        "wall": wall,
        "attempts": attempts,
        "arrivals": index,
        "rate": rate,
        "peak_active": peak_active,
        "mean_active_last_half": round(statistics.mean(samples[len(samples) // 2 :]), 1)
        if samples
        else 0,
    }


def lost_answers(database_url: str, attempts: list[Attempt]) -> tuple[int, int, int]:
    """(answers given, answers missing or different in the database, attempts not submitted)."""
    import psycopg

    given = sum(len(a.given) for a in attempts)
    by_pk = {a.pk: a for a in attempts}
    lost = 0
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            'select attempt_id, "order", option_order, chosen_id from online_attemptquestion '
            "where attempt_id = any(%s)",
            (list(by_pk),),
        ).fetchall()
        open_ = conn.execute(
            "select count(*) from online_attempt where id = any(%s) and submitted_at is null",
            (list(by_pk),),
        ).fetchone()[0]
    stored = {(a, o): (order, chosen) for a, o, order, chosen in rows}
    for attempt in attempts:
        for order, choice in attempt.given.items():
            option_order, chosen = stored.get((attempt.pk, order), ([], None))
            if chosen is None or option_order.index(chosen) != choice:
                lost += 1
    return given, lost, open_


# --------------------------------------------------------------------------- saturation
async def saturation_participant(p: Participant, saves: int, questions: int) -> bool:
    if not await p.start():
        return False
    assert p.attempt is not None
    orders = sorted(p.attempt.options)
    # ``saves`` batches, then the last answers go with the submit
    cuts = {round(len(orders) * k / (saves + 1)) for k in range(1, saves + 1)}
    for i, order in enumerate(orders, start=1):
        await p.answer(order, i % p.attempt.options[order])
        if p.batched and i in cuts and not await p.flush():
            return False
    if p.batched:
        p.prediction = 1000
    await p.submit()
    return True


async def closed_loop(
    port: int, keys: list[str], concurrency: int, seconds: float, warmup: float, work
) -> tuple[Recorder, float]:
    rec = Recorder()
    pool = iter(keys)
    t0 = time.monotonic()
    rec.window = (t0 + warmup, t0 + warmup + seconds)

    async def worker() -> None:
        while time.monotonic() < rec.window[1]:
            key = next(pool, None)
            if key is None:
                raise RuntimeError(
                    f"not enough prepared participants for this run; errors: {rec.error_samples}"
                )
            done = await work(key, rec)
            if done and rec.window[0] <= time.monotonic() <= rec.window[1]:
                rec.completed += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return rec, seconds


async def floor_loop(port: int, concurrency: int, seconds: float, warmup: float) -> Recorder:
    rec = Recorder()
    t0 = time.monotonic()
    rec.window = (t0 + warmup, t0 + warmup + seconds)

    async def worker() -> None:
        browser = Browser("127.0.0.1", port)
        try:
            while time.monotonic() < rec.window[1]:
                try:
                    reply = await browser.request("GET", "/healthz")
                    rec.add("floor", reply, reply.status == 200, str(reply.status))
                except HttpError as error:
                    rec.add("floor", None, False, str(error))
        finally:
            await browser.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return rec


def extract(commit: str) -> Path:
    """The project at ``commit`` in a temporary folder (git archive: the repository
    and its worktrees are left alone)."""
    target = Path(tempfile.mkdtemp(prefix=f"hoithi-{commit[:8]}-"))
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True
    )
    with tarfile.open(fileobj=__import__("io").BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


def measure_saturation(
    label: str, app_dir: Path, args: argparse.Namespace, batched: bool, floor: bool
) -> dict:
    database_url = recreate_postgres_database(ADMIN_URL, f"{DB_PREFIX}_{label}")
    env = server_env(database_url, args.redis_url, f"benchonline{label}{os.getpid()}")
    # a participation takes well over a second at saturation: one per worker-second is ample
    needed = int(args.concurrency * (args.seconds + args.warmup)) + args.concurrency * 4
    keys = prepare(ROOT, env, min(needed, args.max_participants), args.questions)
    topo = Topology(app_dir, env, args.daphne, args.http_workers, args.nginx_workers).start()
    try:

        async def work(key: str, rec: Recorder) -> bool:
            p = Participant(topo.port, key, rec, batched)
            try:
                return await saturation_participant(p, args.saves, args.questions)
            finally:
                await p.close()

        load0 = os.getloadavg()
        cpu0 = topo.cpu_seconds()
        rec, seconds = asyncio.run(
            closed_loop(topo.port, keys, args.concurrency, args.seconds, args.warmup, work)
        )
        result = summary(label, rec, seconds, load0)
        result["cpu_ms_per_request"] = cpu_per_request(cpu0, topo.cpu_seconds(), rec.total)
        if floor:
            cpu0 = topo.cpu_seconds()
            frec = asyncio.run(floor_loop(topo.port, args.concurrency, args.seconds, args.warmup))
            result["floor"] = summary("floor", frec, args.seconds, load0)
            result["floor"]["cpu_ms_per_request"] = cpu_per_request(
                cpu0, topo.cpu_seconds(), frec.total
            )
    finally:
        topo.stop()
    return result


def cpu_per_request(before: dict, after: dict, requests: int) -> dict[str, float]:
    """Milliseconds of CPU per request: the app servers together, and nginx."""
    used = {k: after.get(k, 0.0) - before.get(k, 0.0) for k in after}
    app = sum(v for k, v in used.items() if k != "nginx")
    return {
        "app": round(app / max(1, requests) * 1000, 2),
        "nginx": round(used.get("nginx", 0.0) / max(1, requests) * 1000, 2),
    }


def summary(label: str, rec: Recorder, seconds: float, load0: tuple) -> dict:
    requests = rec.requests()
    errors = sum(rec.errors.values())
    out = {
        "label": label,
        "seconds": seconds,
        "requests": requests,
        "requests_per_s": round(requests / seconds, 1),
        "errors": errors,
        "error_samples": rec.error_samples,
        "table": rec.table(seconds),
        "load_before": [round(x, 2) for x in load0],
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }
    if rec.completed:
        out["participations"] = rec.completed
        out["participations_per_hour"] = round(rec.completed / seconds * 3600)
        out["requests_per_participation"] = round(requests / rec.completed, 2)
    return out


def print_summary(result: dict) -> None:
    line = f"== {result['label']}: {result['requests_per_s']} requests/s, errors {result['errors']}"
    if "participations_per_hour" in result:
        line += (
            f", {result['participations_per_hour']} participations/h"
            f" ({result['requests_per_participation']} requests each)"
        )
    print(line)
    for row in result["table"]:
        print(
            f"   {row['request']:>10}: {row['count']:>7} ({row['per_s']}/s) "
            f"p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, max {row['max_ms']} ms, "
            f"errors {row['errors']}"
        )
    if "cpu_ms_per_request" in result:
        cpu = result["cpu_ms_per_request"]
        print(f"   CPU per request: app servers {cpu['app']} ms, nginx {cpu['nginx']} ms")
    for sample in result.get("error_samples", [])[:5]:
        print("   error:", sample)
    print(f"   load average before {result['load_before']}, after {result['load_after']}")


def write(name: str, data: dict) -> None:
    path = ROOT / "docs" / "benchmarks" / f"online-{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, default=str) + "\n")
    print(f"wrote {path}")


# --------------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    for name in ("peak", "saturation"):
        p = sub.add_parser(name)
        p.add_argument("--questions", type=int, default=15)
        p.add_argument("--daphne", type=int, default=2, help="daphne processes")
        p.add_argument("--http-workers", type=int, default=0, help="HTTP-only uvicorn processes")
        p.add_argument("--nginx-workers", type=int, default=1)
        p.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
        p.add_argument("--no-write", action="store_true")
    peak = sub.choices["peak"]
    peak.add_argument("--active", type=int, default=2000, help="participants busy at once")
    peak.add_argument("--rate", type=float, default=0.0, help="arrivals/s (default: from --active)")
    peak.add_argument("--minutes", type=float, default=10.0, help="arrivals last this long")
    peak.add_argument("--reload", type=float, default=0.1, help="share that reload once")
    peak.add_argument("--drop", type=float, default=0.1, help="share that lose the network")
    peak.add_argument("--seed", type=int, default=16)
    sat = sub.choices["saturation"]
    sat.add_argument("--before", default="", help="an older commit to measure first")
    sat.add_argument("--concurrency", type=int, default=50)
    sat.add_argument("--seconds", type=float, default=60.0)
    sat.add_argument("--warmup", type=float, default=10.0)
    sat.add_argument(
        "--saves",
        type=int,
        default=3,
        help="batched saves per participation besides the submit (the peak model: 2.7)",
    )
    sat.add_argument("--max-participants", type=int, default=60000)
    args = parser.parse_args()

    if args.mode == "peak":
        database_url = recreate_postgres_database(ADMIN_URL, f"{DB_PREFIX}_peak")
        env = server_env(database_url, args.redis_url, f"benchonlinepeak{os.getpid()}")
        mean = args.questions * 25
        expected = int((args.rate or args.active / mean) * (args.minutes * 60) * 1.2) + 100
        print(f"preparing {expected} participants…", flush=True)
        keys = prepare(ROOT, env, expected, args.questions)
        topo = Topology(ROOT, env, args.daphne, args.http_workers, args.nginx_workers).start()
        try:
            load0 = os.getloadavg()
            out = asyncio.run(run_peak(args, topo.port, keys))
        finally:
            topo.stop()
        rec = out["rec"]
        result = summary("peak", rec, out["wall"], load0)
        given, lost, still_open = lost_answers(database_url, out["attempts"])
        saves = sum(r["count"] for r in result["table"] if r["request"] == "save")
        result.update(
            arrivals=out["arrivals"],
            arrival_rate_per_s=round(out["rate"], 2),
            peak_active=out["peak_active"],
            mean_active_second_half=out["mean_active_last_half"],
            answers_given=given,
            answers_lost=lost,
            attempts_not_submitted=still_open,
            saves_per_participation=round(saves / max(1, rec.completed), 2),
            p99_worst_ms=max((r["p99_ms"] for r in result["table"]), default=None),
            topology=f"nginx + {args.daphne} daphne + {args.http_workers} uvicorn",
            date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        )
        print_summary(result)
        print(
            f"   arrivals {out['arrivals']} at {out['rate']:.2f}/s; peak active "
            f"{out['peak_active']}; answers {given}, lost {lost}; "
            f"not submitted {still_open}; saves per participation "
            f"{result['saves_per_participation']}"
        )
        if not args.no_write:
            write("peak", result)
        return

    results: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "concurrency": args.concurrency,
        "seconds": args.seconds,
        "questions": args.questions,
        "topology": f"nginx + {args.daphne} daphne + {args.http_workers} uvicorn",
    }
    old_dir = None
    try:
        if args.before:
            old_dir = extract(args.before)
            print(f"before: {args.before} in {old_dir}", flush=True)
            results["before"] = measure_saturation("before", old_dir, args, False, floor=False)
            results["before"]["commit"] = args.before
            print_summary(results["before"])
        results["after"] = measure_saturation("after", ROOT, args, True, floor=True)
        results["after"]["commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        print_summary(results["after"])
        print_summary(results["after"]["floor"])
    finally:
        if old_dir is not None:
            with contextlib.suppress(OSError):
                subprocess.run(["rm", "-rf", str(old_dir)], check=False)
    after, floor = results["after"], results["after"]["floor"]
    results["floor_requests_per_s"] = floor["requests_per_s"]
    results["after_share_of_floor"] = round(after["requests_per_s"] / floor["requests_per_s"], 3)
    if "before" in results:
        before = results["before"]
        results["ratio_participations"] = round(
            after["participations_per_hour"] / before["participations_per_hour"], 2
        )
        results["before_share_of_floor"] = round(
            before["requests_per_s"] / floor["requests_per_s"], 3
        )
        print(
            f"participations/h: before {before['participations_per_hour']}, after "
            f"{after['participations_per_hour']} ({results['ratio_participations']}x); "
            f"requests/participation {before['requests_per_participation']} -> "
            f"{after['requests_per_participation']}; floor {floor['requests_per_s']} req/s"
        )
    if not args.no_write:
        write("saturation", results)


if __name__ == "__main__":
    main()
