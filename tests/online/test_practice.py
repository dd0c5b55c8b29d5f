"""Practice: open to anyone, unlimited, instant feedback, never ranked."""

from django.urls import reverse

from online import services
from online.models import Attempt


def start_practice(client, round_) -> Attempt:
    response = client.post(reverse("online:practice", args=[round_.slug]))
    assert response.status_code == 302
    return Attempt.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def test_anonymous_practice_gives_instant_feedback(client, online_round):
    attempt = start_practice(client, online_round)
    assert attempt.mode == Attempt.Mode.PRACTICE and attempt.participant_id is None
    item = attempt.items.get(order=1)
    reply = client.post(
        reverse("online:answer", args=[attempt.pk]),
        {"order": 1, "choice": 0},
        content_type="application/json",
    ).json()
    correct_id = item.question.options.get(is_correct=True).id
    assert reply["correct_choice"] == item.option_order.index(correct_id)
    assert reply["is_correct"] == (item.option_order[0] == correct_id)
    assert reply["explanation"].startswith("GIAITHICH")


def test_practice_is_unlimited_and_not_ranked(client, player, participant, online_round):
    for _ in range(5):
        attempt = start_practice(player, online_round)
        player.post(reverse("online:submit", args=[attempt.pk]))
    assert Attempt.objects.filter(participant=participant, mode="practice").count() == 5
    assert services.attempts_left(participant, online_round.current_period()) == 2
    assert services.period_ranking(online_round.periods.get()) == []


def test_practice_of_another_session_is_refused(client, online_round):
    from django.test import Client

    attempt = start_practice(client, online_round)
    stranger = Client()
    response = stranger.post(
        reverse("online:answer", args=[attempt.pk]),
        {"order": 1, "choice": 0},
        content_type="application/json",
    )
    assert response.status_code == 403
