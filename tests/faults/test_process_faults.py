"""Infrastructure failures mid-show: a daphne process SIGKILLed, the Redis
restarted, every PostgreSQL connection of the servers reset. Clients reconnect
(to the surviving process) and catch up from the log with no gap and no
duplicate; the snapshot stays a fold of the log."""

from __future__ import annotations

import asyncio

import psutil
import psycopg
import pytest
from django.db import connection

from tests.faults.conftest import (
    Step,
    assert_exactly_once_in_order,
    assert_log_folds_to_snapshot,
    connect_devices,
    pad_members,
    play,
    scripted_show,
    stop_all,
)
from tests.procs import database_url_for_tests

pytestmark = [pytest.mark.multiproc, pytest.mark.django_db(transaction=True)]


def test_sigkill_one_of_two_processes_mid_buzz(start_cluster, hall):
    cluster = start_cluster(2)
    a, b = cluster.servers
    steps = scripted_show(hall)
    members = pad_members(hall)

    async def scenario():
        devices = await connect_devices(hall, [a.ws, b.ws], members)
        on_b = [c for c in devices.everyone if c.urls[0] == b.ws]

        async def kill_b(step: Step) -> None:
            b.kill()

        await play(devices, steps, after={"open_buzz": kill_b})
        await stop_all(devices)
        return devices, on_b

    devices, on_b = asyncio.run(scenario())
    assert on_b and all(c.reconnects >= 1 for c in on_b)
    assert_exactly_once_in_order(hall, devices.everyone)
    assert_log_folds_to_snapshot(hall)


def test_redis_restart_mid_show(start_cluster, hall):
    cluster = start_cluster(2)
    steps = scripted_show(hall)
    members = pad_members(hall)

    async def scenario():
        devices = await connect_devices(hall, cluster.urls, members)

        async def redis_down(step: Step) -> None:
            cluster.redis.stop()

        async def redis_up(step: Step) -> None:
            cluster.redis.start()

        # Three commands run while Redis is gone: the other process's clients get
        # them from its periodic log check, not from the doorbell.
        await play(devices, steps, after={"knowledge": redis_down, "answer": redis_up})
        await stop_all(devices)
        return devices

    devices = asyncio.run(scenario())
    assert_exactly_once_in_order(hall, devices.everyone)
    assert_log_folds_to_snapshot(hall)


def terminate_server_connections(spare: int) -> set[int]:
    """Kill every PostgreSQL backend of the test database but this test's own;
    return the client ports of the connections cut."""
    with psycopg.connect(database_url_for_tests(), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT client_port, pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> %s",
            (spare,),
        ).fetchall()
    return {port for port, cut in rows if cut}


def database_ports(pid: int) -> set[int]:
    """The local ports of a process's open connections to PostgreSQL."""
    server_port = int(connection.settings_dict.get("PORT") or 5432)
    return {
        c.laddr.port
        for c in psutil.Process(pid).net_connections(kind="tcp")
        if c.raddr and c.raddr.port == server_port and c.status == psutil.CONN_ESTABLISHED
    }


def test_postgres_connection_reset_mid_show(start_cluster, hall):
    cluster = start_cluster(2)
    steps = scripted_show(hall)
    members = pad_members(hall)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own = cursor.fetchone()[0]

    async def scenario():
        devices = await connect_devices(hall, cluster.urls, members)
        cut_per_process: list[list[int]] = []

        async def reset(step: Step) -> None:
            held = [database_ports(server.proc.pid) for server in cluster.servers]
            cut = terminate_server_connections(own)
            cut_per_process.append([len(ports & cut) for ports in held])

        await play(
            devices,
            steps,
            after={"stage": reset, "marks": reset, "answering": reset, "open_buzz": reset},
        )
        await stop_all(devices)
        return devices, cut_per_process

    devices, cut_per_process = asyncio.run(scenario())
    # Each daphne keeps pooled connections open between commands: every reset cut
    # live connections of both processes, and the show went on over fresh ones.
    assert len(cut_per_process) == 4
    assert all(n >= 1 for counts in cut_per_process for n in counts), cut_per_process
    assert_exactly_once_in_order(hall, devices.everyone)
    assert_log_folds_to_snapshot(hall)
