"""The "nothing lost" invariant, checked against the built site on every build.

Every question file must appear exactly once as a page, be linked from its category, topic,
company and difficulty indices, appear once in the export and once in the search index.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter, defaultdict
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from mlq.incremental import Cache
from mlq.searchindex import INDEX_URI, TEXT_URI
from mlq.site import EXPORT_URI, LINKS, Site, dest_path, page_url

# The built pages are MkDocs' own output, so every link is `<a ... href="...">` with a double-quoted value:
# a regex reads them in a fraction of HTMLParser's time (this check runs on every build).
_HREF = re.compile(r'<a\s[^>]*?\bhref="([^"]+)"')


def _resolve(base_dir: str, href: str) -> str | None:
    """The site-relative directory URL ``href`` points to from a page in ``base_dir``; None if off-site."""
    if "://" in href or href.startswith(("//", "mailto:", "#")):
        parts = urlsplit(urljoin(f"http://site/{base_dir}", href))
        return parts.path.lstrip("/").removesuffix("index.html") if parts.netloc == "site" else None
    path = href.split("#", 1)[0].split("?", 1)[0]
    if path.startswith("/"):
        joined = posixpath.normpath(path).lstrip("/")
    else:
        joined = posixpath.normpath(posixpath.join(base_dir, path)) if path else base_dir.rstrip("/")
    joined = "" if joined == "." else joined
    joined = joined.removesuffix("index.html")
    return joined + "/" if joined and not joined.endswith("/") and (path.endswith("/") or not path) else joined


def linked_pages(html: str, url: str) -> Counter[str]:
    """Site-relative directory URLs of the pages linked from a page published at ``url``."""
    found: Counter[str] = Counter()
    # Each distinct href resolved once: a listing repeats the same chip and topic links on every line.
    for href, count in Counter(_HREF.findall(html)).items():
        target = _resolve(url, unescape(href))
        if target is not None:
            found[target] += count
    return found


# Raw TeX in a built page: a formula nothing typeset. Looked for in the article's text, outside code (and the
# plain copy of each notebook cell kept for its copy button), scripts and KaTeX's own MathML annotation (which
# keeps the TeX on purpose, for screen readers and copying).
_NOT_PROSE = re.compile(
    r'<(script|style|pre|code|annotation|textarea)\b.*?</\1>|<div [^>]*class="clipboard-copy-txt"[^>]*>.*?</div>', re.S
)
_ANY_TAG = re.compile(r"<[^>]+>")
_RAW_TEX = re.compile(
    r"\$\$.+?\$\$|\\\(.+?\\\)|\\\[.+?\\\]"
    # `$...$` that reads as math (a command, a script, braces or one letter), not two prices in a sentence.
    # A formula may wrap a line of its paragraph.
    r"|\$(?![\s$])(?:(?:[^$\n]|\n(?![ \t]*\n))*?[\\^_{](?:[^$\n]|\n(?![ \t]*\n))*?|[A-Za-z])(?<!\s)\$",
    re.S,
)
_UNTYPESET = re.compile(r'class="arithmatex"[^>]*>\\[(\[]')


def raw_tex(page_html: str) -> str | None:
    """The first formula left as TeX in a built page's article (or its arithmatex wrapper), else None."""
    article = page_html.split("<article", 1)[-1].split("</article>", 1)[0]
    untypeset = _UNTYPESET.search(article)
    if untypeset:
        return article[untypeset.end() - 2 : untypeset.end() + 60].split("<", 1)[0]
    found = _RAW_TEX.search(unescape(_ANY_TAG.sub(" ", _NOT_PROSE.sub(" ", article))))
    return found.group(0)[:80] if found else None


def check_built_site(site: Site, site_dir: Path, memo: Cache[Any] | None = None) -> list[str]:
    """Problems with the built site. ``memo`` keeps what was read from each page by its text, for the rebuilds
    of one `mkdocs serve` process (most pages are the same as last time)."""
    problems: list[str] = []

    def remembered(kind: str, text: str, url: str, compute: Any) -> Any:
        return compute() if memo is None else memo.remember((kind, url, text), compute)

    # Every page that can hold math: questions (answers, titles), the indices (titles), notebooks (Markdown cells).
    for src_uri in [*site.pages, *site.notebooks_by_src_uri()]:
        path = site_dir / dest_path(src_uri)
        text = path.read_text(encoding="utf-8") if path.is_file() else None
        # A list around the result: the memo stores None for "not found", and a page without raw TeX is common.
        tex = None if text is None else remembered("tex", text, "", lambda text=text: [raw_tex(text)])[0]
        if tex is not None:
            problems.append(f"{site.sources.get(src_uri, src_uri)}: math left as raw TeX on {page_url(src_uri)}: {tex}")
    questions = site.content.questions
    cache: dict[str, Counter[str]] = {}

    def links_of(src_uri: str) -> Counter[str]:
        if src_uri not in cache:
            path = site_dir / dest_path(src_uri)
            if path.is_file():
                text, url = path.read_text(encoding="utf-8"), page_url(src_uri)
                cache[src_uri] = remembered("links", text, url, lambda: linked_pages(text, url))
            else:
                cache[src_uri] = Counter()
        return cache[src_uri]

    urls = [page_url(q.src_uri) for q in questions]  # each question's published URL, for both passes below
    for q, url in zip(questions, urls, strict=True):
        if not (site_dir / dest_path(q.src_uri)).is_file():
            problems.append(f"{q.path}: no page was published at {url}")
        indices = [LINKS.category(q.category), LINKS.difficulty(q.meta.difficulty)]
        indices += [LINKS.topic(t) for t in q.meta.topics]
        indices += [LINKS.company(c.key) for c in q.companies]
        for index in indices:
            if links_of(index)[url] < 1:
                problems.append(f"{q.path}: not listed on the index page {page_url(index)}")

    export_path = site_dir / EXPORT_URI
    exported: Counter[str] = Counter()
    if export_path.is_file():
        exported.update(record["id"] for record in json.loads(export_path.read_text(encoding="utf-8"))["questions"])
    # The search index holds each question once, under its title (index.json) and every phrasing of its front
    # matter (text.json, aligned with index.json by id).
    search_path, text_path = site_dir / INDEX_URI, site_dir / TEXT_URI
    searchable: dict[str, list[dict[str, Any]]] = defaultdict(list)
    phrasings: dict[str, list[str]] = {}
    if search_path.is_file() and text_path.is_file():
        for doc in json.loads(search_path.read_text(encoding="utf-8"))["docs"]:
            searchable[doc["id"]].append(doc)
        text = json.loads(text_path.read_text(encoding="utf-8"))
        phrasings = dict(zip(text["ids"], text["asked"], strict=True))
    else:
        problems.append(f"{INDEX_URI} or {TEXT_URI} was not written")
    for q, url in zip(questions, urls, strict=True):
        if exported[q.id] != 1:
            problems.append(f"{q.path}: appears {exported[q.id]} times in {EXPORT_URI} (expected once)")
        docs = searchable.get(q.id, [])
        if search_path.is_file() and len(docs) != 1:
            problems.append(f"{q.path}: appears {len(docs)} times in the search index (expected once)")
        elif docs:
            doc = docs[0]
            if doc["url"] != url:
                problems.append(f"{q.path}: the search index links {doc['url']}, not {url}")
            if [doc["title"], *phrasings.get(q.id, [])] != [q.title_text, *q.meta.asked_as]:
                problems.append(f"{q.path}: the search index does not hold its title and every asked_as phrasing")
    if sum(exported.values()) != len(questions):
        problems.append(f"{EXPORT_URI} has {sum(exported.values())} records for {len(questions)} questions")
    return problems
