"""Helpers for browser tests: sizes, the accessibility scan, screenshots."""

import os
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")

# Screenshots the tests take to be looked at by a person; git-ignored.
SCREENSHOT_DIR = Path(os.environ.get("E2E_SCREENSHOT_DIR", "test-results/e2e"))


def axe_violations(page: Page, *, tags: list[str] | None = None) -> list[dict]:
    """Run axe-core on the page as it is now; return its violations (an empty list is good)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SOURCE)
    result = page.evaluate(
        "options => window.axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": tags or WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    """One line per failing element, to read in an assertion message."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(
            f"    {', '.join(map(str, node['target']))} — {node['failureSummary']}"
            for node in violation["nodes"]
        )
    return "\n".join(lines)


def save_screenshot(page: Page, name: str) -> Path:
    """A full-page PNG under test-results/e2e/ for a person to look at."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def tab_to(page: Page, target: Locator, *, max_presses: int = 40) -> int:
    """Press Tab until ``target`` has the focus, as a keyboard user would; return the count."""
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return presses
    raise AssertionError(f"{target} jamais atteint en {max_presses} appuis sur Tab")


def focus_outline(page: Page) -> dict[str, str]:
    """The computed outline of the focused element: how a sighted keyboard user finds it."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            const {outlineStyle, outlineWidth, outlineColor} = style;
            return {style: outlineStyle, width: outlineWidth, color: outlineColor};
        }"""
    )


def focus_ring(page: Page) -> dict:
    """The focused element's outline and its contrast with the background around it.

    WCAG 2.1 (1.4.11, 2.4.7): a focus indicator must be seen, at 3:1 against what surrounds it.
    The background is the colour painted under the ring (transparency ignored).
    """
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const rgb = colour => colour.match(/[\\d.]+/g).map(Number);
            const luminance = ([r, g, b]) => {
                const [R, G, B] = [r, g, b].map(c => {
                    c /= 255;
                    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
                });
                return 0.2126 * R + 0.7152 * G + 0.0722 * B;
            };
            // What lies under the ring: hit-test just beside the element (the ring itself is
            // not hit-testable), so a positioned element such as the skip link is judged
            // against what it is drawn over, not against its parent in the markup.
            const box = element.getBoundingClientRect();
            const beside = document.elementsFromPoint(
                Math.max(0, box.left - 4), box.top + box.height / 2
            ).filter(other => other !== element && !element.contains(other));
            let ground = beside[0] || element.parentElement;
            let background = [255, 255, 255];
            while (ground) {
                const parts = rgb(getComputedStyle(ground).backgroundColor);
                if (parts.length === 3 || parts[3] > 0) { background = parts.slice(0, 3); break; }
                ground = ground.parentElement;
            }
            const [a, b] = [luminance(rgb(style.outlineColor)), luminance(background)];
            return {
                element: element.outerHTML.slice(0, 120),
                style: style.outlineStyle,
                width: parseFloat(style.outlineWidth),
                contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
            };
        }"""
    )


def admin_log_in(page: Page, username: str, password: str) -> None:
    """Sign in to the Wagtail admin through its own form, as a person does."""
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile("/login/"))


def assert_axe_clean(page: Page, *, tags: list[str] | None = None) -> None:
    """No axe violation on the page as it is now (WCAG 2.1 A and AA unless ``tags`` say)."""
    violations = axe_violations(page, tags=tags)
    assert not violations, f"{page.url}\n{describe_violations(violations)}"
