"""How long a reader on a phone waits for the first search results, and what search costs in bytes.

Builds synthetic sites (bench/build_benchmark.py's generator) of N questions, serves each as GitHub Pages does
(gzip; bench/lighthouse.py), and in Chromium with Lighthouse's mobile throttling (150 ms round trip, 1.6 Mbit/s
down, CPU slowed 4x) opens a question page, focuses the search field and types a query at once: the time from
the first keystroke to the first result on screen, and the bytes the search transferred (engine and index files,
compressed as sent). Medians of ``--runs`` fresh page loads (empty cache each).

    python bench/search_speed.py --sizes 1000 10000 --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_benchmark as bb
import lighthouse as lh
from search_benchmark import CHROMIUM, FLAGS

# Lighthouse's mobile preset ("slow 4G" and a mid-range phone's CPU).
THROTTLE = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1638.4 * 1024 / 8,
    "uploadThroughput": 675 * 1024 / 8,
}
CPU_SLOWDOWN = 4
SEARCH_FILES = ("search-engine.js", "minisearch.js", "stemmer.js", "index.json", "text.json")


def one_run(browser: Any, base_url: str, question_url: str, query: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", THROTTLE)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    urls: dict[str, str] = {}
    sizes: dict[str, float] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(base_url + question_url, wait_until="load")
    page.wait_for_timeout(500)
    page.click("label.md-header__button[for=__search]")  # the phone layout's search button
    start = page.evaluate("performance.now()")
    page.keyboard.type(query)
    page.wait_for_selector(".mlq-search__results a", timeout=60_000)
    first = page.evaluate("performance.now()") - start
    page.wait_for_function("() => document.documentElement.dataset.mlqSearch === 'complete'", timeout=120_000)
    page.wait_for_timeout(300)
    by_name = {urls[rid].rsplit("/", 1)[-1]: size for rid, size in sizes.items() if rid in urls}
    context.close()
    return {
        "first_results_ms": first,
        "first_file_bytes": by_name.get("index.json", 0),
        "search_bytes": sum(by_name.get(name, 0) for name in SEARCH_FILES),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", default="gradient descent")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    work = Path(tempfile.mkdtemp(prefix="search-speed-"))
    for n in args.sizes:
        project = bb.make_project(work / f"n{n}", n, bb.real_profile(), seed=1)
        root = work / f"site{n}"
        lh.build(project, root, timeout=3600, log_path=work / f"build{n}.log")
        question = next((root / lh.SUBPATH / "questions").glob("*/*/index.html")).parent
        question_url = question.relative_to(root / lh.SUBPATH).as_posix() + "/"
        with lh.serve(root) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            runs = [one_run(browser, base_url, question_url, args.query) for _ in range(args.runs)]
            browser.close()
        row = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        row["n"] = n
        row["runs_ms"] = [round(r["first_results_ms"]) for r in runs]
        rows.append(row)
        print(row, flush=True)
    print("\n| questions | first results (median ms) | runs (ms) | first file, gzipped | all search bytes, gzipped |")
    print("|---:|---:|---|---:|---:|")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['first_results_ms']:.0f} | {', '.join(map(str, r['runs_ms']))} "
            f"| {r['first_file_bytes'] / 1024:.0f} KB | {r['search_bytes'] / 1024:.0f} KB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
