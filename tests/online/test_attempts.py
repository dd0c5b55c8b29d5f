"""Starting, resuming, answering, the deadline and the attempt limit."""

from __future__ import annotations

import random
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from online import services
from online.models import Attempt, Refusal
from online.services import OnlineError, Owner

from .conftest import make_participant


def owner(p) -> Owner:
    return Owner(participant_id=p.pk, user_id=p.user_id)


def start_via_page(client, round_) -> Attempt:
    response = client.post(reverse("online:start", args=[round_.slug]))
    assert response.status_code == 302
    return Attempt.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def answer(client, attempt, order, choice):
    return client.post(
        reverse("online:answer", args=[attempt.pk]),
        {"order": order, "choice": choice},
        content_type="application/json",
    )


def test_start_draws_spread_questions_and_shuffled_options(participant, online_round):
    attempt, created = services.start_attempt(participant, timezone.now(), random.Random(1))
    assert created and attempt.question_count == 10
    items = list(attempt.items.select_related("question"))
    areas = [i.question.area for i in items]
    assert sorted(areas.count(a) for a in set(areas)) == [2, 2, 3, 3]
    assert len({i.question_id for i in items}) == 10
    orders = [i.option_order for i in items]
    assert any(o != sorted(o) for o in orders)
    assert attempt.deadline - attempt.started_at == timedelta(minutes=30)


def test_reload_resumes_same_attempt_with_same_deadline_and_answers(player, online_round):
    attempt = start_via_page(player, online_round)
    assert answer(player, attempt, 3, 1).status_code == 200
    again = start_via_page(player, online_round)
    assert again.pk == attempt.pk
    page = player.get(reverse("online:attempt", args=[attempt.pk]))
    html = page.content.decode()
    assert 'name="q3" value="1" checked' in html
    remaining = page.context["remaining"]
    assert 30 * 60 - 5 <= remaining <= 30 * 60
    # A later reload shows the same server deadline, not a fresh 30 minutes.
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at - timedelta(minutes=10),
        deadline=attempt.deadline - timedelta(minutes=10),
    )
    page = player.get(reverse("online:attempt", args=[attempt.pk]))
    assert 20 * 60 - 5 <= page.context["remaining"] <= 20 * 60
    assert Attempt.objects.filter(participant__user=page.context["user"]).count() == 1


def test_auto_submit_at_deadline_keeps_answers_saved_before(player, participant, online_round):
    attempt = start_via_page(player, online_round)
    item = attempt.items.get(order=1)
    correct = next(
        i for i, oid in enumerate(item.option_order) if item.question.options.get(pk=oid).is_correct
    )
    assert answer(player, attempt, 1, correct).status_code == 200
    # In the grace after the deadline, an answer stamped at its receipt is late...
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    late = answer(player, attempt, 2, 0)
    assert late.status_code == 409 and late.json()["code"] == "late"
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    # ...and once the grace is over, the attempt is submitted at its deadline.
    past = timezone.now() - services.save_grace() - timedelta(seconds=1)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=past)
    late = answer(player, attempt, 2, 0)
    assert late.status_code == 409 and late.json()["code"] == "late"
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.auto_submitted
    assert attempt.submitted_at == attempt.deadline
    assert attempt.correct_count == 1
    assert attempt.items.get(order=2).chosen_id is None
    assert Refusal.objects.filter(attempt=attempt, code="late").exists()
    # The page of an expired attempt goes to the result.
    page = player.get(reverse("online:attempt", args=[attempt.pk]))
    assert page.status_code == 302 and "ket-qua" in page.url


def test_lazy_auto_submit_on_page_load(player, online_round):
    attempt = start_via_page(player, online_round)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    response = player.get(reverse("online:result", args=[attempt.pk]))
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.auto_submitted
    assert "tự động nộp khi hết giờ" in response.content.decode()


def test_close_expired_attempts_command(participant, online_round):
    attempt, _ = services.start_attempt(participant, timezone.now())
    other, _ = services.start_attempt(make_participant(online_round), timezone.now())
    # within the grace after its deadline the attempt still waits for stamped answers
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=5))
    call_command("close_expired_attempts", stdout=StringIO())
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    past = timezone.now() - services.save_grace() - timedelta(seconds=5)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=past)
    out = StringIO()
    call_command("close_expired_attempts", stdout=out)
    assert "1 lượt" in out.getvalue()
    attempt.refresh_from_db()
    other.refresh_from_db()
    assert attempt.auto_submitted and not other.is_submitted


def test_limit_of_attempts_per_period(participant, online_round):
    now = timezone.now()
    for n in (1, 2):
        attempt, created = services.start_attempt(participant, now)
        assert created and attempt.number == n
        services.submit(attempt.pk, now)
    with pytest.raises(OnlineError) as refused:
        services.start_attempt(participant, now)
    assert refused.value.code == "limit"
    assert "hết 2 lượt" in refused.value.message


def test_two_starts_in_sequence_give_one_attempt(participant, online_round):
    """Two tabs pressing start: the second resumes the first, no extra attempt."""
    now = timezone.now()
    first, created1 = services.start_attempt(participant, now)
    second, created2 = services.start_attempt(participant, now)
    assert created1 and not created2 and first.pk == second.pk
    assert Attempt.objects.filter(participant=participant).count() == 1


def test_database_refuses_a_second_attempt_with_the_same_number(participant, online_round):
    attempt, _ = services.start_attempt(participant, timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(
            round=online_round,
            period=attempt.period,
            participant=participant,
            number=attempt.number,
            started_at=attempt.started_at,
            deadline=attempt.deadline,
        )


def test_start_outside_a_period_is_refused(participant, online_round):
    online_round.periods.update(
        opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=2)
    )
    with pytest.raises(OnlineError, match="không có đợt thi nào đang mở"):
        services.start_attempt(participant, timezone.now())


def test_answer_to_question_not_in_attempt_is_refused_and_recorded(player, online_round):
    attempt = start_via_page(player, online_round)
    response = answer(player, attempt, 99, 0)
    assert response.status_code == 400
    assert response.json()["code"] == "not_in_attempt"
    bad = answer(player, attempt, 1, 7)
    assert bad.json()["code"] == "bad_option"
    assert set(Refusal.objects.filter(attempt=attempt).values_list("code", flat=True)) == {
        "not_in_attempt",
        "bad_option",
    }


def test_answer_for_another_persons_attempt_is_refused_and_recorded(
    client, participant, online_round
):
    attempt, _ = services.start_attempt(participant, timezone.now())
    intruder = make_participant(online_round)
    client.force_login(intruder.user)
    response = answer(client, attempt, 1, 0)
    assert response.status_code == 403
    assert response.json()["code"] == "foreign"
    assert client.get(reverse("online:attempt", args=[attempt.pk])).status_code == 403
    assert client.post(reverse("online:submit", args=[attempt.pk])).status_code == 403
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert attempt.items.filter(chosen__isnull=False).count() == 0
    refusals = Refusal.objects.filter(attempt=attempt, code="foreign")
    assert refusals.count() == 3 and refusals.first().user_id == intruder.user_id


def test_answer_after_submission_is_refused(player, online_round):
    attempt = start_via_page(player, online_round)
    player.post(reverse("online:submit", args=[attempt.pk]))
    response = answer(player, attempt, 1, 0)
    assert response.status_code == 409 and response.json()["code"] == "submitted"


def test_malformed_answer_gets_a_clear_error(player, online_round):
    attempt = start_via_page(player, online_round)
    response = player.post(
        reverse("online:answer", args=[attempt.pk]),
        "không phải json",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["error"]


def test_submit_without_javascript_saves_form_choices(player, online_round):
    attempt = start_via_page(player, online_round)
    response = player.post(
        reverse("online:submit", args=[attempt.pk]), {"q1": "0", "q2": "1", "prediction": "123"}
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_submitted and not attempt.auto_submitted
    assert attempt.items.filter(chosen__isnull=False).count() == 2
    assert attempt.prediction == 123


def test_prediction_after_submission_once_and_only_while_open(player, online_round):
    attempt = start_via_page(player, online_round)
    player.post(reverse("online:submit", args=[attempt.pk]))
    url = reverse("online:prediction", args=[attempt.pk])
    assert player.post(url, {"value": "-3"}).status_code == 302
    attempt.refresh_from_db()
    assert attempt.prediction is None
    player.post(url, {"value": "1500"})
    attempt.refresh_from_db()
    assert attempt.prediction == 1500
    player.post(url, {"value": "1"})
    attempt.refresh_from_db()
    assert attempt.prediction == 1500


def test_result_shows_score_and_time(player, online_round):
    attempt = start_via_page(player, online_round)
    response = player.post(reverse("online:submit", args=[attempt.pk]), follow=True)
    html = response.content.decode()
    assert "0/10" in html and "phút" in html
    assert "Đáp án sẽ được công bố sau khi đợt thi kết thúc" in html


def test_csrf_is_enforced_on_answers(participant, online_round):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(participant.user)
    attempt, _ = services.start_attempt(participant, timezone.now())
    response = answer(client, attempt, 1, 0)
    assert response.status_code == 403
    assert attempt.items.filter(chosen__isnull=False).count() == 0
