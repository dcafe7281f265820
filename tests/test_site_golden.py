"""The pure generator against golden files: content in, exact pages and exports out.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_site_golden.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import BASIC
from mlq import Content, build_site, load_content
from mlq.site import dest_path, html_math, page_url, relative

GOLDEN = Path(__file__).parent / "golden" / "basic"
TODAY = dt.date(2026, 12, 1)  # the fixture's Google report (2019) is then more than four years old


def _generated() -> dict[str, str | bytes]:
    site = build_site(
        load_content(BASIC), site_url="https://example.org/guide/", repo_url="https://example.org/repo", today=TODAY
    )
    return {**site.pages, **site.static}


def test_pages_match_golden_files() -> None:
    generated = _generated()
    if os.environ.get("UPDATE_GOLDEN"):
        for uri, data in generated.items():
            path = GOLDEN / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert on_disk == set(generated), "generated files differ from tests/golden/basic (UPDATE_GOLDEN=1 to refresh)"
    for uri, data in generated.items():
        expected = data if isinstance(data, bytes) else data.encode("utf-8")
        assert (GOLDEN / uri).read_bytes() == expected, f"{uri} differs from its golden file"


def test_generation_is_deterministic() -> None:
    assert _generated() == _generated()


@pytest.mark.parametrize(
    ("src_uri", "dest", "url"),
    [
        ("index.md", "index.html", ""),
        ("topics/index.md", "topics/index.html", "topics/"),
        ("topics/overfitting.md", "topics/overfitting/index.html", "topics/overfitting/"),
        ("api/questions.json", "api/questions.json", "api/questions.json"),
    ],
)
def test_dest_path_follows_directory_urls(src_uri: str, dest: str, url: str) -> None:
    assert dest_path(src_uri) == dest
    assert page_url(src_uri) == url


def test_relative_links_between_pages() -> None:
    assert (
        relative("topics/overfitting.md", "questions/fundamentals/regularization.md") == "../../topics/overfitting.md"
    )
    assert relative("questions/fundamentals/index.md", "questions/fundamentals/regularization.md") == "index.md"
    assert relative("difficulty/easy.md", "index.md") == "difficulty/easy.md"


def test_home_page_snippet_counts_topics_and_lists_companies(real_content: Content) -> None:
    """The home page's summary (<!-- mlq:browse -->): every topic in use counted once, every company listed once."""
    snippet = build_site(real_content).snippet("browse", "index.md")
    topics = {t for q in real_content.questions for t in q.meta.topics}
    companies = sorted({c.key for q in real_content.questions for c in q.companies})
    total = len(real_content.questions)
    assert f"**{total} questions** in all, on\n[{len(topics)} topics](topics/index.md)." in snippet
    titles = real_content.taxonomy.companies
    listed = ", ".join(f"[{titles[key].title}](companies/{key}.md)" for key in companies)
    assert f"Reported at {listed} (each with its public source)." in snippet


def test_html_math_escapes_text_and_wraps_formulas_for_the_build_to_typeset() -> None:
    assert str(html_math("Is <b> $a < b_1$ & $c$?")) == (
        'Is &lt;b&gt; <span class="arithmatex">\\(a &lt; b_1\\)</span> &amp; <span class="arithmatex">\\(c\\)</span>?'
    )
