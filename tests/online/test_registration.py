"""Registration with eligibility, login by phone or email, rate limits."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from online.models import OnlineRound, Participant, Role

from .conftest import PASSWORD


def form(**overrides):
    data = {
        "full_name": "Trần Thị Bình",
        "date_of_birth": "1995-05-20",
        "phone": "0912 345 678",
        "email": "binh@example.vn",
        "unit_name": "",
        "address": "Phường 1",
        "role": Role.OFFICIAL,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


@pytest.fixture
def strict_round(online_round, units) -> OnlineRound:
    online_round.min_age = 18
    online_round.excluded_roles = f"{Role.JUDGE},{Role.SOFTWARE_UNIT}"
    online_round.save()
    online_round.excluded_units.set([units[1]])
    return online_round


def post(client, round_, **overrides):
    return client.post(reverse("online:register", args=[round_.slug]), form(**overrides))


@pytest.mark.production_hashers  # checks the stored hash is PBKDF2
def test_register_logs_in_with_phone_as_username(client, strict_round, units):
    response = post(client, strict_round, unit=units[0].pk)
    assert response.status_code == 302
    person = Participant.objects.get()
    assert person.user.username == "0912345678"
    assert person.user.check_password(PASSWORD) and person.user.password.startswith("pbkdf2")
    assert (
        client.get(reverse("online:round", args=[strict_round.slug])).context["participant"]
        == person
    )


def test_under_age_is_refused_with_reason(client, strict_round, units):
    today = timezone.localdate()
    born = date(today.year - 17, 1, 1)
    response = post(client, strict_round, unit=units[0].pk, date_of_birth=born.isoformat())
    assert response.status_code == 200
    assert "từ đủ 18 tuổi" in response.content.decode()
    assert not Participant.objects.exists() and not get_user_model().objects.exists()


def test_excluded_role_and_unit_are_refused_with_reason(client, strict_round, units):
    response = post(client, strict_round, unit=units[1].pk, role=Role.JUDGE)
    html = response.content.decode()
    assert "Thành viên Ban Giám khảo không thuộc đối tượng dự thi" in html
    assert f"người thuộc đơn vị {units[1].name} không được dự thi" in html
    assert not Participant.objects.exists()


def test_missing_fields_and_bad_phone_get_vietnamese_errors(client, strict_round):
    response = post(client, strict_round, phone="12ab", full_name="", date_of_birth="")
    html = response.content.decode()
    assert "Số điện thoại không hợp lệ" in html
    assert "Vui lòng nhập họ và tên" in html
    assert "Trần" not in html or 'value="Phường 1"' in html  # entries are kept for correction
    assert not Participant.objects.exists()


def test_duplicate_phone_is_refused(client, strict_round, units):
    post(client, strict_round, unit=units[0].pk)
    client.logout()
    response = post(client, strict_round, unit=units[0].pk, email="khac@example.vn")
    assert "đã được dùng để đăng ký" in response.content.decode()
    assert Participant.objects.count() == 1


def test_login_with_phone_or_email(client, strict_round, units):
    post(client, strict_round, unit=units[0].pk)
    client.logout()
    url = reverse("online:login")
    bad = client.post(url, {"username": "0912345678", "password": "sai-mat-khau"})
    assert "không đúng" in bad.content.decode()
    ok = client.post(url, {"username": "0912.345.678", "password": PASSWORD})
    assert ok.status_code == 302 and ok.url.endswith(f"/online/{strict_round.slug}/")


@override_settings(ONLINE_FORM_RATE="3/d")
def test_registration_and_login_are_rate_limited(client, strict_round):
    for _ in range(3):
        assert post(client, strict_round, full_name="").status_code == 200
    blocked = post(client, strict_round, full_name="")
    assert blocked.status_code == 429
    assert "Quá nhiều yêu cầu" in blocked.content.decode()
    url = reverse("online:login")
    for _ in range(3):
        client.post(url, {"username": "x@example.vn", "password": "a"})
    assert client.post(url, {"username": "x@example.vn", "password": "a"}).status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_wrong_passwords_lock_the_login(client, participant):
    url = reverse("online:login")
    for _ in range(3):
        client.post(url, {"username": participant.user.username, "password": "sai"})
    locked = client.post(url, {"username": participant.user.username, "password": PASSWORD})
    assert locked.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
