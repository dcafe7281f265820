"""Lighter notebook pages.

mkdocs-jupyter inlines JupyterLab's whole stylesheet (about 575 KB, ~3,000 rules) into every notebook page and
embeds each figure as base64 in the HTML. On a phone that is a large download to parse and a long style pass
before anything shows. Here the stylesheet moves into one shared file, cut down to the rules whose classes
notebook pages use, and figures become PNG files next to the page, loaded lazily with their size reserved.
Pure functions over HTML and CSS; the hook decides where files go.
"""

from __future__ import annotations

import base64
import hashlib
import html as htmllib
import itertools
import re
import struct
from collections.abc import Callable, Iterable

import tinycss2  # type: ignore[import-untyped]

# mkdocs-jupyter's bundled JupyterLab stylesheet: the <style> block that defines .jupyter-wrapper's variables.
_STYLE = re.compile(r"<style[^>]*>(?P<css>.*?)</style>", re.S)
_BUNDLE_MARK = ".jupyter-wrapper{--"
_CLASS_ATTR = re.compile(r"""\sclass=(?:"([^"]*)"|'([^']*)')""")
_DATA_IMG = re.compile(
    r'<img(?P<before>[^>]*?)\ssrc="data:image/png;base64,(?P<data>[A-Za-z0-9+/=\s]+)"(?P<after>[^>]*)>'
)


def split_bundled_css(page_html: str, href: str) -> tuple[str, str | None]:
    """Replace JupyterLab's inlined stylesheet by a ``<link>`` to ``href``; return the HTML and the CSS."""
    for match in _STYLE.finditer(page_html):
        if _BUNDLE_MARK in match.group("css"):
            link = f'<link rel="stylesheet" href="{htmllib.escape(href)}">'
            return page_html[: match.start()] + link + page_html[match.end() :], match.group("css").strip()
    return page_html, None


def used_classes(page_html: str) -> set[str]:
    """Every class name in ``class`` attributes of ``page_html``."""
    return {name for m in _CLASS_ATTR.finditer(page_html) for name in (m.group(1) or m.group(2) or "").split()}


def _selectors(prelude: list[tinycss2.ast.Node]) -> list[list[tinycss2.ast.Node]]:
    groups: list[list[tinycss2.ast.Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return groups


def _required_classes(selector: list[tinycss2.ast.Node]) -> set[str]:
    # Only classes at the top level of the selector are required to match; classes inside functions
    # such as :not(.x) or :is(.x, .y) are not, so those selectors are kept.
    required = set()
    for previous, token in itertools.pairwise(selector):
        if previous.type == "literal" and previous.value == "." and token.type == "ident":
            required.add(token.value)
    return required


_GROUPING = {"media", "supports", "layer"}


def _rewrite(rules: Iterable[tinycss2.ast.Node], qualified: Callable[[tinycss2.ast.Node], str]) -> str:
    """A rule list rewritten: each qualified rule by ``qualified`` (``""`` drops it); grouping at-rules
    (@media, @supports, @layer) recursively, dropped when left empty; other at-rules (@font-face, @keyframes,
    @charset, @import) kept as they are."""
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            out.append(qualified(rule))
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            body = _rewrite(inner, qualified)
            if body:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{body}}}")
        elif rule.type == "at-rule":
            out.append(rule.serialize())
    return "".join(out)


def _keep_used_selectors(rule: tinycss2.ast.Node, used: set[str]) -> str:
    kept = [sel for sel in _selectors(rule.prelude) if _required_classes(sel) <= used]
    if not kept:
        return ""
    return f"{','.join(tinycss2.serialize(sel).strip() for sel in kept)}{{{tinycss2.serialize(rule.content)}}}"


_VAR_REF = re.compile(r"var\(\s*(--[\w-]+)")


def _custom_properties(css: str) -> dict[str, list[str]]:
    """Every custom property declared in ``css`` -> the values it is given (to follow var() chains)."""
    found: dict[str, list[str]] = {}

    def walk(rules: Iterable[tinycss2.ast.Node]) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
                    if decl.type == "declaration" and decl.name.startswith("--"):
                        found.setdefault(decl.name, []).append(tinycss2.serialize(decl.value))
            elif rule.type == "at-rule" and rule.content:
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


def _needed_properties(css: str, elsewhere: str) -> set[str]:
    """Custom properties read by a var() in ``css`` outside custom properties, or in ``elsewhere``, and
    everything those read in turn."""
    declared = _custom_properties(css)
    plain = re.sub(r"(--[\w-]+)\s*:[^;}]*", "", css)  # the sheet without its custom property declarations
    todo = set(_VAR_REF.findall(plain)) | set(_VAR_REF.findall(elsewhere))
    needed: set[str] = set()
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        for value in declared.get(name, []):
            todo |= set(_VAR_REF.findall(value)) - needed
    return needed


def _keep_needed_properties(rule: tinycss2.ast.Node, needed: set[str]) -> str:
    decls = [
        d
        for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
        if d.type == "declaration" and (not d.name.startswith("--") or d.name in needed)
    ]
    if not decls:
        return ""
    body = ";".join(
        f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}" for d in decls
    )
    return f"{tinycss2.serialize(rule.prelude).strip()}{{{body}}}"


def purge_css(css: str, used: set[str], elsewhere: str = "") -> str:
    """``css`` without the selectors that need a class no page uses, then without the custom properties
    (``--x: ...``) nothing reads. ``elsewhere`` is other CSS/HTML on the pages whose var() reads count too."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    by_class = _rewrite(rules, lambda rule: _keep_used_selectors(rule, used))
    needed = _needed_properties(by_class, elsewhere)
    rules = tinycss2.parse_stylesheet(by_class, skip_comments=True, skip_whitespace=True)
    return _rewrite(rules, lambda rule: _keep_needed_properties(rule, needed))


# One cell's standard output reaches nbconvert in as many chunks as the kernel happened to flush: a print
# before a slow step is sent on its own or not, depending on timing. Each chunk becomes its own output block,
# so two builds of the same notebook could differ. Consecutive stdout blocks (nbconvert's stream_stdout markup,
# plain text only) are joined here, as Jupyter's own front ends join them.
_STDOUT_BLOCK = r'<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain"[^>]*>\s*<pre>'
_STDOUT_SEAM = re.compile(
    rf"(?P<first>{_STDOUT_BLOCK}[^<]*)</pre>\s*</div>\s*</div>\s*"
    rf'<div class="jp-OutputArea-child">\s*(?:<div class="jp-OutputPrompt jp-OutputArea-prompt"></div>\s*)?'
    rf"{_STDOUT_BLOCK}"
)


def join_stdout_chunks(page_html: str) -> str:
    """Consecutive standard-output blocks of a cell joined into one block."""
    while True:
        page_html, joined = _STDOUT_SEAM.subn(r"\g<first>", page_html)
        if not joined:
            return page_html


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's IHDR chunk, or None if ``data`` is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def extract_figures(page_html: str) -> tuple[str, dict[str, bytes]]:
    """Base64 PNG figures become files named by their content hash, referenced relatively, loaded lazily.

    Returns the HTML and ``{file name: bytes}`` for files to write next to the page.
    """
    files: dict[str, bytes] = {}

    def replace(match: re.Match[str]) -> str:
        data = base64.b64decode("".join(match.group("data").split()))
        name = f"figure-{hashlib.sha256(data).hexdigest()[:16]}.png"
        files[name] = data
        size = png_size(data)
        dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
        return f'<img{match.group("before")} src="{name}"{dims} loading="lazy" decoding="async"{match.group("after")}>'

    return _DATA_IMG.sub(replace, page_html), files


# nbconvert leaves the TeX of a Markdown cell as written (`$...$`, `$$...$$`) for MathJax, which the page
# loads from its `mathjax_url`: empty here, so the page carried `<script src="">` and showed raw TeX. The
# formulas get arithmatex's markup instead, so the build typesets them as it does question pages.
_MARKDOWN_CELL = re.compile(
    r'(?P<open><div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(?P<body>.*?)(?P<close></div>)',
    re.S,
)
_CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.S)
# Within one paragraph: no tag (`<` in HTML text always opens one) and no blank line; a formula may wrap a line.
_DISPLAY_PARAGRAPH = re.compile(r"<p>\s*\$\$(?P<tex>[^<]+?)\$\$\s*</p>")
_DISPLAY = re.compile(r"\$\$(?P<tex>[^<]+?)\$\$")
_INLINE = re.compile(r"\$(?<![\\$]\$)(?!\s)(?P<tex>(?:[^$<\n]|\n(?![ \t]*\n))+?)(?<!\s)\$")
_MATHJAX = re.compile(
    r"<!-- Load mathjax -->\s*<script[^>]*>\s*</script>\s*"
    r"(?:<!-- MathJax configuration -->\s*<script type=\"text/x-mathjax-config\">.*?</script>\s*"
    r"<!-- End of mathjax configuration -->)?",
    re.S,
)


def _mark_math(text: str) -> str:
    text = _DISPLAY_PARAGRAPH.sub(lambda m: f'<div class="arithmatex">\\[{m.group("tex")}\\]</div>', text)
    text = _DISPLAY.sub(lambda m: f'<span class="arithmatex">\\[{m.group("tex")}\\]</span>', text)
    return _INLINE.sub(lambda m: f'<span class="arithmatex">\\({m.group("tex")}\\)</span>', text)


def mark_math(page_html: str) -> str:
    """Formulas in a notebook page's Markdown cells wrapped as arithmatex wraps them (code left alone);
    the MathJax loader and its configuration removed."""

    def cell(match: re.Match[str]) -> str:
        parts = _CODE.split(match.group("body"))
        body = "".join(part if index % 2 else _mark_math(part) for index, part in enumerate(parts))
        return match.group("open") + body + match.group("close")

    return _MARKDOWN_CELL.sub(cell, _MATHJAX.sub("", page_html))


# Code cells and printed output scroll sideways instead of wrapping (a wrapped Python line breaks its
# indentation; site.css). A region that scrolls must be reachable from the keyboard, so each `<pre>` is focusable.
_CODE_PRE = re.compile(
    r'(<div class="highlight-ipynb[^"]*">|<div class="jp-RenderedText jp-OutputArea-output"[^>]*>\s*)<pre>'
)


def focusable_code(page_html: str) -> str:
    """Each code cell's and text output's ``<pre>`` made focusable (``tabindex="0"``), for keyboard scrolling."""
    return _CODE_PRE.sub(r'\1<pre tabindex="0">', page_html)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_CELL_AT = re.compile(r"Cell In\[\d+\], line (\d+)")


def cell_error_line(notebook_source: str, message: str) -> int | None:
    """The line of ``notebook_source`` (a percent-format notebook) where the cell in an execution error raised.

    ``message`` is nbclient's CellExecutionError text: the cell's source between dashed rules, then the
    traceback, whose ``Cell In[n], line k`` gives the line within the cell.
    """
    message = _ANSI.sub("", message)
    parts = message.split("------------------\n")
    source = parts[1].strip("\n") if len(parts) >= 3 else ""
    start = notebook_source.find(source) if source else -1
    if start < 0:
        return None
    first = notebook_source.count("\n", 0, start) + 1
    within = _CELL_AT.search(message)
    return first + int(within.group(1)) - 1 if within else first
