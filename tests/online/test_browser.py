"""One participant's full attempt on a phone-sized page, in real Chromium."""

from __future__ import annotations

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


def test_register_attempt_reload_submit_on_a_phone(live_server, page):
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
