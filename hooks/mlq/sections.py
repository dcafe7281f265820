"""The body sections every question page must have, and their extraction."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mlq.mathtext import tex_to_text

SHORT_ANSWER = "The 30-second answer"
FULL_ANSWER = "The full answer"
FOLLOW_UPS = "Follow-up questions"
MISTAKES = "Common mistakes"
REQUIRED = (SHORT_ANSWER, FULL_ANSWER, FOLLOW_UPS, MISTAKES)
OPTIONAL = ("References",)  # allowed after the required ones

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int  # 0-based index into the body's lines


@dataclass(frozen=True)
class Section:
    title: str
    line: int  # 1-based line in the file
    text: str


def outside_fences(lines: list[str]) -> list[bool]:
    """For each line: True when it is Markdown text, False when it is a fence line or inside a fenced block."""
    mask: list[bool] = []
    fence: str | None = None
    for line in lines:
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            mask.append(False)
        else:
            mask.append(fence is None)
    return mask


def headings(body: str) -> list[Heading]:
    """Markdown ATX headings outside fenced code blocks."""
    lines = body.split("\n")
    found: list[Heading] = []
    for index, (line, prose) in enumerate(zip(lines, outside_fences(lines), strict=True)):
        heading = _HEADING.match(line) if prose else None
        if heading:
            found.append(Heading(len(heading.group(1)), heading.group(2), index))
    return found


def split_sections(body: str, body_line: int) -> tuple[dict[str, Section], list[tuple[int, str]]]:
    """Return the level-2 sections by title, and (line, message) problems with their structure."""
    lines = body.split("\n")
    problems: list[tuple[int, str]] = []
    all_headings = headings(body)
    for heading in all_headings:
        if heading.level == 1:
            problems.append(
                (
                    body_line + heading.line,
                    "remove the '#' heading: the page title comes from 'title' in the front matter",
                )
            )
    h2 = [h for h in all_headings if h.level == 2]
    sections: dict[str, Section] = {}
    if h2 and "\n".join(lines[: h2[0].line]).strip():
        problems.append((body_line, f"text before the first section; start the body with '## {SHORT_ANSWER}'"))
    for position, heading in enumerate(h2):
        end = h2[position + 1].line if position + 1 < len(h2) else len(lines)
        text = "\n".join(lines[heading.line + 1 : end]).strip()
        line = body_line + heading.line
        if heading.text not in REQUIRED + OPTIONAL:
            problems.append((line, f"unknown section '## {heading.text}'; sections are: {', '.join(REQUIRED)}"))
            continue
        if heading.text in sections:
            problems.append((line, f"section '## {heading.text}' appears twice"))
            continue
        if not text:
            problems.append((line, f"section '## {heading.text}' is empty"))
        sections[heading.text] = Section(heading.text, line, text)
    present = [title for title in sections if title in REQUIRED]
    for title in REQUIRED:
        if title not in sections:
            problems.append((body_line, f"missing required section '## {title}'"))
    if present != [title for title in REQUIRED if title in sections]:
        problems.append((body_line, f"sections must come in this order: {', '.join(REQUIRED)}"))
    return sections, problems


# Math as pymdownx.arithmatex (generic mode) reads it: `$$...$$`, and `$...$` with no space inside either
# dollar and no backslash before the first. One place for these patterns: checks.py and site.py use them too.
# Both inline patterns start with a literal character (the lookbehind comes after the first `$`, and "``*" is
# "`+"), so the regex engine jumps from one `$` or backtick to the next instead of trying every position:
# several times faster on whole bodies.
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
INLINE_MATH = re.compile(r"\$(?<![\\$]\$)(?!\s)[^$\n]+?(?<!\s)\$")
INLINE_CODE = re.compile(r"(?P<ticks>``*)(?:(?!(?P=ticks)).)+?(?P=ticks)")
# Code first at each position: a `$` inside inline code does not start math.
_CODE_OR_MATH = re.compile(
    f"(?P<code>{INLINE_CODE.pattern})|(?P<math>(?s:{DISPLAY_MATH.pattern})|{INLINE_MATH.pattern})"
)
_HELD = re.compile(r"\x00(\d+)\x00")

_MARKUP = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)(\{[^}]*\})?"), r"\1"),  # links
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1"), r"\2"),
]
_LIST_MARKER = re.compile(r"^\s*([-*+]|\d+\.)\s+", re.M)


def _strip(markdown: str, keep_math_delimiters: bool) -> str:
    """Markdown markup removed; math held aside meanwhile, because `_` and `*` in TeX (`w_j`, `a^*`) are
    not emphasis and links' brackets are not intervals."""
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        if match.group("math") is None:
            return match.group(0)
        held.append(match.group("math"))
        return f"\x00{len(held) - 1}\x00"

    def give_back(match: re.Match[str]) -> str:
        math = held[int(match.group(1))]
        return math if keep_math_delimiters else tex_to_text(math.strip("$"))

    text = _CODE_OR_MATH.sub(hold, markdown)
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    text = _HELD.sub(give_back, text)
    # Runs of whitespace as one space, none at the ends: what `re.sub(r"\s+", " ", text).strip()` gives (the
    # same characters count as whitespace), several times faster.
    return " ".join(_LIST_MARKER.sub("", text).split())


def plain_text(markdown: str) -> str:
    """A rough plain-text rendering, for descriptions and word counts (math as Unicode text: ``λ ‖w‖₂²``)."""
    return _strip(markdown, keep_math_delimiters=False)


def answer_text(markdown: str) -> str:
    """Like plain_text, but keeps ``$...$`` math so a client can typeset it (practice page, decks)."""
    return _strip(markdown, keep_math_delimiters=True)


def summary(text: str, limit: int = 160) -> str:
    """The first ``limit`` characters of ``text``, cut at a word boundary."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def word_count(markdown: str) -> int:
    return len(plain_text(markdown).split())
