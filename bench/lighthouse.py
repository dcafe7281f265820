"""Lighthouse scores per page type, on the real site and on a synthetic build of N questions.

Builds the site (``mkdocs build --strict``), serves it on loopback under ``/ml-interviews/`` as GitHub Pages
does (gzip for text, ``Cache-Control: max-age=600``, the site's 404 page), and runs Lighthouse (mobile preset,
the default simulated slow 4G and 4x CPU slowdown) with Debian's Chromium on six page types: home, a question,
a topic index, a company index, a notebook and the practice page. Prints a table per scale and writes it to
``--report``.

A benchmark, not a test: scores move with machine load (``--runs`` takes the median by performance score).
Lighthouse comes from npm (pinned below) and is installed into ``--lighthouse-dir`` on first use. Usage::

    .venv/bin/python bench/lighthouse.py --scales real 1000 --report bench/lighthouse.md
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_benchmark as bb

REPO = bb.REPO
LIGHTHOUSE = "lighthouse@12.2.3"
SUBPATH = "ml-interviews"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}
# The notebook copied into synthetic projects, so that scale has a notebook page too.
NOTEBOOK = "logistic-regression-numpy"
REAL_PAGES = {
    "home": "",
    "question": "questions/fundamentals/what-is-regularization/",
    "topic index": "topics/regularization/",
    "company index": "companies/amazon/",
    "notebook": f"notebooks/{NOTEBOOK}/",
    "practice": "practice/",
    "search results": "search/?q=why+does+dropout+reduce+overfitting",
    "mock interview": "mock/",
    "study plan": "plan/",
}
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".csv", ".ipynb"}


# --------------------------------------------------------------------------------------------------------------
# Serving like GitHub Pages
# --------------------------------------------------------------------------------------------------------------


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """Static files from ``root`` with gzip for text types, as GitHub Pages serves them."""

    root: Path
    cache: dict[Path, bytes]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _resolve(self) -> Path | None:
        path = (self.root / unquote(urlsplit(self.path).path).lstrip("/")).resolve()
        if not path.is_relative_to(self.root):
            return None
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return path  # redirected below
            path = path / "index.html"
        return path if path.is_file() else None

    def do_GET(self) -> None:
        path = self._resolve()
        if path is not None and path.is_dir():
            self.send_response(301)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.end_headers()
            return
        status = 200
        if path is None:
            status, path = 404, self.root / SUBPATH / "404.html"
        body = path.read_bytes()
        encoding = None
        if path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            if path not in self.cache:
                self.cache[path] = gzip.compress(body, compresslevel=6, mtime=0)
            body, encoding = self.cache[path], "gzip"
        self.send_response(status)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    handler = type("Handler", (PagesHandler,), {"root": root.resolve(), "cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    finally:
        server.shutdown()


# --------------------------------------------------------------------------------------------------------------
# Sites
# --------------------------------------------------------------------------------------------------------------


def build(project: Path, root: Path, timeout: float, log_path: Path) -> None:
    run = bb.mkdocs_build(project, root / SUBPATH, timeout, log_path)
    if run.returncode != 0:
        tail = "\n".join(run.log.splitlines()[-20:])
        raise SystemExit(f"build of {project} failed (exit {run.returncode}):\n{tail}")


def synthetic_pages(site: Path) -> dict[str, str]:
    """One page of each type in a synthetic build: the first exported question, its first topic, a company."""
    export = json.loads((site / "api" / "questions.json").read_text(encoding="utf-8"))
    questions = export["questions"]
    first = questions[0]
    company = next(c["name"] for q in questions for c in q.get("companies", []))
    return {
        "home": "",
        "question": first["url"],
        "topic index": f"topics/{first['topics'][0]}/",
        "company index": f"companies/{company}/",
        "notebook": f"notebooks/{NOTEBOOK}/",
        "practice": "practice/",
        "search results": "search/?q=why+does+dropout+reduce+overfitting",
        "mock interview": "mock/",
        "study plan": "plan/",
    }


def make_synthetic(work: Path, n: int, timeout: float) -> tuple[Path, dict[str, str]]:
    project = bb.make_project(work / f"n{n}", n, bb.real_profile(), seed=1)
    shutil.copy(REPO / "content" / "notebooks" / f"{NOTEBOOK}.py", project / "content" / "notebooks")
    root = work / f"served-n{n}"
    build(project, root, timeout, work / f"build-n{n}.log")
    return root, synthetic_pages(root / SUBPATH)


def make_real(work: Path, timeout: float) -> tuple[Path, dict[str, str]]:
    root = work / "served-real"
    build(REPO, root, timeout, work / "build-real.log")
    return root, dict(REAL_PAGES)


# --------------------------------------------------------------------------------------------------------------
# Lighthouse
# --------------------------------------------------------------------------------------------------------------


def lighthouse_bin(prefix: Path) -> Path:
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("npm is needed to install Lighthouse (Debian: apt-get install npm)")
        subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", LIGHTHOUSE], check=True)
    return binary


@dataclass
class Result:
    page_type: str
    url: str
    scores: dict[str, int] = field(default_factory=dict)
    metrics: dict[str, str] = field(default_factory=dict)
    bytes_loaded: int = 0
    error: str = ""


def run_lighthouse(binary: Path, chromium: str, url: str, out: Path) -> dict[str, Any]:
    cmd = [
        str(binary),
        url,
        f"--chrome-path={chromium}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    subprocess.run(cmd, check=True, timeout=300)
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def measure(binary: Path, chromium: str, page_type: str, url: str, runs: int, work: Path) -> Result:
    reports = []
    for index in range(runs):
        try:
            reports.append(
                run_lighthouse(binary, chromium, url, work / f"lh-{page_type.replace(' ', '-')}-{index}.json")
            )
        except (subprocess.SubprocessError, OSError, ValueError) as exc:
            return Result(page_type, url, error=str(exc))
    # The median run by performance score: the other categories do not move between runs.
    reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
    report = reports[len(reports) // 2]
    result = Result(page_type, url)
    for key in CATEGORIES:
        score = report["categories"][key]["score"]
        result.scores[key] = round(score * 100) if score is not None else -1
    for audit, label in METRICS.items():
        result.metrics[label] = report["audits"][audit]["displayValue"].replace("\xa0", " ")
    result.bytes_loaded = int(report["audits"]["total-byte-weight"]["numericValue"])
    if runs > 1:
        spread = [round((r["categories"]["performance"]["score"] or 0) * 100) for r in reports]
        result.metrics["perf runs"] = "/".join(map(str, spread))
    return result


def search_latency(chromium: str, page_url: str, query: str) -> dict[str, float]:
    """Seconds from opening search to the first result, with the index fetched on demand, under Lighthouse's
    mobile conditions (simulated here with DevTools: 4x CPU slowdown, 1.6 Mbps down, 150 ms round trip).
    The cost of not loading the index with every page is paid here, once per visit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--headless=new", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 7.5e5 / 8},
        )
        page.goto(page_url, wait_until="networkidle")
        start = time.perf_counter()
        page.click("label.md-header__button[for='__search']")  # the header's search button on a phone
        page.keyboard.type(query)
        page.wait_for_selector(".mlq-search__results a", timeout=120_000)  # the site's search (search.js)
        first = time.perf_counter() - start
        browser.close()
    return {"first results s": first}


# --------------------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------------------


def table(scale: str, results: Sequence[Result]) -> str:
    header = ["page type", "performance", "accessibility", "best practices", "SEO", "FCP", "LCP", "TBT", "CLS", "KB"]
    rows: list[str | list[str]] = []
    for r in results:
        if r.error:
            rows.append([r.page_type, f"error: {r.error}", *[""] * (len(header) - 2)])
            continue
        cells = [r.page_type, *(str(r.scores[c]) for c in CATEGORIES), *(r.metrics[m] for m in METRICS.values())]
        rows.append([*cells, f"{r.bytes_loaded / 1024:.0f}"])
    return f"#### {scale}\n\n" + bb.table(rows, header) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", nargs="+", default=["real", "1000"], help="'real' and/or question counts")
    parser.add_argument("--pages", nargs="+", default=None, metavar="TYPE", help="only these page types")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (median by performance)")
    parser.add_argument("--chromium", default=os.environ.get("MLQ_CHROMIUM") or shutil.which("chromium") or "")
    parser.add_argument("--lighthouse-dir", type=Path, default=Path.home() / ".cache" / "mlq-lighthouse")
    parser.add_argument("--timeout", type=float, default=1200.0, help="limit for each build (seconds)")
    parser.add_argument("--report", type=Path, default=None, help="also write the tables here (Markdown)")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw numbers as JSON")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    if not args.chromium or not Path(args.chromium).exists():
        parser.error("no Chromium found: install Debian's `chromium` or pass --chromium")

    def log(message: str) -> None:
        print(f"[lighthouse {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    binary = lighthouse_bin(args.lighthouse_dir)
    meta = bb.machine()
    meta["command"] = "python " + " ".join([Path(sys.argv[0]).as_posix(), *(argv or sys.argv[1:])])
    tables: list[str] = []
    raw: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="mlq-lighthouse-", dir=args.workdir) as tmp:
        work = Path(tmp)
        for scale in args.scales:
            log(f"{scale}: building...")
            if scale == "real":
                root, pages = make_real(work, args.timeout)
                name = "Real site"
            else:
                root, pages = make_synthetic(work, int(scale), args.timeout)
                name = f"Synthetic, {int(scale):,} questions"
            results = []
            with serve(root) as base:
                for page_type, path in pages.items():
                    if args.pages and page_type not in args.pages:
                        continue
                    log(f"{scale}: {page_type} ({path or '/'})")
                    results.append(measure(binary, args.chromium, page_type, base + path, args.runs, work))
                log(f"{scale}: search latency")
                latency = search_latency(args.chromium, base + pages["question"], "gradient")
            files = [root / SUBPATH / "search" / name for name in ("index.json", "text.json")]
            index_bytes = sum(f.stat().st_size for f in files)
            index_gzip_bytes = sum(bb.gzip_size(f) for f in files)
            tables.append(
                table(name, results)
                + f"\nSearch index files {index_bytes / 1e6:.2f} MB ({index_gzip_bytes / 1e6:.2f} MB gzipped),"
                f" fetched when the reader starts searching: {latency['first results s']:.1f} s from opening search"
                " to the first results on a throttled phone.\n"
            )
            raw[name] = {
                "pages": [vars(r) for r in results],
                "search_index_bytes": index_bytes,
                "search_index_gzip_bytes": index_gzip_bytes,
                **latency,
            }
            print(tables[-1], flush=True)
            shutil.rmtree(root, ignore_errors=True)
    meta["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    if args.report is not None:
        footer = "\n".join(f"- {key}: {value}" for key, value in meta.items())
        args.report.write_text("\n".join(tables) + "\n" + footer + "\n", encoding="utf-8")
    if args.json is not None:
        args.json.write_text(json.dumps({"results": raw, "meta": meta}, indent=1) + "\n", encoding="utf-8")
    failed = any(r["error"] or min(r["scores"].values()) < 95 for scale in raw.values() for r in scale["pages"])
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
