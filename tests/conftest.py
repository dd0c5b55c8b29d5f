"""What every test shares: a fast password hasher, per-worker isolation (xdist), and a
fast way to empty the PostgreSQL test database between transactional tests."""

from __future__ import annotations

import time

import pytest
from django.test.utils import override_settings

from tests.flush import flush_with_delete
from tests.isolation import FAST_HASHERS, separate_redis_prefix

# Tests that start real daphne processes (browser, multi-process, topology) keep the production hashers: those servers
# check the passwords the test process stored (the browser suite logs in for real).
# ``production_hashers`` marks a test about the hashing itself.
PRODUCTION_HASHER_MARKS = ("browser", "multiproc", "topology", "production_hashers")


def pytest_configure(config: pytest.Config) -> None:
    separate_redis_prefix()
    flush_with_delete()


@pytest.fixture(autouse=True)
def _fast_password_hashing(request: pytest.FixtureRequest):
    """PBKDF2 costs ~0.4 s a password by design; tests hash hundreds of them.

    Every test creating a user gets MD5 instead (Django's advice for tests), except
    the suites whose real servers must verify those passwords with their own settings.
    """
    if any(request.node.get_closest_marker(mark) for mark in PRODUCTION_HASHER_MARKS):
        yield
        return
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and at the end no session left that blocks its drop.

    Threads of the test process (asgiref's executors running consumer and view code)
    keep their own PostgreSQL connections; the database could not be dropped while
    one was open. They are ended before pytest-django drops it. (After the browser and
    multi-process suites a session may still appear in between: pytest-django then
    warns, and the next run drops and recreates the test database.)
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_terminate_backend(pid) {others}")
        deadline = time.monotonic() + 10  # a terminated backend exits a moment later
        while time.monotonic() < deadline:
            cursor.execute(f"SELECT count(*) {others}")
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.05)
