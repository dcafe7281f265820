"""Plain text from Markdown (descriptions, exports, decks, the practice page): markup goes, math survives."""

from __future__ import annotations

import re

import pytest

from mlq import Content
from mlq.mathtext import tex_to_text
from mlq.sections import INLINE_CODE, INLINE_MATH, SHORT_ANSWER, answer_text, plain_text

ANSWER = (
    r"L2 adds $\lambda \|w\|_2^2 = \lambda \sum_j w_j^2$ to the *loss*; see [the guide](../x.md)."
    "\n- **bold with $a_b^*$ inside**\n- `code with $x_1$` and a price of $5 or $10.\n"
    r"$$\hat y = \arg\max_k p_k$$"
)


def test_answer_text_keeps_math_exactly_as_written() -> None:
    assert answer_text(ANSWER) == (
        r"L2 adds $\lambda \|w\|_2^2 = \lambda \sum_j w_j^2$ to the loss; see the guide. "
        r"bold with $a_b^*$ inside code with $x_1$ and a price of $5 or $10. $$\hat y = \arg\max_k p_k$$"
    )


def test_plain_text_reads_math_as_unicode_text() -> None:
    assert plain_text(ANSWER) == (
        "L2 adds λ ‖w‖₂² = λ Σⱼ wⱼ² to the loss; see the guide. "
        "bold with a_b^* inside code with $x_1$ and a price of $5 or $10. ŷ = arg maxₖ pₖ"
    )


def test_emphasis_around_math_is_still_removed() -> None:
    assert answer_text(r"*the loss $L_i$ is convex*") == r"the loss $L_i$ is convex"


def test_every_formula_of_every_real_short_answer_survives(real_content: Content) -> None:
    """What the practice page, the Anki deck, the CSV and the export typeset is the formula the author wrote."""
    checked = 0
    for question in real_content.questions:
        source = question.sections[SHORT_ANSWER].text
        for formula in INLINE_MATH.findall(source):
            assert formula in question.short_answer_math, (question.id, formula)
            assert tex_to_text(formula.strip("$")) in question.short_answer, (question.id, formula)
            checked += 1
    assert checked >= 100  # the real answers do carry math


@pytest.mark.parametrize(
    "text",
    [
        "$a$ and \\$b$ and $$c$$ and a$b$ and $ d$ and $e $ and $f$$g$",
        "`code $x$` and ``two `ticks` here`` and `a``b` and ``` and x`y`z",
        "start $x$\n$y$ end\n$$\n$z$",
    ],
)
def test_math_and_code_patterns_match_as_their_lookbehind_first_forms(text: str) -> None:
    """The patterns start with a literal character for speed; they match exactly what the plain forms match."""
    math = re.compile(r"(?<![\\$])\$(?!\s)[^$\n]+?(?<!\s)\$")
    code = re.compile(r"(?P<ticks>`+)(?:(?!(?P=ticks)).)+?(?P=ticks)")
    for fast, plain in ((INLINE_MATH, math), (INLINE_CODE, code)):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_whitespace_runs_collapse_to_single_spaces() -> None:
    assert plain_text("\u2028 one\t\u00a0two\x0b\x1c three \u3000") == "one two three"
