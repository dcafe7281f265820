"""Search quality, measured through the built site's real search page in Chromium.

Each query in ``bench/search/{heldout,tuning}.yml`` is typed into the search page (``search/?q=``) and the ranked
links are read back; a query is a hit at k when a page that answers it is among the first k. Reports hit@1,
hit@5 and mean reciprocal rank per half and per kind, and whether every question comes first for its own
title. The held-out half was written before any tuning and is never tuned on.

    python bench/search_benchmark.py                 # builds the site into a temporary folder first
    python bench/search_benchmark.py --site site     # an existing build (of this repository's mkdocs.yml)

Not a test (tests/test_search.py asserts the thresholds on the same functions).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "bench" / "search"
HALVES = ("heldout", "tuning")
KINDS = ("question", "keyword", "scenario")
SUBPATH = "ml-interviews"
CHROMIUM = os.environ.get("MLQ_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


# True once the result list at selector shows the results for query q, ranked with both index files.
RESULTS_IN = "([sel, q]) => { const d = document.querySelector(sel).dataset; return d.query === q && !!d.complete; }"


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    answers: tuple[str, ...]


@dataclass
class Score:
    count: int = 0
    hit1: int = 0
    hit5: int = 0
    rr: float = 0.0
    misses: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, query: Query, ranked: list[str]) -> None:
        rank = next((i + 1 for i, qid in enumerate(ranked) if qid in query.answers), None)
        self.count += 1
        self.hit1 += rank == 1
        self.hit5 += rank is not None and rank <= 5
        self.rr += 1 / rank if rank else 0.0
        if rank is None or rank > 5:
            self.misses.append((query.text, ranked[:5]))

    def row(self) -> dict[str, float]:
        n = max(self.count, 1)
        return {"n": self.count, "hit@1": self.hit1 / n, "hit@5": self.hit5 / n, "MRR": self.rr / n}


def load_queries(half: str) -> list[Query]:
    data = yaml.safe_load((QUERIES / f"{half}.yml").read_text(encoding="utf-8"))
    return [Query(q["q"], q["kind"], tuple(q["answers"])) for q in data["queries"]]


class _Search:
    """The search page of a served site, driven as a reader drives it: type, press Enter, read the list."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        page.goto(base_url + "search/")
        page.fill("#mlq-search-q", "warm up")  # loads the engine and both index files
        page.press("#mlq-search-q", "Enter")
        page.wait_for_selector("html[data-mlq-search=complete]")
        index = page.evaluate("fetch('../search/index.json').then(r => r.json())")
        self.ids = {base_url + doc["url"]: doc["id"] for doc in index["docs"]}

    def ranked(self, query: str) -> list[str]:
        self.page.fill("#mlq-search-q", query)
        self.page.press("#mlq-search-q", "Enter")
        self.page.wait_for_function(RESULTS_IN, arg=["#mlq-search-results", query.strip()])
        hrefs = self.page.eval_on_selector_all("#mlq-search-results a", "links => links.map(a => a.href)")
        return [self.ids.get(href, href) for href in hrefs]


def evaluate(page: Any, base_url: str) -> dict[str, Any]:
    """Scores per half and kind, and the titles that do not come first, from the search page at ``base_url``."""
    search = _Search(page, base_url)
    report: dict[str, Any] = {}
    for half in HALVES:
        scores = {kind: Score() for kind in KINDS}
        for query in load_queries(half):
            scores[query.kind].add(query, search.ranked(query.text))
        report[half] = scores
    index = page.evaluate("fetch('../search/index.json').then(r => r.json())")
    titles = [(doc["id"], doc["title"]) for doc in index["docs"] if "kind" not in doc]
    report["title_misses"] = [
        (qid, title, ranked[:3]) for qid, title in titles if (ranked := search.ranked(title))[:1] != [qid]
    ]
    report["titles"] = len(titles)
    return report


# Engine variants for the ablation, built in the page from the same module and files the site ships.
_ABLATION_JS = """
async ({queries}) => {
  const m = await import(new URL("../assets/javascripts/search-engine.js", location.href).href);
  const get = (name) => fetch(new URL(`../search/${name}`, location.href)).then((r) => r.json());
  const [index, text] = await Promise.all([get("index.json"), get("text.json")]);
  const flat = { boost: { title: 1, asked: 1, topics: 1, companies: 1, category: 1 }, text: 1,
                 nonQuestion: 1, exact: 0 };
  const plain = { tokenize: (s) => s.toLowerCase().split(/[^0-9a-z]+/).filter(Boolean), processTerm: (t) => t,
                  weights: flat, phrasings: false, exact: false, fuzzy: false };
  const variants = [
    ["BM25 (MiniSearch), every word counts, fields equal", plain, true],
    ["+ Porter stems; stop and question words dropped", { ...plain, tokenize: m.tokenize,
       processTerm: m.processTerm }, true],
    ["+ title and topic weights, typo tolerance, exact-title bonus", { phrasings: false }, true],
    ["+ asked_as phrasings, without the answers' words", { words: false }, true],
    ["+ the answers' words (what the site ships)", {}, true],
  ];
  const out = [];
  for (const [name, options, withText] of variants) {
    const engine = new m.Engine(index, options);
    if (withText) engine.addText(text);
    const ranked = queries.map((q) => engine.search(q, null, { limit: 10 }).map((r) => r.doc.id));
    const titles = index.docs.filter((d) => !d.kind);
    const first = titles.filter((d) => engine.search(d.title, null, { limit: 1 })[0]?.doc.id === d.id).length;
    out.push([name, ranked, first / titles.length]);
  }
  return out;
}
"""


Variant = tuple[str, dict[str, dict[str, Score]], float]


def ablation(page: Any, base_url: str) -> list[Variant]:
    """Scores of each engine variant on both halves (in the page, through the engine module, not the UI)."""
    page.goto(base_url + "search/")
    queries = {half: load_queries(half) for half in HALVES}
    texts = [q.text for half in HALVES for q in queries[half]]
    results = []
    for name, ranked, titles_first in page.evaluate(_ABLATION_JS, {"queries": texts}):
        scores: dict[str, dict[str, Score]] = {half: {kind: Score() for kind in KINDS} for half in HALVES}
        position = 0
        for half in HALVES:
            for query in queries[half]:
                scores[half][query.kind].add(query, ranked[position])
                position += 1
        results.append((name, scores, titles_first))
    return results


def ablation_markdown(results: list[Variant]) -> str:
    head = " | ".join(f"{half} {kind}" for half in HALVES for kind in KINDS)
    lines = [f"| engine (hit@5) | {head} | own title first |", "|---|" + "---:|" * (len(HALVES) * len(KINDS) + 1)]
    for name, scores, titles_first in results:
        cells = " | ".join(f"{scores[h][k].row()['hit@5']:.0%}" for h in HALVES for k in KINDS)
        lines.append(f"| {name} | {cells} | {titles_first:.0%} |")
    return "\n".join(lines) + "\n"


def markdown(report: dict[str, Any]) -> str:
    lines = ["| half | kind | queries | hit@1 | hit@5 | MRR |", "|---|---|---:|---:|---:|---:|"]
    for half in HALVES:
        for kind in KINDS:
            row = report[half][kind].row()
            lines.append(
                f"| {half} | {kind} | {row['n']} | {row['hit@1']:.1%} | {row['hit@5']:.1%} | {row['MRR']:.3f} |"
            )
    hits = report["titles"] - len(report["title_misses"])
    lines.append(f"\nOwn title ranked first: {hits} of {report['titles']} questions.")
    return "\n".join(lines) + "\n"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    root = Path(tempfile.mkdtemp())
    (root / SUBPATH).symlink_to(site.resolve())
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    finally:
        server.shutdown()
        shutil.rmtree(root)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build this repository first)")
    parser.add_argument("--misses", action="store_true", help="list the queries of the TUNING half that miss")
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument("--ablation", action="store_true", help="also score engine variants on both halves")
    args = parser.parse_args()
    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp()) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=REPO, check=True)
    from playwright.sync_api import sync_playwright

    with serve(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        report = evaluate(browser.new_page(), base_url)
        variants = ablation(browser.new_page(), base_url) if args.ablation else []
        browser.close()
    print(markdown(report))
    if variants:
        print(ablation_markdown(variants))
    if args.misses:  # only the tuning half: the held-out half is never looked at query by query
        for kind in KINDS:
            for text, top in report["tuning"][kind].misses:
                print(f"[{kind}] {text}\n    top 5: {top}")
        for qid, title, top in report["title_misses"]:
            print(f"[title] {qid} {title}\n    top 3: {top}")
    if args.json:
        data = {h: {k: report[h][k].row() for k in KINDS} for h in HALVES}
        data["titles"] = {"questions": report["titles"], "not_first": len(report["title_misses"])}
        args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
