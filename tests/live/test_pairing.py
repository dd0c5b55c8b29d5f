"""Joining by code, rate-limited wrong codes, and revocation that closes the socket at once."""

from __future__ import annotations

import json
import time
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from asgiref.sync import sync_to_async
from django.test import Client as HttpClient
from django.urls import reverse

from screens.views import SESSION_KEY
from tests.isolation import clear_cache
from tests.live.conftest import Client, team_token

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


def test_join_with_a_pad_code_gives_a_session_token_and_redirects(hall):
    pad = hall.pads[hall.teams[0].id]
    http = HttpClient()
    resp = http.post(reverse("screens:join"), {"code": pad.join_code.lower()})
    assert resp.status_code == 302
    assert resp["Location"] == reverse("screens:pad", args=[hall.contest.slug])
    tokens = http.session[SESSION_KEY]
    assert f"{hall.contest.slug}:team" in tokens
    page = http.get(resp["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    config = html.split('id="live-config" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(config)["token"] == tokens[f"{hall.contest.slug}:team"]


def test_wrong_codes_are_refused_then_rate_limited(hall, monkeypatch):
    # The limit counts per one-minute window: a run that crosses the window's end (a busy
    # machine, parallel workers) would start counting again. Its clock stands still here.
    frozen = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: frozen))
    http = HttpClient()
    url = reverse("screens:join")
    statuses = [http.post(url, {"code": "ZZZZZZ"}).status_code for _ in range(13)]
    assert statuses[:11] == [400] * 11
    assert statuses[11:] == [429, 429]
    resp = http.post(url, {"code": hall.screen.join_code})
    assert resp.status_code == 429  # even a right code waits out the limit
    assert "đợi" in resp.content.decode()


def test_right_codes_do_not_count_towards_the_limit(hall):
    http = HttpClient()
    codes = [d.join_code for d in hall.pads.values()] + [hall.screen.join_code]
    for _ in range(4):  # a whole hall behind one address joins many times
        for code in codes:
            assert http.post(reverse("screens:join"), {"code": code}).status_code == 302


def test_device_pages_need_a_token(hall):
    http = HttpClient()
    assert http.get(reverse("screens:pad", args=[hall.contest.slug])).status_code == 302
    assert http.get(reverse("screens:screen", args=[hall.contest.slug])).status_code == 302


def test_mc_console_needs_the_permission(hall):
    http = HttpClient()
    url = reverse("screens:mc", args=[hall.contest.slug])
    assert http.get(url).status_code == 302  # to the login page
    judge_user = hall.judges[1].user
    http.force_login(judge_user)
    assert http.get(url).status_code == 403
    http.logout()
    http.force_login(hall.mc_user)
    resp = http.get(url)
    assert resp.status_code == 200
    devices = http.get(reverse("screens:devices", args=[hall.contest.slug])).json()["devices"]
    assert {d["kind"] for d in devices} >= {"team", "screen", "judge", "head_judge"}
    svg = http.get(devices[0]["qr_url"])
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


def test_judge_page_only_for_the_contest_judges(hall):
    http = HttpClient()
    http.force_login(hall.mc_user)
    assert http.get(reverse("screens:judge", args=[hall.contest.slug])).status_code == 403
    http.logout()
    http.force_login(hall.judges[0].user)
    resp = http.get(reverse("screens:judge", args=[hall.contest.slug]))
    assert resp.status_code == 200


@pytest.mark.asyncio
async def test_revoke_closes_the_open_socket_at_once(hall):
    pad = Client(team_token(hall, 0), "pad")
    snap = await pad.connect()
    assert snap["type"] == "snapshot"
    http = HttpClient()
    await sync_to_async(http.force_login)(hall.mc_user)
    device = hall.pads[hall.teams[0].id]
    url = reverse("screens:revoke", args=[hall.contest.slug, device.id])
    resp = await sync_to_async(http.post)(url)
    assert resp.status_code == 200
    msg = json.loads(await pad.comm.receive_from(timeout=2))
    assert msg["type"] == "revoked"
    out = await pad.comm.receive_output(timeout=2)
    assert out["type"] == "websocket.close" and out["code"] == 4003
    # and the same token can no longer join
    again = Client(team_token(hall, 0), "pad-again")
    reply = await again.connect()
    assert reply["code"] == "revoked"
