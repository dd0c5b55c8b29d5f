"""The attempt limit under parallel starts (two tabs, two requests at the same moment)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from online import services
from online.models import Attempt

from .conftest import make_bank, make_participant, make_round

pytestmark = pytest.mark.django_db(transaction=True)


def parallel(n: int, fn) -> list:
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = fn()
        except Exception as error:  # collected and checked by the test
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it there)"
)
def test_parallel_starts_never_exceed_the_limit_postgresql():
    make_bank(20)
    round_ = make_round(attempts_per_period=2, questions_per_attempt=5)
    participant = make_participant(round_)

    def start_and_submit():
        attempt, created = services.start_attempt(participant, timezone.now())
        services.submit(attempt.pk, timezone.now())
        return created

    results = parallel(8, start_and_submit)
    errors = [r for r in results if isinstance(r, Exception)]
    assert all(getattr(e, "code", None) == "limit" for e in errors), errors
    assert Attempt.objects.filter(participant=participant, mode="official").count() == 2
    numbers = sorted(
        Attempt.objects.filter(participant=participant).values_list("number", flat=True)
    )
    assert numbers == [1, 2]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it there)"
)
def test_two_tabs_pressing_start_together_share_one_attempt_postgresql():
    make_bank(20)
    round_ = make_round(attempts_per_period=3, questions_per_attempt=5)
    participant = make_participant(round_)
    url = reverse("online:start", args=[round_.slug])

    def press():
        client = Client()
        client.force_login(participant.user)
        return client.post(url).url

    urls = parallel(6, press)
    assert len(set(urls)) == 1, urls
    assert Attempt.objects.filter(participant=participant).count() == 1


def test_sequential_starts_and_the_constraint_hold_the_limit_on_any_database():
    make_bank(20)
    round_ = make_round(attempts_per_period=2, questions_per_attempt=5)
    participant = make_participant(round_)
    now = timezone.now()
    first, _ = services.start_attempt(participant, now)
    same, created = services.start_attempt(participant, now)
    assert same.pk == first.pk and not created
    services.submit(first.pk, now)
    second, _ = services.start_attempt(participant, now)
    services.submit(second.pk, now)
    with pytest.raises(services.OnlineError):
        services.start_attempt(participant, now)
    assert Attempt.objects.filter(participant=participant).count() == 2
