"""Smoke test of bench/build_benchmark.py at a tiny size: it runs, and its report has the expected shape.

Not a timed test: only sanity bounds on the numbers, never targets.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

SCRIPT = REPO / "bench" / "build_benchmark.py"
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


@pytest.mark.build
def test_benchmark_runs_at_tiny_size(tmp_path: Path) -> None:
    report, raw = tmp_path / "report.md", tmp_path / "report.json"
    work = tmp_path / "work"
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--sizes",
            "20",
            "--skip-notebooks",
            "--skip-zensical",
            "--rounds",
            "2",
            "--report",
            str(report),
            "--json",
            str(raw),
            "--workdir",
            str(work),
            "--timeout",
            "120",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]

    text = report.read_text(encoding="utf-8")
    header = text.splitlines()[0]
    assert [cell.strip() for cell in header.strip("|").split("|")] == COLUMNS
    assert "\n| 20 | 20 |" in text
    assert "- nproc:" in text and "- python:" in text and "- command:" in text
    assert "Zensical" in text and "executed (cold)" not in text  # parts skipped as asked
    assert "| N | floor s | MkDocs + Material, no plugins s |" in text  # the engine-only builds ran
    assert "| N | HTML KB/question | typeset math KB |" in text

    data = json.loads(raw.read_text(encoding="utf-8"))
    assert data["notebooks"] is None
    (row,) = data["rows"]
    assert row["n"] == 20 and row["build_ok"] and row["question_pages"] == 20
    assert row["pages"] > row["question_pages"]  # index, topic, company and difficulty pages too
    assert 0 < row["floor_s"] < row["build_s"] < 120
    # The hook's own report from inside the build, which also covers its page-level events.
    assert row["hook_s"] == row["hook_in_build_s"] > 0
    assert row["hook_s"] > row["check_s"] and row["hook_s"] < row["build_s"]
    # ... and per event: every timed event ran, and they add up to the total (rounded to 3 and 2 places).
    events = row["hook_events_s"]
    assert {"on_files", "on_page_content", "on_post_page", "on_post_build"} <= set(events)
    assert abs(sum(events.values()) - row["hook_s"]) <= 0.005 + 0.0005 * len(events)
    assert "| N | hook s | on_files |" in text
    assert 0 < row["hook_over_build"] < 1 and row["build_over_floor"] > 1
    assert row["build_over_build_1k"] is None and row["zensical_s"] is None
    assert 2_000 < row["html_bytes_per_question"] < 1_000_000
    assert 500 < row["html_gzip_bytes_per_question"] < row["html_bytes_per_question"]
    assert row["search_index_bytes"] > 20 * 1_000
    assert 20 < row["peak_rss_mb"] < 4_000
    assert not row["note"] and not row["engine_note"]
    # The staged pages built by MkDocs and Material alone, with and without the search plugin.
    assert row["engine_s"] > 0 and row["engine_search_s"] > 0
    # Two rounds, each a pass of the floor and a build of each kind; the table's numbers are their medians.
    assert len(row["floor_rounds_s"]) == len(row["engine_rounds_s"]) == len(row["engine_search_rounds_s"]) == 2
    assert row["floor_s"] == sum(row["floor_rounds_s"]) / 2 and row["engine_s"] == sum(row["engine_rounds_s"]) / 2
    assert len(row["build_rounds_s"]) == len(row["hook_rounds_s"]) == 2
    assert row["build_s"] == sum(row["build_rounds_s"]) / 2 and row["hook_s"] == sum(row["hook_rounds_s"]) / 2
    assert "- N=20, 2 rounds (s): this build " in text
    assert row["engine_over_floor"] == row["engine_s"] / row["floor_s"]
    assert row["build_over_engine_search"] == row["build_s"] / row["engine_search_s"]
    # Synthetic questions have math, so some of each page is typeset math; the theme's markup is the rest.
    assert 0 < row["math_bytes_per_question"] < row["html_bytes_per_question"]
    assert 0 < row["chrome_bytes_per_question"] < row["html_bytes_per_question"] - row["math_bytes_per_question"]
    assert not list(work.iterdir())  # temporary projects cleaned up


def test_zensical_ratio_uses_the_medians_of_interleaved_rounds() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import build_benchmark as bb
    finally:
        sys.path.remove(str(REPO / "bench"))
    single = bb.Row(n=10, build_s=6.0, zensical_s=3.0)
    assert single.paired_over_zensical() == 2.0
    rounds = bb.Row(n=10, build_s=9.0, zensical_s=4.0, round_build_s=[9.0, 4.0, 5.0], round_zensical_s=[4.0, 10.0, 5.0])
    assert rounds.paired_over_zensical() == 1.0  # median 5.0 over median 5.0, not 9.0 over 4.0
    assert rounds.ratios(None)["build_over_zensical"] == 1.0


def test_page_weight_splits_math_theme_and_article() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import build_benchmark as bb
    finally:
        sys.path.remove(str(REPO / "bench"))
    inline = '<span class="arithmatex"><span class="katex"><span>a</span><math>é</math></span></span>'
    display = '<div class="arithmatex"><span class="katex-display"><span>b</span></span></div>'
    article = f'<article class="md-content__inner"><p>x {inline} <span>y</span></p>{display}</article>'
    page = f"<html><nav>menü</nav>{article}<footer>z</footer></html>"
    weight = bb.page_weight(page)
    assert weight.total == len(page.encode())
    assert weight.math == len(inline.encode()) + len(display.encode())  # nested spans end where the wrapper does
    assert weight.outside_article == len(page.encode()) - len(article.encode())
    assert bb.page_weight("<p>no article, no math</p>") == bb.PageWeight(total=26, math=0, outside_article=26)
