"""Each seed's numbers, loaded by ``load_online_preset``; loading twice changes nothing."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from online.models import OnlineRound, Period, Role

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def load(name: str) -> OnlineRound:
    out = StringIO()
    call_command("load_online_preset", name, stdout=out)
    assert "Đã nạp mẫu" in out.getvalue()
    return OnlineRound.objects.get(slug=name)


def test_daknong2023_minimum_30_per_district_and_prizes_1_1_2_3():
    r = load("daknong2023")
    assert r.prizes == [1, 1, 2, 3]
    assert r.min_registrations_per_unit == 30
    assert r.units.count() == 8
    assert r.units.filter(name="Thành phố Gia Nghĩa").exists()
    assert r.periods.get().opens_at.astimezone(TZ).month == 10


def test_caobang2024_30_questions_30_minutes_2_attempts_age_18():
    r = load("caobang2024")
    assert (r.questions_per_attempt, r.time_limit_minutes, r.attempts_per_period) == (30, 30, 2)
    assert r.min_age == 18
    assert r.prediction == OnlineRound.Prediction.PARTICIPATIONS
    assert r.prizes == [1, 2, 3, 5]
    assert r.excluded_role_codes == {
        Role.ORGANIZING_COMMITTEE,
        Role.JUDGE,
        Role.HELPER,
        Role.SOFTWARE_UNIT,
    }
    assert r.periods.count() == 1


def test_quangninh2024_period_10_to_30_october_and_prizes_1_3_5_20():
    r = load("quangninh2024")
    assert r.prizes == [1, 3, 5, 20]
    assert r.amounts == [3_000_000, 2_000_000, 1_000_000, 500_000]
    assert r.prediction == OnlineRound.Prediction.PARTICIPATIONS
    assert Role.QUESTION_AUTHOR in r.excluded_role_codes
    assert Role.SECRETARIAT in r.excluded_role_codes
    period = r.periods.get()
    assert period.opens_at == datetime(2024, 10, 10, tzinfo=TZ)
    # "đến hết ngày 30/10/2024": open through the whole of the 30th
    assert period.closes_at == datetime(2024, 10, 31, tzinfo=TZ)


def test_binhthuan2024_15_questions_3_attempts_two_periods_perfect_prediction():
    r = load("binhthuan2024")
    assert (r.questions_per_attempt, r.attempts_per_period) == (15, 3)
    assert r.prediction == OnlineRound.Prediction.PERFECT
    assert r.criteria == ["correct", "prediction", "submitted"]
    assert r.prizes == [1, 2, 3, 5]
    periods = list(r.periods.order_by("number"))
    assert [
        (p.opens_at.astimezone(TZ).date(), p.closes_at.astimezone(TZ).date()) for p in periods
    ] == [
        (datetime(2024, 8, 17).date(), datetime(2024, 9, 1).date()),
        (datetime(2024, 9, 9).date(), datetime(2024, 9, 24).date()),
    ]
    assert r.excluded_role_codes == {Role.DEPARTMENT_ICT}
    assert r.excluded_units.filter(name__contains="Sở Thông tin và Truyền thông").exists()


def test_loading_twice_is_idempotent():
    for name in ("daknong2023", "caobang2024", "quangninh2024", "binhthuan2024"):
        load(name)
    counts = (OnlineRound.objects.count(), Period.objects.count())
    for name in ("daknong2023", "caobang2024", "quangninh2024", "binhthuan2024"):
        load(name)
    assert (OnlineRound.objects.count(), Period.objects.count()) == counts == (4, 5)


def test_unknown_preset_is_a_clear_error():
    with pytest.raises(CommandError, match="Không có mẫu"):
        call_command("load_online_preset", "hanoi2030")
