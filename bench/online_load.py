"""Load benchmark of the online round: N simulated participants on PostgreSQL.

Each simulated participant (already registered and logged in) starts an official
attempt, opens the attempt page, saves every answer as it is chosen, answers the
prediction and submits. The server is real: ``daphne`` processes over HTTP, with
PostgreSQL behind them. Reports attempts started, answers saved and submissions
per second, p50/p99 response times per request type, and appends the result to
docs/BENCHMARKS.md (section "Online round") with the machine it ran on.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/online_load.py --participants 1000 --concurrency 50
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "bench-online"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hall.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def prepare(participants: int, questions: int) -> list[tuple[str, str]]:
    """Migrate, create the round, the bank and the logged-in sessions; returns cookies."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from hall.models import Option, Question
    from online.models import Attempt, OnlineRound, Participant, Period, Role

    call_command("migrate", verbosity=0)
    now = timezone.now()
    round_, _ = OnlineRound.objects.update_or_create(
        slug=SLUG,
        defaults={
            "name": "Benchmark",
            "questions_per_attempt": questions,
            "time_limit_minutes": 30,
            "attempts_per_period": 3,
            "required_fields": "full_name,phone",
        },
    )
    Period.objects.update_or_create(
        round=round_,
        number=1,
        defaults={
            "name": "Đợt đo",
            "opens_at": now - timedelta(hours=1),
            "closes_at": now + timedelta(days=1),
        },
    )
    Attempt.objects.filter(round=round_).delete()
    if Question.objects.filter(code__startswith="BENCH-").count() < 200:
        for i in range(200):
            q, created = Question.objects.get_or_create(
                code=f"BENCH-{i:03d}",
                defaults={"text": f"Câu hỏi đo tải {i}", "area": Question.Area.choices[i % 8][0]},
            )
            if created:
                Option.objects.bulk_create(
                    Option(
                        question=q, label=label, text=f"Phương án {label}", is_correct=k == i % 4
                    )
                    for k, label in enumerate("ABCD")
                )
    User = get_user_model()
    password = make_password("bench-password-2024")
    existing = Participant.objects.filter(round=round_).count()
    new_users = [
        User(username=f"bench{n:06d}", password=password) for n in range(existing, participants)
    ]
    User.objects.bulk_create(new_users)
    users = {u.username: u for u in User.objects.filter(username__startswith="bench")}
    Participant.objects.bulk_create(
        Participant(
            user=users[f"bench{n:06d}"],
            round=round_,
            full_name=f"Người đo tải {n}",
            phone=f"09{n:08d}",
            role=Role.RESIDENT,
        )
        for n in range(existing, participants)
    )
    cookies = []
    for n in range(participants):
        user = users[f"bench{n:06d}"]
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        cookies.append((session.session_key, secrets.token_hex(16)))
    return cookies


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_servers(count: int) -> tuple[list[subprocess.Popen], list[int]]:
    env = dict(os.environ, DEBUG="0")
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env["SECURE_COOKIES"] = "0"
    env["LOG_LEVEL"] = "ERROR"
    procs, ports = [], []
    daphne = str(Path(sys.executable).with_name("daphne"))
    for _ in range(count):
        port = free_port()
        procs.append(
            subprocess.Popen(
                [daphne, "-b", "127.0.0.1", "-p", str(port), "hall.asgi:application"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        ports.append(port)
    deadline = time.time() + 30
    for port in ports:
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
    return procs, ports


class Recorder:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()

    def add(self, kind: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if not ok:
                self.errors[kind] += 1


def simulate(port: int, cookie: tuple[str, str], questions: int, rec: Recorder) -> None:
    session, csrf = cookie
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Host": f"127.0.0.1:{port}",
        "Origin": f"http://127.0.0.1:{port}",
        "Referer": f"http://127.0.0.1:{port}/online/",
    }

    def call(kind: str, method: str, path: str, body: str | None = None, ctype: str = "") -> tuple:
        h = dict(headers)
        if ctype:
            h["Content-Type"] = ctype
        t0 = time.perf_counter()
        conn.request(method, path, body=body, headers=h)
        response = conn.getresponse()
        data = response.read()
        ok = response.status in (200, 302)
        rec.add(kind, time.perf_counter() - t0, ok)
        return response, data

    form = "application/x-www-form-urlencoded"
    response, _ = call(
        "start", "POST", f"/online/{SLUG}/bat-dau/", f"csrfmiddlewaretoken={csrf}", form
    )
    location = response.getheader("Location") or ""
    match = re.search(r"/bai-thi/(\d+)/", location)
    if not match:
        return
    attempt = match.group(1)
    call("page", "GET", f"/online/bai-thi/{attempt}/")
    rng = random.Random(int(attempt))
    for order in range(1, questions + 1):
        body = json.dumps({"order": order, "choice": rng.randrange(3)})
        call("answer", "POST", f"/online/bai-thi/{attempt}/tra-loi/", body, "application/json")
    call(
        "prediction",
        "POST",
        f"/online/bai-thi/{attempt}/du-doan/",
        json.dumps({"value": rng.randrange(2000)}),
        "application/json",
    )
    call(
        "submit", "POST", f"/online/bai-thi/{attempt}/nop-bai/", f"csrfmiddlewaretoken={csrf}", form
    )
    conn.close()


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--servers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--questions", type=int, default=15)
    parser.add_argument(
        "--no-write", action="store_true", help="do not append to docs/BENCHMARKS.md"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (the benchmark is for PostgreSQL).")
    # The sessions made here must verify in the servers: one secret for both.
    os.environ["SECRET_KEY"] = "bench-" + secrets.token_hex(24)
    setup_django()
    print(f"Preparing {args.participants} participants…", flush=True)
    cookies = prepare(args.participants, args.questions)
    procs, ports = start_servers(args.servers)
    rec = Recorder()
    try:
        load_before = os.getloadavg()[0]
        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            futures = [
                pool.submit(simulate, ports[i % len(ports)], cookie, args.questions, rec)
                for i, cookie in enumerate(cookies)
            ]
            for f in futures:
                f.result()
        wall = time.perf_counter() - t0
        load_after = os.getloadavg()[0]
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(10)

    from django.db import connection

    from online.models import Attempt

    submitted = Attempt.objects.filter(round__slug=SLUG, submitted_at__isnull=False).count()
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        pg = cursor.fetchone()[0].split(" on ")[0]
    rows = []
    for kind in ("start", "page", "answer", "prediction", "submit"):
        t = rec.times.get(kind, [])
        if t:
            rows.append(
                f"| {kind} | {len(t)} | {len(t) / wall:.1f} | {statistics.median(t) * 1000:.0f} | "
                f"{pct(t, 0.99):.0f} | {rec.errors.get(kind, 0)} |"
            )
    total = sum(len(t) for t in rec.times.values())
    report = "\n".join(
        [
            "",
            f"### {time.strftime('%Y-%m-%d %H:%M')} — {args.participants} participants, "
            f"{args.questions} questions each",
            "",
            f"Machine: {machine()}; {pg}; {args.servers} daphne processes; "
            f"{args.concurrency} concurrent clients (threads, keep-alive HTTP) on the same machine.",
            "",
            "| request | count | per second | p50 ms | p99 ms | errors |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            f"Wall time {wall:.1f} s, {total / wall:.0f} requests/s overall; "
            f"{submitted} attempts submitted and graded. Load average (1 min) "
            f"{load_before:.1f} before, {load_after:.1f} after (other work on the machine "
            "shows here).",
            "",
        ]
    )
    print(report)
    if not args.no_write:
        path = ROOT / "docs" / "BENCHMARKS.md"
        text = path.read_text() if path.exists() else "# Benchmarks\n"
        if "## Online round" not in text:
            text = (
                text.rstrip()
                + "\n\n## Online round\n\n"
                + (
                    "`bench/online_load.py`: simulated participants each start an attempt, open it, "
                    "save every answer, give the prediction and submit, over HTTP against daphne "
                    "and PostgreSQL.\n"
                )
            )
            path.write_text(text + report)
        else:
            head, tail = text.split("## Online round", 1)
            nxt = tail.find("\n## ")
            if nxt == -1:
                path.write_text(text.rstrip() + "\n" + report)
            else:
                path.write_text(
                    head + "## Online round" + tail[:nxt].rstrip() + "\n" + report + tail[nxt:]
                )
        print(f"Appended to {path}")


if __name__ == "__main__":
    main()
