"""Period close: the prediction's figure, ranking, prizes, exports, statistics, certificates."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from online import services
from online.models import Attempt, OnlineRound, Winner
from online.services import OnlineError

from .conftest import make_participant


def play(participant, correct: int, minutes: float, prediction: int | None, now):
    """An attempt with ``correct`` right answers, taking ``minutes``."""
    attempt, _ = services.start_attempt(participant, now)
    for item in attempt.items.all()[:correct]:
        right = item.question.options.get(is_correct=True)
        item.chosen = right
        item.save()
    if prediction is not None:
        Attempt.objects.filter(pk=attempt.pk).update(prediction=prediction)
    return services.submit(attempt.pk, now + timedelta(minutes=minutes))


@pytest.fixture
def played(online_round, units):
    now = timezone.now() - timedelta(hours=2)
    people = [make_participant(online_round, units[i % 2], f"Người {i}") for i in range(5)]
    play(people[0], 8, 10, 7, now)
    play(people[0], 10, 12, 7, now + timedelta(minutes=15))  # best of two for person 0
    play(people[1], 10, 5, 100, now)  # same score, faster, but a far prediction
    play(people[2], 9, 1, 6, now)
    play(people[3], 10, 20, 6, now)  # same score, exact prediction
    play(people[4], 2, 3, None, now)
    return people


def close(round_):
    round_.periods.update(closes_at=timezone.now() - timedelta(seconds=1))
    return services.finalize_period(round_.periods.get().pk, timezone.now())


def test_finalize_computes_figure_ranks_and_awards(online_round, played):
    period = close(online_round)
    assert period.actual_value == 6  # six participations
    ranked = services.period_ranking(period)
    names = [p.full_name for p in played]
    order = [
        names.index(next(p.full_name for p in played if p.pk == r.result.participant_id))
        for r in ranked
    ]
    assert order == [3, 0, 1, 2, 4]
    winners = list(Winner.objects.filter(period=period).order_by("rank"))
    assert [(w.participant_id, w.prize_level) for w in winners] == [
        (played[3].pk, 1),
        (played[0].pk, 2),
        (played[1].pk, 3),
    ]
    codes = [w.code for w in winners]
    services.finalize_period(period.pk, timezone.now())
    assert [w.code for w in Winner.objects.filter(period=period).order_by("rank")] == codes


@pytest.mark.parametrize(("kind", "expected"), [("participants", 5), ("perfect", 3)])
def test_actual_figure_per_prediction_kind(online_round, played, kind, expected):
    OnlineRound.objects.filter(pk=online_round.pk).update(prediction=kind)
    online_round.refresh_from_db()
    assert close(online_round).actual_value == expected


def test_finalize_refused_before_close_and_while_attempts_run(online_round, participant):
    period = online_round.periods.get()
    with pytest.raises(OnlineError, match="chưa kết thúc"):
        services.finalize_period(period.pk, timezone.now())
    attempt, _ = services.start_attempt(participant, timezone.now())
    online_round.periods.update(closes_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(OnlineError, match="đang làm bài"):
        services.finalize_period(period.pk, timezone.now())
    # at its deadline the attempt still takes answers stamped in time, for the grace
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now())
    with pytest.raises(OnlineError, match="đang làm bài"):
        services.finalize_period(period.pk, timezone.now())
    after_grace = timezone.now() + services.save_grace()
    assert services.finalize_period(period.pk, after_grace).finalized_at is not None


@pytest.fixture
def staff(db, client):
    user = get_user_model().objects.create_user("btc", password="x", is_staff=True)
    client.force_login(user)
    return client


def test_staff_pages_ranking_exports_stats_certificate(staff, online_round, played):
    period = close(online_round)
    html = staff.get(reverse("online:ranking", args=[period.pk])).content.decode()
    assert "Giải Nhất" in html and played[3].full_name in html

    xlsx = staff.get(reverse("online:ranking_export", args=[period.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Hạng" and rows[1][1] == played[3].full_name and rows[1][-1] == "Giải Nhất"

    raw = staff.get(reverse("online:winners_export", args=[period.pk, "csv"])).content.decode()
    table = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    assert len(table) == 4 and table[1][1] == "Giải Nhất"

    stats_html = staff.get(reverse("online:stats", args=[online_round.slug])).content.decode()
    assert "<svg" in stats_html and "Huyện Thử Nghiệm A" in stats_html
    days = staff.get(reverse("online:stats_export", args=[online_round.slug, "csv"]) + "?kind=days")
    assert "6" in days.content.decode()

    winner = Winner.objects.get(period=period, rank=1)
    cert = staff.get(reverse("online:certificate", args=[winner.code])).content.decode()
    assert "GIẤY CHỨNG NHẬN" in cert and "<svg" in cert and winner.participant.full_name in cert
    assert reverse("online:verify", args=[winner.code]) in cert
    staff.logout()
    ok = staff.get(reverse("online:verify", args=[winner.code]))
    assert ok.status_code == 200 and "hợp lệ" in ok.content.decode()
    assert staff.get(reverse("online:verify", args=["gia-mao"])).status_code == 404
    # staff pages are closed to the public
    assert staff.get(reverse("online:ranking", args=[period.pk])).status_code == 302


def test_registrations_against_minimum_per_unit(staff, online_round, units):
    OnlineRound.objects.filter(pk=online_round.pk).update(min_registrations_per_unit=3)
    for _ in range(3):
        make_participant(online_round, units[0])
    make_participant(online_round, units[1])
    html = staff.get(reverse("online:stats", args=[online_round.slug])).content.decode()
    assert "chưa đủ 3 người đăng ký" in html
    assert "Huyện Thử Nghiệm B: 1 (thiếu 2)" in html
    raw = staff.get(reverse("online:stats_export", args=[online_round.slug, "csv"])).content
    rows = list(csv.reader(io.StringIO(raw.decode().lstrip("\ufeff"))))
    assert ["Huyện Thử Nghiệm B", "1", "0", "0", "3", "2"] in rows


def test_close_expired_command_finalizes_due_periods(online_round, played):
    from django.core.management import call_command

    online_round.periods.update(closes_at=timezone.now() - timedelta(seconds=1))
    out = io.StringIO()
    call_command("close_expired_attempts", stdout=out)
    assert "Đã tổng hợp kết quả" in out.getvalue()
    assert Winner.objects.count() == 3
