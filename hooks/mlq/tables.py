"""Content tables wrapped at build time the way Material's script wraps them after load.

Material's bundle moves every ``table:not([class])`` into ``div.md-typeset__scrollwrap > div.md-typeset__table``
once the page has loaded. On a long page that is a layout of the whole page while the reader waits (Lighthouse
counts it as blocking time). Written into the HTML here, the wrapper costs nothing at load; the table gets
``TABLE_CLASS`` so the script leaves it alone, and ``site.css`` repeats the theme's ``table:not([class])``
rules for that class (a test keeps the two in step with the installed theme).
"""

from __future__ import annotations

import re

TABLE_CLASS = "mlq-table"

_TABLE_TAG = re.compile(r"<(?P<close>/?)table\b(?P<attrs>[^>]*)>", re.I)
_CLASS = re.compile(r"\sclass\s*=", re.I)
_OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
_CLOSE = "</div></div>"


def wrap_tables(page_html: str) -> str:
    """Every ``<table>`` without a class, wrapped as Material would and given ``TABLE_CLASS``.

    Tables that already have a class (notebook data frames, the site's own listings) are left alone, as the
    theme leaves them. A stack pairs each closing tag with its opening tag, so nested tables close correctly.
    """
    out: list[str] = []
    wrapped: list[bool] = []  # one entry per open <table>: whether this pass wrapped it
    pos = 0
    for tag in _TABLE_TAG.finditer(page_html):
        if not tag.group("close"):
            attrs = tag.group("attrs")
            wrap = _CLASS.search(attrs) is None
            wrapped.append(wrap)
            if wrap:
                out += [page_html[pos : tag.start()], _OPEN, f'<table class="{TABLE_CLASS}"{attrs}>']
                pos = tag.end()
        elif wrapped and wrapped.pop():
            out += [page_html[pos : tag.end()], _CLOSE]
            pos = tag.end()
    out.append(page_html[pos:])
    return "".join(out)
