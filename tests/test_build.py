"""Full strict builds in a temporary folder."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, SUBPATH, BuildFailed
from mlq import build_site, load_content
from mlq.cli import record_urls
from mlq.invariants import check_built_site, raw_tex

pytestmark = pytest.mark.build
Build = Callable[[Path], Path]


def test_fixture_site_builds_strictly_with_every_index(tree: Path, build: Build) -> None:
    site = build(tree)
    page = (site / "questions/fundamentals/regularization/index.html").read_text(encoding="utf-8")
    assert 'href="../../../topics/regularization/"' in page
    assert 'href="../../../companies/meta/"' in page
    assert 'href="../../../difficulty/easy/"' in page
    assert "edit/main/content/questions/fundamentals/regularization.md" in page
    assert "<h1" in page and "What is regularization" in page
    # Links written with a question's id (tests/fixtures/basic: auc-roc.md) lead to the question's page.
    auc = (site / "questions/evaluation-metrics/auc-roc/index.html").read_text(encoding="utf-8")
    assert 'href="../imbalanced-data/#the-full-answer"' in auc and 'href="../../fundamentals/bias-variance/"' in auc
    for index in (
        "questions/index.html",
        "topics/index.html",
        "companies/meta/index.html",
        "difficulty/medium/index.html",
    ):
        assert (site / index).is_file(), index
    exported = json.loads((site / "api/questions.json").read_text(encoding="utf-8"))
    assert [q["id"] for q in exported["questions"]] == ["mlq-0001", "mlq-0002", "mlq-0003", "mlq-0004"]
    search = json.loads((site / "search/index.json").read_text(encoding="utf-8"))
    entry = next(d for d in search["docs"] if d["url"] == "questions/fundamentals/regularization/")
    assert entry["topics"] == ["regularization", "overfitting"] and entry["companies"] == ["meta"]
    text = json.loads((site / "search/text.json").read_text(encoding="utf-8"))
    asked = dict(zip(text["ids"], text["asked"], strict=True))["mlq-0001"]
    assert asked == ["Why would you penalise large weights in a model?", "l2 penalty overfitting"]
    # Mermaid is served by the site itself, and only where a diagram needs it.
    diagram = (site / "questions/evaluation-metrics/imbalanced-data/index.html").read_text(encoding="utf-8")
    assert 'src="../../../assets/vendor/mermaid/mermaid.min.js"' in diagram and 'class="mermaid"' in diagram
    assert "mermaid.min.js" not in page
    # Question pages are not in the navigation: no page lists them in its nav sidebar.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "questions/fundamentals/regularization/" not in home


def test_bom_crlf_and_non_ascii_titles_render_correctly(tree: Path, build: Build) -> None:
    source = tree / "content/questions/fundamentals/bias-variance.md"
    text = source.read_text(encoding="utf-8").replace(
        'title: "What is the bias–variance trade-off?"',
        "title: 'Qu''est-ce que le compromis biais–variance: \"λ\" ou β?'",
    )
    source.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    site = build(tree)
    page = (site / "questions/fundamentals/bias-variance/index.html").read_text(encoding="utf-8")
    assert "Qu&#39;est-ce que le compromis biais–variance: &quot;λ&quot; ou β?" in page or (
        'Qu\'est-ce que le compromis biais–variance: "λ" ou β?' in page
    )
    assert '<h2 id="the-full-answer">' in page  # CRLF did not break the sections


def test_a_title_with_math_is_typeset_in_html_and_plain_text_elsewhere(tree: Path, build: Build) -> None:
    source = tree / "content/questions/fundamentals/bias-variance.md"
    title = "Why scale scores by $\\sqrt{d_k}$ and not by $d_k$?"
    source.write_text(
        source.read_text(encoding="utf-8").replace('"What is the bias–variance trade-off?"', f"'{title}'"), "utf-8"
    )
    site = build(tree)

    def katex_in(html: str, start: str) -> int:
        """Formulas typeset in the element of ``html`` that opens with ``start``, up to its closing tag."""
        element = html.split(start, 1)[1]
        return element.split("</a>" if start.startswith("<a") else "</h1>", 1)[0].count('<span class="katex">')

    page = (site / "questions/fundamentals/bias-variance/index.html").read_text(encoding="utf-8")
    assert katex_in(page, "<h1") == 2 and "<title>Why scale scores by √dₖ and not by dₖ? - " in page
    topic = (site / "topics/overfitting/index.html").read_text(encoding="utf-8")  # index listing
    assert katex_in(topic, '<a class="mlq-item-title" href="../../questions/fundamentals/bias-variance/"') == 2
    related = (site / "questions/fundamentals/regularization/index.html").read_text(encoding="utf-8")
    assert katex_in(related, '<a href="../bias-variance/"') == 2  # its related list
    for built in (page, topic, related):
        assert raw_tex(built) is None and "d\\_k" not in built  # no TeX left, none escaped as Markdown
    exported = json.loads((site / "api/questions.json").read_text(encoding="utf-8"))
    assert {q["title"] for q in exported["questions"] if q["id"] == "mlq-0002"} == {
        "Why scale scores by √dₖ and not by dₖ?"
    }
    assert "Why scale scores by √dₖ and not by dₖ?" in (site / "downloads/ml-interview-guide.csv").read_text(
        encoding="utf-8"
    )
    assert "Why scale scores by √dₖ and not by dₖ?" in (site / "q/mlq-0002/index.html").read_text(encoding="utf-8")


def test_broken_link_in_a_question_fails_the_strict_build(tree: Path, build: Build) -> None:
    path = tree / "content/questions/fundamentals/bias-variance.md"
    path.write_text(path.read_text(encoding="utf-8").replace("regularization.md", "no-such-page.md"), encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"questions/fundamentals/bias-variance\.md.*no-such-page\.md"):
        build(tree)


def test_broken_anchor_fails_the_strict_build(tree: Path, build: Build) -> None:
    path = tree / "content/questions/evaluation-metrics/imbalanced-data.md"
    path.write_text(path.read_text(encoding="utf-8").replace("#the-full-answer", "#no-such-anchor"), encoding="utf-8")
    with pytest.raises(BuildFailed, match="no-such-anchor"):
        build(tree)


def test_invalid_content_fails_the_build_with_file_and_line(tree: Path, build: Build) -> None:
    path = tree / "content/questions/fundamentals/bias-variance.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("difficulty: medium", "difficulty: tricky"), encoding="utf-8"
    )
    with pytest.raises(BuildFailed, match=r"content/questions/fundamentals/bias-variance\.md:6: difficulty"):
        build(tree)


def test_math_is_typeset_at_build_time_and_only_its_pages_load_katex(tree: Path, build: Build) -> None:
    site = build(tree)
    page = (site / "questions/fundamentals/regularization/index.html").read_text(encoding="utf-8")
    assert page.count('class="katex"') == 2 and page.count('<span class="katex-display">') == 1
    assert "<math" in page  # MathML next to the HTML, for screen readers
    article = re.sub(r"<annotation.*?</annotation>", "", page.split("<article", 1)[1], flags=re.S)
    assert "\\lVert" not in article  # no TeX left for a browser script (TeX stays in MathML's annotation)
    assert 'href="../../../assets/vendor/katex/katex.min.css"' in page
    assert "katex.min.js" not in page and "auto-render" not in page
    other = (site / "questions/fundamentals/bias-variance/index.html").read_text(encoding="utf-8")
    assert "katex" not in other
    # The practice page typesets answers from JSON in the browser: the scripts are published for it.
    assert (site / "assets/vendor/katex/katex.min.js").is_file() and (
        site / "assets/vendor/katex/auto-render.min.js"
    ).is_file()
    words = json.loads((site / "search/text.json").read_text(encoding="utf-8"))["words"]
    assert not any("katex" in w for w in words)  # formulas' markup stays out of search


def test_content_tables_arrive_wrapped_as_the_theme_wraps_them(tree: Path, build: Build) -> None:
    site = build(tree)
    page = (site / "questions/evaluation-metrics/auc-roc/index.html").read_text(encoding="utf-8")
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert re.search(r"<table(?![^>]*\bclass=)", article) is None  # nothing left for the theme's script to move
    wrapped = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="mlq-table">'
    assert article.count(wrapped) == 1
    assert re.search(r"perfect ranking</td>\s*</tr>\s*</tbody>\s*</table></div></div>", article)
    text = json.loads((site / "search/text.json").read_text(encoding="utf-8"))
    words = dict(zip(text["ids"], text["words"], strict=True))["mlq-0003"].split()
    assert "perfect" in words and "ranking" in words  # the table is still searchable


def test_code_is_published_highlighted(tree: Path, build: Build) -> None:
    site = build(tree)
    page = (site / "questions/fundamentals/regularization/index.html").read_text(encoding="utf-8")
    assert '<span class="kn">import</span>' in page and 'id="__codelineno-0-1"' in page


def test_math_katex_cannot_parse_fails_the_build_with_file_and_line(tree: Path, build: Build) -> None:
    path = tree / "content/questions/fundamentals/regularization.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(r"\lambda \lVert w", r"\frac{\lambda \lVert w"), encoding="utf-8"
    )
    with pytest.raises(
        BuildFailed, match=r"content/questions/fundamentals/regularization\.md:28: KaTeX cannot typeset"
    ):
        build(tree)


def test_invariant_catches_a_question_missing_from_the_built_site(tree: Path, build: Build) -> None:
    site_dir = build(tree)
    site = build_site(load_content(tree))
    assert check_built_site(site, site_dir) == []
    shutil.rmtree(site_dir / "questions/fundamentals/bias-variance")
    topic = site_dir / "topics/regularization/index.html"
    topic.write_text(topic.read_text(encoding="utf-8").replace("regularization/", "elsewhere/"), encoding="utf-8")
    question = site_dir / "questions/evaluation-metrics/auc-roc/index.html"
    question.write_text(question.read_text(encoding="utf-8").replace("</article>", "$x_1$</article>"), "utf-8")
    problems = check_built_site(site, site_dir)
    assert any("bias-variance.md: no page was published" in p for p in problems)
    assert any(
        "auc-roc.md: math left as raw TeX on questions/evaluation-metrics/auc-roc/: $x_1$" in p for p in problems
    )
    assert any("regularization.md: not listed on the index page topics/regularization/" in p for p in problems)


def test_invariant_catches_a_question_or_phrasing_missing_from_the_search_index(tree: Path, build: Build) -> None:
    site_dir = build(tree)
    site = build_site(load_content(tree))
    index_path, text_path = site_dir / "search/index.json", site_dir / "search/text.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["docs"] = [d for d in index["docs"] if d["id"] != "mlq-0002"]
    index_path.write_text(json.dumps(index), encoding="utf-8")
    text = json.loads(text_path.read_text(encoding="utf-8"))
    text["asked"][text["ids"].index("mlq-0001")].pop()
    text_path.write_text(json.dumps(text), encoding="utf-8")
    problems = check_built_site(site, site_dir)
    assert any("bias-variance.md: appears 0 times in the search index" in p for p in problems), problems
    assert any("regularization.md: the search index does not hold its title and every asked_as" in p for p in problems)


WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
    "quebec",
]
WORDS += [
    "romeo",
    "sierra",
    "tango",
    "uniform",
    "victor",
    "whiskey",
    "xray",
    "yankee",
    "zulu",
    "amber",
    "basil",
    "cedar",
    "dahlia",
    "elm",
    "fern",
    "ginger",
]
WORDS += [
    "hazel",
    "iris",
    "jasmine",
    "kale",
    "laurel",
    "maple",
    "nutmeg",
    "olive",
    "pepper",
    "quince",
    "rose",
    "sage",
    "thyme",
    "umber",
]


def test_many_valid_questions_all_appear_everywhere(tree: Path, build: Build) -> None:
    """N valid files in, N pages, N index entries, N export records, N search entries out."""
    template = (tree / "content/questions/fundamentals/bias-variance.md").read_text(encoding="utf-8")
    n_extra = 40
    for i in range(n_extra):
        text = (
            template.replace("mlq-0002", f"mlq-{1000 + i}")
            .replace("bias–variance trade-off?", f"trade-off number {i}?")
            # Each page's phrasings its own (mlq check rejects near-identical ones on two pages).
            .replace(
                "Why does a more flexible model not always predict better?",
                f"{WORDS[i]} {WORDS[(i + 20) % len(WORDS)]}?",
            )
            .replace("bias variance decomposition", f"{WORDS[i]} decomposition {i}")
        )
        (tree / f"content/questions/fundamentals/generated-{i}.md").write_text(text, encoding="utf-8")
    record_urls(tree)
    site_dir = build(tree)
    exported = json.loads((site_dir / "api/questions.json").read_text(encoding="utf-8"))
    assert exported["count"] == 4 + n_extra
    pages = list((site_dir / "questions/fundamentals").glob("generated-*/index.html"))
    assert len(pages) == n_extra
    listing = (site_dir / "topics/bias-variance/index.html").read_text(encoding="utf-8")
    assert sum(f'href="../../questions/fundamentals/generated-{i}/"' in listing for i in range(n_extra)) == n_extra
    searchable = {d["id"] for d in json.loads((site_dir / "search/index.json").read_text(encoding="utf-8"))["docs"]}
    assert {f"mlq-{1000 + i}" for i in range(n_extra)} <= searchable


def test_moved_question_keeps_its_old_url_as_a_redirect(tree: Path, build: Build) -> None:
    questions = tree / "content/questions"
    (questions / "fundamentals/regularization.md").rename(questions / "evaluation-metrics/regularization.md")
    text = (questions / "evaluation-metrics/regularization.md").read_text(encoding="utf-8")
    (questions / "evaluation-metrics/regularization.md").write_text(
        text.replace("category: fundamentals", "category: evaluation-metrics"), encoding="utf-8"
    )
    for path in questions.glob("*/*.md"):  # links into the moved page move with it
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "(regularization.md)", "(../evaluation-metrics/regularization.md)"
            ),
            encoding="utf-8",
        )
    with pytest.raises(BuildFailed, match="run `mlq urls`"):
        build(tree)
    record_urls(tree)
    site = build(tree)
    old = (site / "questions/fundamentals/regularization/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../../evaluation-metrics/regularization/"' in old
    assert (site / "questions/evaluation-metrics/regularization/index.html").is_file()
    by_id = (site / "q/mlq-0001/index.html").read_text(encoding="utf-8")
    assert "url=../../questions/evaluation-metrics/regularization/" in by_id


def _add_notebook(tree: Path, name: str) -> None:
    (tree / "content/notebooks").mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "notebooks" / f"{name}.py", tree / "content/notebooks" / f"{name}.py")
    question = tree / "content/questions/fundamentals/bias-variance.md"
    text = question.read_text(encoding="utf-8")
    question.write_text(
        text.replace("difficulty: medium", f"difficulty: medium\nnotebooks: [{name}]"), encoding="utf-8"
    )


def test_notebook_executes_and_is_linked_from_its_question(
    tree: Path, build: Build, capfd: pytest.CaptureFixture[str]
) -> None:
    _add_notebook(tree, "loss-curve")
    site = build(tree)
    # The kernel (a child process writing to the build's stderr) runs with transport encryption, so it does not
    # warn that it is "running over TCP without encryption".
    assert "without encryption" not in capfd.readouterr().err
    notebook = (site / "notebooks/loss-curve/index.html").read_text(encoding="utf-8")
    # Its Markdown cells' math is typeset at build time, as on question pages; no MathJax loader is left.
    assert notebook.count('<span class="katex">') == 2 and '<span class="katex-display">' in notebook
    assert raw_tex(notebook) is None and 'src=""' not in notebook and "mathjax" not in notebook.lower()
    assert 'href="../../assets/vendor/katex/katex.min.css"' in notebook
    notebook = (site / "notebooks/loss-curve/index.html").read_text(encoding="utf-8")
    assert "final loss" in notebook  # the cell ran: its output is on the page
    # ... and so did the matplotlib figure, published as a file next to the page with its size reserved.
    figure = re.search(r'<img[^>]* src="(figure-[0-9a-f]{16}\.png)" width="\d+" height="\d+" loading="lazy"', notebook)
    assert figure is not None and "data:image/png;base64" not in notebook
    assert (site / "notebooks/loss-curve" / figure.group(1)).read_bytes().startswith(b"\x89PNG")
    # JupyterLab's stylesheet is one shared file, cut down to what notebook pages use, not inlined.
    assert 'href="../../assets/stylesheets/notebook.css"' in notebook
    assert max(len(css) for css in re.findall(r"<style[^>]*>(.*?)</style>", notebook, re.S)) < 20_000
    shared = (site / "assets/stylesheets/notebook.css").read_text(encoding="utf-8")
    assert ".jp-OutputArea" in shared and "--jp-icon-add-above" not in shared and len(shared) < 60_000
    question = (site / "questions/fundamentals/bias-variance/index.html").read_text(encoding="utf-8")
    assert 'href="../../../notebooks/loss-curve/"' in question
    # ... and links back to its question, offers an .ipynb download, and is listed on the notebooks page.
    assert 'href="../../questions/fundamentals/bias-variance/"' in notebook
    assert 'href="../loss-curve.ipynb" download' in notebook
    ipynb = json.loads((site / "notebooks/loss-curve.ipynb").read_text(encoding="utf-8"))
    assert ipynb["nbformat"] == 4 and any("final loss" in "".join(c["source"]) for c in ipynb["cells"])
    listing = (site / "notebooks/index.html").read_text(encoding="utf-8")
    assert 'href="loss-curve/"' in listing and "A tiny notebook used by the tests" in listing
    assert "edit/main/content/notebooks/loss-curve.py" in notebook


def test_warm_rebuild_executes_no_notebook(tree: Path, build: Build, caplog: pytest.LogCaptureFixture) -> None:
    _add_notebook(tree, "loss-curve")
    build(tree)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.mkdocs_jupyter"):
        build(tree)
    messages = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.mkdocs_jupyter"]
    assert any(m.startswith("Cache hit") and "loss-curve.py" in m for m in messages)
    assert not any(m.startswith("Cache miss") for m in messages)


def test_a_cells_output_is_one_block_however_the_kernel_flushed_it(tree: Path, build: Build) -> None:
    """The kernel sends the first line before the slow step on its own; the page (and so every build of it)
    shows the cell's output as one block."""
    _add_notebook(tree, "slow-prints")
    notebook = (build(tree) / "notebooks/slow-prints/index.html").read_text(encoding="utf-8")
    joined = r'<pre tabindex="0">before the slow step\nafter the slow step\n</pre>'  # focusable: it scrolls
    assert re.search(joined, notebook), notebook[-3000:]
    assert notebook.count('class="jp-OutputArea-child"') == 1


def test_failing_notebook_fails_the_build_naming_it(tree: Path, build: Build) -> None:
    _add_notebook(tree, "raises")
    with pytest.raises(BuildFailed, match=r"(?s)notebooks/raises\.py.*this cell fails on purpose"):
        build(tree)


def test_properdocs_builds_the_same_site(tree: Path, tmp_path: Path) -> None:
    properdocs = Path(sys.executable).parent / "properdocs"
    if not properdocs.exists():
        pytest.fail("properdocs is not installed: install requirements-test.txt")
    result = subprocess.run(
        [str(properdocs), "build", "-f", "mkdocs.yml", "--strict", "-d", str(tmp_path / "pd-site")],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "pd-site/questions/fundamentals/regularization/index.html").is_file()
    assert "every one is published, indexed, exported and searchable" in result.stderr


def test_the_real_site_builds_strictly(real_site: Path) -> None:
    """The repository's own content, taxonomy and notebooks (the build fails on any warning)."""
    site_dir = real_site / SUBPATH
    exported = json.loads((site_dir / "api/questions.json").read_text(encoding="utf-8"))
    assert exported["count"] == len(list((REPO / "content/questions").glob("*/*.md")))
    assert (site_dir / "downloads/ml-interview-guide.apkg").stat().st_size > 10_000
    assert (site_dir / "404.html").is_file() and (site_dir / "sitemap.xml").is_file()


# The search files are fetched when the reader starts searching: the first (what each page answers) gives the
# first results, the second (each page's distinct words) refines them. When set, 824 and 2,477 bytes per
# question (172 KB and 518 KB for 209 questions); raise only with a measurement in docs/search.md.
SEARCH_INDEX_BYTES_PER_QUESTION = 1_000
SEARCH_TEXT_BYTES_PER_QUESTION = 3_000


def test_search_index_stays_within_its_budget_per_question(real_site: Path) -> None:
    site_dir = real_site / SUBPATH
    questions = json.loads((site_dir / "api/questions.json").read_text(encoding="utf-8"))["count"]
    index = (site_dir / "search/index.json").stat().st_size
    text = (site_dir / "search/text.json").stat().st_size
    assert index / questions <= SEARCH_INDEX_BYTES_PER_QUESTION, f"{index / questions:.0f} bytes per question"
    assert text / questions <= SEARCH_TEXT_BYTES_PER_QUESTION, f"{text / questions:.0f} bytes per question"
    words = json.loads((site_dir / "search/text.json").read_text(encoding="utf-8"))
    notebook_words = " ".join(w for i, w in zip(words["ids"], words["words"], strict=True) if i.startswith("notebook:"))
    assert "copied" not in notebook_words.split()


def _tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(
    tree: Path, build: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deterministic output. The only date in the site, the sitemap's <lastmod>, is the build date unless
    SOURCE_DATE_EPOCH pins it: pinned here, and so the sitemap must match too."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    _add_notebook(tree, "loss-curve")
    first = _tree_bytes(build(tree))
    shutil.rmtree(tree / "site")
    shutil.rmtree(tree / ".cache", ignore_errors=True)  # re-execute the notebook too
    second = _tree_bytes(build(tree))
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert b"<lastmod>2026-01-01</lastmod>" in first["sitemap.xml"]


def test_no_include_mechanism_can_reach_outside_the_repository() -> None:
    """pymdownx.snippets (or any include) would let a page pull in arbitrary files: it is not enabled, and
    if it ever is, it must be confined to the repository."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if "pymdownx.snippets" in text:
        assert "restrict_base_path: true" in text and "base_path: [content" in text
    assert "markdown_include" not in text and "include-markdown" not in text
