"""Factories for the online round tests: a small question bank, a round, participants."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from hall.models import Option, Question, Unit
from online.models import OnlineRound, Participant, Period, Role
from tests.isolation import clear_cache

PASSWORD = "Thi-Truc-Tuyen-2024!"
AREAS = [
    Question.Area.DIGITAL_GOVERNMENT,
    Question.Area.DIGITAL_ECONOMY,
    Question.Area.DIGITAL_SOCIETY,
    Question.Area.INFORMATION_SECURITY,
]


def make_bank(n: int = 40, seed: int = 7) -> list[Question]:
    """``n`` questions spread over four areas; the correct option sits at a random label."""
    rng = random.Random(seed)
    questions = []
    for i in range(n):
        q = Question.objects.create(
            code=f"T{i:03d}",
            text=f"Câu hỏi kiểm thử số {i} về chuyển đổi số?",
            area=AREAS[i % len(AREAS)],
            explanation=f"GIAITHICH-{i:03d}",
        )
        correct = rng.randrange(4 if i % 5 else 3)
        for k, label in enumerate("ABCD"[: 4 if i % 5 else 3]):
            Option.objects.create(
                question=q,
                label=label,
                text=f"Phương án {label} của câu {i}",
                is_correct=k == correct,
            )
        questions.append(q)
    return questions


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; every test starts clean."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def bank(db) -> list[Question]:
    return make_bank()


@pytest.fixture
def units(db) -> list[Unit]:
    return [
        Unit.objects.create(name="Huyện Thử Nghiệm A", code="thu-a"),
        Unit.objects.create(name="Huyện Thử Nghiệm B", code="thu-b"),
    ]


def make_round(**overrides) -> OnlineRound:
    now = timezone.now()
    values = {
        "name": "Cuộc thi kiểm thử",
        "slug": "kiem-thu",
        "questions_per_attempt": 10,
        "time_limit_minutes": 30,
        "attempts_per_period": 2,
        "prize_structure": "1,1,1",
        "reveal": OnlineRound.Reveal.AFTER_PERIOD,
    }
    values.update(overrides)
    round_ = OnlineRound.objects.create(**values)
    Period.objects.create(
        round=round_,
        number=1,
        name="Đợt 1",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
    )
    return round_


@pytest.fixture
def online_round(bank, units) -> OnlineRound:
    round_ = make_round()
    round_.units.set(units)
    return round_


_counter = iter(range(10_000, 99_999))


def make_participant(round_: OnlineRound, unit: Unit | None = None, name: str = "") -> Participant:
    n = next(_counter)
    user = get_user_model().objects.create_user(username=f"09{n:08d}", password=PASSWORD)
    return Participant.objects.create(
        user=user,
        round=round_,
        full_name=name or f"Người dự thi {n}",
        date_of_birth=date(1990, 1, 1),
        phone=user.username,
        unit=unit,
        role=Role.OFFICIAL,
    )


@pytest.fixture
def participant(online_round, units) -> Participant:
    return make_participant(online_round, units[0], "Nguyễn Văn An")


@pytest.fixture
def player(client, participant):
    """A logged-in test client of ``participant``."""
    client.force_login(participant.user)
    return client
