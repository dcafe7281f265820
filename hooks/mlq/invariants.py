"""The "nothing lost" invariant, checked against the built site on every build.

Every question file must appear exactly once as a page, be linked from its category, topic,
company and difficulty indices, appear once in the export and once in the search index.
"""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mlq.site import EXPORT_URI, LINKS, Site, dest_path, page_url

SEARCH_INDEX = "search/search_index.json"


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def linked_pages(html: str, url: str) -> Counter[str]:
    """Site-relative directory URLs of the pages linked from a page published at ``url``."""
    parser = _Hrefs()
    parser.feed(html)
    found: Counter[str] = Counter()
    for href in parser.hrefs:
        parts = urlsplit(urljoin(f"http://site/{url}", href))
        if parts.netloc != "site":
            continue
        path = parts.path.lstrip("/").removesuffix("index.html")
        found[path] += 1
    return found


def check_built_site(site: Site, site_dir: Path) -> list[str]:
    problems: list[str] = []
    questions = site.content.questions
    cache: dict[str, Counter[str]] = {}

    def links_of(src_uri: str) -> Counter[str]:
        if src_uri not in cache:
            path = site_dir / dest_path(src_uri)
            cache[src_uri] = (
                linked_pages(path.read_text(encoding="utf-8"), page_url(src_uri)) if path.is_file() else Counter()
            )
        return cache[src_uri]

    for q in questions:
        if not (site_dir / dest_path(q.src_uri)).is_file():
            problems.append(f"{q.path}: no page was published at {page_url(q.src_uri)}")
        indices = [LINKS.category(q.category), LINKS.difficulty(q.meta.difficulty)]
        indices += [LINKS.topic(t) for t in q.meta.topics]
        indices += [LINKS.company(c.key) for c in q.companies]
        for index in indices:
            if links_of(index)[page_url(q.src_uri)] < 1:
                problems.append(f"{q.path}: not listed on the index page {page_url(index)}")

    export_path = site_dir / EXPORT_URI
    exported: Counter[str] = Counter()
    if export_path.is_file():
        exported.update(record["id"] for record in json.loads(export_path.read_text(encoding="utf-8"))["questions"])
    search_path = site_dir / SEARCH_INDEX
    searchable: Counter[str] = Counter()
    if search_path.is_file():
        searchable.update(doc["location"] for doc in json.loads(search_path.read_text(encoding="utf-8"))["docs"])
    else:
        problems.append(f"{SEARCH_INDEX} was not written; is the search plugin enabled?")
    for q in questions:
        if exported[q.id] != 1:
            problems.append(f"{q.path}: appears {exported[q.id]} times in {EXPORT_URI} (expected once)")
        if search_path.is_file() and searchable[page_url(q.src_uri)] != 1:
            problems.append(
                f"{q.path}: appears {searchable[page_url(q.src_uri)]} times in the search index (expected once)"
            )
    if sum(exported.values()) != len(questions):
        problems.append(f"{EXPORT_URI} has {sum(exported.values())} records for {len(questions)} questions")
    return problems
