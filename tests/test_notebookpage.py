"""Notebook pages made lighter: pure functions over HTML and CSS (hooks/mlq/notebookpage.py)."""

from __future__ import annotations

import base64
import struct
import zlib

from mlq.notebookpage import (
    extract_figures,
    focusable_code,
    join_stdout_chunks,
    mark_math,
    png_size,
    purge_css,
    split_bundled_css,
    used_classes,
)


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_split_moves_only_the_bundled_stylesheet_into_a_link() -> None:
    page = (
        '<style type="text/css">pre { line-height: 125%; }</style>'
        '<style type="text/css">\n.jupyter-wrapper{--jp-x: 1px}.jp-Cell{margin:0}\n</style><div class="jp-Cell"></div>'
    )
    html, css = split_bundled_css(page, "../../assets/stylesheets/notebook.css")
    assert css == ".jupyter-wrapper{--jp-x: 1px}.jp-Cell{margin:0}"
    assert html == (
        '<style type="text/css">pre { line-height: 125%; }</style>'
        '<link rel="stylesheet" href="../../assets/stylesheets/notebook.css"><div class="jp-Cell"></div>'
    )
    assert split_bundled_css("<p>no notebook</p>", "x.css") == ("<p>no notebook</p>", None)


def test_used_classes_reads_both_quote_styles() -> None:
    assert used_classes("""<div class="a b"><span class='c'></span><p id="class"></p></div>""") == {"a", "b", "c"}


def test_purge_keeps_rules_whose_classes_are_used() -> None:
    css = (
        ".used{color:red}"
        ".unused{color:blue}"
        ".used .unused,.used>p{margin:0}"  # one selector of two survives
        "p:not(.unused){padding:0}"  # a class inside :not() is not required
        "[data-theme=dark] .used{color:white}"
        "@media (max-width: 10px){.unused{x:1}.used{y:2}}"
        "@media print{.unused{x:1}}"  # left empty: dropped
        "@font-face{font-family:F;src:url(f.woff2)}"
    )
    assert purge_css(css, {"used"}) == (
        ".used{color:red}"
        ".used>p{margin:0}"
        "p:not(.unused){padding:0}"
        "[data-theme=dark] .used{color:white}"
        "@media (max-width: 10px){.used{y:2}}"
        "@font-face{font-family:F;src:url(f.woff2)}"
    )


def test_purge_drops_custom_properties_nothing_reads_following_var_chains() -> None:
    css = ":root{--a: var(--b);--b: 1px;--c: 2px;--d: 3px;--unread: 4px}.used{margin:var(--a)}.gone{margin:var(--c)}"
    # --a is read by a kept rule and reads --b; --c was read only by a dropped rule; --d is read by the page.
    assert purge_css(css, {"used"}, elsewhere='<p style="width: var(--d)"></p>') == (
        ":root{--a:var(--b);--b:1px;--d:3px}.used{margin:var(--a)}"
    )


def test_png_size_reads_the_header() -> None:
    assert png_size(_png(7, 3)) == (7, 3)
    assert png_size(b"GIF89a") is None


def test_figures_become_files_with_their_size_and_lazy_loading() -> None:
    data = _png(4, 2)
    encoded = base64.b64encode(data).decode()
    page = f'<p><img alt="plot" class="" src="data:image/png;base64,{encoded[:10]}\n{encoded[10:]}"></p>'
    html, files = extract_figures(page)
    (name,) = files
    assert files[name] == data and name.startswith("figure-") and name.endswith(".png")
    assert html == f'<p><img alt="plot" class="" src="{name}" width="4" height="2" loading="lazy" decoding="async"></p>'
    again, same = extract_figures(page + page)
    assert same == files and again.count(name) == 2  # named by content: the same figure is one file


def _output(text: str, cls: str = "jp-RenderedText jp-OutputArea-output", mime: str = "text/plain") -> str:
    """One output block as nbconvert's lab template writes it."""
    return (
        '<div class="jp-OutputArea-child">\n<div class="jp-OutputPrompt jp-OutputArea-prompt"></div>\n'
        f'<div class="{cls}" data-mime-type="{mime}" tabindex="0">\n<pre>{text}</pre>\n</div>\n</div>\n'
    )


def test_stdout_chunks_of_a_cell_become_one_block() -> None:
    area = '<div class="jp-OutputArea jp-Cell-outputArea">\n{}</div>'
    split = area.format(_output("first\n") + _output("second\n") + _output("third &lt;x&gt;\n"))
    assert join_stdout_chunks(split) == area.format(_output("first\nsecond\nthird &lt;x&gt;\n"))


def test_other_outputs_are_not_joined() -> None:
    kept = [
        _output("printed\n") + _output("42", cls="jp-RenderedText jp-OutputArea-output jp-OutputArea-executeResult"),
        _output("printed\n") + _output("warning\n", mime="application/vnd.jupyter.stderr"),
        _output("printed\n") + _output("shown", cls="jp-RenderedText jp-OutputArea-output "),  # display()
        _output('<span class="ansi-red-fg">red</span>\n') + _output("plain\n"),  # coloured text: left as is
    ]
    for page in kept:
        assert join_stdout_chunks(page) == page


def test_markdown_cell_math_gets_arithmatex_markup_and_mathjax_is_removed() -> None:
    cell = '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">'
    page = (
        '<!-- Load mathjax -->\n<script src=""> </script>\n<!-- MathJax configuration -->\n'
        '<script type="text/x-mathjax-config">\n init_mathjax(); $x$\n</script>\n<!-- End of mathjax configuration -->'
        f"{cell}<p>Let $X \\in \\mathbb R^{{n\\times d}}$ and $a &lt; b$, not <code>$HOME</code>.</p>\n"
        "<p>$$\n\\Sigma = V S V^\\top\n$$</p>\n"
        "<p>Costs $5 and $6. Minimises $C\\sum_i \\ell_i +\n\\lVert w \\rVert^2$.</p></div>"
        '<div class="jp-OutputArea"><pre>$not a formula$</pre></div>'
    )
    html = mark_math(page)
    assert "<script" not in html and "mathjax" not in html.lower()
    assert '<span class="arithmatex">\\(X \\in \\mathbb R^{n\\times d}\\)</span>' in html
    assert '<span class="arithmatex">\\(a &lt; b\\)</span>' in html  # still escaped: typeset() unescapes it
    assert '<div class="arithmatex">\\[\n\\Sigma = V S V^\\top\n\\]</div>' in html  # a block, not inside a <p>
    assert "<code>$HOME</code>" in html and "<pre>$not a formula$</pre>" in html  # code and outputs left alone
    assert "Costs $5 and $6." in html
    assert '<span class="arithmatex">\\(C\\sum_i \\ell_i +\n\\lVert w \\rVert^2\\)</span>' in html  # wraps a line


def test_code_and_text_output_blocks_are_focusable_for_keyboard_scrolling() -> None:
    page = (
        '<div class="highlight-ipynb hl-python"><pre><span></span>x = 1</pre></div>'
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" tabindex="0">\n<pre>1</pre>'
        '<div class="jp-RenderedMarkdown"><pre>markdown code</pre></div>'
    )
    html = focusable_code(page)
    assert html.count('<pre tabindex="0">') == 2 and "<pre>markdown code</pre>" in html
