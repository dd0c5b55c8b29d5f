"""Device-scale benchmark of the live hall against a bare ``websockets`` floor.

For each setup (``embedded``: one daphne, SQLite, in-memory layer;
``redis-2proc``: two daphne processes on PostgreSQL + Redis pub/sub) and each
number N of spectator screens, it connects 1 MC, 5 screens, 8 team pads × 3
members, 10 judges and N spectator screens, drives MC commands (start/stop the
staged team's timer) at 20/s, and times each command from the MC's send to the
moment the LAST device has its event. The same devices then run against the
floor server (``bench/floor_server.py``) with frames of the same size.

Writes ``docs/benchmarks/latest.json`` and ``docs/BENCHMARKS.md``.

``nginx-2proc`` is the production topology (deploy/serve.py): the same two daphne
processes on PostgreSQL + Redis, with every device connected through nginx.

Usage: ``python bench/live_bench.py [--quick] [--sizes 50,200,500]
[--setups embedded,redis-2proc,nginx-2proc] [--messages 100]``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.devices import Device  # noqa: E402
from bench.measure import RoundResult, Toggle, run_round  # noqa: E402
from bench.report import write_reports  # noqa: E402
from bench.servers import (  # noqa: E402
    DaphneServer,
    FloorServer,
    NginxTopology,
    RedisServer,
    recreate_postgres_database,
    server_env,
)

RATE = 20.0
FIXED_SCREENS = 5
ADMIN_DATABASE_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)


def prepare(env: dict, screens: int) -> dict:
    """Migrate the setup's database and build the contest (in a subprocess)."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "prepare.py"), "--screens", str(screens)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"preparing the contest failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def make_devices(tokens: dict, urls: list[str], spectators: int) -> tuple[Device, list[Device]]:
    """The hall's devices, spread round-robin over the server URLs (MC on the first)."""
    mc = Device(urls[0], tokens["mc"], "mc", "mc")
    devices = [mc]
    plan: list[tuple[str, str, str]] = []
    plan += [(t, f"screen{i}", "screen") for i, t in enumerate(tokens["screens"][:FIXED_SCREENS])]
    plan += [(t, f"pad{i}", "team") for i, t in enumerate(tokens["pads"])]
    plan += [(t, f"judge{i}", "judge") for i, t in enumerate(tokens["judges"])]
    extra = tokens["screens"][FIXED_SCREENS : FIXED_SCREENS + spectators]
    plan += [(t, f"spectator{i}", "screen") for i, t in enumerate(extra)]
    for index, (token, name, role) in enumerate(plan, start=1):
        devices.append(Device(urls[index % len(urls)], token, name, role))
    return mc, devices


async def open_show(tokens: dict, url: str) -> None:
    """Start the contest, go to the intro part and stage a team (timer stopped)."""
    mc = Device(url, tokens["mc"], "mc-setup", "mc")
    await mc.connect()
    try:
        for cmd in (
            {"type": "start_contest"},
            {"type": "goto_part", "part_id": tokens["intro_part_id"]},
            {"type": "stage_team", "team_id": tokens["team_ids"][0]},
        ):
            reply = await mc.command(cmd)
            if reply["type"] != "ack":
                raise RuntimeError(f"setting up the show failed at {cmd}: {reply}")
    finally:
        await mc.close()


async def measure_hall(
    servers: list[DaphneServer], tokens: dict, spectators: int, messages: int, burst: int
) -> tuple[RoundResult, dict]:
    mc, devices = make_devices(tokens, [s.ws_url for s in servers], spectators)
    toggle = Toggle()
    usage: dict = {}

    def start_cpu() -> None:
        for s in servers:
            s.cpu_start()
        profile(servers, spectators)

    def read_cpu() -> None:
        usage["cpu_pct"] = [round(s.cpu_percent(), 1) for s in servers]

    result = await run_round(devices, mc, toggle.next, messages, RATE, burst, start_cpu, read_cpu)
    if toggle.running:  # leave the timer stopped for the next round
        await _stop_timer(tokens, servers[0].ws_url)
    usage["rss_mb"] = [round(s.rss_mb(), 1) for s in servers]
    return result, usage


def profile(servers: list[DaphneServer], spectators: int) -> None:
    """With BENCH_PROFILE_DIR set, sample each daphne and this client with py-spy
    for 8 s of the measured phase (collapsed stacks, one file per process)."""
    out = os.environ.get("BENCH_PROFILE_DIR")
    if not out:
        return
    Path(out).mkdir(parents=True, exist_ok=True)
    pids = {f"daphne{i}": s.proc.pid for i, s in enumerate(servers) if s.proc}
    pids["client"] = os.getpid()
    for name, pid in pids.items():
        target = Path(out) / f"{name}-n{spectators}.txt"
        argv = ["py-spy", "record", "--pid", str(pid), "--duration", "8", "--format", "raw"]
        subprocess.Popen(
            [*argv, "--nonblocking", "-o", str(target)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


async def _stop_timer(tokens: dict, url: str) -> None:
    mc = Device(url, tokens["mc"], "mc-reset", "mc")
    await mc.connect()
    try:
        await mc.command({"type": "stop_timer"})
    finally:
        await mc.close()


async def measure_floor(
    tokens: dict, spectators: int, messages: int, frame_bytes: int
) -> RoundResult:
    floor = FloorServer(frame_bytes).start()
    try:
        mc, devices = make_devices(tokens, [floor.ws_url], spectators)
        return await run_round(devices, mc, Toggle().next, messages, RATE, 0)
    finally:
        floor.stop()


def start_setup(
    setup: str, workdir: Path, max_screens: int
) -> tuple[list, list[DaphneServer], dict]:
    """Create the setup's database and services; return (helpers, daphnes, tokens)."""
    helpers: list = []
    if setup == "embedded":
        env = server_env({"SQLITE_PATH": str(workdir / "bench.sqlite3")})
        count = 1
    elif setup == "nginx-2proc":
        # production's topology (deploy/serve.py): every device goes through nginx
        url = recreate_postgres_database(ADMIN_DATABASE_URL, "hoithi_bench_nginx")
        redis = RedisServer().start()
        helpers.append(redis)
        env = server_env({"DATABASE_URL": url}, redis.url)
        tokens = prepare(env, max_screens)
        topology = NginxTopology(env, daphnes=2)
        try:
            topology.start()
        except Exception:
            redis.stop()
            raise
        helpers.append(topology)
        return helpers, topology.app_processes(), tokens
    else:
        url = recreate_postgres_database(ADMIN_DATABASE_URL, "hoithi_bench")
        redis = RedisServer().start()
        helpers.append(redis)
        env = server_env({"DATABASE_URL": url}, redis.url)
        count = 2
    tokens = prepare(env, max_screens)
    servers = []
    try:
        for _ in range(count):
            servers.append(DaphneServer(env).start())
    except Exception:
        for p in servers + helpers:
            p.stop()
        raise
    return helpers, servers, tokens


def run_setup(setup: str, sizes: list[int], messages: int, burst: int, workdir: Path) -> list[dict]:
    helpers, servers, tokens = start_setup(setup, workdir, FIXED_SCREENS + max(sizes))
    rows = []
    try:
        asyncio.run(open_show(tokens, servers[0].ws_url))
        for n in sizes:
            hall, usage = asyncio.run(measure_hall(servers, tokens, n, messages, burst))
            frame = int(hall.mean_event_bytes) or 400
            floor = asyncio.run(measure_floor(tokens, n, messages, frame))
            row = {
                "setup": setup,
                "devices": n,
                **hall.summary(),
                "floor_p50_ms": floor.summary()["p50_ms"],
                "floor_p99_ms": floor.summary()["p99_ms"],
                "rss_mb": max(usage["rss_mb"]),
                "errors": len(hall.errors),
                "sockets": hall.sockets,
                "floor_max_ms": floor.summary()["max_ms"],
                "floor_errors": len(floor.errors),
                "rss_mb_per_process": usage["rss_mb"],
                "cpu_pct_per_process": usage.get("cpu_pct", []),
                "events_per_s": hall.events_per_s,
                "frame_bytes": frame,
                "resyncs": hall.resyncs,
                "messages": len(hall.latencies_ms),
                "first_p50_ms": hall.summary()["first_p50_ms"],
                "ack_p50_ms": hall.summary()["ack_p50_ms"],
                "error_samples": hall.errors[:5],
            }
            rows.append(row)
            print(format_row(row), flush=True)
    finally:
        for p in servers + helpers:
            p.stop()
    return rows


def format_row(row: dict) -> str:
    ratio = _ratio(row)
    return (
        f"{row['setup']:>12} N={row['devices']:<4} sockets={row['sockets']:<4} "
        f"p50={row['p50_ms']} p99={row['p99_ms']} max={row['max_ms']} ms "
        f"(first device p50 {row['first_p50_ms']}, ack p50 {row['ack_p50_ms']}) | "
        f"floor p50={row['floor_p50_ms']} p99={row['floor_p99_ms']} | ratio p50 {ratio} | "
        f"rss={row['rss_mb_per_process']} MB cpu={row['cpu_pct_per_process']}% | "
        f"{row['events_per_s']} ev/s | errors={row['errors']}"
    )


def _ratio(row: dict) -> float | None:
    if row.get("p50_ms") is None or not row.get("floor_p50_ms"):
        return None
    return round(row["p50_ms"] / row["floor_p50_ms"], 2)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Live hall fan-out benchmark vs a bare websockets floor."
    )
    parser.add_argument("--quick", action="store_true", help="N = 50 only, 40 messages")
    parser.add_argument("--sizes", default="50,200,500", help="spectator screens per round")
    parser.add_argument("--setups", default="embedded,redis-2proc")
    parser.add_argument("--messages", type=int, default=100, help="MC commands per round (at 20/s)")
    parser.add_argument(
        "--burst",
        type=int,
        default=35,
        help="commands sent back to back for ev/s (under the 40-message flood guard)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not write docs/benchmarks")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    messages, burst = args.messages, args.burst
    if args.quick:
        sizes, messages, burst = [50], 40, 35
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="hoithi-bench-") as tmp:
        for setup in [s.strip() for s in args.setups.split(",") if s.strip()]:
            rows += run_setup(setup, sizes, messages, burst, Path(tmp))
    if not args.no_write:
        write_reports(rows, quick=args.quick, messages=messages, rate=RATE)
        print(f"wrote {ROOT / 'docs' / 'benchmarks' / 'latest.json'} and docs/BENCHMARKS.md")


if __name__ == "__main__":
    main()
