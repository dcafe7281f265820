"""Edit-to-reload: how long a contributor waits, after saving a question, for `mkdocs serve` to serve the edit.

Starts `mkdocs serve` on a copy of this repository (the real site) and on a synthetic project of N questions
(bench/build_benchmark.py's generator), then, ``--runs`` times, appends a unique sentence to a question's
30-second answer and times from the save until the served page contains it. Reported next to the warm full
build (`mkdocs build`) and the Markdown floor (converting the same pages' Markdown alone) of the same run.
A benchmark, not a test: compare the ratios within one run.

    python bench/serve_benchmark.py --sizes real 1000 --runs 5
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_benchmark as bb

REPO = bb.REPO
SUBPATH = "ml-interviews"


def copy_repo(dest: Path) -> Path:
    """The repository at HEAD (what a contributor's clone has), plus the notebook cache if present."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=REPO, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    if (REPO / ".cache").is_dir():  # a contributor's second session: notebooks already executed
        shutil.copytree(REPO / ".cache", dest / ".cache")
    return dest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return None


@contextlib.contextmanager
def serve(project: Path, log_path: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}/{SUBPATH}/"
            deadline = time.monotonic() + 900
            while fetch(base) is None:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"mkdocs serve did not start; see {log_path}")
                time.sleep(0.5)
            yield base
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


def edit_to_reload(project: Path, base: str, question: Path, runs: int) -> list[float]:
    """Seconds from each save to the served page showing the edit."""
    url = base + question.relative_to(project / "content").with_suffix("").as_posix() + "/"
    original = question.read_text(encoding="utf-8")
    times = []
    try:
        for run in range(runs):
            marker = f"Edit marker {run} {time.time_ns()}."
            text = original.replace("## The 30-second answer\n\n", f"## The 30-second answer\n\n{marker} ", 1)
            time.sleep(2)  # let the watcher settle after the previous rebuild
            start = time.monotonic()
            question.write_text(text, encoding="utf-8")
            while marker not in (fetch(url) or ""):
                if time.monotonic() - start > 600:
                    raise SystemExit(f"the edit never appeared at {url}")
                time.sleep(0.05)
            times.append(time.monotonic() - start)
    finally:
        question.write_text(original, encoding="utf-8")
    return times


def warm_build(project: Path, log_path: Path) -> float:
    first = bb.mkdocs_build(project, project / "site", 3600, log_path)  # first build: notebooks and caches
    if first.returncode != 0:
        raise SystemExit(f"build of {project} failed; see {log_path}")
    return bb.mkdocs_build(project, project / "site", 3600, log_path).seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["real", "1000"], help="'real' and/or question counts")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mlq-serve-"))
    head = copy_repo(work / "head")  # the synthetic questions take their shape from the committed content
    rows = []
    for size in args.sizes:
        if size == "real":
            project = copy_repo(work / "real")
        else:
            project = bb.make_project(work / f"n{size}", int(size), bb.real_profile(head), seed=1)
        pages = [p.relative_to(project).as_posix() for p in (project / "content" / "questions").rglob("*.md")]
        question = project / sorted(pages)[len(pages) // 2]
        build_s = warm_build(project, work / f"build-{size}.log")
        # The floor as bench/build_benchmark.py defines it: the generated question pages' Markdown, converted.
        content = bb.load_content(project)
        site = bb.build_site(content)
        floor_s = bb.markdown_floor(project, [site.pages[q.src_uri] for q in content.questions])
        with serve(project, work / f"serve-{size}.log") as base:
            times = edit_to_reload(project, base, question, args.runs)
        row = {"size": size, "reload": statistics.median(times), "runs": times, "build": build_s, "floor": floor_s}
        rows.append(row)
        print(row, flush=True)
    print("\n| site | edit to reload, median s | runs s | warm full build s | Markdown floor s |")
    print("|---|---:|---|---:|---:|")
    for r in rows:
        runs = ", ".join(f"{t:.1f}" for t in r["runs"])
        print(f"| {r['size']} | {r['reload']:.1f} | {runs} | {r['build']:.1f} | {r['floor']:.1f} |")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
