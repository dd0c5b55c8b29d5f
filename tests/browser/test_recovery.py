"""Devices that lose the network or reload in the middle of a question recover by themselves."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    JUDGE_VIEWPORT,
    MC_VIEWPORT,
    PAD_VIEWPORT,
    SCREEN_VIEWPORT,
    correct_label,
    join,
    login,
    mc_do,
    mc_key,
    new_page,
    question_text,
    scene,
    view_of,
    wait_live,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(180),
]


def open_team_turn_question(mc: Page, team_row: int = 1) -> None:
    """Start the show, go to the team-turn knowledge part, call a team, draw, open answering."""
    mc_do(mc, "#btn-start")
    mc_do(mc, "#btn-next-part")  # introductions
    expect(mc.locator("#mc-part")).to_contain_text("Giới thiệu")
    mc_do(mc, "#btn-next-part")  # knowledge: team turns
    expect(mc.locator("#mc-part")).to_contain_text("bốc thăm")
    mc_do(mc, f"#teams tr:nth-child({team_row}) [data-call]")
    mc_key(mc, "d", "#btn-draw")
    mc_key(mc, "o", "#btn-open")
    expect(mc.locator("#q-countdown")).to_contain_text("s")


def test_pad_offline_mid_question_comes_back_and_answers(hall_server, browser_instance):
    demo = hall_server
    errors: list[str] = []
    _, mc = new_page(browser_instance, MC_VIEWPORT, errors, "mc")
    login(mc, demo.base_url, "mc", demo.password, f"/hall/{demo.slug}/mc/")
    pad_ctx, pad = new_page(browser_instance, PAD_VIEWPORT, errors, "pad")
    team = demo.teams[0]
    join(pad, demo.base_url, demo.team_codes[team], f"/hall/{demo.slug}/pad/")

    open_team_turn_question(mc)
    text = question_text(mc)
    good = correct_label(mc)
    expect(pad.locator("#q-text")).to_have_text(text)
    expect(pad.locator(f".pad-option[data-label='{good}']")).to_be_enabled()

    pad_ctx.set_offline(True)
    banner = pad.locator("#live-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Mất mạng")
    expect(pad.locator("body")).not_to_have_attribute("data-live", "live")
    pad.wait_for_timeout(1500)  # the hall carries on without this pad
    pad_ctx.set_offline(False)
    wait_live(pad)
    expect(banner).to_be_hidden()

    # Same question, still open, the countdown still running: the pad can answer.
    expect(pad.locator("#q-text")).to_have_text(text)
    expect(pad.locator("#q-countdown")).to_have_text(re.compile(r"^([1-2]\d|30|[1-9])$"))
    option = pad.locator(f".pad-option[data-label='{good}']")
    expect(option).to_be_enabled()
    option.click()
    expect(pad.locator("#pad-status")).to_contain_text(f"Đã gửi đáp án {good}")
    expect(mc.locator("#question .mc-list")).to_contain_text(team)
    mc_key(mc, "r", "#btn-reveal")
    expect(pad.locator("#pad-status")).to_contain_text("Chính xác")

    # Revoked from the MC's device panel (after a confirmation): the pad is cut off at once.
    row = mc.locator("#devices tbody tr", has_text=team)
    expect(row.locator(".dot.on")).to_have_count(1)
    row.locator("button").click()
    expect(pad.locator("#live-banner")).to_contain_text("thu hồi")
    expect(pad.locator("body")).to_have_attribute("data-live", "revoked")
    expect(row).to_contain_text("Đã thu hồi")
    assert errors == []


def remaining(screen: Page) -> tuple[float, float]:
    """(remaining ms shown by the big screen's countdown, the browser's clock)."""
    node = screen.locator("#q-countdown[data-remaining-ms]")
    expect(node).to_have_count(1, timeout=10_000)
    return tuple(
        screen.evaluate(
            "() => [Number(document.getElementById('q-countdown').dataset.remainingMs), Date.now()]"
        )
    )


def test_big_screen_reloaded_mid_countdown_shows_the_same_time(hall_server, browser_instance):
    demo = hall_server
    errors: list[str] = []
    _, mc = new_page(browser_instance, MC_VIEWPORT, errors, "mc")
    login(mc, demo.base_url, "mc", demo.password, f"/hall/{demo.slug}/mc/")
    _, screen = new_page(browser_instance, SCREEN_VIEWPORT, errors, "screen")
    join(screen, demo.base_url, demo.screen_code, f"/hall/{demo.slug}/screen/")

    open_team_turn_question(mc)
    scene(screen, "question")
    screen.wait_for_timeout(2000)
    left_before, clock_before = remaining(screen)
    assert 20_000 < left_before < 29_000
    screen.reload()
    wait_live(screen)
    scene(screen, "question")
    screen.wait_for_timeout(800)  # a few clock-sync pings
    left_after, clock_after = remaining(screen)
    expected = left_before - (clock_after - clock_before)
    assert abs(left_after - expected) <= 500, (left_before, left_after, expected)
    expect(screen.locator("#q-text")).to_have_text(question_text(mc))
    assert errors == []


def test_judge_marks_typed_offline_are_sent_once_and_mc_undo_pause(hall_server, browser_instance):
    demo = hall_server
    errors: list[str] = []
    _, mc = new_page(browser_instance, MC_VIEWPORT, errors, "mc")
    login(mc, demo.base_url, "mc", demo.password, f"/hall/{demo.slug}/mc/")
    judge_ctx, judge = new_page(browser_instance, JUDGE_VIEWPORT, errors, "judge")
    judge_url = f"/hall/{demo.slug}/judge/"
    login(judge, demo.base_url, "giamkhao2", demo.password, judge_url)
    first, second = demo.teams[0], demo.teams[1]

    mc_do(mc, "#btn-start")
    mc_do(mc, "#btn-next-part")
    mc_do(mc, "#teams tr:nth-child(1) [data-stage]")
    mc_key(mc, "j", "#btn-open-judging")
    expect(judge.locator("#sheet-team")).to_contain_text(first)

    # A mark above the criterion's maximum is refused on the tablet, with a clear reason.
    inputs = judge.locator("#criteria input")
    inputs.nth(0).fill("25")
    expect(judge.locator("#sheet-error")).to_contain_text("vượt quá tối đa 20")
    expect(inputs.nth(0)).to_have_attribute("aria-invalid", "true")
    for index, value in enumerate([18, 25, 24, 15]):
        inputs.nth(index).fill(str(value))
    expect(judge.locator("#sheet-error")).to_be_empty()
    expect(judge.locator("#submit")).to_be_enabled()

    # The network drops; the judge submits anyway: the sheet waits on the tablet.
    judge_ctx.set_offline(True)
    expect(judge.locator("#live-banner")).to_be_visible()
    judge.locator("#submit").click()
    expect(judge.locator("#sheet-state")).to_have_text("Đã lưu trên máy — chờ gửi")
    expect(judge.locator("#outbox")).to_be_visible()
    expect(inputs.first).to_be_disabled()
    stored = judge.evaluate(
        "() => Object.entries(localStorage).filter(([k]) => k.endsWith(':outbox'))"
    )
    assert len(stored) == 1 and '"submit_marks"' in stored[0][1]
    saved_outbox = stored[0]
    expect(mc.locator("#judging-progress")).to_contain_text("Đã chấm: 0/5")

    # The tablet is closed while offline; when it comes back the sheet is sent by itself.
    judge.close()
    judge_ctx.set_offline(False)
    judge = judge_ctx.new_page()
    judge.on("pageerror", lambda exc: errors.append(f"judge: {exc}"))
    judge.goto(demo.base_url + judge_url)
    wait_live(judge)
    expect(judge.locator("#my-marks tbody tr")).to_have_count(1)
    expect(judge.locator("#my-marks")).to_contain_text("82")
    expect(judge.locator("#sheet-state")).to_have_text("Đã khóa")
    expect(judge.locator("#outbox")).to_be_hidden()
    expect(mc.locator("#judging-progress")).to_contain_text("Đã chấm: 1/5")

    # The same command sent again (same id) is applied once: still one sheet.
    judge.evaluate("([k, v]) => localStorage.setItem(k, v)", list(saved_outbox))
    judge.reload()
    wait_live(judge)
    expect(judge.locator("#outbox")).to_be_hidden()
    expect(judge.locator("#my-marks tbody tr")).to_have_count(1)
    mc.wait_for_timeout(500)
    expect(mc.locator("#judging-progress")).to_contain_text("Đã chấm: 1/5")
    sheets = [s for s in view_of(mc)["all_marks"] if s["part_id"] == view_of(mc)["part_id"]]
    assert len(sheets) == 1 and sheets[0]["total"] == "82"  # scoring's figure

    # A correction: the judge edits the locked sheet with a reason; the head judge accepts it.
    _, head = new_page(browser_instance, JUDGE_VIEWPORT, errors, "head")
    login(head, demo.base_url, "giamkhao1", demo.password, judge_url)
    judge.locator("#my-marks [data-open]").click()
    judge.locator("#correction-open").click()
    judge.locator("#criteria input").first.fill("19")
    judge.locator("#correction-send").click()
    expect(judge.locator("#sheet-error")).to_contain_text("lý do")  # a reason is required
    judge.locator("#correction-reason").fill("Nhập nhầm điểm tiêu chí 1")
    judge.locator("#correction-send").click()
    expect(judge.locator("#sheet-state")).to_have_text("Đang chờ duyệt điều chỉnh")
    request_row = head.locator("#head-corrections .jd-req")
    expect(request_row).to_contain_text("Nhập nhầm điểm tiêu chí 1")
    expect(request_row).to_contain_text("82 → 83")
    request_row.locator(".btn-ok").click()  # confirm() is accepted
    expect(head.locator("#head-corrections")).to_contain_text("Không có yêu cầu nào.")
    expect(judge.locator("#my-marks")).to_contain_text("83")

    # Undo with a reason (Z → prompt), pause and resume.
    mc_do(mc, "#teams tr:nth-child(2) [data-stage]")
    expect(mc.locator("#stage-team")).to_have_text(second)
    mc.locator("body").press("z")
    expect(mc.locator("#stage-team")).to_have_text(first)
    mc_do(mc, "#btn-pause")
    expect(mc.locator("#mc-status")).to_have_text("Tạm dừng")
    expect(mc.locator("[data-stage]").first).to_be_disabled()
    mc_do(mc, "#btn-resume")
    expect(mc.locator("#mc-status")).to_have_text("Đang diễn ra")
    assert errors == []
