"""The four live screens in real Chromium against a real daphne: a whole Đắk Nông show,
a pad that loses its network mid-question, a big screen reloaded mid-countdown."""

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
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(300),
]

MC_PATH = "/hall/{slug}/mc/"
JUDGE_PATH = "/hall/{slug}/judge/"
SCREEN_PATH = "/hall/{slug}/screen/"
PAD_PATH = "/hall/{slug}/pad/"
JUDGES = ("giamkhao1", "giamkhao2", "giamkhao3")  # giamkhao1 is the head judge


# ---------------------------------------------------------------- small steps
def assert_no_answer_leak(page: Page, selector: str) -> None:
    """Before the reveal the correct option is nowhere in this page: not marked, not in its data."""
    expect(page.locator(selector)).to_have_count(0)
    question = view_of(page)["question"]
    assert question is not None
    assert "correct" not in question and "results" not in question
    assert "is-correct" not in page.content()


def next_part(mc: Page, title_part: str, screen: Page) -> None:
    mc_do(mc, "#btn-next-part")
    expect(mc.locator("#mc-part")).to_contain_text(title_part)
    expect(screen.locator("#bs-part")).to_contain_text(title_part)


def next_question(mc: Page, screen: Page) -> None:
    """N clears the question; the big screen goes back to the draw board."""
    mc_key(mc, "n", "#btn-next")
    scene(screen, "board")
    expect(mc.locator("#question .mc-qtext")).to_have_count(0)


def judge_sheet(page: Page, team: str, values: list[float]) -> None:
    expect(page.locator("#sheet-team")).to_contain_text(team, timeout=10_000)
    inputs = page.locator("#criteria input")
    expect(inputs).to_have_count(len(values))
    submit = page.locator("#submit")
    for index, value in enumerate(values):
        inputs.nth(index).fill(str(value))
        if index < len(values) - 1:
            expect(submit).to_be_disabled()  # not every criterion has a mark yet
    expect(submit).to_be_enabled()
    submit.click()
    expect(page.locator("#sheet-state")).to_have_text("Đã khóa", timeout=10_000)
    expect(inputs.first).to_be_disabled()


def intro_marks(team_index: int, judge_index: int) -> list[float]:
    # total = 88 - 3·team - judge; the mean of three judges is 87 - 3·team
    return [18 - team_index, 27 - team_index, 26 - team_index, 17 - judge_index]


def skit_marks(team_index: int, judge_index: int) -> list[float]:
    # total = 83 - team - judge; the mean of three judges is 82 - team
    return [35 - team_index, 25, 15, 8 - judge_index]


def pad_answer(pad: Page, label: str) -> None:
    option = pad.locator(f".pad-option[data-label='{label}']")
    expect(option).to_be_enabled(timeout=10_000)
    option.click()
    expect(pad.locator("#pad-status")).to_contain_text(f"Đã gửi đáp án {label}")


def wrong_label(label: str) -> str:
    return "B" if label == "A" else "A"


# ---------------------------------------------------------------- the whole show
def test_full_dak_nong_show(hall_server, browser_instance, screenshots):
    demo = hall_server
    base = demo.base_url
    slug = demo.slug
    errors: list[str] = []
    b = browser_instance

    _, mc = new_page(b, MC_VIEWPORT, errors, "mc")
    login(mc, base, "mc", demo.password, MC_PATH.format(slug=slug))
    _, screen = new_page(b, SCREEN_VIEWPORT, errors, "screen")
    join(screen, base, demo.screen_code, SCREEN_PATH.format(slug=slug))
    pads: list[Page] = []
    for index, name in enumerate(demo.teams):
        ctx, pad = new_page(b, PAD_VIEWPORT, errors, f"pad{index + 1}")
        join(pad, base, demo.team_codes[name], PAD_PATH.format(slug=slug))
        pads.append(pad)
    judges: list[Page] = []
    for username in JUDGES:
        _, page = new_page(b, JUDGE_VIEWPORT, errors, username)
        login(page, base, username, demo.password, JUDGE_PATH.format(slug=slug))
        judges.append(page)
    teams = demo.teams
    assert len(teams) == 8 and len(pads) == 8

    # The device panel lists every pad and the screen, with codes, QR codes and presence.
    devices = mc.locator("#devices tbody tr")
    expect(devices).to_have_count(8 + 1 + 5, timeout=10_000)
    expect(mc.locator("#devices img.mc-qr")).to_have_count(9)
    expect(mc.locator("#devices .dot.on")).to_have_count(8 + 1 + 3, timeout=15_000)

    scene(screen, "welcome")
    expect(pads[0].locator("#pad-status")).to_have_text("Chờ hội thi bắt đầu")

    # ------------------------------------------------ part 1: introductions, judged
    mc_do(mc, "#btn-start")
    expect(mc.locator("#mc-status")).to_have_text("Đang diễn ra")
    next_part(mc, "Giới thiệu đội", screen)
    for i, team in enumerate(teams):
        mc_do(mc, f"#teams tr:nth-child({i + 1}) [data-stage]")
        scene(screen, "stage")
        expect(screen.locator("#stage-team")).to_have_text(team)
        expect(pads[i].locator("#pad-status")).to_have_text("Đội bạn đang trên sân khấu")
        if i == 0:
            mc_key(mc, " ", "#btn-start-timer")
            expect(screen.locator("#stage-timer")).to_have_text(
                re.compile(r"^4:5\d$"), timeout=5_000
            )
            screen.screenshot(path=str(screenshots / "screen-team.png"))
            mc_key(mc, " ", "#btn-stop-timer")
            expect(mc.locator("#btn-start-timer")).to_be_enabled()
        mc_key(mc, "j", "#btn-open-judging")
        for j, page in enumerate(judges):
            judge_sheet(page, team, intro_marks(i, j))
            if i == 0 and j == 0:
                page.screenshot(path=str(screenshots / "judge.png"))
        expect(mc.locator("#judging-progress")).to_contain_text("Đã chấm: 3/5")
        # Unreleased marks never reach the big screen or the pads.
        assert view_of(screen)["released_marks"] == []
        assert view_of(pads[i])["released_marks"] == []
    head = judges[0]
    expect(head.locator("#head-marks tbody tr")).to_have_count(8)
    head.screenshot(path=str(screenshots / "judge-head.png"))
    expect(screen.locator("#marks-table td")).to_have_count(0)
    # The head judge releases the introduction marks; they appear on the big screen.
    head.locator("#head-release [data-release]").first.click()
    scene(screen, "marks")
    expect(screen.locator("#marks-table tbody tr")).to_have_count(8)
    first_row = screen.locator("#marks-table tbody tr").first
    expect(first_row).to_contain_text(teams[0])
    expect(first_row).to_contain_text("88")  # judge 1's total for team 1
    expect(first_row).to_contain_text("87")  # the mean of the three
    screen.screenshot(path=str(screenshots / "screen-marks.png"))

    # ------------------------------------------------ part 2: team turns with a draw
    next_part(mc, "bốc thăm", screen)
    scene(screen, "board")
    expect(screen.locator(".bs-tilebox")).to_have_count(24)

    # Q1: team 1 picks a tile on its own pad and answers correctly.
    mc_do(mc, "#teams tr:nth-child(1) [data-call]")
    expect(screen.locator("#board-turn")).to_contain_text(teams[0])
    expect(pads[0].locator("#tiles-box")).to_be_visible()
    expect(pads[0].locator("#members .pad-member")).to_have_count(3)
    pads[0].locator("#tiles [data-tile='5']").click()
    scene(screen, "question")
    text = question_text(mc)
    expect(screen.locator("#q-text")).to_have_text(text)
    for pad in (pads[0], pads[3]):
        expect(pad.locator("#q-text")).to_have_text(text)
    good = correct_label(mc)
    assert_no_answer_leak(screen, ".bs-option.is-correct")
    assert_no_answer_leak(pads[0], ".pad-option.is-correct")
    mc_key(mc, "o", "#btn-open")
    expect(screen.locator("#q-countdown")).to_have_text(
        re.compile(r"^(30|29|28|27)$"), timeout=5_000
    )
    expect(pads[0].locator("#q-countdown")).to_have_text(re.compile(r"^\d+$"))
    expect(pads[1].locator(".pad-option").first).to_be_disabled()  # not team 2's question
    pad_answer(pads[0], good)
    pads[0].screenshot(path=str(screenshots / "pad.png"))
    mc.screenshot(path=str(screenshots / "mc.png"))
    screen.screenshot(path=str(screenshots / "screen-question.png"))
    assert_no_answer_leak(screen, ".bs-option.is-correct")
    mc_key(mc, "r", "#btn-reveal")
    expect(screen.locator(f".bs-option.is-correct[data-label='{good}']")).to_be_visible()
    expect(screen.locator("#q-info")).to_contain_text(teams[0])
    expect(screen.locator("#q-info")).to_contain_text("Đúng")
    expect(pads[0].locator(f".pad-option.is-correct[data-label='{good}']")).to_be_visible()
    expect(pads[0].locator("#pad-status")).to_contain_text("Chính xác")
    screen.screenshot(path=str(screenshots / "screen-reveal.png"))
    pads[0].screenshot(path=str(screenshots / "pad-reveal.png"))
    next_question(mc, screen)

    # Q2: team 2 is called, the MC draws (D), the team answers wrongly.
    mc_do(mc, "#teams tr:nth-child(2) [data-call]")
    mc_key(mc, "d", "#btn-draw")
    scene(screen, "question")
    expect(pads[1].locator("#q-text")).to_have_text(question_text(mc))
    good = correct_label(mc)
    assert_no_answer_leak(pads[1], ".pad-option.is-correct")
    mc_key(mc, "o", "#btn-open")
    pad_answer(pads[1], wrong_label(good))
    mc_key(mc, "r", "#btn-reveal")
    expect(screen.locator(f".bs-option.is-correct[data-label='{good}']")).to_be_visible()
    expect(screen.locator("#q-info")).to_contain_text("Sai")
    expect(pads[1].locator("#pad-status")).to_contain_text("Chưa chính xác")
    next_question(mc, screen)

    # Q3: team 3, the MC picks a tile on the console; the team stays silent.
    mc_do(mc, "#teams tr:nth-child(3) [data-call]")
    mc.locator("#tiles .tile:not(.is-used)").first.click()
    scene(screen, "question")
    expect(screen.locator("#q-text")).to_have_text(question_text(mc))
    good = correct_label(mc)
    mc_key(mc, "o", "#btn-open")
    mc_key(mc, "c", "#btn-close")
    expect(pads[2].locator(".pad-option").first).to_be_disabled()
    mc_key(mc, "r", "#btn-reveal")
    expect(screen.locator(f".bs-option.is-correct[data-label='{good}']")).to_be_visible()
    next_question(mc, screen)

    # ------------------------------------------------ part 3: buzz-in
    next_part(mc, "giành quyền", screen)
    scene(screen, "board")
    # Q4: team 4 buzzes first and answers right.
    mc_key(mc, "d", "#btn-draw")
    scene(screen, "question")
    text = question_text(mc)
    expect(pads[3].locator("#q-text")).to_have_text(text)
    good = correct_label(mc)
    assert_no_answer_leak(pads[4], ".pad-option.is-correct")
    expect(pads[3].locator("#buzz")).to_be_disabled()  # not open yet
    mc_key(mc, "b", "#btn-buzz")
    expect(screen.locator("#q-countdown")).to_have_text("Bấm chuông!")
    expect(pads[3].locator("#buzz")).to_be_enabled()
    pads[3].locator("#buzz").click()
    pads[4].wait_for_timeout(120)
    pads[4].locator("#buzz").click()
    expect(screen.locator("[data-testid=buzz-winner]")).to_contain_text(teams[3], timeout=10_000)
    expect(pads[3].locator("#pad-status")).to_contain_text("giành quyền")
    expect(screen.locator("#q-countdown")).to_have_text(re.compile(r"^1[0-5]$"))
    screen.screenshot(path=str(screenshots / "screen-buzz.png"))
    pads[3].screenshot(path=str(screenshots / "pad-buzz.png"))
    assert_no_answer_leak(screen, ".bs-option.is-correct")
    option = pads[3].locator(f".pad-option[data-label='{good}']")
    expect(option).to_be_enabled()
    option.click()
    expect(screen.locator("#q-info")).to_contain_text("Đúng")
    mc_key(mc, "r", "#btn-reveal")
    expect(screen.locator(f".bs-option.is-correct[data-label='{good}']")).to_be_visible()
    next_question(mc, screen)

    # Q5: team 6 wins the buzz and answers wrongly (−5); the question reopens; team 7 gets it.
    mc_key(mc, "d", "#btn-draw")
    scene(screen, "question")
    good = correct_label(mc)
    mc_key(mc, "b", "#btn-buzz")
    expect(pads[5].locator("#buzz")).to_be_enabled()
    pads[5].locator("#buzz").click()
    expect(screen.locator("[data-testid=buzz-winner]")).to_contain_text(teams[5], timeout=10_000)
    pads[5].locator(f".pad-option[data-label='{wrong_label(good)}']").click()
    expect(pads[5].locator("#pad-status")).to_contain_text("Sai")
    expect(pads[6].locator("#buzz")).to_be_enabled(timeout=10_000)
    expect(pads[5].locator("#buzz")).to_be_disabled()
    pads[6].locator("#buzz").click()
    expect(screen.locator("[data-testid=buzz-winner]")).to_contain_text(teams[6], timeout=10_000)
    pads[6].locator(f".pad-option[data-label='{good}']").click()
    mc_key(mc, "r", "#btn-reveal")
    expect(screen.locator(f".bs-option.is-correct[data-label='{good}']")).to_be_visible()
    expect(screen.locator("#q-info")).to_contain_text(teams[6])
    next_question(mc, screen)

    # ------------------------------------------------ part 4: skit, judged
    next_part(mc, "Tiểu phẩm", screen)
    expect(mc.locator("#cast-wrap")).to_be_visible()
    for i in (0, 1):
        mc_do(mc, f"#teams tr:nth-child({i + 1}) [data-stage]")
        expect(screen.locator("#stage-team")).to_have_text(teams[i])
        expect(screen.locator("#stage-cast")).to_contain_text("Số người diễn")
        mc_key(mc, "j", "#btn-open-judging")
        for j, page in enumerate(judges):
            judge_sheet(page, teams[i], skit_marks(i, j))
    assert all(s["part_id"] != view_of(mc)["part_id"] for s in view_of(screen)["released_marks"])
    mc.locator("#parts [data-release]").first.click()  # confirm() is accepted
    scene(screen, "marks")
    expect(screen.locator("#marks-title")).to_contain_text("Tiểu phẩm")
    expect(screen.locator("#marks-table tbody tr")).to_have_count(2)

    # ------------------------------------------------ the end: standings and podium
    expected = {  # intro mean + knowledge points + skit mean
        0: 87 + 10 + 82,
        1: 84 + 0 + 81,
        2: 81,
        3: 78 + 10,
        4: 75,
        5: 72 - 5,
        6: 69 + 10,
        7: 66,
    }
    order = sorted(expected, key=lambda i: (-expected[i], i))
    rows = screen.locator("#standings li")
    expect(rows).to_have_count(8)
    for position, i in enumerate(order):
        expect(rows.nth(position).locator(".bs-sname")).to_have_text(teams[i])
        # the server's figure ("179.00"), printed the Vietnamese way
        expect(rows.nth(position).locator(".bs-stotal")).to_have_text(f"{expected[i]},00")
    screen.screenshot(path=str(screenshots / "screen-standings.png"))
    mc_do(mc, "#btn-finish")
    scene(screen, "podium")
    expect(screen.locator("[data-rank='1'] .bs-step-name")).to_have_text(teams[order[0]])
    expect(screen.locator("[data-rank='2'] .bs-step-name")).to_have_text(teams[order[1]])
    expect(screen.locator("[data-rank='3'] .bs-step-name")).to_have_text(teams[order[2]])
    expect(pads[0].locator("#pad-status")).to_contain_text("kết thúc")
    screen.screenshot(path=str(screenshots / "screen-podium.png"))
    has_scroll = screen.evaluate(
        "() => document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth"
    )
    assert not has_scroll, "the big screen must never scroll"
    assert errors == []
