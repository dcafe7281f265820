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
# on_page_context): the page that gets its markup back must get the same treatment.
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def for_search(page_html: str) -> str:
    """``page_html`` with the markup inside highlighted code blocks reduced to their ``<code>`` tags."""
    return _HIGHLIGHTED.sub(lambda m: m.group(1) + _NOT_CODE_TAG.sub("", m.group(2)) + m.group(3), page_html)


def after_search(page_html: str) -> str:
    """The full page as the search plugin would have left it after indexing it."""
    return _SEARCH_ATTRIBUTE.sub("", page_html)
