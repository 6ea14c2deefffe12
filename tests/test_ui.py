"""Browser tests: Playwright drives Debian's Chromium (headless) against `pactwatch serve` on loopback.

Screenshots go to test-output/screenshots/. Without /usr/bin/chromium the tests skip, except in CI
(CI=true), where they fail: `make test` installs it.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PACTWATCH_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not Path(CHROMIUM).is_file():
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing; `make test` installs it (apt-get install chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing; run `make test` or apt-get install chromium", allow_module_level=True)

from playwright.sync_api import ConsoleMessage, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def page(web_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=ARGS, headless=True, viewport={"width": 1400, "height": 900}
        )
        context.set_default_timeout(15_000)
        pg = context.new_page()
        errors: list[str] = []
        pg.on("console", lambda m: _console(m, errors))
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.on("dialog", lambda d: errors.append(f"dialog opened: {d.message}"))
        pg.base = web_server  # type: ignore[attr-defined]
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def _console(message: ConsoleMessage, errors: list[str]) -> None:
    if message.type == "error" and "favicon" not in message.text:
        errors.append(message.text)


def _go(page: Page, path: str) -> None:
    page.errors.clear()  # type: ignore[attr-defined]
    page.goto(page.base + path)  # type: ignore[attr-defined]


def _clean(page: Page) -> None:
    """No script error, no CSP violation, no dialog, no hostile script ran."""
    assert page.evaluate("window.__pwned === undefined")
    assert page.errors == [], page.errors  # type: ignore[attr-defined]


def test_network_slider_node_and_edge(page: Page) -> None:
    _go(page, "/?on=2024-06-28")
    expect(page.locator("body[data-on='2024-06-28']")).to_have_count(1)
    before = int(page.locator("body").get_attribute("data-edges") or 0)
    assert before > 10 and page.locator("#legend .swatch").count() >= 2
    page.screenshot(path=SHOTS / "network-2024-06-28.png")
    slider = page.locator("#slider")
    slider.evaluate(
        "s => { s.value = String(Math.round((Date.parse('1995-01-01') - Date.parse(s.dataset.first)) / 864e5)); }"
    )
    slider.dispatch_event("change")
    expect(page.locator("body[data-on='1995-01-01']")).to_have_count(1)
    assert page.locator("#day").inner_text() == "1995-01-01"
    assert int(page.locator("body").get_attribute("data-edges") or 0) != before
    page.screenshot(path=SHOTS / "network-1995-01-01.png")
    slider.evaluate(
        "s => { s.value = String(Math.round((Date.parse('2024-06-28') - Date.parse(s.dataset.first)) / 864e5)); }"
    )
    slider.dispatch_event("change")
    expect(page.locator("body[data-on='2024-06-28']")).to_have_count(1)
    _click(page, "node#PRK")
    expect(page.locator("#details h2")).to_contain_text("PRK")
    expect(page.locator("#details table").first).to_contain_text("RUS")
    expect(page.locator("#details a[href^='/events/']").first).to_be_visible()
    page.screenshot(path=SHOTS / "network-node-PRK.png")
    # the node panel opens a tie by name: PRK-RUS is short and may lie wholly under nodes
    page.click("#details button.tie[data-tie='PRK-RUS']")
    expect(page.locator("body[data-timeline='PRK-RUS']")).to_have_count(1)
    expect(page.locator("#details h2")).to_contain_text("PRK – RUS")
    expect(page.locator("#details")).to_contain_text("Evidence")
    assert page.locator("#details .evidence-list li").count() > 0
    page.screenshot(path=SHOTS / "network-edge-PRK-RUS.png")
    tie = _click_edge(page, "PRK", "PRK-RUS")
    expect(page.locator(f"body[data-timeline='{tie}']")).to_have_count(1, timeout=20_000)
    expect(page.locator("#details h2")).to_contain_text(tie.replace("-", " – "))
    _clean(page)


def _click(page: Page, selector: str) -> None:
    """Click a node with the mouse where Cytoscape drew it (its rendered position inside #cy)."""
    page.evaluate("s => window.pactwatch.cy.$(s).length || (() => { throw new Error('no ' + s); })()", selector)
    pos = _settled_position(page, selector)
    _mouse_at(page, pos)


def _mouse_at(page: Page, pos: dict[str, float]) -> None:
    box = page.locator("#cy").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


def _settled_position(page: Page, selector: str) -> dict[str, float]:
    """Where a node is drawn once the layout has stopped moving it (a busy machine can still be
    animating when the test reads a position, and the click then misses)."""
    script = "s => { const p = window.pactwatch.cy.$(s)[0].renderedPosition(); return {x: p.x, y: p.y}; }"
    pos: dict[str, float] = page.evaluate(script, selector)
    for _ in range(40):
        page.wait_for_timeout(250)
        again: dict[str, float] = page.evaluate(script, selector)
        if abs(again["x"] - pos["x"]) < 0.5 and abs(again["y"] - pos["y"]) < 0.5:
            return again
        pos = again
    return pos


# For each tie of the node: zoom onto it, then walk along it and take the first point (in whole
# client pixels, as the mouse sends them) where Cytoscape's own hit test finds that edge topmost,
# there and 3 px to every side (nodes and other edges may cover the rest of it).
_CLICKABLE_TIE = (
    "([node, skip]) => { const cy = window.pactwatch.cy, box = cy.container(), r = box.getBoundingClientRect();"
    " const left = r.left + box.clientLeft, top = r.top + box.clientTop;"
    " const on = (e, cx, cy_) => { const pan = cy.pan(), z = cy.zoom();"
    "   const hit = cy.renderer().findNearestElement((cx - left - pan.x) / z, (cy_ - top - pan.y) / z, true);"
    "   return hit !== null && hit !== undefined && hit.id() === e.id(); };"
    " for (const e of cy.$id(node).connectedEdges().toArray()) { if (e.id() === skip) continue;"
    "   cy.fit(e.connectedNodes(), 150);"
    "   const a = e.source().renderedPosition(), b = e.target().renderedPosition();"
    "   for (let i = 1; i < 40; i++) { const f = i / 40;"
    "     const x = Math.round(left + a.x + (b.x - a.x) * f), y = Math.round(top + a.y + (b.y - a.y) * f);"
    "     if ([[0, 0], [3, 0], [-3, 0], [0, 3], [0, -3]].every(([dx, dy]) => on(e, x + dx, y + dy)))"
    "       return {id: e.id(), x: x, y: y}; } }"
    " return null; }"
)


def _click_edge(page: Page, node: str, skip: str) -> str:
    """Click, with the mouse, one of the node's ties other than `skip`; returns the tie's id."""
    _settled_position(page, f"node#{node}")
    found: dict[str, float | str] | None = page.evaluate(_CLICKABLE_TIE, [node, skip])
    assert found is not None, f"no tie of {node} is uncovered anywhere along its length"
    page.mouse.click(float(found["x"]), float(found["y"]))
    return str(found["id"])


def test_events_table_filters_and_event_page(page: Page) -> None:
    _go(page, "/events")
    total = int(page.locator("#count").inner_text().split()[0])
    page.fill("input[name=actor]", "PRK")
    page.select_option("select[name=type]", "AID")
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"actor=PRK"))
    rows = page.locator("#events tbody tr")
    assert 0 < rows.count() < total
    assert all(t == "AID" for t in rows.locator("td:nth-child(2)").all_inner_texts())
    page.screenshot(path=SHOTS / "events-PRK-AID.png", full_page=True)
    rows.first.locator("a").click()
    expect(page.locator("article.source").first).to_be_visible()
    marks = page.locator("article.source .text mark")
    assert marks.count() == page.locator("article.source").count()
    assert marks.first.inner_text().strip() == page.locator("blockquote.evidence").first.inner_text().strip()
    page.screenshot(path=SHOTS / "event-page.png", full_page=True)
    _clean(page)


def test_hostile_article_is_inert(page: Page) -> None:
    _go(page, "/events?q=rocket+launchers&actor=CHN")
    page.locator("#events a", has_text="onerror").first.click()
    expect(page.locator("article.source .text mark").first).to_contain_text("<script>window.__pwned")
    assert page.locator("main img, main script").count() == 0
    page.screenshot(path=SHOTS / "hostile-event.png", full_page=True)
    _clean(page)
    _go(page, "/documents/hostile-1")
    expect(page.locator("h1")).to_contain_text("<b onmouseover=alert(1)>t</b>")
    assert page.locator("main img, main script, main b").count() == 0
    _clean(page)


def test_treaty_page(page: Page) -> None:
    _go(page, "/treaties")
    page.locator("#treaties a", has_text="NATO").first.click()
    expect(page.locator("h1")).to_contain_text("North Atlantic Treaty")
    expect(page.locator("#provisions .prov-defense mark").first).to_be_visible()
    assert page.locator("#members tbody tr").count() >= 12
    page.screenshot(path=SHOTS / "treaty-nato.png", full_page=True)
    _clean(page)


def test_scenario_explorer(page: Page) -> None:
    _go(page, "/scenario")
    page.fill("input[name=attacked]", "PRK")
    page.fill("input[name=by]", "USA")
    page.fill("input[name=on]", "2025-01-01")
    page.click("button[type=submit]")
    expect(page.locator("#summary")).to_contain_text("PRK")
    triggered = page.locator("#obligations tr.status-triggered")
    assert triggered.count() >= 1
    assert "RUS" in triggered.locator("td:nth-child(2)").all_inner_texts()
    assert page.locator("#cascade tbody tr").count() >= 1
    page.screenshot(path=SHOTS / "scenario-PRK-USA.png", full_page=True)
    _clean(page)
