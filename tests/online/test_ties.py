"""Online ties: people equal on every ranking criterion share the rank; a tie at a prize
boundary gets no prize until the organizers draw lots (recorded with its seed)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from online import services
from online.models import OnlineRound, Winner

from .conftest import make_participant
from .test_results import play


@pytest.fixture
def tied(online_round, units):
    """Only "correct" counts and there are two prizes: Ba and Cư are tied for the second."""
    OnlineRound.objects.filter(pk=online_round.pk).update(
        ranking_criteria="correct", prize_structure="1,1"
    )
    online_round.refresh_from_db()
    now = timezone.now() - timedelta(hours=2)
    people = [make_participant(online_round, units[0], name) for name in ("An", "Ba", "Cư", "Dũng")]
    play(people[0], 10, 5, None, now)
    play(people[1], 8, 5, None, now)
    play(people[2], 8, 9, None, now + timedelta(minutes=3))  # slower, later: not a criterion
    play(people[3], 2, 5, None, now)
    online_round.periods.update(closes_at=timezone.now() - timedelta(seconds=1))
    period = services.finalize_period(online_round.periods.get().pk, timezone.now())
    return period, people


@pytest.fixture
def organizer(client, db):
    user = get_user_model().objects.create_user("bantochuc", password="x", is_staff=True)
    client.force_login(user)
    return client


def test_a_tie_at_the_prize_boundary_waits_for_the_draw(tied):
    period, (an, ba, cu, dung) = tied
    ranked, allocation = services.period_prizes(period)
    assert [(r.result.participant_id, r.rank, r.tied) for r in ranked] == [
        (an.pk, 1, False),
        (ba.pk, 2, True),
        (cu.pk, 2, True),
        (dung.pk, 4, False),
    ]
    (tie,) = allocation.boundary_ties
    assert "Ba" in tie.note and "Cư" in tie.note
    # the first prize is awarded; the contested second one is not, to anybody
    assert [(w.participant_id, w.prize_level) for w in Winner.objects.filter(period=period)] == [
        (an.pk, 1)
    ]


def test_the_organizers_draw_settles_it_and_is_recorded(tied, organizer):
    period, (an, ba, cu, dung) = tied
    page = organizer.get(reverse("online:ranking", args=[period.pk])).content.decode()
    ids = f"{min(ba.pk, cu.pk)},{max(ba.pk, cu.pk)}"
    assert f'data-tie="{ids}"' in page and "Bốc thăm phân định" in page
    # a group that is not the tie is refused and records nothing
    response = organizer.post(
        reverse("online:draw_lots", args=[period.pk]), {"ids": f"{an.pk},{ba.pk}"}, follow=True
    )
    assert "không phải là một nhóm đang đồng hạng" in response.content.decode()
    period.refresh_from_db()
    assert period.lots == []
    response = organizer.post(
        reverse("online:draw_lots", args=[period.pk]), {"ids": ids}, follow=True
    )
    assert "Đã bốc thăm phân định" in response.content.decode()
    period.refresh_from_db()
    (draw,) = period.lots
    check = sorted([ba.pk, cu.pk])
    random.Random(draw["seed"]).shuffle(check)
    assert draw["order"] == check and draw["by"] == "bantochuc"
    second = draw["order"][0]
    winners = Winner.objects.filter(period=period).order_by("rank")
    assert [(w.participant_id, w.rank, w.prize_level) for w in winners] == [
        (an.pk, 1, 1),
        (second, 2, 2),
    ]
    # the ranking replays the recorded draw: the same order every time
    ranked = services.period_ranking(period)
    assert [r.result.participant_id for r in ranked][1:3] == draw["order"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4]


def test_draw_input_is_checked(tied, organizer):
    period, _people = tied
    for bad in ("", "1", "a,b", "1;2"):
        response = organizer.post(
            reverse("online:draw_lots", args=[period.pk]), {"ids": bad}, follow=True
        )
        assert "Cần nêu ít nhất hai người đồng hạng" in response.content.decode()
    period.refresh_from_db()
    assert period.lots == []
