"""The site's search index, written at build time and read by ``docs/assets/javascripts/search.js``.

Two files, so the first results never wait for the answers' text:

- ``search/index.json``: per page, what the first results need: title, topics, category, difficulty, companies
  and address. Small (about 0.2 KB per question) so a phone shows results within a second of typing.
- ``search/text.json``: per page, the other phrasings interviewers use (``asked_as``), the first sentence of the
  30-second answer (shown under each result) and each distinct word of the full answer once. The page loads
  it right after the first file and ranks again with it.

Both list documents in the same order; the browser builds its MiniSearch index from them. Nothing is
tokenised, stemmed or weighted here: the browser does that for documents and queries alike, in one place.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlq.content import Content
from mlq.sections import plain_text

INDEX_URI = "search/index.json"
TEXT_URI = "search/text.json"
SEARCH_PAGE = "search/index.md"
VERSION = 1

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")
_WORD = re.compile(r"[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF]+(?:['’][a-z]+)?")


@dataclass(frozen=True)
class ExtraPage:
    """A hand-written page (the guides) that search should also find."""

    url: str
    title: str
    text: str  # plain text of the page


def first_sentence(text: str, limit: int = 220) -> str:
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


@functools.lru_cache(maxsize=1 << 14)  # `mkdocs serve` rebuilds pass the same (cached) body texts again
def distinct_words(text: str) -> str:
    """Each word of ``text`` once, lower-cased, in order of first appearance."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text):
        seen.setdefault(word.lower(), None)
    return " ".join(seen)


def search_records(content: Content, extra: tuple[ExtraPage, ...] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    """(index, text): the two files' data. Questions first (by id), then notebooks, then other pages."""
    tax = content.taxonomy
    docs: list[dict[str, Any]] = []
    words: list[str] = []
    asked: list[list[str]] = []
    answers: list[str] = []
    for q in content.questions:
        docs.append(
            {
                "id": q.id,
                "url": q.url,
                "title": q.title_text,
                "category": q.category,
                "difficulty": q.meta.difficulty,
                "topics": list(q.meta.topics),
                "companies": [c.key for c in q.companies],
            }
        )
        asked.append(list(q.meta.asked_as))  # plain text: mlq check refuses math in phrasings
        answers.append(first_sentence(q.short_answer))
        words.append(distinct_words(q.body_text))
    for nb in sorted(content.notebooks.values(), key=lambda nb: nb.name):
        docs.append(
            {"id": f"notebook:{nb.name}", "url": f"notebooks/{nb.name}/", "title": nb.title, "kind": "notebook"}
        )
        words.append(distinct_words(nb.summary))
        asked.append([])
        answers.append("")
    for page in extra:
        docs.append({"id": f"page:{page.url}", "url": page.url, "title": page.title, "kind": "guide"})
        words.append(distinct_words(page.text))
        asked.append([])
        answers.append("")
    labels = {
        "categories": {key: tax.categories[key].title for key in tax.ordered_categories()},
        "topics": {key: topic.title for key, topic in sorted(tax.topics.items())},
        "companies": {key: company.title for key, company in sorted(tax.companies.items())},
    }
    index = {"version": VERSION, "labels": labels, "docs": docs}
    text = {"version": VERSION, "ids": [d["id"] for d in docs], "asked": asked, "answers": answers, "words": words}
    return index, text


def render_search_files(content: Content, extra: tuple[ExtraPage, ...] = ()) -> dict[str, str]:
    index, text = search_records(content, extra)
    # Compact separators: these files are fetched by readers' browsers.
    return {
        INDEX_URI: json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n",
        TEXT_URI: json.dumps(text, ensure_ascii=False, separators=(",", ":")) + "\n",
    }


_H1 = re.compile(r"^#\s+(.+?)\s*$", re.M)
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_SNIPPET = re.compile(r"<!--.*?-->|<[^>]+>", re.S)


def guide_pages(root: Path) -> tuple[ExtraPage, ...]:
    """The hand-written guides under ``docs/guides/``, so a search for "how to prepare" finds them."""
    folder = root / "docs" / "guides"
    pages = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        text = _FRONT.sub("", path.read_text(encoding="utf-8"))
        heading = _H1.search(text)
        title = heading.group(1) if heading else path.stem.replace("-", " ").capitalize()
        pages.append(ExtraPage(f"guides/{path.stem}/", title, plain_text(_SNIPPET.sub(" ", text))))
    return tuple(pages)
