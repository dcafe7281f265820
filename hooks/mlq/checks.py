"""Checks on a question's Markdown body: no active HTML, and links between questions that resolve.

Contributed Markdown comes from strangers' pull requests, so it may not carry raw HTML (scripts, frames,
event handlers, ``javascript:`` links). Errors name the file's line; the MkDocs build checks every link
again, but only per page.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator

from mlq.codeblocks import ILLUSTRATION_MARK
from mlq.sections import DISPLAY_MATH, INLINE_CODE, INLINE_MATH, outside_fences

_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>")
_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>|<!--|<!\[CDATA\[|<\?")
_JS_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data):", re.I)
_JS_REF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?\s*(?:javascript|vbscript|data):", re.I | re.M)
# Not an image: the lookbehind follows the `[` so the engine can jump between brackets (see sections.py).
_LINK = re.compile(r"\[(?<!!\[)[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def _blank(match: re.Match[str]) -> str:
    """Replace a match by spaces, keeping newlines so line numbers survive."""
    return "\n".join(" " * len(part) for part in match.group(0).split("\n"))


def prose_lines(body: str) -> str:
    """The body with code (fenced and inline), math and autolinks blanked out, line structure kept."""
    lines = body.split("\n")
    kept = [
        line if prose and line.strip() != ILLUSTRATION_MARK else ""
        for line, prose in zip(lines, outside_fences(lines), strict=True)
    ]
    text = "\n".join(kept)
    for pattern in (DISPLAY_MATH, INLINE_CODE, INLINE_MATH, _AUTOLINK):
        text = pattern.sub(_blank, text)
    return text


_FORMULA = re.compile(f"(?s:{DISPLAY_MATH.pattern})|{INLINE_MATH.pattern}")


def formulas(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """(0-based line, TeX, display?) for each formula in ``markdown`` as arithmatex reads it: ``$$...$$`` and
    ``$...$`` outside code. `mlq check` typesets each one, as the build does."""
    lines = markdown.split("\n")
    text = "\n".join(line if prose else "" for line, prose in zip(lines, outside_fences(lines), strict=True))
    text = INLINE_CODE.sub(_blank, text)
    for match in _FORMULA.finditer(text):
        formula = match.group(0)
        display = formula.startswith("$$")
        yield _line_of(text, match.start()), formula[2:-2] if display else formula[1:-1], display


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index)


def unsafe_html(text: str) -> Iterator[tuple[int, str]]:
    """(0-based line, message) for raw HTML and script links in ``text``, a body's ``prose_lines``."""
    for match in _TAG.finditer(text):
        snippet = match.group(0)[:40]
        yield _line_of(text, match.start()), f"raw HTML is not allowed in questions ({snippet!r}); use Markdown"
    # Every reference definition has a `]:`; without one, skip _JS_REF, which is tried at every position.
    for pattern in (_JS_LINK, _JS_REF) if "]:" in text else (_JS_LINK,):
        for match in pattern.finditer(text):
            yield _line_of(text, match.start()), "links to javascript:, vbscript: or data: URLs are not allowed"


def slugify(text: str) -> str:
    """Heading ids as Python-Markdown's toc extension makes them (its default slugify)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def relative_links(text: str) -> Iterator[tuple[int, str]]:
    """(0-based line, target) for every Markdown link in ``text`` (a body's ``prose_lines``) that is not
    external or a bare anchor."""
    for match in _LINK.finditer(text):
        target = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            continue
        yield _line_of(text, match.start()), target


ID_LINK = re.compile(r"^(?P<id>mlq-[0-9]+)(?:#(?P<anchor>.*))?$")


def replace_id_links(body: str, path_of: Callable[[str], str | None]) -> str:
    """``body`` with each link to a question id (``[text](mlq-0042#anchor)``) pointed at ``path_of(id)``, the
    question's file relative to this page; ids without a path are left as written (the checks report them)."""
    if "](mlq-" not in body and "]( mlq-" not in body:
        return body  # most pages: no id link, no need to find the prose
    prose = prose_lines(body).split("\n")  # same columns as the body on every line that can hold a link
    lines = body.split("\n")
    for index, line in enumerate(prose):
        # Right to left, so earlier columns stay valid as targets change length.
        for match in reversed(list(_LINK.finditer(line))):
            wanted = ID_LINK.match(match.group(1))
            path = path_of(wanted.group("id")) if wanted else None
            if wanted and path is not None:
                anchor = wanted.group("anchor")
                target = path if anchor is None else f"{path}#{anchor}"
                lines[index] = lines[index][: match.start(1)] + target + lines[index][match.end(1) :]
    return "\n".join(lines)


def resolve(target: str, from_uri: str) -> tuple[str, str]:
    """(src_uri, anchor) of a relative link written in the page ``from_uri``."""
    path, _, anchor = target.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), path)), anchor
