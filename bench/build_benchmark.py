"""Build benchmark: synthetic question sets of growing size, built with the real mkdocs.yml and hook.

For each N it generates N questions in the project's own content format into a temporary project (the real
mkdocs.yml, hooks/, overrides/ and docs/ with small stand-ins for the hand-written pages that link to real
questions), then measures:

- the full ``mkdocs build --strict`` as a subprocess: wall time and peak memory (``ru_maxrss`` from ``wait4``);
- the hook's own work in-process on the same content: ``load_content``, ``build_site``, the snippets for the
  hand-written pages and the post-build invariant check (``check_built_site``);
- the Markdown-only floor: Python-Markdown with the site's configured extensions converting the same question
  pages (the generated Markdown, front matter stripped), one reused converter;
- HTML bytes per question page (and, in a sample, how many are typeset math and how many the theme's markup
  around the article) and the size of the search index;
- the same pages staged by the library as plain Markdown (no hook) built by MkDocs and Material alone, without
  plugins and with the theme's search plugin: what the engine costs before this project's hook does anything;
- optionally Zensical's cold build of the same staged pages.

It also builds the real site twice (cold, then warm) to count executed notebooks. Not a timed test: numbers
depend on the machine and its load. Usage::

    .venv/bin/python bench/build_benchmark.py --sizes 300 1000 3000 --report bench/results.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "hooks") not in sys.path:
    sys.path.insert(0, str(REPO / "hooks"))

from mlq.cli import record_urls  # noqa: E402
from mlq.content import Content, load_content  # noqa: E402
from mlq.invariants import check_built_site  # noqa: E402
from mlq.problems import ContentError  # noqa: E402
from mlq.site import Site, build_site  # noqa: E402

DEFAULT_SIZES = (300, 1000, 3000, 10000)
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01: fixed, so builds are reproducible
ZENSICAL = Path("/tmp/zensical-venv/bin/zensical")
ENGINE_BARE_CONFIG = "mkdocs-no-plugins.yml"
HTML_SAMPLE = 500  # about this many question pages (every k-th) have their markup broken down; all below it

# --------------------------------------------------------------------------------------------------------------
# Synthetic content
# --------------------------------------------------------------------------------------------------------------

NOUNS = [
    "model", "loss", "gradient", "feature", "estimator", "validation set", "learning rate", "regulariser",
    "baseline", "decision threshold", "prior", "posterior", "embedding", "mini-batch", "label", "classifier",
    "ensemble", "kernel", "tree", "metric", "sample", "distribution", "variance", "bias", "weight vector",
    "activation", "layer", "token", "query", "index", "pipeline", "split", "fold", "signal", "residual",
    "test set", "confidence interval", "optimiser", "feature store", "training run", "cache", "batch size",
    "calibration curve", "class weight", "covariance matrix", "likelihood", "hyperparameter", "data set",
]  # fmt: skip
SENTENCES = [
    "A {a} that ignores the {b} tends to overfit when the {c} is small.",
    "In practice the {a} is tuned on the {b}, never on the {c}.",
    "The key quantity is {m}, which grows with the {a} and shrinks as the {b} improves.",
    "If the {a} drifts, the {b} no longer reflects the {c} seen in production.",
    "Compare the {a} against a simple {b} before you add complexity to the {c}.",
    "**Rule of thumb:** scale the {a} with the {b}, then check the {c} on held-out data.",
    "With `{code}` the {a} is computed in one vectorised call instead of a Python loop.",
    "Interviewers usually follow up by asking how the {a} changes when the {b} doubles.",
    "Written out, the {a} is {m}, so a larger {b} moves it in a predictable direction.",
    "The {a} and the {b} are often confused, but only the {a} depends on the {c}.",
    "A good answer names the trade-off: a better {a} usually costs a noisier {b}.",
    "Report the {a} with its uncertainty, for example across every {b} of a cross-validation.",
    "When the {a} is *much* larger than the {b}, the approximation {m} is accurate enough.",
    "Monitoring the {a} alongside the {b} catches most silent failures of the {c}.",
]  # fmt: skip
INLINE_MATH = [
    r"\hat{y} = \sigma(w^\top x + b)",
    r"\lambda \lVert w \rVert_2^2",
    r"\mathbb{E}[(y - \hat{f}(x))^2]",
    r"O(n \log n)",
    r"p(y \mid x)",
    r"\nabla_w \mathcal{L}",
    r"\mathrm{KL}(p \,\Vert\, q)",
    r"\sqrt{d_k}",
    r"\eta_t = \eta_0 / \sqrt{t}",
    r"R^2 = 1 - SS_{res} / SS_{tot}",
    r"\operatorname{Var}(\bar{x}) = \sigma^2 / n",
    r"\mathrm{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}",
]
DISPLAY_MATH = [
    "\\mathcal{L}(w) = -\\frac{1}{n} \\sum_{i=1}^{n} \\left[ y_i \\log \\hat{p}_i + (1 - y_i) \\log (1 - \\hat{p}_i)"
    " \\right] + \\lambda \\lVert w \\rVert_2^2",
    "\\mathbb{E}\\big[(y - \\hat{f}(x))^2\\big] = \\underbrace{\\big(\\mathbb{E}[\\hat{f}(x)] - f(x)\\big)^2}"
    "_{\\text{bias}^2} + \\underbrace{\\operatorname{Var}\\big(\\hat{f}(x)\\big)}_{\\text{variance}} + \\sigma^2",
    "\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\!\\left(\\frac{Q K^\\top}{\\sqrt{d_k}}\\right) V",
    "P(A \\mid B) = \\frac{P(B \\mid A)\\,P(A)}{P(B \\mid A)\\,P(A) + P(B \\mid \\neg A)\\,P(\\neg A)}",
    "w_{t+1} = w_t - \\eta \\, \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon}, \\qquad"
    " \\hat{m}_t = \\frac{m_t}{1 - \\beta_1^t}",
    "\\hat{\\beta} = (X^\\top X + \\lambda I)^{-1} X^\\top y",
]
CODE_BLOCKS = [
    """import numpy as np

rng = np.random.default_rng({seed})
X = rng.normal(size=({rows}, {cols}))
w = rng.normal(size={cols})
y = (X @ w + rng.normal(scale=0.5, size={rows}) > 0).astype(int)
p = 1 / (1 + np.exp(-(X @ w)))
loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
print(round(float(loss), 3))""",
    """from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.datasets import make_classification

X, y = make_classification(n_samples={rows}, n_features={cols}, random_state={seed})
scores = cross_val_score(LogisticRegression(C={c}, max_iter=1000), X, y, cv=5, scoring="roc_auc")
print(f"AUC {{scores.mean():.3f}} ± {{scores.std():.3f}}")""",
    """def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)  # stable: the largest logit becomes 0
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)

logits = np.array([[{c}, 1.0, -1.0], [0.5, 0.5, {cols}.0]])
assert np.allclose(softmax(logits).sum(axis=1), 1.0)""",
    """import pandas as pd

df = pd.DataFrame({{"group": list("abcab") * {cols}, "value": range(5 * {cols})}})
summary = df.groupby("group")["value"].agg(["mean", "std", "count"])
print(summary.round(2))""",
]
MERMAID = """```mermaid
flowchart LR
  A[Raw data] --> B[Features]
  B --> C[Model {n}]
  C --> D[Serving]
  D --> E[Monitoring]
  E -->|drift| B
```"""
TITLE_STEMS = [
    "How would you explain {t} to a product manager, and where does it break?",
    "What goes wrong with {t} when the data set is small?",
    "Walk through {t} step by step: what are the key trade-offs?",
    "When would you avoid {t}, and what would you use instead?",
    "How do you debug a model whose {t} looks fine offline but fails online?",
    "What are the assumptions behind {t}, and how do you check them?",
]
SLUG_WORDS = ["explained", "trade-offs", "pitfalls", "in-practice", "assumptions", "debugging", "basics"]
ADMONITIONS = ["note", "tip", "warning", "example"]


@dataclass(frozen=True)
class Shape:
    """The shape of one real question, reused for a synthetic one (keeps real joint distributions)."""

    category: str
    difficulty: str
    roles: tuple[str, ...]
    n_topics: int
    n_related: int
    companies: tuple[str, ...]
    has_mermaid: bool


@dataclass
class Profile:
    """Distributions taken from the real content: question shapes and topics per category."""

    shapes: list[Shape]
    topics_by_category: dict[str, list[str]]  # with repetitions: sampling from it follows real frequencies
    topic_titles: dict[str, str]


def real_profile(root: Path = REPO) -> Profile:
    content = load_content(root)
    shapes: list[Shape] = []
    by_category: dict[str, list[str]] = {}
    for q in content.questions:
        shapes.append(
            Shape(
                category=q.category,
                difficulty=q.meta.difficulty,
                roles=tuple(q.meta.roles),
                n_topics=len(q.meta.topics),
                n_related=len(q.meta.related),
                companies=tuple(c.key for c in q.companies),
                has_mermaid="```mermaid" in q.body,
            )
        )
        by_category.setdefault(q.category, []).extend(q.meta.topics)
    titles = {key: topic.title for key, topic in content.taxonomy.topics.items()}
    return Profile(shapes=shapes, topics_by_category=by_category, topic_titles=titles)


def _sentence(rng: random.Random, extra: Sequence[str]) -> str:
    pool = [*NOUNS, *extra]
    a, b, c = rng.sample(pool, 3)
    template = rng.choice(SENTENCES)
    return template.format(
        a=a, b=b, c=c, m=f"${rng.choice(INLINE_MATH)}$", code=rng.choice(["np.mean(x)", "X @ w", "model.fit(X, y)"])
    )


def _paragraph(rng: random.Random, extra: Sequence[str], low: int = 3, high: int = 5) -> str:
    return " ".join(_sentence(rng, extra) for _ in range(rng.randint(low, high)))


def _table(rng: random.Random, extra: Sequence[str]) -> str:
    cols = rng.randint(3, 4)
    header = ["Option", "When it helps", "Cost", "Typical value"][:cols]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * cols]
    for _ in range(rng.randint(3, 6)):
        cells = [
            f"`{rng.choice([*NOUNS, *extra]).replace(' ', '_')}`",
            f"when the {rng.choice(NOUNS)} is {rng.choice(['small', 'noisy', 'skewed', 'stale', 'large'])}",
            rng.choice(["low", "medium", "high", "one extra pass over the data"]),
            f"{rng.uniform(0.001, 10):.3g}",
        ][:cols]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def question_body(rng: random.Random, n: int, topic_titles: Sequence[str], mermaid: bool) -> str:
    extra = [t.lower() for t in topic_titles]
    code = rng.choice(CODE_BLOCKS).format(
        seed=n, rows=rng.randint(100, 5000), cols=rng.randint(2, 20), c=round(rng.uniform(0.1, 10), 2)
    )
    display = rng.choice(DISPLAY_MATH)
    admonition = rng.choice(ADMONITIONS)
    parts = [
        "## The 30-second answer",
        _paragraph(rng, extra, 4, 6),
        "## The full answer",
        f"### Why {extra[0]} matters",
        _paragraph(rng, extra),
        "$$\n" + display + "\n$$",
        _paragraph(rng, extra, 2, 4),
        f"### {rng.choice(['Options', 'Choices', 'Variants'])} compared",
        _table(rng, extra),
        _paragraph(rng, extra, 2, 3),
        f'!!! {admonition} "In an interview"\n    ' + _paragraph(rng, extra, 2, 3),
        "### A worked example",
        _paragraph(rng, extra, 2, 3),
        "```python\n" + code + "\n```",
        _paragraph(rng, extra, 2, 4),
    ]
    if mermaid:
        parts += ["### Where it sits in the system", MERMAID.format(n=n)]
    if rng.random() < 0.3:
        parts.append(f"A longer treatment is in [a public write-up](https://example.org/notes/{n}).")
    parts += [
        "1. " + _sentence(rng, extra) + "\n2. " + _sentence(rng, extra) + "\n3. " + _sentence(rng, extra),
        "## Follow-up questions",
    ]
    for _ in range(rng.randint(2, 4)):
        question = f"What happens to the {rng.choice(NOUNS)} if the data doubles?"
        parts.append(f'??? question "{question}"\n    ' + _paragraph(rng, extra, 2, 3))
    parts.append("## Common mistakes")
    parts.append("\n".join("- " + _sentence(rng, extra) for _ in range(rng.randint(3, 5))))
    return "\n\n".join(parts) + "\n"


SINGLE_WORD_NOUNS = [noun for noun in NOUNS if noun.isalpha()]


def question_file(rng: random.Random, n: int, shape: Shape, profile: Profile, earlier: Sequence[str]) -> str:
    pool = profile.topics_by_category[shape.category]
    topics: list[str] = []
    while len(topics) < min(shape.n_topics, len(set(pool))):
        topic = rng.choice(pool)
        if topic not in topics:
            topics.append(topic)
    titles = [profile.topic_titles[t] for t in topics]

    # Three random nouns per title and phrasing keep the template-made questions apart (mlq check rejects
    # near-identical titles or phrasings on two pages).
    def nouns() -> str:
        return ", ".join(rng.sample(SINGLE_WORD_NOUNS, 3))

    def tag() -> str:  # a random code word, as unique as the question
        return f"x{rng.randrange(16**8):08x}"

    title = rng.choice(TITLE_STEMS).format(t=titles[0].lower()).removesuffix("?")
    title += f" (case {n}: {nouns()}, {tag()}, {tag()}, {tag()})?"
    related = rng.sample(list(earlier), min(shape.n_related, len(earlier)))
    lines = [
        "---",
        f"id: mlq-{n:04d}",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "asked_as:",
        # Distinct wordings per question (mlq check rejects near-identical phrasings on two pages).
        f'  - "Question {n} on the {nouns()}"',
        f'  - "{nouns()}: case {n}?"',
        f'  - "{titles[0].lower()} {nouns()} {tag()} {n}"',
        f"category: {shape.category}",
        f"topics: [{', '.join(topics)}]",
        f"difficulty: {shape.difficulty}",
    ]
    if shape.roles:
        lines.append(f"roles: [{', '.join(shape.roles)}]")
    if shape.companies:
        lines.append("companies:")
        for index, company in enumerate(shape.companies):
            lines += [
                f"  - name: {company}",
                f"    source: https://example.org/report/{n * 10 + index}",
                f"    evidence: {('first-hand', 'relayed')[(n + index) % 2]}",
                f"    year: {2019 + (n + index) % 8}",
                f'    excerpt: "In the phone screen I was asked case {n}: {titles[0].lower()}, then a follow-up."',
            ]
    if related:
        lines.append(f"related: [{', '.join(related)}]")
    lines += ["rubric:"] + [f'  - "Names the {rng.choice(NOUNS)} and why it matters (point {k})"' for k in range(4)]
    lines += [f"last_reviewed: 2026-{1 + n % 12:02d}-{1 + n % 28:02d}", "---", ""]
    return "\n".join(lines) + "\n" + question_body(rng, n, titles, shape.has_mermaid)


STANDIN_INDEX = """---
title: Benchmark home
description: A stand-in for docs/index.md, whose links name real questions.
---

# Benchmark home

A stand-in for the real home page, which links to real questions.

<!-- mlq:browse -->

See [all questions](questions/index.md), [topics](topics/index.md), [companies](companies/index.md),
[difficulty](difficulty/index.md) and the [practice page](practice.md).
"""


def _nav_uris(nav: Any) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*map(_nav_uris, nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*map(_nav_uris, nav.values())) if nav else set()
    return set()


def drop_pages_outside_nav(project: Path) -> list[str]:
    """Remove hand-written pages that the nav does not name (e.g. a page not wired into mkdocs.yml yet).

    With ``validation: omitted_files: warn`` and ``strict: true`` such a page fails the build; it does not
    link to or from anything the benchmark measures.
    """
    from mkdocs.utils.yaml import yaml_load

    with (project / "mkdocs.yml").open(encoding="utf-8") as config:
        listed = _nav_uris(yaml_load(config).get("nav"))
    docs = project / "docs"
    dropped = []
    for page in sorted(docs.rglob("*.md")):
        uri = page.relative_to(docs).as_posix()
        if uri not in listed and not uri.startswith("assets/"):
            page.unlink()
            dropped.append(uri)
    return dropped


def make_project(dest: Path, n: int, profile: Profile, seed: int) -> Path:
    """A buildable project with ``n`` synthetic questions; the real config, hook, theme overrides and assets."""
    dest.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(REPO / "hooks", dest / "hooks", ignore=ignore)
    shutil.copytree(REPO / "overrides", dest / "overrides", ignore=ignore)
    shutil.copytree(REPO / "docs", dest / "docs", ignore=ignore)
    (dest / "docs" / "index.md").write_text(STANDIN_INDEX, encoding="utf-8")
    for guide in (dest / "docs" / "guides").glob("*.md"):
        guide.write_text(
            f"# Guide\n\nA stand-in for docs/guides/{guide.name}, which links to real questions.\n", encoding="utf-8"
        )
    drop_pages_outside_nav(dest)
    content = dest / "content"
    content.mkdir()
    shutil.copy(REPO / "content" / "taxonomy.yml", content / "taxonomy.yml")
    (content / "notebooks").mkdir()  # no notebooks in synthetic projects
    rng = random.Random(seed)
    by_category: dict[str, list[str]] = {}
    for n_id in range(1, n + 1):
        shape = rng.choice(profile.shapes)
        earlier = by_category.setdefault(shape.category, [])
        text = question_file(rng, n_id, shape, profile, earlier[-50:])
        folder = content / "questions" / shape.category
        folder.mkdir(parents=True, exist_ok=True)
        slug = f"{rng.choice(profile.topics_by_category[shape.category])}-{rng.choice(SLUG_WORDS)}-{n_id}"
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
        earlier.append(f"mlq-{n_id:04d}")
    record_urls(dest)  # every question's URL must be recorded in content/urls.yml
    return dest


# --------------------------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int
    timed_out: bool
    log: str


def run_measured(cmd: Sequence[str], cwd: Path, timeout: float, log_path: Path) -> Run:
    """Run ``cmd`` in its own process group; wall time, and peak RSS of the child from ``wait4``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    killed = threading.Event()
    with log_path.open("wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

        def kill() -> None:
            killed.set()
            os.killpg(proc.pid, signal.SIGKILL)  # the group of the child started just above, nothing else

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, killed.is_set(), text)


def gzip_size(path: Path) -> int:
    """Bytes of ``path`` compressed as GitHub Pages serves text (gzip, level 6)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


_HOOK_TIME = re.compile(r"hook work in this build: ([0-9.]+) s")
_HOOK_EVENTS = re.compile(r"hook work by event: (.*)")


def hook_events(build_log: str) -> dict[str, float]:
    """The hook's wall time per event, as its ``hook work by event`` line reports it."""
    line = _HOOK_EVENTS.search(build_log)
    if line is None:
        return {}
    return {name: float(seconds) for name, seconds in re.findall(r"(\w+) ([0-9.]+) s", line.group(1))}


def mkdocs_build(project: Path, site_dir: Path, timeout: float, log_path: Path) -> Run:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site_dir)]
    return run_measured(cmd, project, timeout, log_path)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def markdown_floor(project: Path, pages: Sequence[str]) -> float:
    """Seconds for Python-Markdown, with the site's configured extensions, to convert ``pages`` (one converter)."""
    import markdown  # type: ignore[import-untyped]
    from mkdocs.config import load_config
    from mkdocs.utils.meta import get_data

    config = load_config(str(project / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    bodies = [get_data(page)[0] for page in pages]
    if bodies:  # warm-up: the first conversion imports Pygments lexers and builds regexes
        md.convert(bodies[0])
    start = time.perf_counter()
    for body in bodies:
        md.reset()
        md.convert(body)
    return time.perf_counter() - start


def _top_level_block(config_text: str, key: str) -> str:
    """The text of one top-level key of a YAML file (up to the next top-level key)."""
    match = re.search(rf"^{key}:.*?(?=^[A-Za-z_]+:|\Z)", config_text, re.M | re.S)
    return match.group(0).rstrip() + "\n" if match else ""


_SNIPPET = re.compile(r"<!-- mlq:([a-z-]+) -->")


def _expand_snippet(site: Site, here: str, match: re.Match[str]) -> str:
    return site.snippet(match.group(1), here)


def stage_plain(project: Path, dest: Path) -> Path:
    """The library's pages and exports plus the hand-written docs as plain Markdown; a config without hooks.

    Zensical builds it, and so do the engine-only builds (MkDocs and Material without this project's hook).
    """
    config_text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    site = build_site(load_content(project), site_url="https://example.org/", repo_url="")
    docs = dest / "docs"
    shutil.copytree(project / "docs", docs)
    for name in ("index.md", "practice.md"):  # the hook's on_page_markdown, done here
        text = (docs / name).read_text(encoding="utf-8")
        expanded = _SNIPPET.sub(functools.partial(_expand_snippet, site, name), text)
        (docs / name).write_text(expanded, encoding="utf-8")
    for uri, body in {**site.pages, **site.static}.items():
        path = docs / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    minimal = "site_name: ML Interview Guide (staged)\nsite_url: https://example.org/\n"
    minimal += "theme:\n  name: material\n  font: false\n"
    minimal += "".join(
        _top_level_block(config_text, key) for key in ("markdown_extensions", "extra_css", "extra_javascript", "nav")
    )
    (dest / "mkdocs.yml").write_text(minimal, encoding="utf-8")
    # MkDocs' default plugin list is the theme's search plugin; this variant has none at all.
    (dest / ENGINE_BARE_CONFIG).write_text(minimal + "plugins: []\n", encoding="utf-8")
    return dest


@dataclass
class Row:
    n: int
    question_pages: int = 0
    pages: int = 0
    build_s: float = 0.0
    build_ok: bool = False
    peak_rss_mb: float = 0.0
    load_s: float = 0.0
    render_s: float = 0.0
    snippets_s: float = 0.0
    check_s: float = 0.0
    floor_s: float = 0.0
    html_bytes_per_question: float = 0.0
    html_gzip_bytes_per_question: float = 0.0
    search_index_bytes: int = 0
    hook_in_build_s: float = 0.0  # the hook's own report of its events' wall time during the build
    hook_events_s: dict[str, float] = field(default_factory=dict)  # the same, per event
    # Mean bytes per question page in a sample of them: typeset math, and everything outside <article> (the theme).
    math_bytes_per_question: float = 0.0
    chrome_bytes_per_question: float = 0.0
    # The staged pages built by MkDocs and Material alone (medians over --rounds builds).
    engine_s: float | None = None  # no plugins at all
    engine_search_s: float | None = None  # the theme's search plugin only
    engine_note: str = ""
    # --rounds: this build, the floor's passes and the engine-only builds, one of each per round; build_s,
    # hook_in_build_s, hook_events_s, floor_s, engine_s and engine_search_s are the medians.
    build_rounds_s: list[float] = field(default_factory=list)
    hook_rounds_s: list[float] = field(default_factory=list)
    hook_event_rounds_s: list[dict[str, float]] = field(default_factory=list)
    floor_rounds_s: list[float] = field(default_factory=list)
    engine_rounds_s: list[float] = field(default_factory=list)
    engine_search_rounds_s: list[float] = field(default_factory=list)
    zensical_s: float | None = None
    zensical_note: str = ""
    # --zensical-rounds: each round is one more cold build of this site, then one of Zensical's (wall seconds).
    round_build_s: list[float] = field(default_factory=list)
    round_zensical_s: list[float] = field(default_factory=list)
    note: str = ""

    def add_build(self, run: Run) -> None:
        """One more build of this site: its wall time and the hook's report of its own time."""
        reported = _HOOK_TIME.search(run.log)
        self.build_rounds_s.append(run.seconds)
        self.hook_rounds_s.append(float(reported.group(1)) if reported else 0.0)
        self.hook_event_rounds_s.append(hook_events(run.log))
        # The medians of the rounds so far, so the row is consistent after every round.
        self.build_s = statistics.median(self.build_rounds_s)
        self.hook_in_build_s = statistics.median(self.hook_rounds_s)
        self.hook_events_s = {
            name: statistics.median(events.get(name, 0.0) for events in self.hook_event_rounds_s)
            for name in self.hook_event_rounds_s[0]
        }

    @property
    def hook_s(self) -> float:
        """The hook's time inside the build (all its events, page-level work included) when it reported it;
        otherwise the in-process re-timing of its main steps."""
        return self.hook_in_build_s or (self.load_s + self.render_s + self.snippets_s + self.check_s)

    def ratios(self, t_1k: float | None) -> dict[str, float | None]:
        return {
            "build_over_floor": self.build_s / self.floor_s if self.floor_s else None,
            "hook_over_build": self.hook_s / self.build_s if self.build_s else None,
            "build_over_build_1k": self.build_s / t_1k if t_1k else None,
            "build_over_zensical": self.paired_over_zensical(),
            "engine_over_floor": self.engine_s / self.floor_s if self.engine_s and self.floor_s else None,
            "build_over_engine_search": self.build_s / self.engine_search_s if self.engine_search_s else None,
        }

    def paired_over_zensical(self) -> float | None:
        """Build time over Zensical's: medians of the interleaved rounds when there are several (one build of each
        is within the noise of a shared machine), else the single pair."""
        if len(self.round_zensical_s) > 1:
            return statistics.median(self.round_build_s) / statistics.median(self.round_zensical_s)
        return self.build_s / self.zensical_s if self.zensical_s else None


def measure(
    n: int, profile: Profile, work: Path, args: argparse.Namespace, log: Callable[[str], None]
) -> tuple[Row, Path]:
    row = Row(n=n)
    project = work / f"n{n}"
    gen_s, _ = timed(lambda: make_project(project, n, profile, args.seed))
    log(f"N={n}: generated in {gen_s:.1f}s; building...")
    site_dir = project / "site"
    run = mkdocs_build(project, site_dir, args.timeout, work / f"build-n{n}.log")
    row.peak_rss_mb, row.build_ok = run.peak_rss_mb, run.returncode == 0
    row.add_build(run)
    if not row.build_ok:
        row.note = "build timed out" if run.timed_out else f"build failed (exit {run.returncode}); see the log"
        log(f"N={n}: {row.note}\n" + "\n".join(run.log.splitlines()[-15:]))
        return row, project
    log(f"N={n}: built in {row.build_s:.1f}s, peak RSS {row.peak_rss_mb:.0f} MB; timing the hook in-process...")

    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    row.load_s, content = timed(lambda: load_content(project))
    row.render_s, site = timed(lambda: build_site(content, config.site_url or "", config.repo_url or ""))
    row.snippets_s, _ = timed(lambda: [site.snippet("browse", "index.md"), site.snippet("downloads", "practice.md")])
    row.check_s, problems = timed(lambda: check_built_site(site, site_dir))
    if problems:
        row.note = f"post-build check found {len(problems)} problems"
    question_pages = [site.pages[q.src_uri] for q in content.questions]

    html = list(site_dir.glob("questions/*/*/index.html"))
    row.question_pages = len(html)
    row.pages = sum(1 for _ in site_dir.rglob("index.html"))
    row.html_bytes_per_question = sum(p.stat().st_size for p in html) / len(html) if html else 0.0
    row.html_gzip_bytes_per_question = sum(map(gzip_size, html)) / len(html) if html else 0.0
    sample = html[:: max(1, len(html) // HTML_SAMPLE)] if html else []
    weights = [page_weight(p.read_text(encoding="utf-8")) for p in sample]
    row.math_bytes_per_question = statistics.fmean(w.math for w in weights) if weights else 0.0
    row.chrome_bytes_per_question = statistics.fmean(w.outside_article for w in weights) if weights else 0.0
    # Both files the site's search loads (hooks/mlq/searchindex.py).
    row.search_index_bytes = sum(
        path.stat().st_size
        for path in (site_dir / "search" / "index.json", site_dir / "search" / "text.json")
        if path.is_file()
    )

    if args.profile_hook == n:
        profile_hook(project, content, args.profile_out, log)
    staged = None if args.skip_engine and args.skip_zensical else stage_plain(project, work / f"staged-n{n}")
    # This build, the floor and the engine-only builds alternate, so each round sees the machine in the same state.
    for index in range(args.rounds):
        if index:  # the first round's build is the one measured above
            again = mkdocs_build(project, work / f"round-n{n}", args.timeout, work / f"round-n{n}.log")
            if again.returncode != 0:
                row.note = f"build of round {index + 1} failed (exit {again.returncode}); earlier rounds kept"
                break
            row.add_build(again)
        row.floor_rounds_s.append(markdown_floor(project, question_pages))
        if staged is not None and not args.skip_engine and not row.engine_note:
            engine_round(row, staged, work, args, log)
    row.floor_s = statistics.median(row.floor_rounds_s)
    if row.engine_rounds_s and not row.engine_note:
        row.engine_s = statistics.median(row.engine_rounds_s)
        row.engine_search_s = statistics.median(row.engine_search_rounds_s)
    if staged is not None and not args.skip_zensical:
        zensical(row, project, staged, work, args, log)
    return row, project


@dataclass(frozen=True)
class PageWeight:
    total: int
    math: int  # bytes of the elements that hold typeset formulas
    outside_article: int  # bytes outside <article>...</article>: header, navigation, sidebars, footer, scripts


_MATH_WRAPPER = re.compile(r'<(span|div) class="arithmatex"')
_TAG_OF = {name: re.compile(rf"<(/?){name}\b") for name in ("span", "div")}  # a wrapper's opening and end tags
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def page_weight(page: str) -> PageWeight:
    """Where the bytes of a built page are (as UTF-8): typeset math, and what the theme puts around the article."""
    size = functools.partial(_utf8_len, page)
    math = 0
    for wrapper in _MATH_WRAPPER.finditer(page):
        depth = 0  # the wrapper's end: its tag name nests inside KaTeX's output (span) or not at all (div)
        for tag in _TAG_OF[wrapper.group(1)].finditer(page, wrapper.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = page.index(">", tag.end()) + 1
                math += size(wrapper.start(), end)
                break
    article = _ARTICLE.search(page)
    inside = size(article.start(), article.end()) if article else 0
    total = size(0, len(page))
    return PageWeight(total=total, math=math, outside_article=total - inside)


def _utf8_len(text: str, start: int, end: int) -> int:
    return len(text[start:end].encode("utf-8"))


def profile_hook(project: Path, content: Content, out: Path, log: Callable[[str], None]) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        log("pyinstrument is not installed: no profile written (pip install pyinstrument)")
        return
    profiler = Profiler(interval=0.001)
    profiler.start()
    fresh = load_content(project)
    site = build_site(fresh, "https://example.org/", "https://github.com/example/repo")
    site.snippet("browse", "index.md")
    check_built_site(site, project / "site")
    profiler.stop()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    log(f"hook profile written to {out}")


def zensical_build(staged: Path, timeout: float, log_path: Path) -> Run:
    return run_measured([str(ZENSICAL), "build", "--clean", "-f", "mkdocs.yml"], staged, timeout, log_path)


def engine_round(row: Row, staged: Path, work: Path, args: argparse.Namespace, log: Callable[[str], None]) -> None:
    """The staged pages built by MkDocs and Material alone: with no plugins, then with the theme's search plugin
    (what this project's build adds to that is its hook)."""
    for config, times in ((ENGINE_BARE_CONFIG, row.engine_rounds_s), ("mkdocs.yml", row.engine_search_rounds_s)):
        cmd = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(work / f"engine-n{row.n}")]
        run = run_measured(cmd, staged, args.timeout, work / f"engine-n{row.n}.log")
        built = len(list((work / f"engine-n{row.n}").glob("questions/*/*/index.html")))
        if run.returncode != 0 or built != row.question_pages:
            row.engine_note = f"MkDocs and Material alone, {config}: exit {run.returncode}, {built} question pages"
            log(row.engine_note + "\n" + "\n".join(run.log.splitlines()[-10:]))
            return
        times.append(run.seconds)
    log(
        f"N={row.n}: floor {row.floor_rounds_s[-1]:.1f}s; MkDocs and Material alone "
        f"{row.engine_rounds_s[-1]:.1f}s without plugins, {row.engine_search_rounds_s[-1]:.1f}s with search"
    )


def zensical(
    row: Row, project: Path, staged: Path, work: Path, args: argparse.Namespace, log: Callable[[str], None]
) -> None:
    if not ZENSICAL.is_file():
        row.zensical_note = f"Zensical not installed at {ZENSICAL}"
        return
    run = zensical_build(staged, args.timeout, work / f"zensical-n{row.n}.log")
    built = list((staged / "site").glob("questions/*/*/index.html"))
    if run.returncode != 0 or len(built) != row.question_pages:
        reason = "timed out" if run.timed_out else f"exit {run.returncode}, {len(built)} question pages"
        errors = [line for line in run.log.splitlines() if "Error" in line]
        if errors:
            reason += f": {errors[-1].strip()[:300]}"
        row.zensical_note = f"Zensical could not build the staged pages ({reason})"
        log(row.zensical_note + "\n" + "\n".join(run.log.splitlines()[-10:]))
        return
    row.zensical_s = run.seconds
    log(f"N={row.n}: Zensical built {len(built)} question pages in {run.seconds:.1f}s")
    row.round_build_s, row.round_zensical_s = [row.build_rounds_s[-1]], [run.seconds]
    for index in range(1, args.zensical_rounds):
        ours = mkdocs_build(project, work / f"round-n{row.n}", args.timeout, work / f"round-n{row.n}.log")
        theirs = zensical_build(staged, args.timeout, work / f"zensical-n{row.n}.log")
        if ours.returncode != 0 or theirs.returncode != 0:
            row.zensical_note = f"interleaved round {index + 1} failed; the first {index} rounds are kept"
            log(row.zensical_note)
            break
        row.round_build_s.append(ours.seconds)
        row.round_zensical_s.append(theirs.seconds)
        log(f"N={row.n}: round {index + 1}: this build {ours.seconds:.1f}s, Zensical {theirs.seconds:.1f}s")
    if len(row.round_zensical_s) > 1:
        row.zensical_s = statistics.median(row.round_zensical_s)


@dataclass
class NotebookResult:
    cold_s: float = 0.0
    warm_s: float = 0.0
    cold_executed: int = 0
    warm_executed: int = 0
    cold_cache_hits: int = 0
    warm_cache_hits: int = 0
    notebooks: int = 0
    question_pages: int = 0
    html_bytes_per_question: float = 0.0  # the real site's, to compare with the synthetic pages
    note: str = ""


def _notebook_counts(log_text: str) -> tuple[int, int]:
    executed = len(re.findall(r"Converting notebook \(execute=True\)", log_text))
    hits = len(re.findall(r"Cache hit", log_text))
    return executed, hits


def notebooks(work: Path, timeout: float, log: Callable[[str], None]) -> NotebookResult:
    """Cold then warm build of a copy of the real site (the notebook cache lives in the copy's .cache/)."""
    result = NotebookResult()
    project = work / "real"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "hooks", "content"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(src, project / name)
    dropped = drop_pages_outside_nav(project)
    if dropped:
        result.note = f"left out of the copy, as not in the nav: {', '.join('docs/' + uri for uri in dropped)}"
    result.notebooks = len(list((project / "content" / "notebooks").glob("*.py")))
    for label in ("cold", "warm"):
        log(f"real site: {label} build...")
        run = mkdocs_build(project, work / f"real-site-{label}", timeout, work / f"real-{label}.log")
        if run.returncode != 0:
            failure = f"{label} build {'timed out' if run.timed_out else f'failed (exit {run.returncode})'}"
            result.note = "; ".join(filter(None, [result.note, failure]))
            log(result.note + "\n" + "\n".join(run.log.splitlines()[-15:]))
            return result
        executed, hits = _notebook_counts(run.log)
        if label == "cold":
            result.cold_s, result.cold_executed, result.cold_cache_hits = run.seconds, executed, hits
            html = list((work / "real-site-cold").glob("questions/*/*/index.html"))
            result.question_pages = len(html)
            result.html_bytes_per_question = sum(p.stat().st_size for p in html) / len(html) if html else 0.0
        else:
            result.warm_s, result.warm_executed, result.warm_cache_hits = run.seconds, executed, hits
        log(f"real site: {label} build {run.seconds:.1f}s, {executed} notebooks executed, {hits} cache hits")
    return result


# --------------------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------------------

COLUMNS = [
    "N",
    "question pages",
    "build s",
    "hook s",
    "floor s",
    "build/floor",
    "hook/build",
    "t(N)/t(1k)",
    "HTML KB/question",
    "gzipped KB/question",
    "search index MB",
    "peak RSS MB",
    "Zensical s",
    "build/Zensical",
]


# The same staged pages (no hook) built by MkDocs and Material alone, against the floor and this build.
ENGINE_COLUMNS = [
    "N",
    "floor s",
    "MkDocs + Material, no plugins s",
    "that/floor",
    "MkDocs + Material + search s",
    "build s",
    "build/(MkDocs + Material + search)",
]
# A question page's bytes (mean of a sample): typeset math, the theme around the article, the rest of the article.
WEIGHT_COLUMNS = ["N", "HTML KB/question", "typeset math KB", "outside the article KB", "article without math KB"]


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def table(rows: Sequence[str | list[str]], header: Sequence[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" if isinstance(r, list) else r for r in rows]
    return "\n".join(lines)


def _event_row(row: Row, events: Sequence[str]) -> list[str]:
    """The hook's time in one build, split by event (seconds)."""
    return [f"{row.n:,}", _fmt(row.hook_in_build_s), *(_fmt(row.hook_events_s.get(e), 3) for e in events)]


def render_report(rows: Sequence[Row], nb: NotebookResult | None, skipped: Sequence[str], meta: dict[str, str]) -> str:
    t_1k = next((r.build_s for r in rows if r.n == 1000 and r.build_ok), None)
    main: list[str | list[str]] = []
    breakdown: list[str | list[str]] = []
    engine_rows: list[str | list[str]] = []
    weight_rows: list[str | list[str]] = []
    for r in rows:
        if not r.build_ok:
            main.append([f"{r.n:,}", *["–"] * (len(COLUMNS) - 2), r.note])
            continue
        ratio = r.ratios(t_1k)
        main.append(
            [
                f"{r.n:,}",
                f"{r.question_pages:,}",
                _fmt(r.build_s, 1),
                _fmt(r.hook_s, 2),
                _fmt(r.floor_s, 2),
                _fmt(ratio["build_over_floor"]),
                f"{100 * (ratio['hook_over_build'] or 0):.1f} %",
                _fmt(ratio["build_over_build_1k"]),
                _fmt(r.html_bytes_per_question / 1024, 1),
                _fmt(r.html_gzip_bytes_per_question / 1024, 1),
                _fmt(r.search_index_bytes / 1024 / 1024, 2),
                _fmt(r.peak_rss_mb, 0),
                _fmt(r.zensical_s, 1) if r.zensical_s is not None else (r.zensical_note and "n/a") or "–",
                _fmt(ratio["build_over_zensical"]),
            ]
        )
        breakdown.append(
            [f"{r.n:,}", f"{r.pages:,}", *(_fmt(v, 2) for v in (r.load_s, r.render_s, r.snippets_s, r.check_s))]
        )
        if r.engine_s is not None:
            engine_rows.append(
                [
                    f"{r.n:,}",
                    _fmt(r.floor_s, 2),
                    _fmt(r.engine_s, 1),
                    _fmt(ratio["engine_over_floor"]),
                    _fmt(r.engine_search_s, 1),
                    _fmt(r.build_s, 1),
                    _fmt(ratio["build_over_engine_search"]),
                ]
            )
        kb = [r.html_bytes_per_question / 1024, r.math_bytes_per_question / 1024, r.chrome_bytes_per_question / 1024]
        weight_rows.append([f"{r.n:,}", *(_fmt(v, 1) for v in (*kb, kb[0] - kb[1] - kb[2]))])
    out = [table(main, COLUMNS)]
    out.append("")
    out.append(
        table(
            breakdown,
            ["N", "HTML files", "load_content s", "build_site s", "snippets s", "post-build check s"],
        )
    )
    events = list(dict.fromkeys(name for r in rows for name in r.hook_events_s))
    if events:
        out += ["", table([_event_row(r, events) for r in rows if r.hook_events_s], ["N", "hook s", *events])]
    if engine_rows:
        out += ["", table(engine_rows, ENGINE_COLUMNS)]
    out += ["", table(weight_rows, WEIGHT_COLUMNS)]
    notes = [f"- N={r.n:,}: {r.note}" for r in rows if r.note] + [
        f"- N={r.n:,}: {note}" for r in rows for note in (r.engine_note, r.zensical_note) if note
    ]
    notes += [
        f"- N={r.n:,}, Zensical interleaved over {len(r.round_zensical_s)} rounds (wall s, this build / Zensical): "
        + ", ".join(f"{a:.1f} / {b:.1f}" for a, b in zip(r.round_build_s, r.round_zensical_s, strict=True))
        + f"; the table shows Zensical's median and the ratio of the medians ({_fmt(r.paired_over_zensical())})"
        for r in rows
        if len(r.round_zensical_s) > 1
    ]
    notes += [
        f"- N={r.n:,}, {len(r.floor_rounds_s)} rounds (s): this build "
        + ", ".join(f"{v:.1f}" for v in r.build_rounds_s)
        + " (hook "
        + ", ".join(f"{v:.2f}" for v in r.hook_rounds_s)
        + "); floor "
        + ", ".join(f"{v:.2f}" for v in r.floor_rounds_s)
        + (
            "; MkDocs + Material, no plugins "
            + ", ".join(f"{v:.1f}" for v in r.engine_rounds_s)
            + "; with search "
            + ", ".join(f"{v:.1f}" for v in r.engine_search_rounds_s)
            if r.engine_rounds_s
            else ""
        )
        + "; the tables show the medians"
        for r in rows
        if len(r.floor_rounds_s) > 1
    ]
    notes += [f"- {s}" for s in skipped]
    if nb is not None:
        out += [
            "",
            table(
                [
                    [
                        f"{nb.notebooks}",
                        _fmt(nb.cold_s, 1),
                        f"{nb.cold_executed}",
                        f"{nb.cold_cache_hits}",
                        _fmt(nb.warm_s, 1),
                        f"{nb.warm_executed}",
                        f"{nb.warm_cache_hits}",
                        f"{nb.question_pages}",
                        _fmt(nb.html_bytes_per_question / 1024, 1),
                    ]
                ],
                [
                    "notebooks",
                    "cold build s",
                    "executed (cold)",
                    "cache hits (cold)",
                    "warm build s",
                    "executed (warm)",
                    "cache hits (warm)",
                    "real question pages",
                    "real HTML KB/question",
                ],
            ),
        ]
        if nb.note:
            notes.append(f"- real site: {nb.note}")
    if notes:
        out += ["", *notes]
    out += ["", *(f"- {k}: {v}" for k, v in meta.items())]
    return "\n".join(out) + "\n"


def machine() -> dict[str, str]:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load average at start": load,
    }


def write_report(
    args: argparse.Namespace,
    rows: Sequence[Row],
    nb: NotebookResult | None,
    skipped: Sequence[str],
    meta: dict[str, str],
) -> str:
    """Write the Markdown report (and the JSON, if asked); return the Markdown. Called after every N too."""
    report = render_report(rows, nb, skipped, meta)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(report, encoding="utf-8")
    if args.json is not None:
        t_1k = next((r.build_s for r in rows if r.n == 1000 and r.build_ok), None)
        data: dict[str, Any] = {
            "rows": [{**asdict(r), "hook_s": r.hook_s, **r.ratios(t_1k)} for r in rows],
            "notebooks": asdict(nb) if nb is not None else None,
            "skipped": list(skipped),
            "meta": meta,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="question counts")
    parser.add_argument("--skip-notebooks", action="store_true", help="skip the cold/warm build of the real site")
    parser.add_argument("--skip-zensical", action="store_true", help="skip the Zensical comparison")
    parser.add_argument(
        "--skip-engine", action="store_true", help="skip the builds of the staged pages by MkDocs and Material alone"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        metavar="K",
        help="per size, K alternating builds of this site, passes of the floor and engine-only builds; medians kept",
    )
    parser.add_argument(
        "--zensical-rounds",
        type=int,
        default=1,
        metavar="K",
        help="alternate K cold builds of this site and of Zensical per size and compare medians (default 1)",
    )
    parser.add_argument(
        "--skip-after",
        type=float,
        default=180.0,
        help="skip sizes of 10,000 and more when the previous build took longer than this (seconds)",
    )
    parser.add_argument("--timeout", type=float, default=1200.0, help="limit for each build (seconds)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--report", type=Path, default=REPO / "bench" / "results.md", help="Markdown report")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw numbers as JSON")
    parser.add_argument("--workdir", type=Path, default=None, help="where temporary projects go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--profile-hook", type=int, default=None, metavar="N", help="profile the hook at this N")
    parser.add_argument("--profile-out", type=Path, default=REPO / "bench" / "hook-profile.txt")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    meta = machine()
    meta["command"] = "python " + " ".join([Path(sys.argv[0]).as_posix(), *(argv or sys.argv[1:])])
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mlq-bench-", dir=args.workdir))
    try:
        try:
            profile = real_profile()
        except ContentError as exc:
            log(f"the real content does not load, so its distributions cannot be copied:\n{exc}")
            return 1
        rows: list[Row] = []
        skipped: list[str] = []
        for n in sorted(set(args.sizes)):
            previous = rows[-1] if rows else None
            if n >= 10_000 and previous is not None and previous.build_s > args.skip_after:
                skipped.append(
                    f"N={n:,} skipped: the N={previous.n:,} build took {previous.build_s:.0f} s "
                    f"(over the {args.skip_after:.0f} s limit set by --skip-after)"
                )
                log(skipped[-1])
                continue
            row, project = measure(n, profile, work, args, log)
            rows.append(row)
            write_report(args, rows, None, [*skipped, "partial report: the run is still going"], meta)
            if not args.keep:
                shutil.rmtree(project, ignore_errors=True)
                shutil.rmtree(work / f"staged-n{n}", ignore_errors=True)
                shutil.rmtree(work / f"engine-n{n}", ignore_errors=True)
                shutil.rmtree(work / f"round-n{n}", ignore_errors=True)
        nb = None if args.skip_notebooks else notebooks(work, args.timeout, log)
        meta["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(write_report(args, rows, nb, skipped, meta))
        return 0 if all(r.build_ok for r in rows) else 1
    finally:
        if args.keep:
            log(f"projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
