"""Math typeset at build time with KaTeX, run in an embedded V8 (mini-racer).

pymdownx.arithmatex (generic mode) leaves ``\\(...\\)`` and ``\\[...\\]`` in ``<span|div class="arithmatex">``.
Typesetting them here instead of in the reader's browser means a page with math needs only KaTeX's stylesheet
and fonts: no 270 KB script to download and run on a phone, no layout shift when formulas appear, math that
reads without JavaScript, and a formula KaTeX cannot parse stops the build instead of showing red text.
The output keeps KaTeX's MathML next to its HTML, so screen readers read the formula.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KATEX_JS = Path(__file__).parent / "vendor" / "katex" / "katex.min.js"

# What arithmatex's generic mode writes (and any attributes added to it); the content is
# HTML-escaped TeX with its delimiters.
_MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex"(?P<attrs>[^>]*)>'
    r"(?P<tex>\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>",
    re.S,
)


def has_math(page_html: str) -> bool:
    return 'class="arithmatex"' in page_html


# Runs in V8: KaTeX's own error message, not the whole stack with the minified source.
_RENDER_JS = """
function mlqRender(tex, display) {
  try {
    return {html: katex.renderToString(tex, {displayMode: display, throwOnError: true, output: "htmlAndMathml"})};
  } catch (e) {
    return {error: String(e && e.message || e)};
  }
}
"""


@dataclass(frozen=True)
class MathError(Exception):
    """A formula KaTeX cannot typeset. ``tex`` is the formula as written, without delimiters."""

    tex: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} (in the formula {self.tex!r})"


class MathRenderer:
    """One V8 context with KaTeX loaded; results cached per formula (repeated formulas are common)."""

    def __init__(self) -> None:
        from py_mini_racer import MiniRacer  # imported here: only builds need V8, not `mlq check`

        self._ctx: Any = MiniRacer()
        self._ctx.eval(KATEX_JS.read_text(encoding="utf-8"))
        self._ctx.eval(_RENDER_JS)
        self._cache: dict[tuple[str, bool], str] = {}

    def render(self, tex: str, display: bool) -> str:
        key = (tex, display)
        if key not in self._cache:
            result = json.loads(self._ctx.eval(f"JSON.stringify(mlqRender({json.dumps(tex)}, {json.dumps(display)}))"))
            if "error" in result:
                raise MathError(tex, result["error"])
            self._cache[key] = result["html"]
        return self._cache[key]


def typeset(page_html: str, renderer: MathRenderer) -> tuple[str, int]:
    """Replace arithmatex's placeholders in ``page_html`` by KaTeX output; return the HTML and the count.

    The wrapper element, its class and other attributes stay (the theme styles them).
    """
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        display = match.group("display") is not None
        tex = html.unescape(match.group("display") if display else match.group("inline"))
        count += 1
        tag, attrs = match.group("tag"), match.group("attrs")
        return f'<{tag} class="arithmatex"{attrs}>{renderer.render(tex.strip(), display)}</{tag}>'

    return _MATH.sub(replace, page_html), count


def source_line(source: str, tex: str) -> int | None:
    """The 1-based line of ``source`` where ``tex`` (or its first line) appears, for error messages."""
    needle = tex.strip().splitlines()[0].strip() if tex.strip() else ""
    if not needle:
        return None
    index = source.find(needle)
    return source.count("\n", 0, index) + 1 if index >= 0 else None
