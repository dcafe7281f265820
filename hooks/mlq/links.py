"""External links in content and guides, and a checker for the scheduled link-check workflow."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_URL = re.compile(r"https?://[^\s)>\]\"'`]+")


def _files(root: Path) -> list[Path]:
    """Markdown in content/questions and docs/, and content's YAML data (company tags' sources live in front
    matter, the interview-loop reports in content/companies.yml)."""
    paths = [p for folder in ("content/questions", "docs") for p in sorted((root / folder).rglob("*.md"))]
    return paths + sorted((root / "content").glob("*.yml"))


def external_links(root: Path) -> dict[str, list[str]]:
    """URL -> the files (repository-relative) that contain it, from content/ and docs/ Markdown and YAML."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in _files(root):
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in _URL.findall(text):
            found[url.rstrip(".,;:")].add(path.relative_to(root).as_posix())
    return {url: sorted(files) for url, files in sorted(found.items())}


def check_url(url: str, timeout: float = 20.0) -> str | None:
    """None if the URL answers with a success or redirect, else a short reason."""
    headers = {"User-Agent": "ml-interview-guide-link-check"}
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code}"
            if exc.code not in (403, 405, 501):
                return reason
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = str(getattr(exc, "reason", exc))
    return reason


def broken_links(links: dict[str, list[str]], workers: int = 8) -> dict[str, str]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(links, pool.map(check_url, links), strict=True))
    return {url: reason for url, reason in results.items() if reason is not None}
