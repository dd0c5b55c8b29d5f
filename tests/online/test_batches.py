"""Answers saved in batches, stamped by the page: the deadline holds exactly, the
grace after it takes only answers given in time, stamps are never trusted beyond
the grace, retries never overwrite newer answers, bad batches change nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from online import saving, services
from online.models import Attempt, Refusal
from online.saving import BatchError, Entry, parse_batch

from .test_attempts import start_via_page


def post_batch(client: Client, attempt: Attempt, body: object):
    return client.post(
        reverse("online:answer", args=[attempt.pk]),
        json.dumps(body),
        content_type="application/json",
    )


def ms(moment) -> int:
    return saving.to_ms(moment)


def chosen(attempt: Attempt) -> dict[int, int | None]:
    return dict(attempt.items.values_list("order", "chosen_id"))


def shift(attempt: Attempt, by: timedelta) -> Attempt:
    """Move the attempt in time (``by`` < 0: it started earlier)."""
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at + by, deadline=attempt.deadline + by
    )
    return Attempt.objects.get(pk=attempt.pk)


def test_one_request_saves_many_answers_and_the_prediction(player, online_round):
    attempt = shift(start_via_page(player, online_round), -timedelta(minutes=1))
    now = ms(timezone.now())
    body = {
        "answers": [{"order": n, "choice": n % 3, "at": now - 1000 * n} for n in range(1, 8)],
        "prediction": 4321,
    }
    response = post_batch(player, attempt, body)
    assert response.status_code == 200, response.content
    reply = response.json()
    assert reply["saved"] == list(range(1, 8)) and reply["late"] == []
    assert reply["answered"] == 7 and reply["prediction"] == 4321
    # nothing in an official reply says whether an answer is right
    assert set(reply) == {
        "saved",
        "late",
        "answered",
        "remaining",
        "server_ms",
        "deadline_ms",
        "prediction",
    }
    assert reply["deadline_ms"] == ms(attempt.deadline)
    attempt.refresh_from_db()
    assert attempt.prediction == 4321
    items = {i.order: i for i in attempt.items.all()}
    for n in range(1, 8):
        assert items[n].chosen_id == items[n].option_order[n % 3]
        assert ms(items[n].answered_at) == now - 1000 * n
    assert items[8].chosen_id is None


def test_deadline_holds_exactly_in_the_grace(player, online_round):
    attempt = start_via_page(player, online_round)
    attempt = shift(attempt, timezone.now() - attempt.deadline - timedelta(seconds=5))
    deadline = ms(attempt.deadline)
    body = {
        "answers": [
            {"order": 1, "choice": 0, "at": deadline - 1},  # in time, sent late
            {"order": 2, "choice": 1, "at": deadline},  # at the deadline: late
            {"order": 3, "choice": 2},  # no stamp: stamped at receipt, late
        ]
    }
    reply = post_batch(player, attempt, body).json()
    assert reply["saved"] == [1] and reply["late"] == [2, 3]
    assert reply["remaining"] == 0
    items = chosen(attempt)
    assert items[1] is not None and items[2] is None and items[3] is None
    late = Refusal.objects.filter(attempt=attempt, code="late")
    assert sorted(r.payload["order"] for r in late) == [2, 3]
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    # the page submits in the grace: submitted at the deadline, the answer counted
    player.post(reverse("online:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.deadline
    assert attempt.items.filter(chosen__isnull=False).count() == 1


def test_stamps_buy_nothing_beyond_the_grace(player, online_round):
    attempt = start_via_page(player, online_round)
    grace = services.save_grace()
    attempt = shift(attempt, timezone.now() - attempt.deadline - grace - timedelta(seconds=1))
    started = ms(attempt.started_at)
    response = post_batch(player, attempt, {"answers": [{"order": 1, "choice": 0, "at": started}]})
    assert response.status_code == 409 and response.json()["code"] == "late"
    assert chosen(attempt)[1] is None
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.auto_submitted
    assert attempt.submitted_at == attempt.deadline


def test_a_stamp_is_clamped_between_the_start_and_the_receipt(player, online_round):
    attempt = start_via_page(player, online_round)
    before = timezone.now()
    future = ms(before + timedelta(minutes=10))
    ancient = ms(before - timedelta(days=3))
    body = {
        "answers": [
            {"order": 1, "choice": 0, "at": future},
            {"order": 2, "choice": 0, "at": ancient},
        ]
    }
    assert post_batch(player, attempt, body).status_code == 200
    after = timezone.now()
    items = {i.order: i for i in attempt.items.all()}
    assert before <= items[1].answered_at <= after
    assert items[2].answered_at == attempt.started_at


def test_a_stamp_in_the_future_cannot_turn_a_late_answer_into_an_early_one(player, online_round):
    """Clamped to the receipt, a forged stamp from after the deadline stays late."""
    attempt = start_via_page(player, online_round)
    attempt = shift(attempt, timezone.now() - attempt.deadline - timedelta(seconds=2))
    far = ms(attempt.deadline + timedelta(days=365))
    reply = post_batch(player, attempt, {"answers": [{"order": 4, "choice": 1, "at": far}]}).json()
    assert reply["late"] == [4] and chosen(attempt)[4] is None


def test_a_retried_older_answer_never_overwrites_a_newer_one(player, online_round):
    attempt = start_via_page(player, online_round)
    now = ms(timezone.now())
    newer = {"answers": [{"order": 5, "choice": 2, "at": now}]}
    older = {"answers": [{"order": 5, "choice": 0, "at": now - 5000}]}
    assert post_batch(player, attempt, newer).json()["saved"] == [5]
    # the older request arrives last (a retry after a dropped connection): acknowledged,
    # but the answer given later stays
    assert post_batch(player, attempt, older).json()["saved"] == [5]
    item = attempt.items.get(order=5)
    assert item.chosen_id == item.option_order[2]
    # within one batch the later stamp wins whatever the order of the entries
    both = {
        "answers": [
            {"order": 6, "choice": 1, "at": now},
            {"order": 6, "choice": 2, "at": now - 100},
        ]
    }
    post_batch(player, attempt, both)
    item = attempt.items.get(order=6)
    assert item.chosen_id == item.option_order[1]


@pytest.mark.parametrize(
    "body",
    [
        [1, 2],
        {"answers": "1:0"},
        {"answers": [{"order": "1", "choice": 0}]},
        {"answers": [{"order": 1, "choice": True}]},
        {"answers": [{"order": 1, "choice": 0.5}]},
        {"answers": [{"order": 1, "choice": -1}]},
        {"answers": [{"order": 1, "choice": 0, "at": "hôm qua"}]},
        {"answers": [{"order": 1}]},
        {"answers": [{"order": 1, "choice": 0}] * (saving.MAX_BATCH + 1)},
        {"answers": [], "prediction": -5},
        {"answers": [], "prediction": "nhiều"},
    ],
)
def test_malformed_batches_get_a_clear_error_and_change_nothing(player, online_round, body):
    attempt = start_via_page(player, online_round)
    response = post_batch(player, attempt, body)
    assert response.status_code == 400
    assert response.json()["error"]  # a Vietnamese sentence
    assert not any(chosen(attempt).values())
    attempt.refresh_from_db()
    assert attempt.prediction is None


def test_a_batch_with_one_foreign_question_saves_nothing(player, online_round):
    attempt = start_via_page(player, online_round)
    for bad, code in (
        ({"order": 99, "choice": 0}, "not_in_attempt"),
        ({"order": 2, "choice": 9}, "bad_option"),
    ):
        body = {"answers": [{"order": 1, "choice": 0}, bad], "prediction": 7}
        response = post_batch(player, attempt, body)
        assert response.status_code == 400 and response.json()["code"] == code
    assert not any(chosen(attempt).values())
    attempt.refresh_from_db()
    assert attempt.prediction is None
    codes = set(Refusal.objects.filter(attempt=attempt).values_list("code", flat=True))
    assert codes == {"not_in_attempt", "bad_option"}


def test_a_batch_for_someone_elses_attempt_is_refused_and_recorded(
    client, player, participant, online_round
):
    from .conftest import make_participant

    attempt = start_via_page(player, online_round)
    intruder = make_participant(online_round)
    other = Client()
    other.force_login(intruder.user)
    response = post_batch(other, attempt, {"answers": [{"order": 1, "choice": 0}]})
    assert response.status_code == 403 and response.json()["code"] == "foreign"
    assert not any(chosen(attempt).values())
    assert Refusal.objects.filter(attempt=attempt, code="foreign", user=intruder.user).exists()


def test_submit_carries_the_pages_last_batch(player, online_round):
    attempt = start_via_page(player, online_round)
    now = ms(timezone.now())
    batch = {
        "answers": [{"order": 1, "choice": 1, "at": now}, {"order": 2, "choice": 0, "at": now}]
    }
    response = player.post(
        reverse("online:submit", args=[attempt.pk]),
        # the radios are in the form too; the stamped batch is what counts
        {"batch": json.dumps(batch), "q1": "2", "q3": "0"},
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_submitted and not attempt.auto_submitted
    items = {i.order: i for i in attempt.items.all()}
    assert items[1].chosen_id == items[1].option_order[1]
    assert items[2].chosen_id == items[2].option_order[0]
    assert items[3].chosen_id is None


def test_practice_batches_carry_the_feedback(client, online_round):
    response = client.post(reverse("online:practice", args=[online_round.slug]))
    attempt = Attempt.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))
    reply = post_batch(client, attempt, {"answers": [{"order": 1, "choice": 0}]}).json()
    item = attempt.items.select_related("question").get(order=1)
    right = item.question.options.get(is_correct=True).pk
    fb = reply["feedback"]["1"]
    assert fb["correct_choice"] == item.option_order.index(right)
    assert fb["is_correct"] == (item.option_order[0] == right)
    assert fb["explanation"] == item.question.explanation
    # a practice attempt has no prediction
    refused = post_batch(client, attempt, {"answers": [], "prediction": 3})
    assert refused.status_code == 400 and refused.json()["code"] == "no_prediction"


def test_the_page_gets_the_servers_deadline_and_the_save_settings(player, online_round):
    attempt = start_via_page(player, online_round)
    html = player.get(reverse("online:attempt", args=[attempt.pk])).content.decode()
    assert f'data-deadline-ms="{ms(attempt.deadline)}"' in html
    assert f'data-grace-s="{services.save_grace().seconds}"' in html
    assert 'name="batch"' in html


def test_parse_batch_keeps_the_one_answer_shape():
    batch = parse_batch({"order": 3, "choice": 1})
    assert batch.entries == (Entry(3, 1, None),) and batch.prediction is None
    with pytest.raises(BatchError):
        parse_batch({"order": 3})


def test_a_malformed_batch_with_the_submit_saves_nothing_and_says_so(player, online_round):
    attempt = start_via_page(player, online_round)
    response = player.post(
        reverse("online:submit", args=[attempt.pk]), {"batch": "{không phải json"}, follow=True
    )
    assert "Dữ liệu gửi lên không hợp lệ." in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.is_submitted and not any(chosen(attempt).values())
