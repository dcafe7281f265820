"""The built site in a real browser (Debian's Chromium driven by Playwright), served over HTTP under a
sub-path as on GitHub Pages."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import serve_directory

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("MLQ_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUESTION = "questions/fundamentals/what-is-regularization/"
PAGE_TYPES = {
    "home": "",
    "question": QUESTION,
    "topic index": "topics/regularization/",
    "company index": "companies/amazon/",
    "notebook": "notebooks/logistic-regression-numpy/",
    "practice": "practice/",
    "mock interview": "mock/",
    "study plan": "plan/",
}


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    with serve_directory(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} does not exist (.ci/run installs it with apt)")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's `chromium` package to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.mark.parametrize(
    ("chip", "expected"),
    [
        (".mlq-chip--topic >> nth=0", "topics/regularization/"),
        (".mlq-chip--easy", "difficulty/easy/"),
        (".mlq-chip--category", "questions/fundamentals/"),
    ],
)
def test_chips_lead_to_index_pages(page: Any, base_url: str, chip: str, expected: str) -> None:
    page.goto(base_url + QUESTION)
    page.click(f"article {chip}")
    page.wait_for_url(base_url + expected)
    assert page.locator("article a[href$='what-is-regularization/']").count() >= 1  # the index lists it


def test_company_chip_leads_to_the_company_index(page: Any, base_url: str) -> None:
    page.goto(base_url + "questions/math-statistics/mle-vs-map-regularization/")
    page.click("article .mlq-chip--company")
    page.wait_for_url(base_url + "companies/amazon/")
    assert page.locator("article a[href^='https://']").count() >= 1  # each entry links to its public source


def test_practice_mode_hides_reveals_and_persists(page: Any, base_url: str) -> None:
    page.goto(base_url + QUESTION)
    page.wait_for_selector("#mlq-practice-toggle")
    assert page.locator("h2#the-full-answer + *").is_visible()
    assert page.locator(".mlq-answer").count() == 0  # the page is only restructured once the mode is used
    full = page.locator("#mlq-answer-the-full-answer")
    page.check("#mlq-practice-toggle")
    assert not full.is_visible()
    page.click("button[aria-controls='mlq-answer-the-full-answer']")
    assert full.is_visible()
    page.reload()
    assert page.is_checked("#mlq-practice-toggle")  # remembered across reloads
    assert not page.locator("#mlq-answer-the-full-answer").is_visible()
    page.click(".mlq-reveal-all")
    assert page.locator("#mlq-answer-common-mistakes").is_visible()
    page.uncheck("#mlq-practice-toggle")
    page.reload()
    assert not page.is_checked("#mlq-practice-toggle")
    assert page.locator("h2#the-full-answer + *").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_practice_mode_buttons_are_legible_in_both_schemes(browser: Any, base_url: str, scheme: str) -> None:
    """The theme draws outlined buttons in indigo, about 2.6:1 on the dark scheme's background; site.css lightens
    them on every page, not only in the study tools."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + QUESTION, wait_until="networkidle")
    page.check("#mlq-practice-toggle")
    assert page.locator(".mlq-reveal").first.is_visible() and page.locator(".mlq-reveal-all").is_visible()
    found = Axe().run(
        page, context={"include": [[".mlq-reveal"], [".mlq-reveal-all"]]}, options={"runOnly": ["color-contrast"]}
    )
    context.close()
    assert found.response["violations"] == [], found.response["violations"]


def test_practice_page_honours_filters_and_records_progress(page: Any, base_url: str) -> None:
    page.goto(base_url + "practice/")
    page.select_option("#mlq-filter-category", "deep-learning")
    page.select_option("#mlq-filter-difficulty", "hard")
    for _ in range(5):  # every draw matches the filters
        assert page.text_content(".mlq-card-meta").startswith("Deep Learning · Hard")
        page.click("#mlq-next")
    assert page.text_content("#mlq-known-count").startswith("0 of ")
    first = page.get_attribute("#mlq-card-title", "data-question-id")
    page.click("#mlq-reveal-answer")
    assert page.locator("#mlq-card-answer").is_visible()
    page.click("#mlq-grade-easy")
    assert page.text_content("#mlq-known-count").startswith("1 of ")
    assert page.get_attribute("#mlq-card-title", "data-question-id") != first  # not due again today
    page.click("#mlq-mastery summary")
    assert page.text_content("li[data-group='deep-learning'] .mlq-known") == "1"
    page.reload()
    assert page.input_value("#mlq-filter-category") == "deep-learning"  # filters survive a reload
    assert page.text_content("#mlq-known-count").startswith("1 of ")  # and so does progress
    page.click("#mlq-data summary")
    page.click("#mlq-reset")
    page.click("#mlq-reset-yes")
    assert page.text_content("#mlq-known-count").startswith("0 of ")


def test_math_is_typeset_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # typeset at build time: no script needed
    page = context.new_page()
    page.goto(base_url + QUESTION)
    text = page.inner_text("article")
    count = page.locator(".arithmatex .katex").count()
    context.close()
    assert "$$" not in text and "\\(" not in text and "\\[" not in text
    assert count > 5


# Everything a question page fetches before the reader does anything, uncompressed (the test server does not
# gzip; GitHub Pages does, to about a third). The theme's CSS and JS are ~270 KB of it; the search index and
# KaTeX's script must not be. Raise the budget only with a measurement in docs/page-weight.md.
QUESTION_PAGE_BUDGET = 520_000


def test_question_page_loads_within_its_byte_budget(page: Any, base_url: str) -> None:
    sizes: dict[str, int] = {}
    page.on("response", lambda response: sizes.__setitem__(urlsplit(response.url).path, len(response.body())))
    page.goto(base_url + QUESTION, wait_until="networkidle")
    page.wait_for_timeout(500)
    names = {path.rsplit("/", 1)[-1] for path in sizes}
    assert not names & {"index.json", "text.json", "minisearch.js", "katex.min.js", "mermaid.min.js"}
    assert "katex.min.css" in names  # this page has math
    total = sum(sizes.values())
    breakdown = "\n".join(f"{size:>8} {path}" for path, size in sorted(sizes.items(), key=lambda kv: -kv[1]))
    assert total <= QUESTION_PAGE_BUDGET, f"{total} bytes:\n{breakdown}"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_console_errors_and_no_third_party_requests(browser: Any, base_url: str, kind: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    origin = urlsplit(base_url).netloc
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def check(request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != origin:
            foreign.append(request.url)

    page.on("request", check)
    page.goto(base_url + PAGE_TYPES[kind], wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    assert errors == []
    assert foreign == []


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_accessibility_has_no_serious_violations(page: Any, base_url: str, kind: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + PAGE_TYPES[kind], wait_until="networkidle")
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_phone_viewport_has_no_horizontal_scroll(browser: Any, base_url: str, kind: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + PAGE_TYPES[kind], wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


_CODE_CELLS = """() => {
  const width = e => e.getBoundingClientRect().width;
  const pres = [...document.querySelectorAll(".highlight-ipynb pre")];
  const longest = pres.reduce((a, b) => (b.scrollWidth > a.scrollWidth ? b : a));
  return {
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    longest: [longest.scrollWidth, longest.clientWidth, getComputedStyle(longest).whiteSpace, longest.tabIndex],
    wrapping: pres.filter(p => getComputedStyle(p).whiteSpace !== "pre").length,
    article: width(document.querySelector("article")),
    editors: [...document.querySelectorAll(".jp-InputArea-editor")].map(width),
  };
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_notebook_code_cells_scroll_sideways_and_fill_the_article(browser: Any, base_url: str, width: int) -> None:
    """A wrapped Python line breaks its indentation: code cells scroll like code blocks on question pages, are
    focusable so a keyboard can scroll them, and are as wide as the article (no empty strip beside them)."""
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.goto(base_url + PAGE_TYPES["notebook"], wait_until="networkidle")
    found = page.evaluate(_CODE_CELLS)
    context.close()
    assert found["overflow"] <= 0  # the page itself never scrolls sideways
    scroll_width, client_width, white_space, tab_index = found["longest"]
    assert scroll_width > client_width and white_space == "pre" and tab_index == 0
    assert found["wrapping"] == 0
    assert all(abs(editor - found["article"]) <= 1 for editor in found["editors"]), found


_LISTING = """() => {
  const items = [...document.querySelectorAll("article li")].filter(li => li.querySelector("a.mlq-item-title"));
  const links = items.flatMap(li => [...li.querySelectorAll("a")]);
  return {
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    items: items.length,
    underlined: links.filter(a => getComputedStyle(a).textDecorationLine.includes("underline")).map(a => a.textContent),
    notChips: links.filter(a => !a.matches(".mlq-item-title, .mlq-chip")).map(a => a.textContent),
    titleOwnLine: items.every(li => {
      const title = li.querySelector("a.mlq-item-title").getBoundingClientRect();
      return [...li.querySelectorAll("a.mlq-chip")].every(chip => chip.getBoundingClientRect().top >= title.bottom);
    }),
    here: links.filter(a => a.href === location.href).length,
  };
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_topic_index_lists_questions_as_links_with_quiet_chips(browser: Any, base_url: str, width: int) -> None:
    """Scannable: the question is the link, on its own line; difficulty, category and other topics are chips
    (not underlined); the page's own topic is not repeated on every line."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + PAGE_TYPES["topic index"], wait_until="networkidle")
    found = page.evaluate(_LISTING)
    context.close()
    assert found["items"] > 5 and found["overflow"] <= 0
    assert found["underlined"] == [] and found["notChips"] == [] and found["titleOwnLine"], found
    assert found["here"] == 0  # no chip links back to this topic


def test_content_tables_look_as_the_theme_draws_them_and_are_not_moved_again(page: Any, base_url: str) -> None:
    """Tables come wrapped from the build with class mlq-table (hooks/mlq/tables.py). The theme's script must
    leave them alone, and the page must look as if the script had wrapped them: same computed style as the
    theme's own `table:not([class])` rules give inside the same wrapper."""
    page.goto(base_url + "questions/algorithms-models/dbscan-vs-kmeans/", wait_until="networkidle")
    assert page.locator("article table.mlq-table").count() >= 1
    assert page.locator("article table:not([class])").count() == 0
    assert page.locator(".md-typeset__table .md-typeset__table").count() == 0  # not wrapped twice
    styles = """(strip) => {
        const table = document.querySelector("article table.mlq-table");
        if (strip) table.removeAttribute("class");
        const read = (el) => {
            const style = getComputedStyle(el);
            return Array.from(style).map((p) => p + ":" + style.getPropertyValue(p));
        };
        return [table, table.querySelector("th"), table.querySelector("td"), table.parentElement].map(read);
    }"""
    ours = page.evaluate(styles, False)
    theme = page.evaluate(styles, True)
    assert ours == theme


# The colour switch (overrides/partials/javascripts/palette.html) in place of the theme's palette component.
_PALETTE_STATE = """() => {
    const header = getComputedStyle(document.querySelector("[data-md-component=header]"));
    const meta = (name) => document.querySelector(`meta[name=${name}]`)?.content ?? null;
    const key = Object.keys(localStorage).find((k) => k.endsWith(".__palette"));
    return {
        scheme: document.body.dataset.mdColorScheme,
        switching: document.body.hasAttribute("data-md-color-switching"),
        toggle: [...document.querySelectorAll(".md-header__option label")].filter((l) => !l.hidden).map((l) => l.title),
        colorScheme: meta("color-scheme"),
        headerScheme: header.colorScheme,
        themeColor: meta("theme-color"),
        headerColor: header.backgroundColor,
        stored: key ? JSON.parse(localStorage.getItem(key)) : null,
    };
}"""


def _palette(page: Any) -> dict[str, Any]:
    page.wait_for_function("document.querySelector('meta[name=theme-color]')?.content")  # set once idle
    state: dict[str, Any] = page.evaluate(_PALETTE_STATE)
    rgb = [int(v) for v in state.pop("headerColor").replace("rgb(", "").rstrip(")").split(",")[:3]]
    state["headerHex"] = "#" + "".join(f"{v:02x}" for v in rgb)
    return state


def test_colour_switch_toggles_persists_and_sets_the_browser_colours(browser: Any, base_url: str) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url + QUESTION, wait_until="load")
    assert page.locator("[data-md-component=palette]").count() == 0  # the theme's component is not mounted
    light = _palette(page)
    assert light["scheme"] == "default" and light["toggle"] == ["Switch to dark mode"]
    assert light["colorScheme"] == light["headerScheme"] == "light"
    assert light["themeColor"] == light["headerHex"]
    assert light["stored"]["index"] == 0 and light["stored"]["color"]["scheme"] == "default"

    page.locator(".md-header__option label:not([hidden])").click()
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    dark = _palette(page)
    assert dark["scheme"] == "slate" and dark["toggle"] == ["Switch to light mode"]
    assert dark["colorScheme"] == dark["headerScheme"] == "dark"
    assert dark["themeColor"] == dark["headerHex"]
    assert dark["stored"] == {
        "index": 1,
        "color": {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo", "accent": "indigo"},
    }

    # The choice holds on the next page, from its first parse (not after the theme's script has run).
    page.goto(base_url, wait_until="commit")
    page.wait_for_selector("[data-md-component=header]", state="attached")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.wait_for_load_state("load")
    assert _palette(page)["toggle"] == ["Switch to light mode"]

    # Enter on the focused switch goes to the next palette, as with the theme's component.
    page.focus("#__palette_1")
    page.keyboard.press("Enter")
    assert _palette(page)["scheme"] == "default"
    context.close()


def test_first_visit_follows_the_system_colour_scheme(browser: Any, base_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + QUESTION, wait_until="load")
    state = _palette(page)
    context.close()
    assert state["scheme"] == "slate" and state["toggle"] == ["Switch to light mode"]
    assert state["colorScheme"] == state["headerScheme"] == "dark"


def test_page_load_does_not_restyle_the_whole_page(browser: Any, base_url: str) -> None:
    """The colour attributes on <body> (and the switching flag, `[data-md-color-switching] *` in the theme's
    CSS) and the page's colour scheme apply to every element: changing any of them means styling the whole
    page again. Once the header is parsed nothing may change them until the reader acts. The theme's palette
    component re-set them all when its script ran: three whole-page style calculations in the longest task
    of the load (docs/page-weight.md)."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.add_init_script(
        """window.__restyles = [];
        new MutationObserver((records) => {
            for (const r of records) {
                const el = r.target;
                const watched = el === document.body || (el.localName === "meta" && el.name === "color-scheme");
                if (watched && document.querySelector("main")) window.__restyles.push(
                    `${el.localName} ${r.attributeName}: ${r.oldValue} -> ${el.getAttribute(r.attributeName)}`);
            }
        }).observe(document, {attributes: true, attributeOldValue: true, subtree: true});"""
    )
    page.goto(base_url + QUESTION, wait_until="load")
    page.wait_for_function("document.querySelector('meta[name=theme-color]')?.content")
    restyles = page.evaluate("window.__restyles")
    context.close()
    assert restyles == [], "\n".join(restyles)
