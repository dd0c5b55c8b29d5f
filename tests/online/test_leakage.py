"""No response of an attempt carries a correct answer before submission.

The test records every response an attempt produces (start, page, reload, each
saved answer, the prediction), then moves every question's correct answer to
another option and replays: identical bytes mean nothing in them depends on
which option is correct.
"""

import json
import re

from django.urls import reverse

from hall.models import Option, Question
from online.models import Attempt, OnlineRound

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def collect(client, round_) -> tuple[Attempt, list[bytes]]:
    bodies = []
    start = client.post(reverse("online:start", args=[round_.slug]))
    bodies.append(start.content)
    attempt = Attempt.objects.get(pk=int(start.url.rstrip("/").split("/")[-1]))
    page = client.get(reverse("online:attempt", args=[attempt.pk]))
    bodies.append(page.content)
    for item in attempt.items.all():
        reply = client.post(
            reverse("online:answer", args=[attempt.pk]),
            {"order": item.order, "choice": 0},
            content_type="application/json",
        )
        assert reply.status_code == 200
        bodies.append(reply.content)
    bodies.append(
        client.post(
            reverse("online:prediction", args=[attempt.pk]),
            {"value": 42},
            content_type="application/json",
        ).content
    )
    bodies.append(client.get(reverse("online:attempt", args=[attempt.pk])).content)
    bodies.append(client.get(reverse("online:result", args=[attempt.pk])).content)  # redirects
    return attempt, bodies


REMAINING = re.compile(r'data-(remaining|server-ms)="\d+"')


def normalize(body: bytes) -> str:
    """Drop what changes between two reads anyway: the CSRF token, the seconds left
    and the server's clock."""
    return REMAINING.sub("", CSRF.sub("", body.decode()))


def test_no_response_before_submission_depends_on_the_correct_answer(player, online_round):
    attempt, before = collect(player, online_round)
    text = "\n".join(normalize(b) for b in before)
    for word in ("is_correct", "correct", "GIAITHICH", "explanation"):
        assert word not in text, word
    assert "option_order" not in text  # the option ids behind the positions stay on the server

    # Move each correct answer to another option, then read the same responses again.
    for question in Question.objects.all():
        options = list(question.options.order_by("label"))
        k = next(i for i, o in enumerate(options) if o.is_correct)
        Option.objects.filter(question=question).update(is_correct=False)
        Option.objects.filter(pk=options[(k + 1) % len(options)].pk).update(is_correct=True)
    page = player.get(reverse("online:attempt", args=[attempt.pk]))
    assert normalize(page.content) == normalize(before[-2])
    for item in attempt.items.all():
        reply = player.post(
            reverse("online:answer", args=[attempt.pk]),
            {"order": item.order, "choice": 0},
            content_type="application/json",
        )
        again, first = json.loads(reply.content), json.loads(before[2 + item.order - 1])
        assert set(again) == set(first) == {"saved", "order", "choice", "answered", "remaining"}
        assert again["order"] == first["order"] and again["choice"] == first["choice"]


def test_after_submission_answers_wait_for_period_close_when_configured(player, online_round):
    attempt, _ = collect(player, online_round)
    player.post(reverse("online:submit", args=[attempt.pk]))
    html = player.get(reverse("online:result", args=[attempt.pk])).content.decode()
    assert "GIAITHICH" not in html and "✓" not in html
    OnlineRound.objects.filter(pk=online_round.pk).update(reveal=OnlineRound.Reveal.AFTER_ATTEMPT)
    html = player.get(reverse("online:result", args=[attempt.pk])).content.decode()
    assert "GIAITHICH" in html and "✓" in html


def test_answers_shown_once_the_period_closes(player, online_round):
    from datetime import timedelta

    from django.utils import timezone

    attempt, _ = collect(player, online_round)
    player.post(reverse("online:submit", args=[attempt.pk]))
    online_round.periods.update(closes_at=timezone.now() - timedelta(seconds=1))
    html = player.get(reverse("online:result", args=[attempt.pk])).content.decode()
    assert "GIAITHICH" in html
