"""The copy of a page that Material's search plugin reads: the same text with less markup.

The plugin indexes each page by walking ``page.content`` with Python's ``HTMLParser`` (a fifth of a 1,000-question
build). Inside a highlighted code block every token is a ``<span>``, and the parser keeps none of them: all it
keeps there is the text (whitespace included, as in ``<pre>``) and the ``<pre>``/``<code>`` tags. So the plugin gets
the blocks with the token spans and line anchors taken out, which yields the same index (tests compare the plugin's
own parser on both copies), and the page gets its full markup back before its template is rendered.
"""

from __future__ import annotations

import re

# pymdownx.highlight's block: <div class="highlight"><pre><span></span><code>...tokens...</code></pre></div>
_HIGHLIGHTED = re.compile(r'(<div class="highlight"[^>]*>\s*<pre[^>]*>)(.*?)(</pre>)', re.S)
_NOT_CODE_TAG = re.compile(r"<(?!/?code\b)[^>]*>")

# What the search plugin itself removes from the page once indexed (material/plugins/search/plugin.py,
# on_page_context, `re.sub(PLUGIN_PATTERN, "", page.content)`): the page that gets its markup back must get the
# same treatment.
PLUGIN_PATTERN = r"\s?data-search-\w+=\"[^\"]+\""
_SEARCH_ATTRIBUTE = re.compile(PLUGIN_PATTERN.removeprefix(r"\s?"))


def for_search(page_html: str) -> str:
    """``page_html`` with the markup inside highlighted code blocks reduced to their ``<code>`` tags."""
    return _HIGHLIGHTED.sub(lambda m: m.group(1) + _NOT_CODE_TAG.sub("", m.group(2)) + m.group(3), page_html)


def after_search(page_html: str) -> str:
    """The full page as the search plugin would have left it after indexing it.

    The same text as ``re.sub(PLUGIN_PATTERN, "", page_html)``, an order of magnitude faster: a pattern that
    starts with an optional ``\\s`` makes the regex engine try every position of the page, so this one starts
    at the literal ``data-search-`` and the whitespace character before a match goes with it here.
    """
    kept: list[str] = []
    pos = 0
    for match in _SEARCH_ATTRIBUTE.finditer(page_html):
        start = match.start()
        if start > pos and page_html[start - 1].isspace():  # str.isspace() and `\s` agree on every character
            start -= 1
        kept.append(page_html[pos:start])
        pos = match.end()
    kept.append(page_html[pos:])
    return "".join(kept)
