"""What keeps parallel test workers (pytest-xdist) apart when they share Redis.

Each worker has its own database (pytest-django adds ``_gw0``, ``_gw1``… to the test
database's name) and, here, its own Redis key and channel prefix. Redis databases are
shared by every worker of a run (and pub/sub channels by every Redis database), so
nothing may flush a whole database: ``clear_cache`` deletes this worker's keys only.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.cache import cache
from django.test.utils import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def worker_id() -> str:
    """``gw0``, ``gw1``… under pytest-xdist; ``main`` in a run without workers."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def separate_redis_prefix() -> None:
    """Give this worker its own cache key prefix and channel-layer prefix.

    Called before anything has used the cache or the channel layer; the daphne
    processes a test starts inherit ``REDIS_PREFIX`` from this process's environment.
    """
    if not settings.REDIS_URL or worker_id() == "main":
        return
    prefix = f"{os.environ.get('REDIS_PREFIX', 'hoithi')}-{worker_id()}"
    os.environ["REDIS_PREFIX"] = prefix
    layers = {
        name: {**layer, "CONFIG": {**layer.get("CONFIG", {}), "prefix": prefix}}
        for name, layer in settings.CHANNEL_LAYERS.items()
    }
    caches = {name: {**cfg, "KEY_PREFIX": prefix} for name, cfg in settings.CACHES.items()}
    override_settings(CHANNEL_LAYERS=layers, CACHES=caches).enable()


def clear_cache() -> None:
    """Empty this worker's cache (rate-limit counters…) and nobody else's."""
    if not settings.REDIS_URL:
        cache.clear()
        return
    import redis

    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()
