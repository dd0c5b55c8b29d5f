"""The test suite's own machinery: fast hashing, per-worker Redis keys, the quick flush."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection

from hall.models import Contest, Event, Unit
from tests.factories import make_hall
from tests.isolation import clear_cache, worker_id


def test_tests_hash_passwords_fast():
    assert make_password("mat-khau").startswith("md5$")


@pytest.mark.production_hashers
def test_a_marked_test_keeps_the_production_hasher():
    assert make_password("mat-khau").startswith("pbkdf2_sha256$")


def redis_only() -> None:
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL (the PostgreSQL + Redis run)")


def test_each_worker_has_its_own_redis_prefix():
    redis_only()
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    assert settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] == prefix
    assert prefix.endswith(f"-{worker_id()}") or worker_id() == "main"


def test_clearing_the_cache_keeps_other_workers_keys():
    redis_only()
    import redis
    from django.core.cache import cache

    other = f"{settings.CACHES['default']['KEY_PREFIX']}-elsewhere:1:counter"
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        client.set(other, "7", ex=60)
        cache.set("mine", 1)
        clear_cache()
        assert cache.get("mine") is None
        assert client.get(other) == b"7"
    finally:
        client.delete(other)
        client.close()


@pytest.mark.django_db(transaction=True)
def test_flush_after_a_transactional_test_deletes_every_row():
    """On PostgreSQL the flush is DELETEs in one transaction (foreign keys deferred)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's flush is Django's own DELETE")
    make_hall()
    tables = connection.introspection.django_table_names(only_existing=True)
    sql = connection.ops.sql_flush(no_style(), tables)
    assert sql[0] == "SET CONSTRAINTS ALL DEFERRED;"
    assert all(s.startswith("DELETE FROM ") for s in sql[1:]) and len(sql) == len(tables) + 1
    connection.ops.execute_sql_flush(sql)  # parents before children: fine, checks at commit
    assert not Contest.objects.exists() and not Unit.objects.exists()
    assert not Event.objects.exists()
