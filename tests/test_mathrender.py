"""Math typeset at build time (hooks/mlq/mathrender.py), with the vendored KaTeX in an embedded V8."""

from __future__ import annotations

import pytest

from mlq.invariants import raw_tex
from mlq.mathrender import MathError, MathRenderer, has_math, source_line, typeset


@pytest.fixture(scope="module")
def renderer() -> MathRenderer:
    return MathRenderer()


def test_inline_and_display_math_are_typeset_in_place(renderer: MathRenderer) -> None:
    page = (
        '<p>A penalty <span class="arithmatex">\\(\\lambda \\lVert w \\rVert_2^2 &lt; 1\\)</span> here.</p>\n'
        '<div class="arithmatex">\\[\n\\hat{y} = \\frac{1}{n}\\sum_i x_i\n\\]</div>'
    )
    assert has_math(page)
    html, count = typeset(page, renderer)
    assert count == 2
    assert html.startswith('<p>A penalty <span class="arithmatex"><span class="katex">')
    assert '<div class="arithmatex"><span class="katex-display">' in html
    # The TeX survives only as MathML's annotation (what screen readers and copy-paste use); &lt; was unescaped.
    assert '<annotation encoding="application/x-tex">\\lambda \\lVert w \\rVert_2^2 &lt; 1</annotation>' in html
    assert "\\(" not in html and "\\[" not in html


def test_text_without_math_is_untouched(renderer: MathRenderer) -> None:
    page = '<p>Costs $5 and <span class="other">\\(x\\)</span></p>'
    assert typeset(page, renderer) == (page, 0)
    assert not has_math(page)


def test_a_formula_katex_cannot_parse_raises_with_the_formula(renderer: MathRenderer) -> None:
    with pytest.raises(MathError) as caught:
        typeset('<span class="arithmatex">\\(\\frac{1}{\\)</span>', renderer)
    assert caught.value.tex == "\\frac{1}{"
    assert "KaTeX parse error" in str(caught.value) and "minified" not in str(caught.value)
    assert len(str(caught.value)) < 300  # KaTeX's message, not a stack trace with its source


def test_source_line_finds_the_formula() -> None:
    source = "---\ntitle: x\n---\n\nText with $a + b$.\n\n$$\n\\frac{a}{b}\n$$\n"
    assert source_line(source, "a + b") == 5
    assert source_line(source, "\n\\frac{a}{b}\n") == 8
    assert source_line(source, "z^2") is None


def test_raw_tex_finds_formulas_nothing_typeset(renderer: MathRenderer) -> None:
    def page(article: str) -> str:
        return f"<script>var a = '$x_1$';</script><article>{article}</article>"

    assert raw_tex(page("<p>Let $X \\in \\mathbb R^{n}$ be</p>")) == "$X \\in \\mathbb R^{n}$"
    assert raw_tex(page("<p>the step $t$ and $$a+b$$</p>")) == "$t$"
    assert raw_tex(page("<p>minimises $C\\sum_i \\ell_i +\n\\lVert w \\rVert$ over</p>")) is not None
    assert raw_tex(page('<span class="arithmatex">\\(d_k\\)</span>')) == "\\(d_k\\)"
    typeset_page, _ = typeset('<span class="arithmatex">\\(d_k\\)</span>', renderer)
    assert raw_tex(page(typeset_page)) is None  # KaTeX's MathML annotation keeps the TeX on purpose
    assert raw_tex(page("<p>Costs $5 and $6.</p><pre>$x_1$</pre><code>$y$</code>")) is None
    assert (
        raw_tex(page('<div data-search-exclude class="clipboard-copy-txt" id="cell-1">ax.set_xlabel("$x_1$")</div>'))
        is None
    )
