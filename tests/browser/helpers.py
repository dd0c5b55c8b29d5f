"""Small steps shared by the browser tests: log in, join with a code, wait for live."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, Page, expect

PAD_VIEWPORT = {"width": 390, "height": 844}
SCREEN_VIEWPORT = {"width": 1920, "height": 1080}
MC_VIEWPORT = {"width": 1366, "height": 768}
JUDGE_VIEWPORT = {"width": 1180, "height": 820}
PROMPT_ANSWER = "Mời nhầm đội, làm lại"


def new_page(
    browser: Browser, viewport: dict, errors: list[str], name: str
) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"{name}: {exc}"))
    # confirm() is accepted; prompt() (the MC's undo reason) gets a reason.
    page.on(
        "dialog",
        lambda dialog: dialog.accept(PROMPT_ANSWER if dialog.type == "prompt" else None),
    )
    return context, page


def wait_live(page: Page) -> None:
    expect(page.locator("body")).to_have_attribute("data-live", "live", timeout=15_000)


def login(page: Page, base_url: str, username: str, password: str, next_path: str) -> None:
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(f"**{next_path}")
    wait_live(page)


def join(page: Page, base_url: str, code: str, expect_path: str) -> None:
    page.goto(f"{base_url}/hall/join/?code={code}")
    page.click(".join-form button[type=submit]")
    page.wait_for_url(f"**{expect_path}")
    wait_live(page)


def scene(page: Page, name: str) -> None:
    expect(page.locator("body")).to_have_attribute("data-scene", name, timeout=10_000)


def mc_do(mc: Page, selector: str) -> None:
    button = mc.locator(selector)
    expect(button).to_be_visible()
    expect(button).to_be_enabled()
    button.click()


def mc_key(mc: Page, key: str, button: str) -> None:
    """Press a keyboard shortcut once the button it stands for is shown and enabled."""
    expect(mc.locator(button)).to_be_visible()
    expect(mc.locator(button)).to_be_enabled()
    mc.locator("body").press(key)


def view_of(page: Page) -> dict:
    return page.evaluate("() => window.hallLive.view")


def correct_label(mc: Page) -> str:
    node = mc.locator("#question .option.is-correct")
    expect(node).to_have_count(1, timeout=10_000)
    return node.get_attribute("data-label")


def question_text(mc: Page) -> str:
    node = mc.locator("#question .mc-qtext")
    expect(node).not_to_be_empty(timeout=10_000)
    return node.inner_text().strip()
