"""One participant's full attempt on a phone-sized page, in real Chromium."""

from __future__ import annotations

import json
import os

import pytest

from hall.models import Unit
from online.models import Attempt, Participant
from tests.procs import CHROMIUM, CHROMIUM_ARGS

from .conftest import PASSWORD, make_bank, make_round

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
        yield context.new_page()
        browser.close()


def saves_of(page) -> list[dict]:
    """Every answer-saving request the page sends, as the JSON it carries."""
    sent: list[dict] = []

    def on_request(request) -> None:
        if "/tra-loi/" in request.url:
            sent.append(json.loads(request.post_data or "{}"))

    page.on("request", on_request)
    return sent


def start_logged_in(page, live_server, round_) -> Participant:
    """A registered participant, logged in in the browser, on a started attempt."""
    from django.test import Client

    from .conftest import make_participant

    person = make_participant(round_)
    client = Client()
    client.force_login(person.user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.goto(f"{live_server.url}/online/{round_.slug}/")
    page.get_by_role("button", name="Bắt đầu thi").click()
    page.locator("#timer").wait_for()
    return person


def test_register_attempt_reload_submit_on_a_phone(live_server, page, settings):
    settings.ONLINE = {**settings.ONLINE, "SAVE_INTERVAL_SECONDS": 2}
    make_bank(12)
    round_ = make_round(questions_per_attempt=5, attempts_per_period=2)
    round_.units.set([Unit.objects.create(name="Thành phố Thử", code="tp-thu")])
    base = live_server.url
    page.goto(f"{base}/online/{round_.slug}/")
    page.get_by_role("link", name="Đăng ký dự thi").click()
    page.fill("input[name=full_name]", "Lê Thị Hoa")
    page.fill("input[name=date_of_birth]", "1992-03-04")
    page.fill("input[name=phone]", "0987654321")
    page.select_option("select[name=unit]", label="Thành phố Thử")
    page.select_option("select[name=role]", "resident")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    page.get_by_text("Đăng ký thành công").wait_for()

    page.get_by_role("button", name="Bắt đầu thi").click()
    page.locator("#timer").wait_for()
    # The page fits the phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for order in (1, 2, 3):
        page.locator(f"#q{order} .option").nth(1).click()
    for order in (1, 2, 3):
        page.locator(f"#q{order} .saved").wait_for(state="visible")
    page.fill("#prediction", "250")
    page.locator("#prediction").dispatch_event("change")
    page.locator("#prediction-state").wait_for(state="visible")

    # A reload resumes the same attempt with the saved answers.
    page.reload()
    assert page.locator("#answered").inner_text() == "3"
    assert page.locator("#q2 input[value='1']").is_checked()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Nộp bài", exact=True).click()
    page.locator("#score").wait_for()
    person = Participant.objects.get(full_name="Lê Thị Hoa")
    attempt = Attempt.objects.get(participant=person)
    assert attempt.is_submitted and attempt.prediction == 250
    assert page.locator("#score").inner_text() == f"{attempt.correct_count}/5"
    assert attempt.items.filter(chosen__isnull=False).count() == 3


def test_answers_travel_in_batches_and_survive_a_lost_network_and_a_reload(
    live_server, page, settings
):
    settings.ONLINE = {**settings.ONLINE, "SAVE_INTERVAL_SECONDS": 3}
    make_bank(20)
    round_ = make_round(questions_per_attempt=8, attempts_per_period=1)
    sent = saves_of(page)
    person = start_logged_in(page, live_server, round_)
    attempt = Attempt.objects.get(participant=person)

    # Six answers in quick succession: one or two requests, not six.
    for order in range(1, 7):
        page.locator(f"#q{order} .option").nth(order % 3).click()
    assert page.locator("#answered").inner_text() == "6"
    for order in range(1, 7):
        page.locator(f"#q{order} .saved").wait_for(state="visible")
    assert 1 <= len(sent) <= 2, sent
    assert sorted(a["order"] for s in sent for a in s["answers"]) == [1, 2, 3, 4, 5, 6]
    assert attempt.items.filter(chosen__isnull=False).count() == 6

    # The network drops: the answer is held (and kept across a reload), then sent.
    page.context.set_offline(True)
    page.locator("#q7 .option").nth(2).click()
    page.locator("#q7 .pending").wait_for(state="visible")
    page.locator("#netstate").wait_for(state="visible", timeout=15_000)
    assert attempt.items.get(order=7).chosen_id is None
    page.context.set_offline(False)
    page.locator("#q7 .saved").wait_for(state="visible", timeout=20_000)
    item = attempt.items.get(order=7)
    assert item.chosen_id == item.option_order[2]

    # A reload before the page sent its last answer: restored from the page's store.
    page.locator("#q8 .option").nth(0).click()
    page.reload()
    assert page.locator("#q8 input[value='0']").is_checked()
    page.locator("#q8 .saved").wait_for(state="visible", timeout=20_000)
    deadline_before = attempt.deadline

    count = len(sent)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Nộp bài", exact=True).click()
    page.locator("#score").wait_for()
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.deadline == deadline_before
    assert attempt.items.filter(chosen__isnull=False).count() == 8
    assert len(sent) == count  # nothing was left to send: the submit carried nothing new


def test_an_answer_given_offline_before_the_deadline_counts_when_the_network_returns(
    live_server, page
):
    """The network drops, the participant answers, the deadline passes; the page
    keeps retrying and, back online within the grace, the answer is saved and the
    attempt submitted at its deadline."""
    from datetime import timedelta

    from django.utils import timezone

    make_bank(12)
    round_ = make_round(questions_per_attempt=4, attempts_per_period=1)
    person = start_logged_in(page, live_server, round_)
    attempt = Attempt.objects.get(participant=person)
    deadline = timezone.now() + timedelta(seconds=6)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
    page.reload()  # the page now counts down to the new deadline

    page.context.set_offline(True)
    page.locator("#q2 .option").nth(1).click()
    page.locator("#q2 .pending").wait_for(state="visible")
    # past the deadline, still offline: nothing reached the server
    page.wait_for_timeout(max(0, (deadline - timezone.now()).total_seconds()) * 1000 + 2500)
    attempt.refresh_from_db()
    assert attempt.items.get(order=2).chosen_id is None and not attempt.is_submitted
    page.context.set_offline(False)
    page.locator("#score").wait_for(timeout=30_000)
    attempt.refresh_from_db()
    item = attempt.items.get(order=2)
    assert item.chosen_id == item.option_order[1]
    assert item.answered_at < attempt.deadline
    assert attempt.is_submitted and attempt.submitted_at == attempt.deadline
