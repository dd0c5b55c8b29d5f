"""Where an answer save's time goes: the request in-process (Django's test client, no
server), the SQL it runs (count and time, measured around each query), and the same
for the floor view (/healthz) and the attempt page. Run against PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hoithi_bench_profile \\
        python bench/profile_save.py [--requests 300] [--cprofile]

The database is created afresh (the URL's database name is dropped first). The figures
that the servers add on top (daphne/uvicorn, nginx) come from bench/online_load.py.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--batch", type=int, default=3, help="answers per save")
    parser.add_argument("--cprofile", action="store_true", help="also print the top functions")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it is dropped and created).")
    from bench.servers import recreate_postgres_database

    admin = url.rsplit("/", 1)[0] + "/postgres"
    recreate_postgres_database(admin, url.rsplit("/", 1)[1])
    os.environ.update(DEBUG="0", SECRET_KEY="profile-" + "x" * 40, ALLOWED_HOSTS="testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hall.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from online import saving
    from online.models import Attempt
    from tests.online.conftest import make_bank, make_participant, make_round

    make_bank(60)
    round_ = make_round(questions_per_attempt=30, attempts_per_period=30000)
    person = make_participant(round_)
    client = Client()
    client.force_login(person.user)
    start = client.post(f"/online/{round_.slug}/bat-dau/")
    attempt = Attempt.objects.get(pk=int(start.url.rstrip("/").split("/")[-1]))

    queries: list[float] = []

    def timed(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(time.perf_counter() - t0)

    def measure(label: str, call) -> dict:
        totals, sql_times, counts = [], [], []
        for i in range(args.requests):
            queries.clear()
            t0 = time.perf_counter()
            with connection.execute_wrapper(timed):
                response = call(i)
            totals.append(time.perf_counter() - t0)
            assert response.status_code in (200, 302), (label, response.status_code)
            sql_times.append(sum(queries))
            counts.append(len(queries))
        total = statistics.median(totals) * 1000
        sql = statistics.median(sql_times) * 1000
        row = {
            "request": label,
            "median_ms": round(total, 2),
            "sql_ms": round(sql, 2),
            "queries": statistics.median(counts),
            "python_ms": round(total - sql, 2),
        }
        print(
            f"{label:>12}: {row['median_ms']} ms per request, SQL {row['sql_ms']} ms in "
            f"{row['queries']} queries, the rest (Django, the view, JSON) {row['python_ms']} ms"
        )
        return row

    def save(i: int):
        now = saving.to_ms(timezone.now())
        body = {
            "answers": [
                {"order": (i * args.batch + k) % 30 + 1, "choice": k % 3, "at": now}
                for k in range(args.batch)
            ]
        }
        return client.post(
            f"/online/bai-thi/{attempt.pk}/tra-loi/",
            json.dumps(body),
            content_type="application/json",
        )

    def single(i: int):
        body = {"order": i % 30 + 1, "choice": i % 3}
        return client.post(
            f"/online/bai-thi/{attempt.pk}/tra-loi/",
            json.dumps(body),
            content_type="application/json",
        )

    rows = [
        measure("floor", lambda i: client.get("/healthz")),
        measure("save", save),
        measure("one answer", single),
        measure("page", lambda i: client.get(f"/online/bai-thi/{attempt.pk}/")),
    ]
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        for i in range(args.requests):
            save(i)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
