"""What every test shares: a fast password hasher, per-worker isolation (xdist), and a
fast way to empty the PostgreSQL test database between transactional tests."""

from __future__ import annotations

import pytest
from django.test.utils import override_settings

from tests.flush import flush_with_delete
from tests.isolation import FAST_HASHERS, separate_redis_prefix

# Tests that start real daphne processes keep the production hashers: those servers
# check the passwords the test process stored (the browser suite logs in for real).
# ``production_hashers`` marks a test about the hashing itself.
PRODUCTION_HASHER_MARKS = ("browser", "multiproc", "production_hashers")


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
