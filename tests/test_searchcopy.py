"""The light copy Material's search plugin reads (hooks/mlq/searchcopy.py) must index exactly like the page."""

from __future__ import annotations

import inspect
import re
from typing import Any

import markdown
import pytest
from material.plugins.search.plugin import Parser, SearchPlugin
from mkdocs.config import load_config

from conftest import REPO
from mlq import Content, build_site
from mlq.searchcopy import PLUGIN_PATTERN, after_search, for_search


def _indexed(page_html: str) -> list[tuple[Any, str, str]]:
    """What the search plugin's own parser makes of a page: (section id, title, text) per section."""
    parser = Parser()
    parser.feed(page_html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the site's configured extensions (highlighting as the build does it)."""
    config = load_config(str(REPO / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def test_code_block_markup_goes_and_its_text_stays(site_markdown: markdown.Markdown) -> None:
    page = site_markdown.convert("## Code\n\n```python\nx = [1, 2]  # a <list>\nprint(x)\n```\n\nAfter `inline`.\n")
    light = for_search(page)
    assert page.count("<span") > 5 and light.count("<span") == 0 and "__codelineno" not in light
    assert "<code>" in light and "inline</code>" in light  # code tags stay: the index keeps them
    assert _indexed(light) == _indexed(page)


def test_every_real_page_indexes_the_same_from_the_light_copy(
    site_markdown: markdown.Markdown, real_content: Content
) -> None:
    """All generated pages of the real site (questions with code, indices), converted as the build converts them."""
    site = build_site(real_content)
    with_code = 0
    for uri, text in sorted(site.pages.items()):
        site_markdown.reset()
        page = site_markdown.convert(text)
        light = for_search(page)
        with_code += light != page
        assert _indexed(light) == _indexed(page), uri
    assert with_code >= 20  # the comparison did cover code blocks


def test_after_search_removes_what_the_plugin_removes() -> None:
    page = '<p data-search-exclude>x</p><h2 id="a" data-search-boost="2">A</h2><pre><span class="k">def</span></pre>'
    assert after_search(page) == '<p data-search-exclude>x</p><h2 id="a">A</h2><pre><span class="k">def</span></pre>'
    # The installed plugin still removes exactly this pattern after indexing (fails if a Material upgrade changes it).
    plugin_source = inspect.getsource(SearchPlugin.on_page_context)
    assert 'r"\\s?data-search-\\w+=\\"[^\\"]+\\""' in plugin_source


@pytest.mark.parametrize(
    "page",
    [
        '<p data-search-exclude="1">x</p>',
        '<h2 id="a"\tdata-search-boost="2" data-search-exclude="y">A</h2>',
        'data-search-a="1"data-search-b="2" \n data-search-c="3"',
        '\u2028data-search-x="y" \u00a0data-search-z="w"',
        'data-search-a="unclosed <p data-search-b="2">',
        "no attributes here, only data-search- words",
    ],
)
def test_after_search_removes_what_the_plugins_pattern_removes(page: str) -> None:
    assert after_search(page) == re.sub(PLUGIN_PATTERN, "", page)
    assert PLUGIN_PATTERN == r"\s?data-search-\w+=\"[^\"]+\""  # the pattern the installed plugin uses (see above)
